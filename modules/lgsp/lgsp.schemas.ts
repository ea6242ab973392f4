import { Type } from 'typebox';
import { SERVICE_STATUSES } from './lgsp.types.ts';

export const TAGS = ['lgsp'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Identifier = Type.String({ minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9'()+,\\-.=?]+$", description: "X-Road identifier characters A-Z a-z 0-9 '()+,-.=?" });
const Name = Type.String({ minLength: 1, maxLength: 300 });
const HttpUrl = Type.String({ minLength: 8, maxLength: 2000, description: 'http(s) URL' });
const Status = Type.Union([Type.Literal(SERVICE_STATUSES[0]), Type.Literal(SERVICE_STATUSES[1]), Type.Literal(SERVICE_STATUSES[2]), Type.Literal(SERVICE_STATUSES[3])]);
const BodyLoggingMode = Type.Union([Type.Literal('full'), Type.Literal('metadata'), Type.Literal('off')], { description: 'What the message log keeps of the bodies: full (encrypted at rest), metadata (their hashes), off (neither)' });
const Method = Type.String({ minLength: 3, maxLength: 7, description: 'HTTP method; any when absent' });
const PathPattern = Type.String({ minLength: 1, maxLength: 500, description: 'Path relative to the service: `*` one segment, a final `**` any rest' });
const Expiry = Type.String({ format: 'date-time', description: 'Until when (UTC); none: no expiry' });
const OpenApiDocument = Type.Union([
  Type.Object({}, { additionalProperties: true }),
  Type.String({ minLength: 1, maxLength: 2 * 1024 * 1024 }),
], { description: 'An OpenAPI 3 document: as JSON, or its text (JSON or YAML)' });
const ServiceKind = Type.Union([Type.Literal('rest'), Type.Literal('soap')], { description: 'rest: PR-REST, described by OpenAPI 3; soap: PR-MESS (SOAP 1.1), described by WSDL 1.1 whose operations are its endpoints POST /{operation}' });
const WsdlText = Type.String({ minLength: 1, maxLength: 2 * 1024 * 1024, description: 'A WSDL 1.1 document (XML text; no DTD)' });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
const EndpointSchema = Type.Object({ method: Type.String(), path: Type.String() });
const DiffSchema = Type.Object({ added: Type.Array(EndpointSchema), removed: Type.Array(EndpointSchema) });

export const MemberSchema = Type.Object({
  id: Type.String(), xroadId: Type.String(), instance: Type.String(), memberClass: Type.String(), memberCode: Type.String(), agencyId: Type.String(), name: Type.String(),
}, { $id: 'LgspMember' });
export const SubsystemSchema = Type.Object({
  id: Type.String(), memberId: Type.String(), xroadId: Type.String(), code: Type.String(), name: Type.String(), clientId: Nullable(Type.String()),
}, { $id: 'LgspSubsystem' });
export const SubsystemCertificateSchema = Type.Object({
  id: Type.String(), subsystemId: Type.String(), fingerprint: Type.String({ description: 'SHA-256 of the DER certificate, lowercase hex' }), subject: Type.String(), issuer: Type.String(),
  serialNumber: Type.String(), notBefore: Type.String(), notAfter: Type.String(), registeredBy: Type.String(), createdAt: Type.String(),
}, { $id: 'LgspSubsystemCertificate' });
export const NewCertificateBody = Type.Object({
  certificatePem: Type.String({ minLength: 100, maxLength: 20_000, description: 'The client certificate (PEM) the CA issued for the subsystem (profile tls-client); no private key' }),
}, { additionalProperties: false, $id: 'LgspNewSubsystemCertificate' });
export const CertificateParams = Type.Object({ id: Uuid, certificateId: Uuid }, { additionalProperties: false });
export const ServiceSchema = Type.Object({
  id: Type.String(), subsystemId: Type.String(), xroadId: Type.String(), code: Type.String(), name: Type.String(),
  baseUrl: Type.Optional(Type.String({ description: "The provider's address: only for the LGSP's administrators of the provider's agency (others call it through the gateway)" })),
  openApiUrl: Nullable(Type.String({ description: 'Where the description is read from: null for readers who do not administer the provider' })), kind: ServiceKind, wsdlUrl: Nullable(Type.String()), nationalService: Nullable(Type.String()), status: Status, version: Type.Integer(), timeoutMs: Type.Integer(), bodyLogging: BodyLoggingMode,
  sandbox: Type.Boolean({ description: 'A sandbox / test provider: the developer portal\'s "try it" console may call it' }),
  validateRequests: Type.Boolean({ description: 'The gateway validates requests against the current OpenAPI document; an invalid one is refused (Client.BadRequest) before the provider' }),
  validateResponses: Type.Boolean({ description: "The gateway validates the provider's answers against the current OpenAPI document; a non-conforming one is withheld (Server.ServerProxy.ServiceFailed)" }),
  endpoints: Type.Array(EndpointSchema),
}, { $id: 'LgspService' });
export const RefreshResultSchema = Type.Object({ changed: Type.Boolean(), diff: DiffSchema, service: ServiceSchema }, { $id: 'LgspRefreshResult' });
export const VersionSchema = Type.Object({
  version: Type.Integer(), label: Type.String(), endpoints: Type.Array(EndpointSchema), diff: DiffSchema, createdAt: Type.String(),
}, { $id: 'LgspServiceVersion' });
export const GroupSchema = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), subsystemIds: Type.Array(Type.String()) }, { $id: 'LgspGroup' });
export const RightSchema = Type.Object({
  id: Type.String(), serviceId: Type.String(), subsystemId: Nullable(Type.String()), groupId: Nullable(Type.String()), method: Nullable(Type.String()),
  pathPattern: Nullable(Type.String()), expiresAt: Nullable(Type.String()), grantedBy: Type.String(), createdAt: Type.String(),
}, { $id: 'LgspAccessRight' });
export const AccessRequestSchema = Type.Object({
  id: Type.String(), serviceId: Type.String(), subsystemId: Type.String(), method: Nullable(Type.String()), pathPattern: Nullable(Type.String()),
  expiresAt: Nullable(Type.String()), reason: Type.String(), status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('refused')]),
  requestedBy: Type.String(), decidedBy: Nullable(Type.String()), decisionNote: Nullable(Type.String()), decidedAt: Nullable(Type.String()),
  accessRightId: Nullable(Type.String()), createdAt: Type.String(),
}, { $id: 'LgspAccessRequest' });

