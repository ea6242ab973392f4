import type { SampleLanguage } from './openapi.ts';

/**
 * A SOAP service's documentation read from its stored WSDL 1.1 document in the browser
 * (DOMParser; the server already refused DTDs when it registered it): each operation of the
 * port types with its input and output elements (the schema's fields one level down), the
 * binding's SOAPAction. Request examples are X-Road SOAP messages (PR-MESS
 * 4.0) to the gateway's SOAP entry, `{origin}/lgsp/soap` (decision 0047).
 */

const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const XSD = 'http://www.w3.org/2001/XMLSchema';
const SOAP_BINDINGS = new Set(['http://schemas.xmlsoap.org/wsdl/soap/', 'http://schemas.xmlsoap.org/wsdl/soap12/']);

export interface WsdlField {
  name: string;
  type: string;
  required: boolean;
}

export interface WsdlElement {
  name: string;
  namespace: string;
  fields: WsdlField[];
}

export interface WsdlOperation {
  name: string;
  documentation: string;
  soapAction: string;
  input: WsdlElement | null;
  output: WsdlElement | null;
}

const children = (node: Element, ns: string, local: string) => [...node.children].filter((c) => c.namespaceURI === ns && c.localName === local);

/** A QName attribute's (`tns:echo`) namespace and local name, resolved where it is written. */
function qname(node: Element, attribute: string): { namespace: string; local: string } | null {
  const value = node.getAttribute(attribute);
  if (!value) return null;
  const [prefix, local] = value.includes(':') ? value.split(':', 2) as [string, string] : [null, value];
  return { namespace: node.lookupNamespaceURI(prefix) ?? '', local };
}

function elementOf(root: Element, message: { namespace: string; local: string } | null): WsdlElement | null {
  if (!message) return null;
  const part = children(root, WSDL, 'message').find((m) => m.getAttribute('name') === message.local)?.children[0];
  const name = part && qname(part, 'element');
  if (!name) return null;
  const schemas = children(root, WSDL, 'types').flatMap((types) => children(types, XSD, 'schema')).filter((s) => (s.getAttribute('targetNamespace') ?? '') === name.namespace);
  const declared = schemas.flatMap((s) => children(s, XSD, 'element')).find((e) => e.getAttribute('name') === name.local);
  const fields = declared ? [...declared.getElementsByTagNameNS(XSD, 'element')].map((field) => ({
    name: field.getAttribute('name') ?? field.getAttribute('ref') ?? '?', type: field.getAttribute('type') ?? '—', required: field.getAttribute('minOccurs') !== '0',
  })) : [];
  return { name: name.local, namespace: name.namespace, fields };
}

/** The operations of a WSDL 1.1 document; an empty list for anything else. */
export function wsdlOperations(text: string | undefined): WsdlOperation[] {
  if (!text) return [];
  const root = new DOMParser().parseFromString(text, 'application/xml').documentElement;
  if (root.namespaceURI !== WSDL || root.localName !== 'definitions') return [];
  const bound = new Map<string, Element>();
  for (const binding of children(root, WSDL, 'binding')) for (const op of children(binding, WSDL, 'operation')) bound.set(op.getAttribute('name') ?? '', op);
  const seen = new Set<string>();
  return children(root, WSDL, 'portType').flatMap((portType) => children(portType, WSDL, 'operation')).flatMap((op) => {
    const name = op.getAttribute('name') ?? '';
    if (!name || seen.has(name)) return [];
    seen.add(name);
    const binding = bound.get(name);
    const soapOperation = binding && [...binding.children].find((c) => SOAP_BINDINGS.has(c.namespaceURI ?? '') && c.localName === 'operation');
    const input = children(op, WSDL, 'input')[0];
    const output = children(op, WSDL, 'output')[0];
    return [{
      name, documentation: children(op, WSDL, 'documentation')[0]?.textContent?.trim() ?? '',
      soapAction: soapOperation?.getAttribute('soapAction') ?? '',
      input: input ? elementOf(root, qname(input, 'message')) : null, output: output ? elementOf(root, qname(output, 'message')) : null,
    }];
  });
}

/** The body element a caller fills in: the operation's input element with its fields, namespace declared. */
export function bodySkeleton(operation: WsdlOperation): string {
  const element = operation.input ?? { name: operation.name, namespace: '', fields: [] };
  const open = element.namespace ? `<m:${element.name} xmlns:m="${element.namespace}">` : `<${element.name}>`;
  const tag = (name: string) => (element.namespace ? `m:${name}` : name);
  const fields = element.fields.map((f) => `  <${tag(f.name)}>?</${tag(f.name)}>`);
  return fields.length === 0 ? `${open}</${tag(element.name)}>` : [open, ...fields, `</${tag(element.name)}>`].join('\n');
}

