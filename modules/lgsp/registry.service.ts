import { randomUUID } from 'node:crypto';
import { formatClientId, formatServiceId, isIdentifierValue, isRestMetaservice, isSoapMetaservice, hideWsdlEndpoints, parseServiceId, wsdlAddress } from '../../packages/xroad/index.ts';
import { actorOf, badRequest, canActOn, conflict, forbidden, notFound, type Principal } from '../../packages/platform/index.ts';
import type { members, services, subsystems } from './db/schema.ts';
import type { LgspRepository } from './lgsp.repository.ts';
import type { BodyLogging, Member, Service, ServiceStatus, ServiceVersion, Subsystem } from './lgsp.types.ts';
import { noticeTexts } from './notices.ts';
import { administeredMembers } from './monitoring.ts';
import { describe, endpointDiff, fetchDescription, parseDescriptionText, sameDocument, type Description } from './openapi-import.ts';
import { describeWsdlText, fetchWsdl, type WsdlDescription } from './wsdl-import.ts';

export const MANAGE_PERMISSION = 'lgsp.manage';

export interface AgencyLookup {
  findAgencyByCode(code: string): Promise<{ id: string; code: string; name: string } | undefined>;
  agencyAncestors(id: string): Promise<string[]>;
}

/** Lifecycle (peer-xroad.md §4 item 29): forward only. */
const NEXT_STATUS: Record<ServiceStatus, readonly ServiceStatus[]> = {
  draft: ['published', 'retired'],
  published: ['deprecated'],
  deprecated: ['retired'],
  retired: [],
};

export const toMember = (m: typeof members.$inferSelect): Member => ({
  id: m.id, xroadId: formatClientId({ instance: m.instance, memberClass: m.memberClass, memberCode: m.memberCode }),
  instance: m.instance, memberClass: m.memberClass, memberCode: m.memberCode, agencyId: m.agencyId, name: m.name,
});

export const toSubsystem = (s: typeof subsystems.$inferSelect, m: typeof members.$inferSelect): Subsystem => ({
  id: s.id, memberId: s.memberId, code: s.code, name: s.name, clientId: s.clientId,
  xroadId: formatClientId({ instance: m.instance, memberClass: m.memberClass, memberCode: m.memberCode, subsystemCode: s.code }),
});

/** A service as notices name it: its name and X-Road id without version. */
export const namedService = (rows: { service: typeof services.$inferSelect; subsystem: typeof subsystems.$inferSelect; member: typeof members.$inferSelect }) =>
  ({ id: rows.service.id, name: rows.service.name, xroadId: `${toSubsystem(rows.subsystem, rows.member).xroadId}/${rows.service.code}` });

function requireIdentifier(field: string, value: string): void {
  if (!isIdentifierValue(value) || value.length > 100) {
    throw badRequest('lgsp.invalid_identifier', `${field} must be 1 to 100 characters of A-Z a-z 0-9 '()+,-.=?`, { field });
  }
}

function requireHttpUrl(field: string, value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.hash) {
    throw badRequest('lgsp.invalid_url', `${field} must be an http(s) URL without credentials or fragment`, { field });
  }
}

export interface ServiceQuota {
  scope: 'service' | 'consumer';
  subsystemId: string | null;
  limit: number;
  windowSeconds: number;
  setBy: string;
  updatedAt: string;
}

export interface NewService {
  code: string;
  name: string;
  /** Where a provincial provider serves the service (not for a national one). */
  baseUrl?: string | undefined;
  /** A national service's NDXP service id. */
  nationalService?: string | undefined;
  openApiUrl?: string | undefined;
  openApi?: unknown;
  /** `soap`: described by `wsdlUrl` or `wsdl` instead of OpenAPI (decision 0044). */
  kind?: 'rest' | 'soap' | undefined;
  wsdlUrl?: string | undefined;
  wsdl?: string | undefined;
  timeoutMs?: number | undefined;
}

