import { createHash } from 'node:crypto';
import { isIdentifierValue, type ClientId, type RepresentedParty, type ServiceId } from './identifiers.ts';
import { IDENTIFIERS_NAMESPACE, XROAD_NAMESPACE } from './metadata.ts';
import { HEAD_BYTES, byteOffset, decodeXml, encodeAscii, soapEncoding } from './charset.ts';
import { escapeXml } from './xml.ts';
import { attributeOf, childNamed, readXml, type XmlNode } from './xml-read.ts';

/**
 * X-Road's message protocol v4.0 (PR-MESS): SOAP 1.1 messages whose header carries the X-Road
 * fields (§2.2) — read from a request, copied into a response, the response's `requestHash`
 * computed (§2.2: SHA-512 of the request's bytes, base64) — and SOAP faults (§2.5, Annex D).
 * Also the SOAP forms of the service metadata protocol (PR-META §3, §4): `listMethods`,
 * `allowedMethods` and `getWsdl`, and the operations a WSDL 1.1 document describes.
 */

export const SOAP_ENVELOPE_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';
export const REPRESENTED_PARTY_NAMESPACE = 'http://x-road.eu/xsd/representation.xsd';
export const SOAP_PROTOCOL_VERSION = '4.0';
/** PR-MESS §2.2: `requestHash/@algorithmId`, an XML-DSIG URI; X-Road uses SHA-512. */
export const REQUEST_HASH_ALGORITHM = 'http://www.w3.org/2001/04/xmlenc#sha512';
/** PR-META §3, §4: the SOAP metaservices; never listed as services themselves. */
export const SOAP_METASERVICES = ['listMethods', 'allowedMethods', 'getWsdl'] as const;
export type SoapMetaservice = (typeof SOAP_METASERVICES)[number];
export const isSoapMetaservice = (code: string): code is SoapMetaservice => (SOAP_METASERVICES as readonly string[]).includes(code);
/** PR-META §4: the endpoint address a WSDL served through the metaservice shows. */
export const HIDDEN_ENDPOINT = 'http://example.org/xroad-endpoint';

export interface SoapHeader {
  client: ClientId;
  service: ServiceId & { serviceVersion?: string };
  id: string;
  userId?: string;
  issue?: string;
  protocolVersion: string;
  representedParty?: RepresentedParty;
}

export interface SoapMessage {
  header: SoapHeader;
  /** The body's wrapper element (PR-MESS §2.3, Document/Literal-Wrapped): the operation called. */
  operation: XmlNode;
  envelope: XmlNode;
}

/**
 * Why a request is refused, as the last part of its `Client.*` fault code (X-Road's error codes:
 * InvalidSoap, MissingBody, MissingHeader, MissingHeaderField, DuplicateHeaderField,
 * InvalidProtocolVersion, InvalidClientIdentifier, InvalidServiceIdentifier, InvalidBody).
 */
export type SoapProblem = 'InvalidSoap' | 'MissingBody' | 'MissingHeader' | 'MissingHeaderField' | 'DuplicateHeaderField' | 'InvalidProtocolVersion'
  | 'InvalidClientIdentifier' | 'InvalidServiceIdentifier' | 'InvalidHeaderField' | 'InvalidBody';
export type SoapMessageResult = { ok: true; message: SoapMessage } | { ok: false; problem: SoapProblem; reason: string };

const MESSAGE_ID = /^[\x21-\x7e]{1,200}$/;
const FREE_TEXT = /^[^\x00-\x1f\x7f]{1,1000}$/; // eslint-disable-line no-control-regex

/**
 * `text/xml` (SOAP 1.1) with a charset the gateway reads (PR-MESS §2.6: UTF-8 without one; see
 * charset.ts), or why not.
 */
export function soapContentType(contentType: string | undefined): { ok: true; encoding: string } | { ok: false; reason: string } {
  const type = contentType?.split(';')[0]!.trim().toLowerCase();
  if (type !== 'text/xml') return { ok: false, reason: 'A SOAP 1.1 message is sent as text/xml (or multipart/related with a text/xml root part, PR-MESS §2.4)' };
  const encoding = soapEncoding(contentType!);
  return encoding.ok ? encoding : { ok: false, reason: encoding.reason };
}
export const isSoapContentType = (contentType: string | undefined): boolean => soapContentType(contentType).ok;

const text = (node: XmlNode | undefined): string | undefined => node?.text.trim();