export interface SoapSampleInput {
  origin: string;
  /** The provider's service id without version: `VN/GOV/000.00.00.H19/HOTICH/civil`. */
  serviceId: string;
  /** The consumer subsystem's X-Road id (`xrd:client`). */
  client: string;
  operation: WsdlOperation;
}

const identifier = (tag: string, objectType: string, id: string) => {
  const names = ['xRoadInstance', 'memberClass', 'memberCode', 'subsystemCode', 'serviceCode'];
  const parts = id.split('/').map((value, index) => `      <id:${names[index]}>${value}</id:${names[index]}>`);
  return [`    <xrd:${tag} id:objectType="${objectType}">`, ...parts, `    </xrd:${tag}>`].join('\n');
};

/**
 * A complete SOAP 1.1 envelope with the X-Road header (PR-MESS §2.2) around the operation's body
 * skeleton; without `id:serviceVersion`, which follows the current version (`v{n}` pins one).
 */
export function soapEnvelopeSample(input: SoapSampleInput): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"',
    '    xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" xmlns:id="http://x-road.eu/xsd/identifiers">',
    '  <SOAP-ENV:Header>',
    identifier('client', 'SUBSYSTEM', input.client),
    identifier('service', 'SERVICE', input.serviceId),
    '    <xrd:id>00000000-0000-4000-8000-000000000001</xrd:id>',
    '    <xrd:userId>VN-CAN-BO-001</xrd:userId>',
    '    <xrd:protocolVersion>4.0</xrd:protocolVersion>',
    '  </SOAP-ENV:Header>',
    '  <SOAP-ENV:Body>',
    bodySkeleton(input.operation).split('\n').map((line) => `    ${line}`).join('\n'),
    '  </SOAP-ENV:Body>',
    '</SOAP-ENV:Envelope>',
  ].join('\n');
}

export const soapGatewayUrl = (origin: string) => `${origin.replace(/\/+$/, '')}/lgsp/soap`;

const quoteC = (value: string) => JSON.stringify(value);
const soapActionHeader = (operation: WsdlOperation) => `"${operation.soapAction}"`;

/** A SOAP call through the gateway in one of the REST page's four languages; the token as for REST (client credentials, resource …/lgsp, scope lgsp). */
export function soapRequestSample(language: SampleLanguage, input: SoapSampleInput): string {
  const url = soapGatewayUrl(input.origin);
  const envelope = soapEnvelopeSample(input);
  const action = soapActionHeader(input.operation);
  switch (language) {
    case 'curl':
      return [
        `curl -X POST '${url}' \\`,
        '  -H "Authorization: Bearer $TOKEN" \\',
        "  -H 'Content-Type: text/xml; charset=utf-8' \\",
        `  -H 'SOAPAction: ${action}' \\`,
        "  --data-binary @- <<'XML'",
        envelope,
        'XML',
      ].join('\n');
    case 'typescript':
      return [
        `const envelope = \`${envelope.replace(/[`$\\]/g, '\\$&')}\`;`,
        `const response = await fetch(${quoteC(url)}, {`,
        "  method: 'POST',",
        `  headers: { Authorization: \`Bearer \${token}\`, 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: ${quoteC(action)} },`,
        '  body: envelope,',
        '});',
        'console.log(response.status, await response.text()); // a SOAP fault comes with HTTP 500',
      ].join('\n');
    case 'java':
      return [
        `String envelope = """\n${envelope.replace(/\\/g, '\\\\')}\n""";`,
        'HttpRequest request = HttpRequest.newBuilder()',
        `    .uri(URI.create(${quoteC(url)}))`,
        '    .header("Authorization", "Bearer " + token)',
        '    .header("Content-Type", "text/xml; charset=utf-8")',
        `    .header("SOAPAction", ${quoteC(action)})`,
        '    .POST(HttpRequest.BodyPublishers.ofString(envelope))',
        '    .build();',
        'HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());',
        'System.out.println(response.statusCode() + " " + response.body());',
      ].join('\n');
    case 'csharp':
      return [
        `var envelope = @"${envelope.replace(/"/g, '""')}";`,
        'using var client = new HttpClient();',
        `using var request = new HttpRequestMessage(HttpMethod.Post, ${quoteC(url)});`,
        'request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);',
        `request.Headers.Add("SOAPAction", ${quoteC(action)});`,
        'request.Content = new StringContent(envelope, System.Text.Encoding.UTF8, "text/xml");',
        'using var response = await client.SendAsync(request);',
        'Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");',
      ].join('\n');
  }
}