export const NewMemberBody = Type.Object({ agencyCode: Type.String({ minLength: 1, maxLength: 100 }), memberClass: Identifier }, { additionalProperties: false, $id: 'LgspNewMember' });
export const NewSubsystemBody = Type.Object({
  code: Identifier, name: Name, clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Service client (identity module) that authenticates this subsystem at the gateway' })),
}, { additionalProperties: false, $id: 'LgspNewSubsystem' });
const NationalService = Type.String({
  minLength: 9, maxLength: 600, description: 'A national service: its NDXP service id `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE`; LGSP forwards to it through NDXP (then no baseUrl)',
});
export const NewServiceBody = Type.Object({
  code: Identifier, name: Name, baseUrl: Type.Optional(HttpUrl), nationalService: Type.Optional(NationalService), openApiUrl: Type.Optional(HttpUrl), openApi: Type.Optional(OpenApiDocument),
  kind: Type.Optional(ServiceKind), wsdlUrl: Type.Optional(HttpUrl), wsdl: Type.Optional(WsdlText),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000 })),
}, { additionalProperties: false, $id: 'LgspNewService' });
export const RefreshBody = Type.Object({
  openApiUrl: Type.Optional(HttpUrl), openApi: Type.Optional(OpenApiDocument), wsdlUrl: Type.Optional(HttpUrl), wsdl: Type.Optional(WsdlText),
}, { additionalProperties: false, $id: 'LgspRefresh' });
export const StatusBody = Type.Object({ status: Status }, { additionalProperties: false, $id: 'LgspStatusChange' });
export const ServiceListQuery = Type.Object({ status: Type.Optional(Status) }, { additionalProperties: false });
export const NewGroupBody = Type.Object({ code: Identifier, name: Name }, { additionalProperties: false, $id: 'LgspNewGroup' });
export const GroupMemberBody = Type.Object({ subsystemId: Uuid }, { additionalProperties: false, $id: 'LgspGroupMember' });
export const GrantBody = Type.Object({
  subsystemId: Type.Optional(Uuid), groupId: Type.Optional(Uuid), method: Type.Optional(Method), pathPattern: Type.Optional(PathPattern), expiresAt: Type.Optional(Expiry),
}, { additionalProperties: false, $id: 'LgspGrant' });
export const AccessRequestBody = Type.Object({
  serviceId: Uuid, subsystemId: Uuid, method: Type.Optional(Method), pathPattern: Type.Optional(PathPattern), expiresAt: Type.Optional(Expiry),
  reason: Type.String({ minLength: 1, maxLength: 2000 }),
}, { additionalProperties: false, $id: 'LgspNewAccessRequest' });
export const VapexChoiceBody = Type.Object({
  publish: Type.Boolean({ description: 'true: publish on V-APEX while the service is published here, and keep it in step; false: withdraw it' }),
}, { additionalProperties: false, $id: 'LgspVapexChoice' });
export const VapexPublicationSchema = Type.Object({
  serviceId: Type.String(), wanted: Type.Boolean(), vapexId: Nullable(Type.String()), syncedVersion: Nullable(Type.Integer()), published: Type.Boolean(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('synced'), Type.Literal('failed')]), lastError: Nullable(Type.String()), requestedBy: Type.String(), updatedAt: Type.String(),
}, { $id: 'LgspVapexPublication' });
export const VapexSubscriptionSchema = Type.Object({
  id: Type.String({ description: 'The subscription\'s id on V-APEX' }), organisationCode: Type.String(), xroadClient: Nullable(Type.String({ description: 'The subscriber system\'s X-Road client id, as V-APEX shows it' })),
  subsystemId: Nullable(Type.String()), accessRequestId: Nullable(Type.String({ description: 'The access request made for it (decided like any other)' })),
  status: Type.Union([Type.Literal('active'), Type.Literal('cancelled'), Type.Literal('unmapped')]), problem: Nullable(Type.String({ description: 'Why it could not be mapped to a subsystem' })),
  createdAt: Type.String(), updatedAt: Type.String(),
}, { $id: 'LgspVapexSubscription' });
export const DecisionBody = Type.Object({ approve: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false, $id: 'LgspDecision' });