const problemOf = (kind: 'client' | 'service'): SoapProblem => (kind === 'client' ? 'InvalidClientIdentifier' : 'InvalidServiceIdentifier');

function identifier(node: XmlNode, kind: 'client' | 'service'): { ok: true; id: ServiceId & { serviceVersion?: string } | ClientId } | { ok: false; problem: SoapProblem; reason: string } {
  const part = (local: string) => text(childNamed(node, IDENTIFIERS_NAMESPACE, local));
  const objectType = attributeOf(node, IDENTIFIERS_NAMESPACE, 'objectType');
  const instance = part('xRoadInstance');
  const memberClass = part('memberClass');
  const memberCode = part('memberCode');
  const subsystemCode = part('subsystemCode');
  const serviceCode = part('serviceCode');
  const serviceVersion = part('serviceVersion');
  const allowed = kind === 'client' ? ['MEMBER', 'SUBSYSTEM'] : ['SERVICE'];
  if (!objectType || !allowed.includes(objectType)) return { ok: false, problem: problemOf(kind), reason: `xrd:${kind} needs id:objectType ${allowed.join(' or ')}` };
  const parts = [instance, memberClass, memberCode, ...(kind === 'service' ? [serviceCode] : [])];
  if (parts.some((p) => p === undefined || !isIdentifierValue(p))) {
    return { ok: false, problem: problemOf(kind), reason: `xrd:${kind} needs id:xRoadInstance, id:memberClass, id:memberCode${kind === 'service' ? ', id:serviceCode' : ''} of A-Z a-z 0-9 '()+,-.=?` };
  }
  for (const optional of [subsystemCode, serviceVersion]) if (optional !== undefined && !isIdentifierValue(optional)) return { ok: false, problem: problemOf(kind), reason: `An identifier part of xrd:${kind} has characters outside A-Z a-z 0-9 '()+,-.=?` };
  if (objectType === 'SUBSYSTEM' && subsystemCode === undefined) return { ok: false, problem: problemOf(kind), reason: 'A SUBSYSTEM client needs id:subsystemCode' };
  if (objectType === 'MEMBER' && subsystemCode !== undefined) return { ok: false, problem: problemOf(kind), reason: 'A MEMBER client has no id:subsystemCode' };
  if (kind === 'client') return { ok: true, id: { instance: instance!, memberClass: memberClass!, memberCode: memberCode!, ...(subsystemCode === undefined ? {} : { subsystemCode }) } };
  if (subsystemCode === undefined) return { ok: false, problem: problemOf(kind), reason: 'xrd:service must name the provider subsystem (id:subsystemCode)' };
  return { ok: true, id: { instance: instance!, memberClass: memberClass!, memberCode: memberCode!, subsystemCode, serviceCode: serviceCode!, ...(serviceVersion === undefined ? {} : { serviceVersion }) } };
}

/**
 * Reads an X-Road SOAP request (PR-MESS §2.2, §2.3) up to the body's wrapper start tag (all of it
 * with `wholeBody`): a SOAP 1.1 envelope with a header holding
 * `client`, `service`, `id` and `protocolVersion` 4.x (mandatory for a request), optionally
 * `userId`, `issue` and `representedParty`, and a body with exactly one wrapper element.
 * A failure is the client's protocol error.
 */
