import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';

/**
 * SOAP envelopes and WSDL documents read with saxes (decision 0046): a conformant XML 1.0 +
 * Namespaces parser, here building a small tree with the offsets of each element in the source
 * text so that a message can be changed without being rewritten. On top of saxes it refuses what
 * an attacker would use and a SOAP message never needs (SOAP 1.1 §3: no DTD): any DOCTYPE (saxes
 * never expands its entities, and references to any entity but the five predefined ones are its
 * errors), more than `maxDepth` levels (64) or `maxElements` elements (1,000,000; the message size
 * limit bounds them first). The first error ends the reading.
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
  /**
   * Offsets in the source string (UTF-16 code units, as `String.prototype.slice` counts): `<` of
   * the start tag, after its `>`, `<` of the end tag, after the end tag's `>` (inner = end for an
   * empty element). For bytes, see `byteOffset` in charset.ts.
   */
  start: number;
  innerStart: number;
  innerEnd: number;
  end: number;
}

export type XmlReadResult = {
  ok: true; root: XmlNode;
  /** Read up to `stopAt`'s element only. */
  stopped?: true;
} | { ok: false; reason: string };

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

const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
export const DOCTYPE_REFUSED = 'DOCTYPE and entity declarations are not accepted';

class XmlError extends Error {}
class Stop extends Error {}

/** saxes' own words, made plain where our callers (and their tests) rely on a reason. */
function reasonOf(message: string): string {
  const plain = message.replace(/^\S*?\d+:\d+: /, '');
  if (/^undefined entity/.test(plain)) return `Entity references other than the predefined ones are not accepted (${plain})`;
  return plain;
}

/** Parses a whole document; a leading byte-order mark and XML declaration are allowed, a DTD never. */
export function readXml(source: string, limits: XmlReadLimits = {}): XmlReadResult {
  const maxDepth = limits.maxDepth ?? 64;
  const maxElements = limits.maxElements ?? 1_000_000;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let elements = 0;
  let start = 0;

  parser.on('error', (error) => {
    throw new XmlError(reasonOf(error.message));
  });
  parser.on('doctype', () => {
    throw new XmlError(DOCTYPE_REFUSED);
  });
  parser.on('opentagstart', () => {
    if (++elements > maxElements) throw new XmlError(`More than ${maxElements} elements`);
    if (stack.length >= maxDepth) throw new XmlError(`Elements nested deeper than ${maxDepth}`);
    // saxes reports the position after the name (and one more character): the `<` is the last before it.
    start = source.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const innerStart = parser.position;
    const node: XmlNode = {
      name: tag.name, local: tag.local, ns: tag.uri,
      attributes: Object.values(tag.attributes as Record<string, SaxesAttributeNS>)
        .filter((a) => a.uri !== XMLNS_NAMESPACE)
        .map((a) => ({ name: a.name, local: a.local, ns: a.uri, value: a.value })),
      children: [], text: '', start, innerStart, innerEnd: innerStart, end: innerStart,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root = node;
    if (limits.stopAt?.(node, stack)) {
      for (const open of tag.isSelfClosing ? stack : [...stack, node]) open.innerEnd = open.end = source.length;
      throw new Stop();
    }
    stack.push(node);
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    const node = stack.pop()!;
    if (tag.isSelfClosing) return;
    node.end = parser.position;
    node.innerEnd = source.lastIndexOf('<', node.end - 1);
  });
  const addText = (text: string) => {
    const open = stack[stack.length - 1];
    if (open) open.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  try {
    parser.write(source).close();
    if (!root) return { ok: false, reason: 'No root element' };
    return { ok: true, root };
  } catch (error) {
    if (error instanceof Stop) return { ok: true, root: root!, stopped: true };
    if (error instanceof XmlError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** The children of an element with this namespace and local name. */
export const childrenNamed = (node: XmlNode, ns: string, local: string): XmlNode[] => node.children.filter((c) => c.ns === ns && c.local === local);
export const childNamed = (node: XmlNode, ns: string, local: string): XmlNode | undefined => node.children.find((c) => c.ns === ns && c.local === local);
export const attributeOf = (node: XmlNode, ns: string, local: string): string | undefined => node.attributes.find((a) => a.ns === ns && a.local === local)?.value;