export const BodyLoggingBody = Type.Object({ mode: BodyLoggingMode }, { additionalProperties: false, $id: 'LgspBodyLoggingChange' });

const Purpose = Type.String({ minLength: 5, maxLength: 500, description: 'Why (recorded in the audit trail)' });
export const MessageIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });
export const EvidenceQuery = Type.Object({
  purpose: Purpose,
  bodies: Type.Optional(Type.Boolean({ description: 'Decrypt and include the bodies (services logging in full)' })),
}, { additionalProperties: false, $id: 'LgspEvidenceQuery' });

const Hex = Type.String({ pattern: '^[0-9a-f]{64}$' });
export const EvidencePackageSchema = Type.Object({
  format: Type.Literal('sen-lgsp-evidence/1'),
  exportedAt: Type.String(),
  record: Type.Object({
    seq: Type.Integer(), at: Type.String(), messageId: Type.String(), requestId: Type.String(), client: Nullable(Type.String()), service: Nullable(Type.String()),
    method: Type.String(), path: Type.String(), status: Type.Integer(), fault: Nullable(Type.String()), durationMs: Type.Number(), providerMs: Nullable(Type.Number()),
    requestHash: Type.String(), purpose: Nullable(Type.String()), userId: Nullable(Type.String()), requestBodyHash: Nullable(Type.String()), responseBodyHash: Nullable(Type.String()),
    prevHash: Type.String(), hash: Type.String(),
  }),
  bodies: Nullable(Type.Object({ request: Nullable(Type.String()), response: Nullable(Type.String()) })),
  chain: Type.Array(Type.Object({ seq: Type.Integer(), digest: Hex, hash: Hex })),
  seal: Type.Object({ seq: Type.Integer(), hash: Type.String(), sealedAt: Type.String(), signature: Type.String(), certificates: Type.Array(Type.String()), timeStampToken: Type.String() }),
}, { $id: 'LgspEvidencePackage', description: 'Verify offline with `npx node apps/server/main.ts lgsp:verify-evidence <file>` (decision 0032)' });