export function readSoapMessage(body: Buffer | string, options: { wholeBody?: boolean; encoding?: string } = {}): SoapMessageResult {
  // The header and the wrapper's start tag decide everything; the rest is read only when asked (metaservices).
  const read = typeof body === 'string' ? { ok: true as const, parsed: readXml(body, options.wholeBody ? {} : { stopAt: bodyWrapper }) }
    : readHead(body, options.encoding ?? 'utf-8', !options.wholeBody);
  if (!read.ok) return { ok: false, problem: 'InvalidSoap', reason: `Malformed SOAP message: ${read.reason}` };
  const { parsed } = read;
  if (!parsed.ok) return { ok: false, problem: 'InvalidSoap', reason: `Malformed SOAP message: ${parsed.reason}` };
  const envelope = parsed.root;
  if (envelope.ns !== SOAP_ENVELOPE_NAMESPACE || envelope.local !== 'Envelope') return { ok: false, problem: 'InvalidSoap', reason: 'Malformed SOAP message: the root is not a SOAP 1.1 Envelope' };
  const headerNode = childNamed(envelope, SOAP_ENVELOPE_NAMESPACE, 'Header');
  const bodyNode = childNamed(envelope, SOAP_ENVELOPE_NAMESPACE, 'Body');
  if (!bodyNode) return { ok: false, problem: 'MissingBody', reason: 'Malformed SOAP message: body missing' };
  if (!headerNode) return { ok: false, problem: 'MissingHeader', reason: 'Malformed SOAP message: header missing' };
  const field = (local: string) => {
    const found = headerNode.children.filter((c) => c.ns === XROAD_NAMESPACE && c.local === local);
    return found.length > 1 ? null : found[0];
  };
  for (const local of ['client', 'service', 'id', 'userId', 'issue', 'protocolVersion']) if (field(local) === null) return { ok: false, problem: 'DuplicateHeaderField', reason: `Duplicate header field xrd:${local}` };
  const clientNode = field('client');
  const serviceNode = field('service');
  if (!clientNode) return { ok: false, problem: 'MissingHeaderField', reason: 'Header field xrd:client is missing' };
  if (!serviceNode) return { ok: false, problem: 'MissingHeaderField', reason: 'Header field xrd:service is missing (mandatory in a request)' };
  const client = identifier(clientNode, 'client');
  if (!client.ok) return client;
  const service = identifier(serviceNode, 'service');
  if (!service.ok) return service;
  const id = text(field('id') ?? undefined);
  if (!id || !MESSAGE_ID.test(id)) return { ok: false, problem: 'MissingHeaderField', reason: 'Header field xrd:id is missing or not 1 to 200 visible ASCII characters' };
  const protocolVersion = text(field('protocolVersion') ?? undefined);
  if (!protocolVersion) return { ok: false, problem: 'MissingHeaderField', reason: 'Header field xrd:protocolVersion is missing' };
  // PR-MESS §2.2: the value MUST be 4.0; protocols with the same major version are compatible.
  if (!/^4\.(?:\d+|x)$/.test(protocolVersion)) return { ok: false, problem: 'InvalidProtocolVersion', reason: `Unsupported X-Road protocol version ${protocolVersion.slice(0, 20)}; this server speaks ${SOAP_PROTOCOL_VERSION}` };
  const header: SoapHeader = { client: client.id, service: service.id as SoapHeader['service'], id, protocolVersion };
  for (const local of ['userId', 'issue'] as const) {
    const value = text(field(local) ?? undefined);
    if (value === undefined) continue;
    if (!FREE_TEXT.test(value)) return { ok: false, problem: 'InvalidHeaderField', reason: `Header field xrd:${local} must be 1 to 1000 characters without control characters` };
    header[local] = value;
  }
  const party = childNamed(headerNode, REPRESENTED_PARTY_NAMESPACE, 'representedParty');
  if (party) {
    const partyCode = text(childNamed(party, REPRESENTED_PARTY_NAMESPACE, 'partyCode'));
    const partyClass = text(childNamed(party, REPRESENTED_PARTY_NAMESPACE, 'partyClass'));
    if (!partyCode || !isIdentifierValue(partyCode) || (partyClass !== undefined && !isIdentifierValue(partyClass))) return { ok: false, problem: 'InvalidHeaderField', reason: 'repr:representedParty needs repr:partyCode (and optionally repr:partyClass) of identifier characters' };
    header.representedParty = { memberCode: partyCode, ...(partyClass === undefined ? {} : { memberClass: partyClass }) };
  }
  const wrappers = bodyNode.children;
  if (wrappers.length !== 1) return { ok: false, problem: 'InvalidBody', reason: 'Malformed SOAP message: the body must hold exactly one wrapper element (Document/Literal-Wrapped)' };
  return { ok: true, message: { header, operation: wrappers[0]!, envelope } };
}

/** The body's wrapper element: a child of the envelope's Body. */
const bodyWrapper = (_node: XmlNode, parents: readonly XmlNode[]): boolean =>
  parents.length === 2 && parents[1]!.ns === SOAP_ENVELOPE_NAMESPACE && parents[1]!.local === 'Body' && parents[0]!.ns === SOAP_ENVELOPE_NAMESPACE;

type HeadRead = { ok: true; text: string; encoding: string; parsed: ReturnType<typeof readXml> } | { ok: false; reason: string };

/**
 * A message's bytes decoded and read — up to the body's wrapper start tag with `head`: then only
 * its first {@link HEAD_BYTES} are decoded while the header and the wrapper are in them, so a large
 * body costs neither its decoding nor its reading (the rest is the provider's to read).
 */
