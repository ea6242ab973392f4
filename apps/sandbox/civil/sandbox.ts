import type { FastifyInstance } from 'fastify';
import { SOAP_CONTENT_TYPE, escapeXml, readSoapMessage, soapEnvelope, soapFaultXml } from '../../../packages/xroad/index.ts';
import type { CitizenDirectory } from '../citizens/generator.ts';
import type { Sandbox, SandboxFactory } from '../sandbox.ts';

/**
 * Civil-status sandbox (hộ tịch): a provincial information system served over SOAP, as many
 * older systems are — the provider LGSP relays X-Road SOAP messages (PR-MESS 4.0) to. Its WSDL
 * (`/civil/service.wsdl`) describes two operations: `getBirthRecord` (the birth record of a
 * personal id number, from the synthetic population) and `echo`. Like an X-Road provider it
 * answers with the request's header fields copied (PR-MESS §2.2), the body wrapped as
 * `{operation}Response`, and SOAP faults for what it cannot do. No credential: a provider is
 * reached only through the gateway.
 */

export const CIVIL_NAMESPACE = 'urn:sen:sandbox:civil';
export const CIVIL_OPERATIONS = ['getBirthRecord', 'echo'] as const;
const MAX_BODY_BYTES = 1024 * 1024;

export function civilWsdl(address: string): string {
  const element = (name: string, fields: string[]) => `<xsd:element name="${name}"><xsd:complexType><xsd:sequence>${fields.map((f) => `<xsd:element name="${f}" type="xsd:string" minOccurs="0"/>`).join('')}</xsd:sequence></xsd:complexType></xsd:element>`;
  const messages = CIVIL_OPERATIONS.flatMap((op) => [op, `${op}Response`]).map((m) => `<wsdl:message name="${m}"><wsdl:part name="body" element="tns:${m}"/></wsdl:message>`).join('');
  const xrdHeaders = ['client', 'service', 'id', 'userId', 'issue', 'protocolVersion'].map((h) => `<soap:header message="tns:requestheader" part="${h}" use="literal"/>`).join('');
  const operation = (op: string, soapBinding: boolean) => soapBinding
    ? `<wsdl:operation name="${op}"><soap:operation soapAction="" style="document"/><xrd:version>v1</xrd:version><wsdl:input><soap:body use="literal"/>${xrdHeaders}</wsdl:input><wsdl:output><soap:body use="literal"/>${xrdHeaders}</wsdl:output></wsdl:operation>`
    : `<wsdl:operation name="${op}"><wsdl:input message="tns:${op}"/><wsdl:output message="tns:${op}Response"/></wsdl:operation>`;
  return '<?xml version="1.0" encoding="UTF-8"?>'
    + `<wsdl:definitions name="civil" targetNamespace="${CIVIL_NAMESPACE}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" `
    + `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" xmlns:tns="${CIVIL_NAMESPACE}">`
    + `<wsdl:types><xsd:schema targetNamespace="${CIVIL_NAMESPACE}" elementFormDefault="qualified"><xsd:import namespace="http://x-road.eu/xsd/xroad.xsd" schemaLocation="http://x-road.eu/xsd/xroad.xsd"/>`
    + element('getBirthRecord', ['personalId']) + element('getBirthRecordResponse', ['personalId', 'fullName', 'dateOfBirth', 'sex', 'birthRegistrationProvinceCode'])
    + element('echo', ['text']) + element('echoResponse', ['text'])
    + '</xsd:schema></wsdl:types>'
    + messages
    + '<wsdl:message name="requestheader"><wsdl:part name="client" element="xrd:client"/><wsdl:part name="service" element="xrd:service"/><wsdl:part name="id" element="xrd:id"/>'
    + '<wsdl:part name="userId" element="xrd:userId"/><wsdl:part name="issue" element="xrd:issue"/><wsdl:part name="protocolVersion" element="xrd:protocolVersion"/></wsdl:message>'
    + `<wsdl:portType name="civilPortType">${CIVIL_OPERATIONS.map((op) => operation(op, false)).join('')}</wsdl:portType>`
    + `<wsdl:binding name="civilBinding" type="tns:civilPortType"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>${CIVIL_OPERATIONS.map((op) => operation(op, true)).join('')}</wsdl:binding>`
    + `<wsdl:service name="civilService"><wsdl:port binding="tns:civilBinding" name="civilPort"><soap:address location="${escapeXml(address)}"/></wsdl:port></wsdl:service>`
    + '</wsdl:definitions>';
}

export function civilSoapSandbox(): SandboxFactory {
  return (context) => createCivilSandbox(context.citizens);
}

function createCivilSandbox(directory: CitizenDirectory): Sandbox {
  let address = 'http://localhost/civil/soap';
  return {
    name: 'civil',
    title: 'Hộ tịch (SOAP)',
    titleEn: 'Civil status (a SOAP provider behind LGSP)',
    description: 'A provincial system served over SOAP: getBirthRecord and echo, described by its WSDL; X-Road SOAP headers copied into the answer.',
    links: [{ label: 'WSDL', path: '/service.wsdl' }],
    async start(baseUrl) {
      address = `${baseUrl}/soap`;
    },
    async register(app: FastifyInstance) {
      app.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));
      app.get('/service.wsdl', { schema: { summary: 'The WSDL 1.1 document of the civil-status service', tags: ['civil'], response: { 200: { type: 'string' } } } },
        async (_request, reply) => reply.type(SOAP_CONTENT_TYPE).send(civilWsdl(address)));
      app.post('/soap', {
        schema: { summary: 'An X-Road SOAP message (PR-MESS 4.0): getBirthRecord or echo', tags: ['civil'], response: { 200: { type: 'string' }, 500: { type: 'string' } } },
      }, async (request, reply) => {
        const answerFault = (code: string, message: string) => reply.code(500).type(SOAP_CONTENT_TYPE).send(soapFaultXml({ code, message, detail: request.id }));
        const read = readSoapMessage(typeof request.body === 'string' ? request.body : '', { wholeBody: true });
        if (!read.ok) return answerFault('Client.InvalidSoap', read.reason);
        const { header, operation } = read.message;
        const field = (local: string) => operation.children.find((c) => c.local === local)?.text.trim();
        const respond = (fields: Record<string, string>) => reply.type(SOAP_CONTENT_TYPE).send(soapEnvelope(header,
          `<civil:${operation.local}Response xmlns:civil="${CIVIL_NAMESPACE}">${Object.entries(fields).map(([k, v]) => `<civil:${k}>${escapeXml(v)}</civil:${k}>`).join('')}</civil:${operation.local}Response>`));
        if (operation.ns !== CIVIL_NAMESPACE) return answerFault('Client.UnknownOperation', `Unknown operation ${operation.name.slice(0, 100)}`);
        if (operation.local === 'echo') return respond({ text: field('text') ?? '' });
        if (operation.local === 'getBirthRecord') {
          const personalId = field('personalId') ?? '';
          const citizen = /^\d{12}$/.test(personalId) ? directory.byId(personalId) : undefined;
          if (!citizen) return answerFault('Client.NotFound', 'No birth record for that personal id number');
          return respond({
            personalId: citizen.personalId, fullName: citizen.fullName, dateOfBirth: citizen.dateOfBirth, sex: citizen.sex,
            birthRegistrationProvinceCode: citizen.birthRegistrationProvinceCode,
          });
        }
        return answerFault('Client.UnknownOperation', `Unknown operation ${operation.local.slice(0, 100)}`);
      });
    },
  };
}
