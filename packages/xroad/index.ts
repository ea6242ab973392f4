// The X-Road message protocol for REST (PR-REST 1.0.4) and the service metadata protocol
// (PR-META, PR-MREST) as pure functions plus small Fastify helpers: one implementation for
// every X-Road speaker in the project (the NDXP sandbox now, the LGSP gateway later).
export {
  MAX_IDENTIFIER_LENGTH, decodeIdentifierPart, encodeIdentifierPart, formatClientId, formatMemberId, formatRepresentedParty,
  formatServiceId, isIdentifierValue, parseClientId, parseRepresentedParty, parseSecurityServerId, parseServiceId, providerOf, sameClient,
  type ClientId, type MemberId, type RepresentedParty, type SecurityServerId, type ServiceId, type SubsystemId,
} from './identifiers.ts';
export {
  MAX_REQUEST_TARGET_LENGTH, PROTOCOL_VERSION, parseMessageTarget, providerUrl, unsafeServicePath,
  type MessageTarget, type MessageTargetResult,
} from './message.ts';
export {
  FILTERED_HEADERS, XROAD_HEADER, headerPairs, isMessageId, lastHeader, readMessageHeaders, relayableHeaders, responseHeaders,
  type HeaderPair, type MessageHeaders, type MessageHeadersResult, type ResponseIds,
} from './headers.ts';
export { requestHash, restHeaderPart, type RestRequestHead } from './request-hash.ts';
export { XROAD_FAULT_TYPES, faultMediaType, faultStatus, renderFault, type RenderedFault, type XroadFault, type XroadFaultType } from './faults.ts';
export {
  IDENTIFIERS_NAMESPACE, REST_METASERVICES, XROAD_NAMESPACE, endpointsFromOpenApi, isRestMetaservice, listClientsJson, listClientsMediaType,
  listClientsXml, methodListJson, openApiServerPath, type Endpoint, type ListedClient, type ListedService, type RestMetaservice,
} from './metadata.ts';
export { escapeXml, writeXmlDocument, type XmlElement } from './xml.ts';
export { clientListResponse, messageFaultResponses, providerAnswerResponse, requestHeaderPairs, sendFault, xroadFaultResponse, xroadFaultSchema, xroadRequestHeaderProperties } from './fastify.ts';
export { openMessage, providerMessageHeaders, type OpenedMessage } from './exchange.ts';
export { IDEMPOTENT_METHODS, callProvider, type ProviderCall, type ProviderResult } from './relay.ts';
export {
  HIDDEN_ENDPOINT, REPRESENTED_PARTY_NAMESPACE, REQUEST_HASH_ALGORITHM, SOAP_CONTENT_TYPE, SOAP_ENVELOPE_NAMESPACE, SOAP_FAULT_STATUS, SOAP_METASERVICES,
  SOAP_PROTOCOL_VERSION, WSDL_NAMESPACE, describeWsdl, getWsdlRequest, hideWsdlEndpoints, isSoapContentType, soapContentType, isSoapMetaservice, methodListXml,
  readSoapFault, readSoapMessage, soapEnvelope, soapFaultXml, soapHeaderXml, soapRequestHash, withRequestHash, wsdlAddress,
  type SoapFault, type SoapHeader, type SoapMessage, type SoapMessageResult, type SoapMetaservice, type SoapProblem, type SoapResponseResult, type WsdlDescription, type WsdlResult,
} from './soap.ts';
export { answerWithRequestHash, soapPartOf, type SoapPart, type SoapPartResult } from './soap-part.ts';
export { MULTIPART_RELATED, isMultipartRelated, readMultipartRelated, type MimePart, type MultipartMessage, type MultipartResult } from './multipart.ts';
export { decodeXml, mediaTypeParameter, soapEncoding } from './charset.ts';
export { attributeOf, childNamed, readXml, type XmlNode, type XmlReadLimits, type XmlReadResult } from './xml-read.ts';
export { withSoapIdentifiers, type RewrittenSoap, type SoapIdentifiers } from './soap-forward.ts';
