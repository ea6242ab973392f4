import {
  formatClientId, formatMemberId, formatServiceId, parseClientId, parseServiceId, providerOf,
  type ClientId, type ListedClient, type ServiceId, type SubsystemId,
} from '../../../packages/xroad/index.ts';
import { safeEqual } from '../kit.ts';

/**
 * Who may talk through the hub and to what: the client subsystems (members' information
 * systems) and the services providers publish, each with its access-rights list. This is the
 * part of X-Road's global configuration and security-server settings the sandbox imitates.
 */

/** A client subsystem. `key` stands in for the TLS client certificate of real X-Road. */
export interface NdxpMember {
  /** `INSTANCE/CLASS/MEMBER/SUBSYSTEM`. */
  id: string;
  /** Sent by the information system in `X-Road-Client-Key`. */
  key: string;
  /** The member organisation's name (as in X-Road's `listClients`). */
  name: string;
  /** The subsystem's name (`subsystemName` in `listClients`). */
  subsystemName?: string;
}

export interface NdxpService {
  /** `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE`. */
  id: string;
  title: string;
  /** Name of the providing organisation, for `listClients`. */
  providerName?: string;
  /** Provider base URL: absolute, or starting with `/` for a path on the sandbox server itself. */
  target: string;
  /**
   * Where the provider publishes the service's OpenAPI 3 description (same forms as `target`):
   * `getOpenAPI` returns it and `listMethods` lists its endpoints. Without it the service is
   * of type REST with no endpoints listed.
   */
  openapi?: string;
  /** Credentials the hub adds when calling the provider (the client never sees them). */
  headers?: Record<string, string>;
  /** Client subsystem ids with the access right. */
  allowedClients: string[];
  /** `soap`: an X-Road SOAP service (PR-MESS 4.0) served at `POST /ndxp/soap`, `target` the provider's SOAP address; default `rest`. */
  kind?: 'rest' | 'soap';
}

export const DEFAULT_NDXP_INSTANCE = 'VN';
export const NDXP_PROVINCE_LGSP_ID = 'VN/GOV/000.00.00.H19/LGSP';

export const DEFAULT_NDXP_MEMBERS: readonly NdxpMember[] = [
  { id: NDXP_PROVINCE_LGSP_ID, key: 'sandbox-ndxp-key-h19-lgsp', name: 'UBND tỉnh Đồng Tháp', subsystemName: 'Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)' },
  // A second province without access rights, so that refusals can be exercised.
  { id: 'VN/GOV/000.00.00.H29/LGSP', key: 'sandbox-ndxp-key-h29-lgsp', name: 'Tỉnh thử nghiệm H29 (chưa được cấp quyền)', subsystemName: 'LGSP' },
];

export const DEFAULT_NDXP_SERVICES: readonly NdxpService[] = [
  {
    id: 'VN/GOV/000.00.00.G02/CSDLDC/citizen-lookup',
    title: 'Tra cứu thông tin công dân (CSDL quốc gia về dân cư)',
    providerName: 'Cơ sở dữ liệu quốc gia về dân cư',
    target: '/population/v1',
    openapi: '/population/openapi.json',
    headers: { 'x-client-id': 'ndxp-hub', 'x-api-key': 'sandbox-population-key-ndxp' },
    allowedClients: [NDXP_PROVINCE_LGSP_ID],
  },
  {
    id: 'VN/GOV/000.00.00.G06/CSDLDN/enterprise-lookup',
    title: 'Tra cứu thông tin doanh nghiệp (CSDL quốc gia về đăng ký doanh nghiệp)',
    providerName: 'Hệ thống thông tin quốc gia về đăng ký doanh nghiệp',
    target: '/business/v1',
    openapi: '/business/openapi.json',
    headers: { 'x-client-id': 'ndxp-hub', 'x-api-key': 'sandbox-business-key-ndxp' },
    allowedClients: [NDXP_PROVINCE_LGSP_ID],
  },
  {
    // A national system over SOAP: the civil-status sandbox stands in for the Ministry of Justice's electronic civil-status database.
    id: 'VN/GOV/000.00.00.G12/CSDLHT/civil-status',
    title: 'Tra cứu hộ tịch (CSDL hộ tịch điện tử, SOAP)',
    providerName: 'Cơ sở dữ liệu hộ tịch điện tử toàn quốc',
    target: '/civil/soap',
    kind: 'soap',
    allowedClients: [NDXP_PROVINCE_LGSP_ID],
  },
];

interface RegisteredMember extends NdxpMember {
  subsystem: SubsystemId;
}

export interface RegisteredService {
  id: string;
  kind: 'rest' | 'soap';
  serviceId: ServiceId;
  title: string;
  providerName: string;
  target: string;
  openapi?: string;
  headers: Record<string, string>;
  allowed: Set<string>;
}

/** What the admin API shows of a service: never the provider credentials' values. */
export interface NdxpServiceView {
  id: string;
  kind: 'rest' | 'soap';
  title: string;
  provider: string;
  target: string;
  credentialHeaders: string[];
  allowedClients: string[];
}

