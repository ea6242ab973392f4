import { formatClientId, type ClientId, type ServiceId } from '../../packages/xroad/index.ts';
import type { AccessService } from './access.service.ts';
import { allows, type EndpointRule } from './access-match.ts';
import type { GatewayCache } from './gateway-cache.ts';
import type { ServiceQuotas } from './gateway-quota.ts';
import type { LgspRepository } from './lgsp.repository.ts';
import type { Endpoint } from './lgsp.types.ts';
import { indexDescription } from './openapi-schemas.ts';
import { compileRequestCheck, type RequestCheck } from './request-validation.ts';
import { compileResponseCheck, type ResponseCheck } from './response-validation.ts';

/** What the gateway asks the registry: who a credential is, which service a message names, and what it may call. */

export interface CallableService {
  id: string;
  code: string;
  baseUrl: string;
  timeoutMs: number;
  status: 'published' | 'deprecated';
  /** The NDXP service a national service forwards to; null for a provincial provider. */
  nationalService: string | null;
  bodyLogging: 'full' | 'metadata' | 'off';
  /** The gateway validates requests against the current OpenAPI document (descriptionChecks). */
  validateRequests: boolean;
  /** The gateway validates the provider's answers against the current OpenAPI document (descriptionChecks). */
  validateResponses: boolean;
  /** REST (`/lgsp/r1/…`) or SOAP (`/lgsp/soap`, gateway-soap.ts): each is called through its own entry only. */
  kind: 'rest' | 'soap';
}

/** `v{n}`: the registry's version n of a service (its X-Road id in the registry ends with it); anything else names no version. */
export function registryVersion(serviceVersion: string): number | undefined {
  const match = /^v([1-9]\d{0,8})$/.exec(serviceVersion);
  return match ? Number(match[1]) : undefined;
}

const callable = (status: string): status is CallableService['status'] => status === 'published' || status === 'deprecated';

/**
 * The per-message reads (clientOf, service, soapServicesWith, isAllowed) go through `cache`
 * (gateway-cache.ts); the metaservices, rarely called, read the database.
 */