function readHead(bytes: Buffer, encoding: string, head: boolean): HeadRead {
  if (head && bytes.length > HEAD_BYTES) {
    const start = decodeXml(bytes, encoding, HEAD_BYTES);
    const parsed = start.ok ? readXml(start.text, { stopAt: bodyWrapper }) : undefined;
    if (start.ok && parsed?.ok && parsed.stopped) return { ok: true, text: start.text, encoding: start.encoding, parsed };
  }
  const decoded = decodeXml(bytes, encoding);
  if (!decoded.ok) return decoded;
  return { ok: true, text: decoded.text, encoding: decoded.encoding, parsed: readXml(decoded.text, head ? { stopAt: bodyWrapper } : {}) };
}

/** PR-MESS §2.2: base64 SHA-512 of the request's bytes as received. */
export const soapRequestHash = (request: Uint8Array): string => createHash('sha512').update(request).digest('base64');

const identifierXml = (prefix: string, id: ClientId & { serviceCode?: string; serviceVersion?: string }, objectType: string): string => {
  const part = (local: string, value: string | undefined) => (value === undefined ? '' : `<id:${local}>${escapeXml(value)}</id:${local}>`);
  return `<${prefix} id:objectType="${objectType}">${part('xRoadInstance', id.instance)}${part('memberClass', id.memberClass)}${part('memberCode', id.memberCode)}`
    + `${part('subsystemCode', id.subsystemCode)}${part('serviceCode', id.serviceCode)}${part('serviceVersion', id.serviceVersion)}</${prefix}>`;
};

const xrdField = (local: string, value: string | undefined) => (value === undefined ? '' : `<xrd:${local}>${escapeXml(value)}</xrd:${local}>`);

/** The header fields of a response built here (PR-MESS §2.2: the request's fields, same order, plus `requestHash`). */
export function soapHeaderXml(header: SoapHeader, requestHash?: string): string {
  const party = header.representedParty
    ? `<repr:representedParty xmlns:repr="${REPRESENTED_PARTY_NAMESPACE}">${header.representedParty.memberClass === undefined ? '' : `<repr:partyClass>${escapeXml(header.representedParty.memberClass)}</repr:partyClass>`}<repr:partyCode>${escapeXml(header.representedParty.memberCode)}</repr:partyCode></repr:representedParty>`
    : '';
  return identifierXml('xrd:client', header.client, header.client.subsystemCode === undefined ? 'MEMBER' : 'SUBSYSTEM')
    + identifierXml('xrd:service', header.service, 'SERVICE')
    + xrdField('id', header.id) + xrdField('userId', header.userId) + xrdField('issue', header.issue) + xrdField('protocolVersion', header.protocolVersion)
    + party
    + (requestHash === undefined ? '' : `<xrd:requestHash algorithmId="${REQUEST_HASH_ALGORITHM}">${requestHash}</xrd:requestHash>`);
}

/** A whole X-Road SOAP message: the header (with `requestHash` for a response) and the body's XML as given. */
export function soapEnvelope(header: SoapHeader, bodyXml: string, requestHash?: string): string {
  return '<?xml version="1.0" encoding="UTF-8"?>'
    + `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENVELOPE_NAMESPACE}" xmlns:xrd="${XROAD_NAMESPACE}" xmlns:id="${IDENTIFIERS_NAMESPACE}">`
    + `<SOAP-ENV:Header>${soapHeaderXml(header, requestHash)}</SOAP-ENV:Header><SOAP-ENV:Body>${bodyXml}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

export interface SoapFault {
  /** X-Road's fault code (`Server.ClientProxy.*`, `Server.ServerProxy.*`, `Client.*`; PR-MESS Annex D.1). */
  code: string;
  message: string;
  /** PR-MESS Annex D.1: `faultDetail`, an id of this occurrence to find it in the logs. */
  detail: string;
}

/** PR-MESS §2.5, Annex D.1: a SOAP 1.1 Fault, always answered with HTTP 500 (SOAP 1.1 §6.2). */
export function soapFaultXml(fault: SoapFault): string {
  return '<?xml version="1.0" encoding="UTF-8"?>'
    + `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENVELOPE_NAMESPACE}"><SOAP-ENV:Body><SOAP-ENV:Fault>`
    + `<faultcode>${escapeXml(fault.code)}</faultcode><faultstring>${escapeXml(fault.message)}</faultstring><faultactor></faultactor>`
    + `<detail><faultDetail xmlns="">${escapeXml(fault.detail)}</faultDetail></detail>`
    + '</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>';
}
export const SOAP_FAULT_STATUS = 500;
export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** The fault code and string of a SOAP Fault message, or undefined when the message is no fault. */
export function readSoapFault(envelope: XmlNode): { code: string; message: string } | undefined {
  const fault = childNamed(childNamed(envelope, SOAP_ENVELOPE_NAMESPACE, 'Body') ?? envelope, SOAP_ENVELOPE_NAMESPACE, 'Fault');
  if (!fault) return undefined;
  const part = (local: string) => fault.children.find((c) => c.local === local)?.text.trim() ?? '';
  return { code: part('faultcode'), message: part('faultstring') };
}