/** Where a national service is reached: NDXP's `/r1/` followed by the NDXP service id (shown as the service's base URL). */
export function nationalBaseUrl(ndxpUrl: string, nationalService: string): string {
  return `${ndxpUrl.replace(/\/+$/, '')}/r1/${nationalService}`;
}

export function createRegistryService(repo: LgspRepository, agencies: AgencyLookup, instance: string, ndxpUrl: string) {
  async function memberRow(id: string) {
    const member = await repo.member(id);
    if (!member) throw notFound('lgsp.member_not_found', 'No such member');
    return member;
  }
  async function subsystemRows(id: string) {
    const subsystem = await repo.subsystem(id);
    if (!subsystem) throw notFound('lgsp.subsystem_not_found', 'No such subsystem');
    return { subsystem, member: await memberRow(subsystem.memberId) };
  }
  async function serviceRows(id: string) {
    const service = await repo.service(id);
    if (!service) throw notFound('lgsp.service_not_found', 'No such service');
    return { service, ...(await subsystemRows(service.subsystemId)) };
  }
  /** The principal administers the LGSP for this agency (or one above it). */
  async function requireManage(principal: Principal, agencyId: string): Promise<void> {
    if (!canActOn(principal, MANAGE_PERMISSION, agencyId, await agencies.agencyAncestors(agencyId))) {
      throw forbidden('lgsp.out_of_scope', 'You do not administer the LGSP for this agency');
    }
  }
  /**
   * How `reader` sees services: a provider's addresses — its base URL and the URLs its
   * descriptions are read from — are its internal network, shown to the LGSP's administrators of
   * its agency (or one above it), never to other readers, who call it through the gateway (as
   * X-Road's clients never learn a provider's address; PR-META §4 hides it from getWsdl too). The
   * members the reader administers are found once (administeredMembers), not per service.
   */
  async function addressesFor(reader: Principal, of: (typeof members.$inferSelect)[]): Promise<(service: Service) => Service> {
    const own = await administeredMembers(reader, MANAGE_PERMISSION, of, (id) => agencies.agencyAncestors(id));
    return (service) => {
      if (own.some((prefix) => service.xroadId.startsWith(prefix))) return service;
      const { baseUrl: _hidden, ...rest } = service;
      return { ...rest, openApiUrl: null, wsdlUrl: null };
    };
  }
  /** The subsystems, each with its member's identifiers, from the member rows given. */
  async function subsystemsOf(memberRows: (typeof members.$inferSelect)[]): Promise<Subsystem[]> {
    const byId = new Map(memberRows.map((m) => [m.id, m]));
    return (await repo.listSubsystems()).map((s) => toSubsystem(s, byId.get(s.memberId)!));
  }
  async function toService(row: typeof services.$inferSelect, sub: Subsystem): Promise<Service> {
    const current = await repo.currentVersion(row.id);
    return {
      id: row.id, subsystemId: row.subsystemId, code: row.code, name: row.name, baseUrl: row.baseUrl, openApiUrl: row.openApiUrl, kind: row.kind, wsdlUrl: row.wsdlUrl, nationalService: row.nationalService,
      status: row.status, version: row.version, timeoutMs: row.timeoutMs, bodyLogging: row.bodyLogging, sandbox: row.sandbox, validateRequests: row.validateRequests, validateResponses: row.validateResponses, endpoints: current?.endpoints ?? [],
      xroadId: `${sub.xroadId}/${row.code}/v${row.version}`,
    };
  }
  /** A setting of the service its provider's administrators decide (one column, no lifecycle). */
  async function providerSetting(principal: Principal, serviceId: string, write: (id: string) => Promise<typeof services.$inferSelect | undefined>): Promise<Service> {
    const { subsystem, member } = await serviceRows(serviceId);
    await requireManage(principal, member.agencyId);
    const updated = await write(serviceId);
    if (!updated) throw notFound('lgsp.service_not_found', 'No such service');
    return toService(updated, toSubsystem(subsystem, member));
  }
  const description = async (input: { openApiUrl?: string | undefined; openApi?: unknown }): Promise<Description> => {
    if ((input.openApiUrl === undefined) === (input.openApi === undefined)) {
      throw badRequest('lgsp.openapi_required', 'Give either openApiUrl or openApi (the uploaded document)');
    }
    if (input.openApiUrl !== undefined) {
      requireHttpUrl('openApiUrl', input.openApiUrl);
      return fetchDescription(input.openApiUrl);
    }
    // An uploaded document comes as JSON already, or as its text (JSON or YAML).
    return describe(typeof input.openApi === 'string' ? parseDescriptionText(input.openApi) : input.openApi);
  };

  /** A SOAP service's WSDL, fetched from its URL or as uploaded: exactly one of the two, and no OpenAPI. */
  const wsdlDescription = async (input: { openApiUrl?: string | undefined; openApi?: unknown; wsdlUrl?: string | undefined; wsdl?: string | undefined }): Promise<WsdlDescription> => {
    if (input.openApiUrl !== undefined || input.openApi !== undefined) throw badRequest('lgsp.wsdl_required', 'A SOAP service is described by wsdlUrl or wsdl, not OpenAPI');
    if ((input.wsdlUrl === undefined) === (input.wsdl === undefined)) throw badRequest('lgsp.wsdl_required', 'Give either wsdlUrl or wsdl (the uploaded document)');
    if (input.wsdlUrl !== undefined) {
      requireHttpUrl('wsdlUrl', input.wsdlUrl);
      return fetchWsdl(input.wsdlUrl);
    }
    return describeWsdlText(input.wsdl!);
  };
  const noWsdl = (input: { wsdlUrl?: string | undefined; wsdl?: string | undefined }) => {
    if (input.wsdlUrl !== undefined || input.wsdl !== undefined) throw badRequest('lgsp.openapi_required', 'A REST service is described by OpenAPI; give kind soap for a WSDL');
  };

  /** A provincial provider's base URL, or for a national service the NDXP service it forwards to: one of the two. */
  function providerBase(input: NewService): { baseUrl: string; nationalService: string | null } {
    if ((input.baseUrl === undefined) === (input.nationalService === undefined)) {
      throw badRequest('lgsp.provider_required', 'Give either baseUrl (a provincial provider) or nationalService (an NDXP service id)');
    }
    if (input.nationalService === undefined) {
      requireHttpUrl('baseUrl', input.baseUrl!);
      return { baseUrl: input.baseUrl!, nationalService: null };
    }
    const national = parseServiceId(input.nationalService);
    if (!national) throw badRequest('lgsp.invalid_national_service', 'nationalService must be INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE', { field: 'nationalService' });
    return { baseUrl: nationalBaseUrl(ndxpUrl, formatServiceId(national)), nationalService: formatServiceId(national) };
  }

  /** A SOAP service (decision 0044): its operations are its endpoints; its address is baseUrl, else the WSDL's soap:address, or NDXP for a national one (decision 0050). */
  async function registerSoapService(principal: Principal, subsystemId: string, input: NewService): Promise<Service> {
    const { subsystem, member } = await subsystemRows(subsystemId);
    const described = await wsdlDescription(input);
    // A national SOAP service (NDXP service id instead of baseUrl) is reached at NDXP's SOAP entry.
    const { baseUrl, nationalService } = input.nationalService !== undefined
      ? { ...providerBase(input), baseUrl: `${ndxpUrl.replace(/\/+$/, '')}/soap` }
      : { baseUrl: input.baseUrl ?? wsdlAddress(described.wsdl), nationalService: null };
    if (baseUrl === undefined) throw badRequest('lgsp.provider_required', 'Give baseUrl: the WSDL names no soap:address');
    requireHttpUrl('baseUrl', baseUrl);
    const id = randomUUID();
    const created = await repo.insertService(
      { id, subsystemId, code: input.code, name: input.name, baseUrl, nationalService, kind: 'soap', wsdlUrl: input.wsdlUrl ?? null, timeoutMs: input.timeoutMs ?? 10_000 },
      { serviceId: id, version: 1, label: described.label, openApi: {}, wsdl: described.wsdl, endpoints: described.endpoints, diff: { added: described.endpoints, removed: [] } },
    );
    if (!created) throw conflict('lgsp.service_exists', `Service ${input.code} already exists in this subsystem`);
    return toService(created, toSubsystem(subsystem, member));
  }

  /** Reads the WSDL again (its URL, or the one uploaded now): a new version when the document changed, with the operations added and removed. */
  async function refreshSoapService(_principal: Principal, serviceId: string, input: { openApiUrl?: string | undefined; openApi?: unknown; wsdlUrl?: string | undefined; wsdl?: string | undefined }) {
    const { service, subsystem, member } = await serviceRows(serviceId);
    const given = input.wsdl !== undefined || input.wsdlUrl !== undefined || input.openApi !== undefined || input.openApiUrl !== undefined;
    const source = !given && service.wsdlUrl ? { wsdlUrl: service.wsdlUrl } : input;
    const described = await wsdlDescription(source);
    const current = await repo.currentVersion(serviceId);
    const diff = endpointDiff(current?.endpoints ?? [], described.endpoints);
    if (current && current.wsdl === described.wsdl) return { changed: false, diff, service: await toService(service, toSubsystem(subsystem, member)) };
    const moved = await repo.addVersion(serviceId, service.version, {
      serviceId, version: service.version + 1, label: described.label, openApi: {}, wsdl: described.wsdl, endpoints: described.endpoints, diff,
    }, { wsdlUrl: source.wsdlUrl ?? null }, noticeTexts.newVersion(namedService({ service, subsystem, member }), service.version + 1, diff.added.length, diff.removed.length));
    if (!moved) throw conflict('lgsp.version_conflict', 'The service was refreshed by someone else; try again');
    return { changed: true, diff, service: await toService(moved, toSubsystem(subsystem, member)) };
  }

  return {
    requireManage,
    serviceRows,
    subsystemRows,

    async createMember(principal: Principal, input: { agencyCode: string; memberClass: string }): Promise<Member> {
      requireIdentifier('memberClass', input.memberClass);
      const agency = await agencies.findAgencyByCode(input.agencyCode);
      if (!agency) throw notFound('lgsp.agency_not_found', `No agency has the identifier code ${input.agencyCode}`);
      await requireManage(principal, agency.id);
      requireIdentifier('agencyCode', agency.code);
      const created = await repo.insertMember({ id: randomUUID(), instance, memberClass: input.memberClass, memberCode: agency.code, agencyId: agency.id, name: agency.name });
      if (!created) throw conflict('lgsp.member_exists', `${instance}/${input.memberClass}/${agency.code} is already a member`);
      return toMember(created);
    },

    listMembers: async (): Promise<Member[]> => (await repo.listMembers()).map(toMember),

    async createSubsystem(principal: Principal, memberId: string, input: { code: string; name: string; clientId?: string | undefined }): Promise<Subsystem> {
      const member = await memberRow(memberId);
      await requireManage(principal, member.agencyId);
      requireIdentifier('code', input.code);
      if (input.clientId !== undefined && (await repo.subsystemByClient(input.clientId))) {
        throw conflict('lgsp.client_taken', 'That service client already authenticates another subsystem');
      }
      const created = await repo.insertSubsystem({ id: randomUUID(), memberId, code: input.code, name: input.name, clientId: input.clientId ?? null });
      if (!created) throw conflict('lgsp.subsystem_exists', `Subsystem ${input.code} already exists for this member`);
      return toSubsystem(created, member);
    },

    listSubsystems: async (): Promise<Subsystem[]> => subsystemsOf(await repo.listMembers()),

    async registerService(principal: Principal, subsystemId: string, input: NewService): Promise<Service> {
      const { subsystem, member } = await subsystemRows(subsystemId);
      await requireManage(principal, member.agencyId);
      requireIdentifier('code', input.code);
      if (isRestMetaservice(input.code) || isSoapMetaservice(input.code)) throw badRequest('lgsp.reserved_code', `${input.code} is a metaservice name (PR-MREST §4, PR-META §3)`);
      if (input.kind === 'soap') return registerSoapService(principal, subsystemId, input);
      noWsdl(input);
      const { baseUrl, nationalService } = providerBase(input);
      const described = await description(input);
      const id = randomUUID();
      const created = await repo.insertService(
        { id, subsystemId, code: input.code, name: input.name, baseUrl, nationalService, openApiUrl: input.openApiUrl ?? null, timeoutMs: input.timeoutMs ?? 10_000 },
        { serviceId: id, version: 1, label: described.label, openApi: described.document, endpoints: described.endpoints, diff: { added: described.endpoints, removed: [] } },
      );
      if (!created) throw conflict('lgsp.service_exists', `Service ${input.code} already exists in this subsystem`);
      return toService(created, toSubsystem(subsystem, member));
    },

    /** A service; with `reader`, as that reader may see it (addressesFor). */
    async getService(serviceId: string, reader?: Principal): Promise<Service> {
      const { service, subsystem, member } = await serviceRows(serviceId);
      const found = await toService(service, toSubsystem(subsystem, member));
      return reader ? (await addressesFor(reader, [member]))(found) : found;
    },

    /** The services (of one status); with `reader`, as that reader may see them (addressesFor). */
    async listServices(status?: ServiceStatus, reader?: Principal): Promise<Service[]> {
      const memberRows = await repo.listMembers();
      const subs = new Map((await subsystemsOf(memberRows)).map((s) => [s.id, s]));
      const shown = reader ? await addressesFor(reader, memberRows) : (service: Service) => service;
      const rows = (await repo.listServices()).filter((s) => status === undefined || s.status === status);
      return Promise.all(rows.map(async (row) => shown(await toService(row, subs.get(row.subsystemId)!))));
    },

    /** Reads the description again (from its URL, or the one uploaded now): a new version when it changed, with the endpoints added and removed. */
    async refreshService(principal: Principal, serviceId: string, input: { openApiUrl?: string | undefined; openApi?: unknown; wsdlUrl?: string | undefined; wsdl?: string | undefined }) {
      const { service, subsystem, member } = await serviceRows(serviceId);
      await requireManage(principal, member.agencyId);
      if (service.kind === 'soap') return refreshSoapService(principal, serviceId, input);
      noWsdl(input);
      const source = input.openApi === undefined && input.openApiUrl === undefined && service.openApiUrl ? { openApiUrl: service.openApiUrl } : input;
      const described = await description(source);
      const current = await repo.currentVersion(serviceId);
      const diff = endpointDiff(current?.endpoints ?? [], described.endpoints);
      if (current && sameDocument(current.openApi, described.document)) {
        return { changed: false, diff, service: await toService(service, toSubsystem(subsystem, member)) };
      }
      const moved = await repo.addVersion(serviceId, service.version, {
        serviceId, version: service.version + 1, label: described.label, openApi: described.document, endpoints: described.endpoints, diff,
      }, source.openApiUrl ?? null, noticeTexts.newVersion(namedService({ service, subsystem, member }), service.version + 1, diff.added.length, diff.removed.length));
      if (!moved) throw conflict('lgsp.version_conflict', 'The service was refreshed by someone else; try again');
      return { changed: true, diff, service: await toService(moved, toSubsystem(subsystem, member)) };
    },

    async versions(serviceId: string): Promise<ServiceVersion[]> {
      await serviceRows(serviceId);
      return (await repo.versions(serviceId)).map((v) => ({ version: v.version, label: v.label, endpoints: v.endpoints, diff: v.diff, createdAt: v.createdAt.toISOString() }));
    },

    /**
     * A SOAP service's current WSDL with its endpoint locations hidden, as the gateway's getWsdl
     * metaservice answers it (PR-META §4): consumers call the gateway, never the provider.
     */
    async wsdl(serviceId: string): Promise<string> {
      const { service } = await serviceRows(serviceId);
      const current = await repo.currentVersion(serviceId);
      if (service.kind !== 'soap' || !current?.wsdl) throw notFound('lgsp.wsdl_not_found', 'The service is not a SOAP service described by WSDL');
      return hideWsdlEndpoints(current.wsdl);
    },

    async openApi(serviceId: string): Promise<unknown> {
      return (await repo.currentVersion(serviceId))?.openApi;
    },

    /** The current OpenAPI document of a service, for its documentation in the developer portal. */
    async document(serviceId: string): Promise<Record<string, unknown>> {
      await serviceRows(serviceId);
      const current = await repo.currentVersion(serviceId);
      if (!current) throw notFound('lgsp.service_not_found', 'No such service');
      return current.openApi as Record<string, unknown>;
    },

    /** Flags the service as a sandbox / test provider (the portal's "try it" console may call it); its provider's administrators decide. */
    async setSandbox(principal: Principal, serviceId: string, sandbox: boolean): Promise<Service> {
      return providerSetting(principal, serviceId, (id) => repo.setSandbox(id, sandbox));
    },

    /** Turns validation of requests against the service's OpenAPI document on or off; its provider's administrators decide. */
    async setRequestValidation(principal: Principal, serviceId: string, on: boolean): Promise<Service> {
      return providerSetting(principal, serviceId, (id) => repo.setRequestValidation(id, on));
    },

    /** Turns validation of the provider's answers against the service's OpenAPI document on or off; its provider's administrators decide. */
    async setResponseValidation(principal: Principal, serviceId: string, on: boolean): Promise<Service> {
      return providerSetting(principal, serviceId, (id) => repo.setResponseValidation(id, on));
    },

    /** The service's own quotas (issue 10); its provider's administrators read and set them. */
    async quotas(principal: Principal, serviceId: string): Promise<ServiceQuota[]> {
      const { member } = await serviceRows(serviceId);
      await requireManage(principal, member.agencyId);
      return (await repo.quotasOf(serviceId)).map((q) => ({ scope: q.scope, subsystemId: q.subsystemId, limit: q.limit, windowSeconds: q.windowSeconds, setBy: q.setBy, updatedAt: q.updatedAt.toISOString() }));
    },

    /** Sets (a limit) or removes (null) one quota: the service's total, each consumer's default, or one subsystem's. */
    async setQuota(principal: Principal, serviceId: string, input: { scope: 'service' | 'consumer'; subsystemId?: string | undefined; limit: number | null; windowSeconds: number }): Promise<ServiceQuota[]> {
      const { member } = await serviceRows(serviceId);
      await requireManage(principal, member.agencyId);
      if (input.scope === 'service' && input.subsystemId !== undefined) throw badRequest('lgsp.invalid_quota', 'A service-wide quota names no subsystem', { field: 'subsystemId' });
      if (input.subsystemId !== undefined) await subsystemRows(input.subsystemId);
      await repo.setQuota({ serviceId, scope: input.scope, subsystemId: input.subsystemId ?? null, limit: input.limit, windowSeconds: input.windowSeconds, setBy: actorOf(principal) });
      return this.quotas(principal, serviceId);
    },

    async setStatus(principal: Principal, serviceId: string, status: ServiceStatus): Promise<Service> {
      const { service, subsystem, member } = await serviceRows(serviceId);
      await requireManage(principal, member.agencyId);
      if (!NEXT_STATUS[service.status].includes(status)) {
        throw conflict('lgsp.invalid_transition', `A ${service.status} service cannot become ${status}`, { from: service.status, allowed: NEXT_STATUS[service.status] });
      }
      const moved = await repo.setStatus(serviceId, service.status, status, noticeTexts.statusChanged(namedService({ service, subsystem, member }), status));
      if (!moved) throw conflict('lgsp.version_conflict', 'The service was changed by someone else; reload and try again');
      return toService(moved, toSubsystem(subsystem, member));
    },

    /** What the message log keeps of the service's bodies; its provider's administrators decide. */
    async setBodyLogging(principal: Principal, serviceId: string, mode: BodyLogging): Promise<Service> {
      return providerSetting(principal, serviceId, (id) => repo.setBodyLogging(id, mode));
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
