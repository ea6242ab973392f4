/**
 * A small, strict XML reader for SOAP envelopes and WSDL documents (decision 0044): elements,
 * attributes, namespaces, text and CDATA, with the offsets of each element in the source text so
 * that a message can be changed without being rewritten. It refuses what an attacker would use
 * and a SOAP message never needs (SOAP 1.1 §3: no DTD): any `<!DOCTYPE`/`<!ENTITY` (XXE, entity
 * expansion), references to entities other than the five predefined ones and character
 * references, more than `maxDepth` levels (64) or `maxElements` elements (1,000,000; the message
 * size limit bounds them first). No XML library is a
 * dependency of the project; this reads well-formed documents and rejects the rest.
 */

export interface XmlNode {
  /** The qualified name as written (`SOAP-ENV:Body`). */
  name: string;
  local: string;
  /** The namespace URI the prefix (or the default namespace) resolves to; `''` for none. */
  ns: string;
  attributes: { name: string; local: string; ns: string; value: string }[];
  children: XmlNode[];
  /** The element's own text (text and CDATA directly inside it), entities resolved. */
  text: string;
  /** Offsets in the source text: `<` of the start tag, after its `>`, `<` of the end tag, after the end tag's `>` (inner = end for an empty element). */
  start: number;
  innerStart: number;
  innerEnd: number;
  end: number;
}

export type XmlReadResult = { ok: true; root: XmlNode } | { ok: false; reason: string };