export type SoapResponseResult = {
  ok: true; body: Buffer; fault?: { code: string; message: string };
  /** The local name of the body's wrapper element (PR-MESS §2.3: `{operation}Response` for an answer). */
  wrapper?: string;
} | { ok: false; reason: string };

/**
 * The provider's answer as the client receives it (PR-MESS §2.2): a SOAP envelope whose header's
 * `requestHash` — any the provider sent ignored — is the one computed here, spliced in without
 * rewriting the rest of the message. A fault without a header is passed as it is. Anything else is
 * the provider's failure.
 */
export function withRequestHash(response: Buffer, requestHash: string, encoding = 'utf-8'): SoapResponseResult {
  let decoded = readHead(response, encoding, true);
  if (!decoded.ok) return { ok: false, reason: `The provider's answer cannot be read: ${decoded.reason}` };
  // A fault is small: read it whole for its code.
  const { parsed: head } = decoded;
  if (head.ok && childNamed(childNamed(head.root, SOAP_ENVELOPE_NAMESPACE, 'Body') ?? head.root, SOAP_ENVELOPE_NAMESPACE, 'Fault')) {
    decoded = readHead(response, encoding, false);
    if (!decoded.ok) return { ok: false, reason: `The provider's answer cannot be read: ${decoded.reason}` };
  }
  const { text: source, parsed } = decoded;
  if (!parsed.ok) return { ok: false, reason: `The provider's answer is not well-formed XML: ${parsed.reason}` };
  const envelope = parsed.root;
  if (envelope.ns !== SOAP_ENVELOPE_NAMESPACE || envelope.local !== 'Envelope') return { ok: false, reason: "The provider's answer is not a SOAP 1.1 envelope" };
  const fault = readSoapFault(envelope);
  const wrapper = childNamed(envelope, SOAP_ENVELOPE_NAMESPACE, 'Body')?.children[0]?.local;
  const header = childNamed(envelope, SOAP_ENVELOPE_NAMESPACE, 'Header');
  if (!header) {
    if (fault) return { ok: true, body: response, fault, ...(wrapper ? { wrapper } : {}) };
    return { ok: false, reason: "The provider's answer has no SOAP header (PR-MESS §2.2: it copies the request's header fields)" };
  }
  // Spliced in bytes, at the parser's offsets mapped to bytes: everything else stays the provider's, byte for byte.
  const at = (offset: number) => byteOffset(source, offset, decoded.encoding);
  const own = `<xrd:requestHash xmlns:xrd="${XROAD_NAMESPACE}" algorithmId="${REQUEST_HASH_ALGORITHM}">${requestHash}</xrd:requestHash>`;
  const ascii = (text: string) => encodeAscii(text, decoded.encoding);
  const ownBytes = ascii(own);
  const cuts: { from: number; to: number; insert?: Buffer }[] = [];
  if (header.innerEnd === header.end) {
    // An empty `<Header/>` (its tag ends with `/>`): give it content and an end tag of its own name, in the message's bytes.
    const name = response.subarray(at(header.start + 1), at(header.start + 1 + header.name.length));
    cuts.push({ from: header.end - 2, to: header.end, insert: Buffer.concat([ascii('>'), ownBytes, ascii('</'), name, ascii('>')]) });
  } else {
    for (const node of header.children) if (node.ns === XROAD_NAMESPACE && node.local === 'requestHash') cuts.push({ from: node.start, to: node.end });
    cuts.push({ from: header.innerEnd, to: header.innerEnd, insert: ownBytes });
  }
  const pieces: Buffer[] = [];
  let done = 0;
  for (const cut of cuts) {
    pieces.push(response.subarray(done, at(cut.from)));
    if (cut.insert) pieces.push(cut.insert);
    done = at(cut.to);
  }
  pieces.push(response.subarray(done));
  return { ok: true, body: Buffer.concat(pieces), ...(fault ? { fault } : {}), ...(wrapper ? { wrapper } : {}) };
}