export const MonitoringQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
}, { additionalProperties: false, $id: 'LgspMonitoringQuery' });

export const ServiceHealthSchema = Type.Object({
  service: Type.String(),
  successCount: Type.Integer(), failureCount: Type.Integer(),
  lastSuccessTs: Nullable(Type.String()), lastFailureTs: Nullable(Type.String()),
  durationMinMs: Type.Number(), durationAvgMs: Type.Number(), durationMaxMs: Type.Number(), durationP95Ms: Type.Number(),
}, { $id: 'LgspServiceHealth' });

export const OperationalRecordSchema = Type.Object({
  monitoringDataTs: Type.String(), securityServerType: Type.String(), requestInTs: Type.String(), requestOutTs: Nullable(Type.String()),
  responseInTs: Nullable(Type.String()), responseOutTs: Type.String(),
  clientXRoadInstance: Nullable(Type.String()), clientMemberClass: Nullable(Type.String()), clientMemberCode: Nullable(Type.String()), clientSubsystemCode: Nullable(Type.String()),
  serviceXRoadInstance: Nullable(Type.String()), serviceMemberClass: Nullable(Type.String()), serviceMemberCode: Nullable(Type.String()), serviceSubsystemCode: Nullable(Type.String()),
  serviceCode: Nullable(Type.String()), serviceVersion: Nullable(Type.String()), messageId: Type.String(), messageUserId: Nullable(Type.String()), messageIssue: Nullable(Type.String()),
  messageProtocolVersion: Nullable(Type.String()), restMethod: Type.String(), restPath: Type.String(), requestSize: Type.Integer(), responseSize: Nullable(Type.Integer()),
  requestAttachmentCount: Nullable(Type.Integer()), requestMimeSize: Nullable(Type.Integer()), responseAttachmentCount: Nullable(Type.Integer()), responseMimeSize: Nullable(Type.Integer()),
  succeeded: Type.Boolean(), faultCode: Nullable(Type.String()), faultString: Nullable(Type.String()), statusCode: Type.Integer(), serviceType: Type.String(),
}, { $id: 'LgspOperationalRecord', description: "X-Road operational monitoring (PR-OPMON) fields of one request" });

export const SandboxBody = Type.Object({
  sandbox: Type.Boolean({ description: 'true: a sandbox / test provider the developer portal\'s "try it" console may call' }),
}, { additionalProperties: false, $id: 'LgspSandboxChange' });

export const RequestValidationBody = Type.Object({
  validateRequests: Type.Boolean({ description: 'true: the gateway checks method and path, path, query and header parameters, the media type and JSON or form bodies against the OpenAPI document' }),
}, { additionalProperties: false, $id: 'LgspRequestValidationChange' });
export const ResponseValidationBody = Type.Object({
  validateResponses: Type.Boolean({ description: "true: the gateway checks the provider's status, media type and JSON body against the operation's responses in the OpenAPI document" }),
}, { additionalProperties: false, $id: 'LgspResponseValidationChange' });

export const WsdlDocumentSchema = Type.String({ $id: 'LgspWsdlDocument', description: "A SOAP service's current WSDL 1.1 document (text/xml), as registered" });
export const OpenApiDocumentSchema = Type.Object({}, { additionalProperties: true, $id: 'LgspOpenApiDocument', description: "The service's current OpenAPI 3 document, as registered" });