export interface XmlReadLimits {
  maxDepth?: number;
  maxElements?: number;
  /**
   * Stop reading once this start tag is read (its parent chain given, root first): the result has
   * the elements read so far, unclosed ones ending at the end of the source. For a SOAP message
   * the header and the body's wrapper start tag are all the gateway needs; what follows is the
   * provider's to read (a DTD can only come before the root, so it is refused all the same).
   */
  stopAt?: (node: XmlNode, parents: readonly XmlNode[]) => boolean;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const NAME = /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?$/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const TAG_NAME = /[^\s/>]+/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(["'])/y;
const ROOT_SCOPE: ReadonlyMap<string, string> = new Map([['xml', XML_NS]]);
const isSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

class XmlError extends Error {}

function decodeText(raw: string): string {
  return raw.replace(/&([^;&<\s]{0,12});?/g, (match, ref: string) => {
    if (!match.endsWith(';')) throw new XmlError('A bare & must be written &amp;');
    if (ref in PREDEFINED) return PREDEFINED[ref]!;
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(ref) ? Number.parseInt(ref.slice(2), 16) : /^#[0-9]{1,7}$/.test(ref) ? Number.parseInt(ref.slice(1), 10) : undefined;
    if (code === undefined) throw new XmlError(`Entity references other than the predefined ones are not accepted (&${ref.slice(0, 20)};)`);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new XmlError('A character reference names no XML character');
    return String.fromCodePoint(code);
  });
}

const split = (qname: string): [string, string] => {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
};

/** Parses a whole document; a leading byte-order mark and XML declaration are allowed, a DTD never. */
export function readXml(source: string, limits: XmlReadLimits = {}): XmlReadResult {
  const maxDepth = limits.maxDepth ?? 64;
  const maxElements = limits.maxElements ?? 1_000_000;
  let pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  let elements = 0;
  let root: XmlNode | undefined;
  const stack: { node: XmlNode; scope: ReadonlyMap<string, string> }[] = [];

  const fail = (reason: string): never => {
    throw new XmlError(reason);
  };
  const expectNotAfterRoot = () => {
    if (root && stack.length === 0) fail('Only one root element is allowed');
  };

  try {
    while (pos < source.length) {
      const lt = source.indexOf('<', pos);
      const textEnd = lt < 0 ? source.length : lt;
      if (textEnd > pos) {
        const raw = source.slice(pos, textEnd);
        if (stack.length === 0) {
          if (raw.trim() !== '') fail('Text outside the root element');
        } else {
          if (raw.includes(']]>')) fail(']]> is not allowed in text');
          stack[stack.length - 1]!.node.text += decodeText(raw);
        }
        pos = textEnd;
        continue;
      }
      if (source.startsWith('<!--', pos)) {
        const close = source.indexOf('-->', pos + 4);
        if (close < 0) fail('Unterminated comment');
        pos = close + 3;
        continue;
      }
      if (source.startsWith('<![CDATA[', pos)) {
        if (stack.length === 0) fail('CDATA outside the root element');
        const close = source.indexOf(']]>', pos + 9);
        if (close < 0) fail('Unterminated CDATA section');
        stack[stack.length - 1]!.node.text += source.slice(pos + 9, close);
        pos = close + 3;
        continue;
      }
      if (source.startsWith('<!', pos)) fail('DOCTYPE and entity declarations are not accepted');
      if (source.startsWith('<?', pos)) {
        const close = source.indexOf('?>', pos + 2);
        if (close < 0) fail('Unterminated processing instruction');
        const target = /^<\?([^\s?]+)/.exec(source.slice(pos, close + 2))?.[1] ?? '';
        if (target.toLowerCase() === 'xml' && (pos > 1 || (pos === 1 && source.charCodeAt(0) !== 0xfeff))) fail('The XML declaration must come first');
        pos = close + 2;
        continue;
      }
      if (source.startsWith('</', pos)) {
        const close = source.indexOf('>', pos);
        if (close < 0) fail('Unterminated end tag');
        const name = source.slice(pos + 2, close).trim();
        const open = stack.pop();
        if (!open || open.node.name !== name) fail(`End tag </${name.slice(0, 50)}> does not match`);
        open!.node.innerEnd = pos;
        open!.node.end = close + 1;
        pos = close + 1;
        continue;
      }
      // A start tag: read its name and attributes up to an unquoted `>`.
      expectNotAfterRoot();
      if (++elements > maxElements) fail(`More than ${maxElements} elements`);
      if (stack.length >= maxDepth) fail(`Elements nested deeper than ${maxDepth}`);
      const start = pos;
      let i = pos + 1;
      TAG_NAME.lastIndex = i;
      const nameMatch = TAG_NAME.exec(source);
      if (!nameMatch || !NAME.test(nameMatch[0])) fail('Malformed start tag');
      const name = nameMatch![0];
      i += name.length;
      const rawAttributes: [string, string][] = [];
      let selfClosing = false;
      for (;;) {
        while (i < source.length && isSpace(source.charCodeAt(i))) i++;
        if (i >= source.length) fail('Unterminated start tag');
        if (source.charCodeAt(i) === 0x3e) { i++; break; }
        if (source.startsWith('/>', i)) { i += 2; selfClosing = true; break; }
        ATTRIBUTE.lastIndex = i;
        const attribute = ATTRIBUTE.exec(source);
        if (!attribute || !NAME.test(attribute[1]!)) fail('Malformed attribute');
        const quote = attribute![2]!;
        const valueStart = i + attribute![0].length;
        const valueEnd = source.indexOf(quote, valueStart);
        if (valueEnd < 0) fail('Unterminated attribute value');
        const raw = source.slice(valueStart, valueEnd);
        if (raw.includes('<')) fail('< is not allowed in an attribute value');
        if (rawAttributes.some(([n]) => n === attribute![1])) fail(`Duplicate attribute ${attribute![1]}`);
        rawAttributes.push([attribute![1]!, decodeText(raw).replace(/[\t\n\r]/g, ' ')]);
        i = valueEnd + 1;
        if (i < source.length && !(isSpace(source.charCodeAt(i)) || source.charCodeAt(i) === 0x2f || source.charCodeAt(i) === 0x3e)) fail('Attributes must be separated by white space');
      }
      // A new namespace scope only where an element declares one.
      const parentScope = stack.length > 0 ? stack[stack.length - 1]!.scope : ROOT_SCOPE;
      const declares = rawAttributes.some(([n]) => n === 'xmlns' || n.startsWith('xmlns:'));
      let scope = parentScope;
      if (declares) {
        const own = new Map(parentScope);
        for (const [attrName, value] of rawAttributes) {
          if (attrName === 'xmlns') own.set('', value);
          else if (attrName.startsWith('xmlns:')) own.set(attrName.slice(6), value);
        }
        scope = own;
      }
      const resolve = (prefix: string, isElement: boolean): string => {
        if (prefix === '') return isElement ? (scope.get('') ?? '') : '';
        const ns = scope.get(prefix);
        if (ns === undefined || ns === '') fail(`Undeclared namespace prefix ${prefix}`);
        return ns!;
      };
      const [prefix, local] = split(name);
      const node: XmlNode = {
        name, local, ns: resolve(prefix, true),
        attributes: rawAttributes.filter(([n]) => n !== 'xmlns' && !n.startsWith('xmlns:')).map(([n, value]) => {
          const [p, l] = split(n);
          return { name: n, local: l, ns: resolve(p, false), value };
        }),
        children: [], text: '', start, innerStart: i, innerEnd: i, end: i,
      };
      if (stack.length > 0) stack[stack.length - 1]!.node.children.push(node);
      else root = node;
      if (limits.stopAt?.(node, stack.map((entry) => entry.node))) {
        for (const entry of [...stack, ...(selfClosing ? [] : [{ node }])]) entry.node.innerEnd = entry.node.end = source.length;
        return { ok: true, root: root! };
      }
      if (!selfClosing) stack.push({ node, scope });
      pos = i;
    }
    if (stack.length > 0) fail(`Element <${stack[stack.length - 1]!.node.name.slice(0, 50)}> is not closed`);
    if (!root) fail('No root element');
    return { ok: true, root: root! };
  } catch (error) {
    if (error instanceof XmlError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** The children of an element with this namespace and local name. */
export const childrenNamed = (node: XmlNode, ns: string, local: string): XmlNode[] => node.children.filter((c) => c.ns === ns && c.local === local);
export const childNamed = (node: XmlNode, ns: string, local: string): XmlNode | undefined => node.children.find((c) => c.ns === ns && c.local === local);
export const attributeOf = (node: XmlNode, ns: string, local: string): string | undefined => node.attributes.find((a) => a.ns === ns && a.local === local)?.value;