/** PR-META §3, Annex C.3/C.5: `listMethodsResponse` / `allowedMethodsResponse`, one `xrd:service` per service. */
export function methodListXml(metaservice: 'listMethods' | 'allowedMethods', services: readonly ServiceId[]): string {
  const listed = services.filter((s) => !isSoapMetaservice(s.serviceCode));
  return `<xrd:${metaservice}Response>${listed.map((s) => identifierXml('xrd:service', s, 'SERVICE')).join('')}</xrd:${metaservice}Response>`;
}

/** PR-META §4: the `getWsdl` request body's `serviceCode` (mandatory) and `serviceVersion`. */
export function getWsdlRequest(operation: XmlNode): { serviceCode: string; serviceVersion?: string } | undefined {
  const serviceCode = text(operation.children.find((c) => c.local === 'serviceCode'));
  const serviceVersion = text(operation.children.find((c) => c.local === 'serviceVersion'));
  if (!serviceCode) return undefined;
  return { serviceCode, ...(serviceVersion ? { serviceVersion } : {}) };
}

export const WSDL_NAMESPACE = 'http://schemas.xmlsoap.org/wsdl/';
const SOAP_BINDING_NAMESPACES = new Set(['http://schemas.xmlsoap.org/wsdl/soap/', 'http://schemas.xmlsoap.org/wsdl/soap12/']);

export interface WsdlDescription {
  /** The operations of the document's port types, in document order, without duplicates. */
  operations: string[];
  /** `definitions/@name`, for people. */
  name: string;
}

export type WsdlResult = { ok: true; wsdl: WsdlDescription } | { ok: false; reason: string };

/** Reads a WSDL 1.1 document (PR-MESS §3.2): its operations, from `portType`s. Strict XML, no DTD. */
export function describeWsdl(source: string): WsdlResult {
  const parsed = readXml(source);
  if (!parsed.ok) return { ok: false, reason: `The WSDL is not well-formed XML: ${parsed.reason}` };
  const root = parsed.root;
  if (root.ns !== WSDL_NAMESPACE || root.local !== 'definitions') return { ok: false, reason: 'The document is not a WSDL 1.1 wsdl:definitions' };
  const operations: string[] = [];
  for (const portType of root.children.filter((c) => c.ns === WSDL_NAMESPACE && c.local === 'portType')) {
    for (const operation of portType.children.filter((c) => c.ns === WSDL_NAMESPACE && c.local === 'operation')) {
      const name = attributeOf(operation, '', 'name');
      if (name && !operations.includes(name)) operations.push(name);
    }
  }
  if (operations.length === 0) return { ok: false, reason: 'The WSDL describes no operation' };
  return { ok: true, wsdl: { operations, name: attributeOf(root, '', 'name') ?? '' } };
}

/** PR-META §4 "WSDL-information modifications": every SOAP address location becomes {@link HIDDEN_ENDPOINT}. */
export function hideWsdlEndpoints(source: string): string {
  const parsed = readXml(source);
  if (!parsed.ok) return source;
  const addresses: XmlNode[] = [];
  const walk = (node: XmlNode) => {
    if (SOAP_BINDING_NAMESPACES.has(node.ns) && node.local === 'address') addresses.push(node);
    node.children.forEach(walk);
  };
  walk(parsed.root);
  let out = source;
  for (const node of addresses.reverse()) {
    const tag = out.slice(node.start, node.innerStart);
    const replaced = tag.replace(/(\slocation\s*=\s*)(["'])[^"']*\2/, `$1"${HIDDEN_ENDPOINT}"`);
    out = `${out.slice(0, node.start)}${replaced}${out.slice(node.innerStart)}`;
  }
  return out;
}

/** The provider's address of a WSDL (its first `soap:address/@location`), if any. */
export function wsdlAddress(source: string): string | undefined {
  const parsed = readXml(source);
  if (!parsed.ok) return undefined;
  let found: string | undefined;
  const walk = (node: XmlNode) => {
    if (found === undefined && SOAP_BINDING_NAMESPACES.has(node.ns) && node.local === 'address') found = attributeOf(node, '', 'location');
    node.children.forEach(walk);
  };
  walk(parsed.root);
  return found;
}