export const TryBody = Type.Object({
  serviceId: Uuid,
  subsystemId: Type.String({ format: 'uuid', description: 'One of your agency\'s subsystems: the call is made as it (X-Road-Client)' }),
  method: Type.String({ minLength: 3, maxLength: 7 }),
  path: Type.String({ minLength: 1, maxLength: 2000, pattern: '^/[^\\u0000]*$', description: 'The path after the service code, with its query' }),
  body: Type.Optional(Type.String({ maxLength: 65_536 })),
  contentType: Type.Optional(Type.String({ minLength: 3, maxLength: 200, pattern: '^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(;[ -~]*)?$' })),
  purpose: Type.Optional(Type.String({ minLength: 5, maxLength: 500, description: 'Why (recorded in the audit trail and sent as X-Purpose)' })),
}, { additionalProperties: false, $id: 'LgspTryRequest' });

export const TrySoapBody = Type.Object({
  serviceId: Uuid,
  subsystemId: Type.String({ format: 'uuid', description: 'One of your agency\'s subsystems: the call is made as it (xrd:client)' }),
  operation: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$', description: 'The WSDL operation (the body\'s wrapper element)' }),
  body: Type.String({ minLength: 1, maxLength: 65_536, description: 'The body\'s one element, the operation\'s wrapper, with its namespace declared; the server writes the envelope and its X-Road header' }),
  serviceVersion: Type.Optional(Type.String({ minLength: 2, maxLength: 10, pattern: '^v[1-9][0-9]*$', description: 'A registered version of the service (xrd:service/id:serviceVersion); none: the current one' })),
  purpose: Type.Optional(Type.String({ minLength: 5, maxLength: 500, description: 'Why (recorded in the audit trail and sent as X-Purpose)' })),
}, { additionalProperties: false, $id: 'LgspTrySoapRequest' });

export const TryResultSchema = Type.Object({
  status: Type.Integer(), headers: Type.Record(Type.String(), Type.String()), body: Type.String(), truncated: Type.Boolean(),
  durationMs: Type.Number(), messageId: Nullable(Type.String()), url: Type.String(),
  request: Type.Optional(Type.String({ description: 'A SOAP call: the envelope the server sent' })),
}, { $id: 'LgspTryResult' });

export const UsageQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  bucket: Type.Optional(Type.Union([Type.Literal('hour'), Type.Literal('day')], { default: 'hour' })),
}, { additionalProperties: false, $id: 'LgspUsageQuery' });

export const UsageBucketSchema = Type.Object({
  start: Type.String({ description: 'Start of the hour or day (days in Vietnam time), UTC' }), calls: Type.Integer(), failures: Type.Integer(),
}, { $id: 'LgspUsageBucket' });

export const NoticeQuery = Type.Object({
  agencyId: Type.Optional(Type.String({ format: 'uuid', description: 'One agency you administer the LGSP for (default: every agency you hold lgsp.manage at)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
}, { additionalProperties: false, $id: 'LgspNoticeQuery' });

export const NoticeSchema = Type.Object({
  id: Uuid,
  agencyId: Uuid,
  event: Type.Union([Type.Literal('access_requested'), Type.Literal('access_decided'), Type.Literal('status_changed'), Type.Literal('new_version')]),
  serviceId: Uuid,
  subject: Type.String(),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
}, { $id: 'LgspNotice' });

export const QuotaSchema = Type.Object({
  scope: Type.Union([Type.Literal('service'), Type.Literal('consumer')], { description: 'service: all consumers together; consumer: per consumer subsystem on this service' }),
  subsystemId: Nullable(Uuid),
  limit: Type.Integer({ description: 'Messages admitted per window' }),
  windowSeconds: Type.Integer(),
  setBy: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
}, { $id: 'LgspQuota' });

export const QuotaBody = Type.Object({
  scope: Type.Union([Type.Literal('service'), Type.Literal('consumer')]),
  subsystemId: Type.Optional(Type.String({ format: 'uuid', description: 'With scope consumer: this subsystem only (absent: the default of every consumer)' })),
  limit: Type.Union([Type.Integer({ minimum: 1, maximum: 10_000_000 }), Type.Null()], { description: 'null removes the quota (the environment\'s default applies again)' }),
  windowSeconds: Type.Integer({ minimum: 1, maximum: 86_400 }),
}, { additionalProperties: false, $id: 'LgspQuotaChange' });