export class NdxpRegistry {
  readonly instance: string;
  readonly #members = new Map<string, RegisteredMember>();
  readonly #services = new Map<string, RegisteredService>();

  /** Throws on a malformed configuration: a typo in an id should stop the sandbox, not hide. */
  constructor(instance: string, members: readonly NdxpMember[], services: readonly NdxpService[]) {
    this.instance = instance;
    for (const member of members) {
      const subsystem = parseClientId(member.id);
      if (subsystem?.subsystemCode === undefined) throw new Error(`NDXP member id must be INSTANCE/CLASS/MEMBER/SUBSYSTEM: ${member.id}`);
      if (subsystem.instance !== instance) throw new Error(`NDXP member ${member.id} is not in instance ${instance}`);
      this.#members.set(formatClientId(subsystem), { ...member, subsystem: subsystem as SubsystemId });
    }
    for (const service of services) {
      const serviceId = parseServiceId(service.id);
      if (!serviceId) throw new Error(`NDXP service id must be INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE: ${service.id}`);
      if (serviceId.instance !== instance) throw new Error(`NDXP service ${service.id} is not in instance ${instance}`);
      for (const url of [service.target, service.openapi ?? '/']) {
        if (!/^(\/|https?:\/\/)[^?#]*$/.test(url)) throw new Error(`NDXP service ${service.id}: target and openapi must be paths or http(s) URLs without query`);
      }
      for (const client of service.allowedClients) {
        if (!this.#members.has(client)) throw new Error(`NDXP service ${service.id} allows an unknown client ${client}`);
      }
      this.#services.set(formatServiceId(serviceId), {
        id: formatServiceId(serviceId), kind: service.kind ?? 'rest', serviceId, title: service.title, providerName: service.providerName ?? service.title,
        target: service.target.replace(/\/+$/, ''), ...(service.openapi ? { openapi: service.openapi } : {}),
        headers: { ...service.headers }, allowed: new Set(service.allowedClients),
      });
    }
  }

  /** The member whose key matches, or undefined (unknown subsystem and wrong key look alike). */
  authenticate(client: ClientId, key: string | undefined): NdxpMember | undefined {
    const member = this.#members.get(formatClientId(client));
    return member && key !== undefined && safeEqual(member.key, key) ? member : undefined;
  }

  hasMember(clientId: string): boolean {
    return this.#members.has(clientId);
  }

  service(id: string | ServiceId): RegisteredService | undefined {
    return this.#services.get(typeof id === 'string' ? id : formatServiceId(id));
  }

  isAllowed(service: RegisteredService, clientId: string): boolean {
    return service.allowed.has(clientId);
  }

  services(): RegisteredService[] {
    return [...this.#services.values()];
  }

  /** Services (of one kind) provided by one subsystem; undefined when the subsystem is not known at all. */
  servicesOf(provider: SubsystemId, kind: RegisteredService['kind'] = 'rest'): RegisteredService[] | undefined {
    const key = formatClientId(provider);
    const services = this.services().filter((s) => formatClientId(providerOf(s.serviceId)) === key);
    return services.length > 0 || this.#members.has(key) ? services.filter((s) => s.kind === kind) : undefined;
  }

  /** Members and subsystems as X-Road's `listClients` lists them: each member once, then its subsystems. */
  clients(): ListedClient[] {
    const subsystems = new Map<string, ListedClient>();
    for (const member of this.#members.values()) {
      subsystems.set(member.id, { id: member.subsystem, name: member.name, ...(member.subsystemName ? { subsystemName: member.subsystemName } : {}) });
    }
    for (const service of this.#services.values()) {
      const provider = providerOf(service.serviceId);
      if (!subsystems.has(formatClientId(provider))) subsystems.set(formatClientId(provider), { id: provider, name: service.providerName });
    }
    const listed = new Map<string, ListedClient[]>();
    for (const client of subsystems.values()) {
      const member = formatMemberId(client.id);
      if (!listed.has(member)) listed.set(member, [{ id: { instance: client.id.instance, memberClass: client.id.memberClass, memberCode: client.id.memberCode }, name: client.name }]);
      listed.get(member)!.push(client);
    }
    return [...listed.values()].flat();
  }

  grant(service: RegisteredService, clientId: string): void {
    service.allowed.add(clientId);
  }

  revoke(service: RegisteredService, clientId: string): void {
    service.allowed.delete(clientId);
  }

  members(): { id: string; name: string }[] {
    return [...this.#members.values()].map((m) => ({ id: m.id, name: m.name }));
  }

  view(service: RegisteredService): NdxpServiceView {
    return {
      id: service.id,
      kind: service.kind,
      title: service.title,
      provider: formatClientId(providerOf(service.serviceId)),
      target: service.target,
      credentialHeaders: Object.keys(service.headers),
      allowedClients: [...service.allowed],
    };
  }
}
