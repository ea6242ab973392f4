import type { ClientId, ServiceId } from './identifiers.ts';
import { IDENTIFIERS_NAMESPACE, XROAD_NAMESPACE } from './metadata.ts';
import { SOAP_ENVELOPE_NAMESPACE } from './soap.ts';
import { escapeXml } from './xml.ts';
import { readXml, type XmlNode } from './xml-read.ts';

/**
 * A SOAP message passed on to another X-Road hop under other identifiers (PR-MESS §2.2): a
 * provincial gateway that forwards a consumer's message to the national exchange as its own
 * client, and hands the answer back as the consumer's. Only the header's `xrd:client` and
 * `xrd:service` elements are replaced, at the reader's offsets; every other byte (the other
 * header fields, the body) is kept as it came — the message is never re-serialised.
 */

export interface SoapIdentifiers {
  client: ClientId;
  service: ServiceId & { serviceVersion?: string };
}

export type RewrittenSoap = { ok: true; body: Buffer } | { ok: false; reason: string };

const readUpToBody = (node: XmlNode, parents: readonly XmlNode[]): boolean =>
  parents.length === 2 && parents[1]!.ns === SOAP_ENVELOPE_NAMESPACE && parents[1]!.local === 'Body';

/** An identifier element that declares the namespaces it uses itself, whatever prefixes the message has in scope. */
function identifierElement(local: 'client' | 'service', id: ClientId & { serviceCode?: string; serviceVersion?: string }): string {
  const objectType = local === 'service' ? 'SERVICE' : id.subsystemCode === undefined ? 'MEMBER' : 'SUBSYSTEM';
  const parts: [string, string | undefined][] = [
    ['xRoadInstance', id.instance], ['memberClass', id.memberClass], ['memberCode', id.memberCode], ['subsystemCode', id.subsystemCode],
    ['serviceCode', id.serviceCode], ['serviceVersion', id.serviceVersion],
  ];
  const inner = parts.filter((p): p is [string, string] => p[1] !== undefined).map(([name, value]) => `<xid:${name}>${escapeXml(value)}</xid:${name}>`).join('');
  return `<xrd:${local} xmlns:xrd="${XROAD_NAMESPACE}" xmlns:xid="${IDENTIFIERS_NAMESPACE}" xid:objectType="${objectType}">${inner}</xrd:${local}>`;
}

/**
 * The message with its header's `xrd:client` and `xrd:service` replaced by `ids` (each present
 * field once; a missing one is left missing). A SOAP fault without a header passes unchanged.
 */
export function withSoapIdentifiers(message: Buffer, ids: SoapIdentifiers): RewrittenSoap {
  const source = message.toString('utf8');
  const parsed = readXml(source, { stopAt: readUpToBody });
  if (!parsed.ok) return { ok: false, reason: `Not well-formed XML: ${parsed.reason}` };
  const envelope = parsed.root;
  if (envelope.ns !== SOAP_ENVELOPE_NAMESPACE || envelope.local !== 'Envelope') return { ok: false, reason: 'Not a SOAP 1.1 envelope' };
  const header = envelope.children.find((c) => c.ns === SOAP_ENVELOPE_NAMESPACE && c.local === 'Header');
  if (!header) return { ok: true, body: message };
  const replaced = header.children
    .filter((c) => c.ns === XROAD_NAMESPACE && (c.local === 'client' || c.local === 'service'))
    .map((node) => ({ node, xml: identifierElement(node.local as 'client' | 'service', node.local === 'client' ? ids.client : ids.service) }))
    .sort((a, b) => b.node.start - a.node.start);
  let out = source;
  for (const { node, xml } of replaced) out = `${out.slice(0, node.start)}${xml}${out.slice(node.end)}`;
  return { ok: true, body: Buffer.from(out, 'utf8') };
}
