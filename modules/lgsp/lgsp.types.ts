export const SERVICE_STATUSES = ['draft', 'published', 'deprecated', 'retired'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export interface Endpoint {
  method: string;
  path: string;
}

export interface EndpointDiff {
  added: Endpoint[];
  removed: Endpoint[];
}

export interface Member {
  id: string;
  /** `INSTANCE/CLASS/CODE`. */
  xroadId: string;
  instance: string;
  memberClass: string;
  memberCode: string;
  agencyId: string;
  name: string;
}

export interface Subsystem {
  id: string;
  memberId: string;
  /** `INSTANCE/CLASS/CODE/SUBSYSTEM`. */
  xroadId: string;
  code: string;
  name: string;
  /** The identity module's service client that authenticates this subsystem at the gateway. */
  clientId: string | null;
}

export interface Service {
  id: string;
  subsystemId: string;
  /** `INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICE/VERSION` (the version is the registry's; the gateway path has no version, PR-REST §4.1). */
  xroadId: string;
  code: string;
  name: string;
  /** The provider's address; absent for a reader who does not administer the provider (registry.service.ts addressesFor). */
  baseUrl?: string;
  openApiUrl: string | null;
  /** REST (OpenAPI) or SOAP (WSDL; its operations are the endpoints `POST /{operation}`). */
  kind: 'rest' | 'soap';
  wsdlUrl: string | null;
  /** A national service's NDXP service id (LGSP forwards to it through NDXP); null for a provincial provider. */
  nationalService: string | null;
  status: ServiceStatus;
  version: number;
  timeoutMs: number;
  /** What the message log keeps of its bodies (decision 0032). */
  bodyLogging: BodyLogging;
  /** A sandbox / test provider: the developer portal's "try it" console may call it. */
  sandbox: boolean;
  /** The gateway validates requests against the current OpenAPI document (method and path, parameters, headers, media type and body). */
  validateRequests: boolean;
  /** The gateway validates the provider's answers against the current OpenAPI document (declared status, media type, JSON body). */
  validateResponses: boolean;
  endpoints: Endpoint[];
}

export interface ServiceVersion {
  version: number;
  label: string;
  endpoints: Endpoint[];
  diff: EndpointDiff;
  createdAt: string;
}

export interface AccessRight {
  id: string;
  serviceId: string;
  subsystemId: string | null;
  groupId: string | null;
  method: string | null;
  pathPattern: string | null;
  expiresAt: string | null;
  grantedBy: string;
  createdAt: string;
}

export interface AccessRequest {
  id: string;
  serviceId: string;
  subsystemId: string;
  method: string | null;
  pathPattern: string | null;
  expiresAt: string | null;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  requestedBy: string;
  decidedBy: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
  accessRightId: string | null;
  createdAt: string;
}

export interface Group {
  id: string;
  code: string;
  name: string;
  subsystemIds: string[];
}

/** An endpoint rule: the whole service (both null) or a method and/or path pattern, optionally until a time. */
export interface EndpointScope {
  method?: string | undefined;
  pathPattern?: string | undefined;
  expiresAt?: string | undefined;
}

export const BODY_LOGGING = ['full', 'metadata', 'off'] as const;
/** full: bodies kept encrypted; metadata: their hashes only; off: neither. */
export type BodyLogging = (typeof BODY_LOGGING)[number];