export function createGatewayRegistry(repo: LgspRepository, access: AccessService, instance: string, cache: GatewayCache, now: () => Date) {
  async function subsystemOf(id: Omit<ClientId, 'subsystemCode'> & { subsystemCode?: string | undefined }) {
    if (id.instance !== instance || id.subsystemCode === undefined) return undefined;
    const member = await repo.memberByIdParts(id.instance, id.memberClass, id.memberCode);
    return member && repo.subsystemByCode(member.id, id.subsystemCode);
  }
  async function versionRow(serviceId: string, serviceVersion: string | undefined) {
    if (serviceVersion === undefined) return repo.currentVersion(serviceId);
    const number = registryVersion(serviceVersion);
    return number === undefined ? undefined : repo.versionOf(serviceId, number);
  }
  /** The provider subsystem's callable services with their endpoints (listMethods), or undefined for an unknown provider. */
  async function servicesOf(provider: ClientId): Promise<(CallableService & { endpoints: Endpoint[] })[] | undefined> {
    const subsystem = await subsystemOf(provider);
    if (!subsystem) return undefined;
    const rows = (await repo.listServices(subsystem.id)).filter((s) => callable(s.status));
    const versions = new Map((await repo.currentVersions(rows.map((r) => r.id))).map((v) => [v.serviceId, v.endpoints]));
    return rows.map((s) => ({ id: s.id, code: s.code, baseUrl: s.baseUrl, timeoutMs: s.timeoutMs, status: s.status as CallableService['status'], nationalService: s.nationalService, bodyLogging: s.bodyLogging, validateRequests: s.validateRequests, validateResponses: s.validateResponses, kind: s.kind, endpoints: versions.get(s.id) ?? [] }));
  }
  return {
    instance,
    /** The subsystem a service client authenticates, as `INSTANCE/CLASS/MEMBER/SUBSYSTEM`. */
    clientOf: (clientId: string): Promise<{ subsystemId: string; xroadId: string } | undefined> => cache.get(`c ${clientId}`, async () => {
      const found = await repo.subsystemWithMemberByClient(clientId);
      if (!found) return undefined;
      const { subsystem, member } = found;
      return { subsystemId: subsystem.id, xroadId: formatClientId({ instance: member.instance, memberClass: member.memberClass, memberCode: member.memberCode, subsystemCode: subsystem.code }) };
    }),
    /** The subsystem a registered client certificate (SHA-256 fingerprint) authenticates. */
    clientOfCertificate: (fingerprint: string): Promise<{ subsystemId: string; xroadId: string } | undefined> => cache.get(`t ${fingerprint}`, async () => {
      const found = await repo.subsystemWithMemberByCertificate(fingerprint);
      if (!found) return undefined;
      const { subsystem, member } = found;
      return { subsystemId: subsystem.id, xroadId: formatClientId({ instance: member.instance, memberClass: member.memberClass, memberCode: member.memberCode, subsystemCode: subsystem.code }) };
    }),
    /** A published or deprecated service; drafts and retired services are unknown to callers. */
    service(id: ServiceId): Promise<CallableService | undefined> {
      if (id.instance !== instance) return Promise.resolve(undefined);
      return cache.get(`s ${id.memberClass}/${id.memberCode}/${id.subsystemCode}/${id.serviceCode}`, async () => {
        const service = await repo.serviceByIdParts(id);
        if (!service || !callable(service.status)) return undefined;
        return { id: service.id, code: service.code, baseUrl: service.baseUrl, timeoutMs: service.timeoutMs, status: service.status, nationalService: service.nationalService, bodyLogging: service.bodyLogging, validateRequests: service.validateRequests, validateResponses: service.validateResponses, kind: service.kind };
      });
    },
    servicesOf,
    /**
     * The provider's callable SOAP services whose current WSDL has this operation, for a
     * serviceCode that names an operation (PR-MESS §2.3; decision 0046); undefined for an unknown
     * provider. Cached per provider as an index of its operations, so made-up operations add no entries.
     */
    async soapServicesWith(provider: ClientId, operation: string): Promise<CallableService[] | undefined> {
      const byOperation = await cache.get(`p ${formatClientId(provider)}`, async () => {
        const services = await servicesOf(provider);
        if (!services) return undefined;
        const index = new Map<string, CallableService[]>();
        for (const { endpoints, ...service } of services.filter((s) => s.kind === 'soap')) {
          for (const endpoint of endpoints.filter((e) => e.method === 'POST')) index.set(endpoint.path.slice(1), [...(index.get(endpoint.path.slice(1)) ?? []), service]);
        }
        return index;
      });
      return byOperation && (byOperation.get(operation) ?? []);
    },
    /** The service's own quotas for this consumer (lgsp.quotas): the subsystem's override, else the service's default per consumer. */
    quotas: (serviceId: string, subsystemId: string): Promise<ServiceQuotas> => cache.get(`q ${serviceId} ${subsystemId}`, async () => {
      const rows = await repo.quotasOf(serviceId);
      const limit = (row: (typeof rows)[number] | undefined) => (row ? { limit: row.limit, windowSeconds: row.windowSeconds } : undefined);
      return {
        service: limit(rows.find((r) => r.scope === 'service')),
        consumer: limit(rows.find((r) => r.scope === 'consumer' && r.subsystemId === subsystemId) ?? rows.find((r) => r.scope === 'consumer' && r.subsystemId === null)),
      };
    }),
    /** The checks of the service's current OpenAPI document, requests' and answers': built once per version (a new version empties the cache). */
    descriptionChecks: (serviceId: string): Promise<{ request: RequestCheck; response: ResponseCheck }> => cache.get(`v ${serviceId}`, async () => {
      const index = indexDescription((await repo.currentVersion(serviceId))?.openApi);
      return { request: compileRequestCheck(index), response: compileResponseCheck(index) };
    }),
    openApi: async (serviceId: string) => (await repo.currentVersion(serviceId))?.openApi,
    /**
     * A SOAP service's operations: the current WSDL's, or those of the registered version
     * `serviceVersion` names (`v{n}`, as the registry's X-Road ids write it; decision 0047);
     * undefined for a version it never had. Every version's are cached in one entry (a new version
     * empties the cache), so a client's made-up versions add no entries.
     */
    async operations(serviceId: string, serviceVersion?: string): Promise<string[] | undefined> {
      const known = await cache.get(`o ${serviceId}`, async () => {
        const rows = await repo.versions(serviceId);
        return { current: rows[0]?.version, byVersion: new Map(rows.map((r) => [r.version, r.endpoints.filter((e) => e.method === 'POST').map((e) => e.path.slice(1))])) };
      });
      const wanted = serviceVersion === undefined ? known.current : registryVersion(serviceVersion);
      return wanted === undefined ? undefined : known.byVersion.get(wanted);
    },
    wsdl: async (serviceId: string, serviceVersion?: string) => (await versionRow(serviceId, serviceVersion))?.wsdl ?? undefined,
    /** May this subsystem call this method and path of the service now? Rules are cached, their expiry checked per call. */
    async isAllowed(subsystemId: string, serviceId: string, method: string, path: string): Promise<boolean> {
      const rules = await cache.get<EndpointRule[]>(`r ${subsystemId} ${serviceId}`, async () =>
        (await repo.rightsFor([serviceId], subsystemId)).map((r) => ({ method: r.method, pathPattern: r.pathPattern, expiresAt: r.expiresAt })));
      return allows(rules, method, path, now());
    },
    allowedServices: access.allowedServices,
    /** Every member and subsystem of an instance (listClients). */
    async clients(of: string | undefined) {
      const members = (await repo.listMembers()).filter((m) => of === undefined || m.instance === of);
      const byId = new Map(members.map((m) => [m.id, m]));
      const subsystems = (await repo.listSubsystems()).filter((s) => byId.has(s.memberId));
      return [
        ...members.map((m) => ({ id: { instance: m.instance, memberClass: m.memberClass, memberCode: m.memberCode }, name: m.name })),
        ...subsystems.map((s) => {
          const m = byId.get(s.memberId)!;
          return { id: { instance: m.instance, memberClass: m.memberClass, memberCode: m.memberCode, subsystemCode: s.code }, name: m.name, subsystemName: s.name };
        }),
      ];
    },
  };
}

export type GatewayRegistry = ReturnType<typeof createGatewayRegistry>;
