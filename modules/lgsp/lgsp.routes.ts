import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses, type App } from '../../packages/platform/index.ts';
import type { AccessService } from './access.service.ts';
import type { CertificateService } from './certificates.service.ts';
import type { LogService } from './log.service.ts';
import {
  AccessRequestBody, BodyLoggingBody, EvidencePackageSchema, EvidenceQuery, MessageIdParams, MonitoringQuery, OperationalRecordSchema, ServiceHealthSchema, AccessRequestSchema, DecisionBody, GrantBody, GroupMemberBody, GroupSchema, IdParams, MemberSchema, NewGroupBody, NewMemberBody,
  CertificateParams, NewCertificateBody, NewServiceBody, NewSubsystemBody, SubsystemCertificateSchema, RefreshBody, RefreshResultSchema, RightSchema, ServiceListQuery, ServiceSchema, StatusBody, SubsystemSchema, TAGS,
  NoticeQuery, NoticeSchema, QuotaBody, QuotaSchema, VapexChoiceBody, VapexPublicationSchema, VapexSubscriptionSchema, VersionSchema, SandboxBody, OpenApiDocumentSchema, WsdlDocumentSchema, RequestValidationBody, ResponseValidationBody, TryBody, TrySoapBody, TryResultSchema, UsageQuery, UsageBucketSchema,
} from './lgsp.schemas.ts';
import type { NoticeList } from './notices.ts';
import type { TryService } from './try.service.ts';
import { MANAGE_PERMISSION, type RegistryService } from './registry.service.ts';
import type { VapexPublications } from './vapex-sync.ts';

/** A call from the "try it" console in the audit trail, with its purpose. */
const auditTry = (request: FastifyRequest, body: { serviceId: string; subsystemId: string; purpose?: string | undefined }, call: Record<string, unknown>) => request.audit({
  action: 'call lgsp.try', target: `/api/lgsp/services/${body.serviceId}`, purpose: body.purpose ?? 'Thử gọi dịch vụ từ cổng nhà phát triển', details: { subsystemId: body.subsystemId, ...call },
});

/** /api/lgsp/*: the registry and access rights. Each handler parses, authorises (services check the agency) and delegates. */
export function lgspRoutes(registry: RegistryService, access: AccessService, vapex: VapexPublications, log: LogService, certificates: CertificateService, tryIt: TryService, notices: NoticeList) {
  const manage = { access: MANAGE_PERMISSION };
  const read = { access: 'authenticated' };
  return async function routes(app: App): Promise<void> {
    app.post('/members', { config: manage, schema: { operationId: 'createLgspMember', tags: TAGS, summary: 'Register an agency (by its identifier code) as an X-Road member', body: NewMemberBody, response: { 201: MemberSchema, ...errorResponses(404, 409) } } },
      async (request, reply) => reply.code(201).send(await registry.createMember(request.principal, request.body)));
    app.get('/members', { config: read, schema: { operationId: 'listLgspMembers', tags: TAGS, summary: 'Members of the LGSP', response: { 200: Type.Array(MemberSchema), ...errorResponses() } } },
      async () => registry.listMembers());
    app.post('/members/:id/subsystems', { config: manage, schema: { operationId: 'createLgspSubsystem', tags: TAGS, summary: "Register an information system of a member, optionally bound to the service client that authenticates it", params: IdParams, body: NewSubsystemBody, response: { 201: SubsystemSchema, ...errorResponses(404, 409) } } },
      async (request, reply) => reply.code(201).send(await registry.createSubsystem(request.principal, request.params.id, request.body)));
    app.get('/subsystems', { config: read, schema: { operationId: 'listLgspSubsystems', tags: TAGS, summary: 'Subsystems of every member', response: { 200: Type.Array(SubsystemSchema), ...errorResponses() } } },
      async () => registry.listSubsystems());
    app.post('/subsystems/:id/certificates', { config: manage, schema: { operationId: 'registerLgspSubsystemCertificate', tags: TAGS, summary: "Register a client certificate from the CA that authenticates the subsystem over the gateway's mutual TLS (revocation is asked of the CA at call time)", params: IdParams, body: NewCertificateBody, response: { 201: SubsystemCertificateSchema, ...errorResponses(404, 409) } } },
      async (request, reply) => reply.code(201).send(await certificates.register(request.principal, request.params.id, request.body.certificatePem)));
    app.get('/subsystems/:id/certificates', { config: manage, schema: { operationId: 'listLgspSubsystemCertificates', tags: TAGS, summary: 'The client certificates registered for a subsystem, newest first', params: IdParams, response: { 200: Type.Array(SubsystemCertificateSchema), ...errorResponses(404) } } },
      async (request) => certificates.list(request.principal, request.params.id));
    app.delete('/subsystems/:id/certificates/:certificateId', { config: manage, schema: { operationId: 'removeLgspSubsystemCertificate', tags: TAGS, summary: 'Stop accepting a client certificate for the subsystem', params: CertificateParams, response: { 204: Type.Null(), ...errorResponses(404) } } },
      async (request, reply) => {
        await certificates.remove(request.principal, request.params.id, request.params.certificateId);
        return reply.code(204).send(null);
      });
    app.post('/subsystems/:id/services', { config: manage, schema: { operationId: 'registerLgspService', tags: TAGS, summary: 'Register a service (as a draft): REST from its OpenAPI URL or an uploaded OpenAPI document, or (kind soap) SOAP from its WSDL URL or an uploaded WSDL', params: IdParams, body: NewServiceBody, response: { 201: ServiceSchema, ...errorResponses(404, 409) } } },
      async (request, reply) => reply.code(201).send(await registry.registerService(request.principal, request.params.id, request.body)));
    app.get('/services', { config: read, schema: { operationId: 'listLgspServices', tags: TAGS, summary: 'Registered services', querystring: ServiceListQuery, response: { 200: Type.Array(ServiceSchema), ...errorResponses() } } },
      async (request) => registry.listServices(request.query.status, request.principal));
    app.get('/services/:id', { config: read, schema: { operationId: 'getLgspService', tags: TAGS, summary: 'A service', params: IdParams, response: { 200: ServiceSchema, ...errorResponses(404) } } },
      async (request) => registry.getService(request.params.id, request.principal));
    app.get('/services/:id/openapi', { config: read, schema: { operationId: 'getLgspServiceOpenApi', tags: TAGS, summary: "The service's current OpenAPI document (its documentation in the developer portal)", params: IdParams, response: { 200: OpenApiDocumentSchema, ...errorResponses(404) } } },
      async (request) => registry.document(request.params.id));
    app.get('/services/:id/wsdl', { config: read, schema: { operationId: 'getLgspServiceWsdl', tags: TAGS, summary: "A SOAP service's current WSDL document, endpoint locations hidden as getWsdl hides them (text/xml; 404 lgsp.wsdl_not_found for a REST service)", params: IdParams, response: { 200: WsdlDocumentSchema, ...errorResponses(404) } } },
      async (request, reply) => reply.type('text/xml; charset=utf-8').send(await registry.wsdl(request.params.id)));
    app.put('/services/:id/sandbox', { config: manage, schema: { operationId: 'setLgspServiceSandbox', tags: TAGS, summary: 'Flag the service as a sandbox / test provider (the portal\'s "try it" console may call it) or not; its provider\'s administrators', params: IdParams, body: SandboxBody, response: { 200: ServiceSchema, ...errorResponses(404) } } },
      async (request) => registry.setSandbox(request.principal, request.params.id, request.body.sandbox));
    app.put('/services/:id/request-validation', { config: manage, schema: { operationId: 'setLgspServiceRequestValidation', tags: TAGS, summary: "Turn on or off the gateway's validation of requests against the service's OpenAPI document (method and path, path, query and header parameters, media type, JSON and form bodies; an invalid request is refused with Client.BadRequest and never reaches the provider)", params: IdParams, body: RequestValidationBody, response: { 200: ServiceSchema, ...errorResponses(403, 404) } } },
      async (request) => registry.setRequestValidation(request.principal, request.params.id, request.body.validateRequests));
    app.put('/services/:id/response-validation', { config: manage, schema: { operationId: 'setLgspServiceResponseValidation', tags: TAGS, summary: "Turn on or off the gateway's validation of the provider's answers against the service's OpenAPI document (declared status, media type, JSON body; a non-conforming answer is withheld and the consumer gets Server.ServerProxy.ServiceFailed)", params: IdParams, body: ResponseValidationBody, response: { 200: ServiceSchema, ...errorResponses(403, 404) } } },
      async (request) => registry.setResponseValidation(request.principal, request.params.id, request.body.validateResponses));
    app.get('/services/:id/quotas', { config: manage, schema: { operationId: 'listLgspServiceQuotas', tags: TAGS, summary: "The service's own quotas (its provider's administrators)", params: IdParams, response: { 200: Type.Array(QuotaSchema), ...errorResponses(403, 404) } } },
      async (request) => registry.quotas(request.principal, request.params.id));
    app.put('/services/:id/quotas', { config: manage, schema: { operationId: 'setLgspServiceQuota', tags: TAGS, summary: "Set or remove (limit null) a quota of the service: all consumers together, each consumer's default, or one subsystem's; the gateway uses it instead of the environment's limit, across replicas", params: IdParams, body: QuotaBody, response: { 200: Type.Array(QuotaSchema), ...errorResponses(403, 404) } } },
      async (request) => registry.setQuota(request.principal, request.params.id, request.body));
    app.post('/try', { config: { ...manage, auditedByHandler: true }, schema: { operationId: 'tryLgspService', tags: TAGS, summary: 'The "try it" console: call a published sandbox service as one of your subsystems, through the gateway (logged and monitored like any call); audited', body: TryBody, response: { 200: TryResultSchema, ...errorResponses(404, 409) } } },
      async (request) => {
        const result = await tryIt.call(request.principal, request.body);
        await auditTry(request, request.body, { method: request.body.method.toUpperCase(), status: result.status, messageId: result.messageId });
        return result;
      });
    app.post('/try/soap', { config: { ...manage, auditedByHandler: true }, schema: { operationId: 'tryLgspSoapService', tags: TAGS, summary: 'The "try it" console for a SOAP service: an operation and its body element; the server writes the X-Road SOAP envelope and posts it to the gateway\'s SOAP entry (logged and monitored like any call); audited', body: TrySoapBody, response: { 200: TryResultSchema, ...errorResponses(404, 409) } } },
      async (request) => {
        const result = await tryIt.callSoap(request.principal, request.body);
        await auditTry(request, request.body, { operation: request.body.operation, serviceVersion: request.body.serviceVersion ?? null, status: result.status, messageId: result.messageId });
        return result;
      });
    app.get('/services/:id/versions', { config: read, schema: { operationId: 'listLgspServiceVersions', tags: TAGS, summary: "A service's descriptions, newest first, each with the endpoints it added and removed", params: IdParams, response: { 200: Type.Array(VersionSchema), ...errorResponses(404) } } },
      async (request) => registry.versions(request.params.id));
    app.post('/services/:id/refresh', { config: manage, schema: { operationId: 'refreshLgspService', tags: TAGS, summary: 'Read the description again (its URL, or a new upload); a new version when it changed, with the endpoint diff', params: IdParams, body: RefreshBody, response: { 200: RefreshResultSchema, ...errorResponses(404, 409) } } },
      async (request) => registry.refreshService(request.principal, request.params.id, request.body));
    app.put('/services/:id/status', { config: manage, schema: { operationId: 'setLgspServiceStatus', tags: TAGS, summary: 'Move a service along its lifecycle: draft → published → deprecated → retired', params: IdParams, body: StatusBody, response: { 200: ServiceSchema, ...errorResponses(404, 409) } } },
      async (request) => registry.setStatus(request.principal, request.params.id, request.body.status));
    app.put('/services/:id/vapex', { config: manage, schema: { operationId: 'chooseLgspServiceForVapex', tags: TAGS, summary: 'Publish the service on the national API exchange V-APEX (kept in step as it changes), or withdraw it; V-APEX is updated in the background', params: IdParams, body: VapexChoiceBody, response: { 200: VapexPublicationSchema, ...errorResponses(404) } } },
      async (request) => vapex.choose(request.principal, request.params.id, request.body.publish));
    app.get('/services/:id/vapex', { config: read, schema: { operationId: 'getLgspServiceVapex', tags: TAGS, summary: 'How far V-APEX is in step with the service (its id there, the version it holds, published or not, the last error)', params: IdParams, response: { 200: VapexPublicationSchema, ...errorResponses(404) } } },
      async (request) => vapex.state(request.params.id));
    app.get('/services/:id/vapex/subscriptions', { config: manage, schema: { operationId: 'listLgspVapexSubscriptions', tags: TAGS, summary: 'Consumers\' subscriptions to the service on V-APEX, newest first: each became an access request (decided as any other), or is unmapped with the reason (its provider\'s administrators)', params: IdParams, response: { 200: Type.Array(VapexSubscriptionSchema), ...errorResponses(404) } } },
      async (request) => vapex.subscriptions(request.principal, request.params.id));

    app.put('/services/:id/body-logging', { config: manage, schema: { operationId: 'setLgspBodyLogging', tags: TAGS, summary: 'What the message log keeps of the service\'s bodies: full (encrypted at rest), metadata (their hashes) or off', params: IdParams, body: BodyLoggingBody, response: { 200: ServiceSchema, ...errorResponses(404) } } },
      async (request) => registry.setBodyLogging(request.principal, request.params.id, request.body.mode));

    // The message log as evidence, and operational monitoring (decision 0032).
    app.get('/messages/:id/evidence', { config: { ...manage, auditedByHandler: true }, schema: { operationId: 'exportLgspEvidence', tags: TAGS, summary: 'The evidence package of an exchange (by X-Road-Id): its record, the hash chain to a seal, the seal signature, certificates and time stamp; bodies decrypted on request. The provider\'s or consumer\'s administrators; audited with the purpose', params: MessageIdParams, querystring: EvidenceQuery, response: { 200: EvidencePackageSchema, ...errorResponses(404, 409) } } },
      async (request) => {
        const pkg = await log.evidence(request.principal, request.params.id, { bodies: request.query.bodies === true });
        await request.audit({ action: 'read lgsp.evidence', target: `/api/lgsp/messages/${encodeURIComponent(request.params.id)}/evidence`, purpose: request.query.purpose, details: { seq: pkg.record.seq, sealedSeq: pkg.seal.seq, bodies: pkg.bodies !== null } });
        return pkg;
      });
    app.get('/monitoring/operational-data', { config: manage, schema: { operationId: 'listLgspOperationalData', tags: TAGS, summary: 'Operational-monitoring records (X-Road PR-OPMON fields), newest first: a provider\'s services, a consumer\'s own calls', querystring: MonitoringQuery, response: { 200: Type.Array(OperationalRecordSchema), ...errorResponses() } } },
      async (request) => log.operationalData(request.principal, request.query));
    app.get('/monitoring/health', { config: manage, schema: { operationId: 'getLgspServiceHealth', tags: TAGS, summary: 'Per-service health over a window (default the last 24 h): success and failure counts, last times, duration min/avg/max/p95', querystring: MonitoringQuery, response: { 200: Type.Array(ServiceHealthSchema), ...errorResponses() } } },
      async (request) => log.health(request.principal, request.query));

    app.get('/notices', { config: manage, schema: { operationId: 'listLgspNotices', tags: TAGS, summary: "Notices to your agencies' LGSP administrators (access requested or decided, lifecycle changes and new versions of services you hold access to), newest first; each is also mailed", querystring: NoticeQuery, response: { 200: Type.Array(NoticeSchema), ...errorResponses(403) } } },
      async (request) => notices.list(request.principal, request.query.agencyId, request.query.limit));
    app.get('/monitoring/usage', { config: manage, schema: { operationId: 'getLgspUsage', tags: TAGS, summary: 'Your own calls as a consumer (your agencies\' subsystems), per hour or day, with their failures, over a window (default the last 24 h)', querystring: UsageQuery, response: { 200: Type.Array(UsageBucketSchema), ...errorResponses() } } },
      async (request) => log.usage(request.principal, request.query));

    app.post('/groups', { config: manage, schema: { operationId: 'createLgspGroup', tags: TAGS, summary: 'A group of subsystems access rights can name', body: NewGroupBody, response: { 201: GroupSchema, ...errorResponses(409) } } },
      async (request, reply) => reply.code(201).send(await access.createGroup(request.principal, request.body)));
    app.get('/groups', { config: manage, schema: { operationId: 'listLgspGroups', tags: TAGS, summary: 'The groups of subsystems (province-wide), by code, with their members', response: { 200: Type.Array(GroupSchema), ...errorResponses() } } },
      async () => access.listGroups());
    app.post('/groups/:id/members', { config: manage, schema: { operationId: 'addLgspGroupMember', tags: TAGS, summary: 'Add a subsystem to a group', params: IdParams, body: GroupMemberBody, response: { 200: GroupSchema, ...errorResponses(404) } } },
      async (request) => access.addGroupMember(request.principal, request.params.id, request.body.subsystemId));
    app.post('/services/:id/rights', { config: manage, schema: { operationId: 'grantLgspAccess', tags: TAGS, summary: 'Grant a subsystem or group access to the service or one endpoint pattern, optionally until a time', params: IdParams, body: GrantBody, response: { 201: RightSchema, ...errorResponses(404) } } },
      async (request, reply) => reply.code(201).send(await access.grant(request.principal, request.params.id, request.body)));
    app.get('/services/:id/rights', { config: manage, schema: { operationId: 'listLgspAccessRights', tags: TAGS, summary: "The service's access rights (its provider's administrators)", params: IdParams, response: { 200: Type.Array(RightSchema), ...errorResponses(404) } } },
      async (request) => access.rights(request.principal, request.params.id));
    app.delete('/rights/:id', { config: manage, schema: { operationId: 'revokeLgspAccess', tags: TAGS, summary: 'Revoke an access right', params: IdParams, response: { 204: Type.Null(), ...errorResponses(404) } } },
      async (request, reply) => {
        await access.revoke(request.principal, request.params.id);
        return reply.code(204).send(null);
      });
    app.post('/access-requests', { config: manage, schema: { operationId: 'requestLgspAccess', tags: TAGS, summary: "A consumer's administrator asks for access for one of its subsystems", body: AccessRequestBody, response: { 201: AccessRequestSchema, ...errorResponses(404, 409) } } },
      async (request, reply) => reply.code(201).send(await access.requestAccess(request.principal, request.body)));
    app.get('/services/:id/access-requests', { config: manage, schema: { operationId: 'listLgspAccessRequests', tags: TAGS, summary: "Access requests for the service (its provider's administrators)", params: IdParams, response: { 200: Type.Array(AccessRequestSchema), ...errorResponses(404) } } },
      async (request) => access.requests(request.principal, request.params.id));
    app.post('/access-requests/:id/decision', { config: manage, schema: { operationId: 'decideLgspAccessRequest', tags: TAGS, summary: "The provider's administrator approves (the right is created as asked) or refuses", params: IdParams, body: DecisionBody, response: { 200: AccessRequestSchema, ...errorResponses(404, 409) } } },
      async (request) => access.decide(request.principal, request.params.id, request.body));
  };
}
