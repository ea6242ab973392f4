import { api, rawRequest } from './client.ts';
import type { Schema } from './schemas.ts';

export type LgspServiceHealth = Schema<'LgspServiceHealth'>;
export type LgspMember = Schema<'LgspMember'>;
export type LgspSubsystem = Schema<'LgspSubsystem'>;
export type LgspServiceVersion = Schema<'LgspServiceVersion'>;
export type LgspRefreshResult = Schema<'LgspRefreshResult'>;
export type LgspAccessRight = Schema<'LgspAccessRight'>;
export type LgspAccessRequest = Schema<'LgspAccessRequest'>;
export type LgspNewService = Schema<'LgspNewService'>;
/** An uploaded description: the JSON document, or its text (JSON or YAML, read by the server). */
export type OpenApiUpload = NonNullable<LgspNewService['openApi']>;
export type LgspNewAccessRequest = Schema<'LgspNewAccessRequest'>;
export type LgspServiceStatus = Schema<'LgspService'>['status'];
export type LgspService = Schema<'LgspService'>;
export type LgspTryRequest = Schema<'LgspTryRequest'>;
export type LgspTryResult = Schema<'LgspTryResult'>;
export type LgspTrySoapRequest = Schema<'LgspTrySoapRequest'>;
export type LgspUsageBucket = Schema<'LgspUsageBucket'>;
export type LgspSubsystemCertificate = Schema<'LgspSubsystemCertificate'>;
export type LgspGroup = Schema<'LgspGroup'>;
export type LgspGrant = Schema<'LgspGrant'>;
export type LgspQuota = Schema<'LgspQuota'>;
export type LgspQuotaChange = Schema<'LgspQuotaChange'>;
export type LgspNotice = Schema<'LgspNotice'>;

export const lgspMonitoringApi = {
  health: (query: { from?: string; to?: string }) => api.get<LgspServiceHealth[]>('/api/lgsp/monitoring/health', { ...query }),
  usage: (query: { from?: string; to?: string; bucket?: 'hour' | 'day' }) => api.get<LgspUsageBucket[]>('/api/lgsp/monitoring/usage', { ...query }),
};

const service = (id: string) => `/api/lgsp/services/${encodeURIComponent(id)}`;
const subsystem = (id: string) => `/api/lgsp/subsystems/${encodeURIComponent(id)}`;

/** The registry, the developer portal and the provider's administration (modules/lgsp). */
export const lgspApi = {
  members: () => api.get<LgspMember[]>('/api/lgsp/members'),
  createMember: (body: { agencyCode: string; memberClass: string }) => api.post<LgspMember>('/api/lgsp/members', body),
  subsystems: () => api.get<LgspSubsystem[]>('/api/lgsp/subsystems'),
  createSubsystem: (memberId: string, body: { code: string; name: string; clientId?: string }) =>
    api.post<LgspSubsystem>(`/api/lgsp/members/${encodeURIComponent(memberId)}/subsystems`, body),
  services: (status?: LgspServiceStatus) => api.get<LgspService[]>('/api/lgsp/services', { status }),
  service: (id: string) => api.get<LgspService>(service(id)),
  openApi: (id: string) => api.get<Record<string, unknown>>(`${service(id)}/openapi`),
  registerService: (subsystemId: string, body: LgspNewService) => api.post<LgspService>(`/api/lgsp/subsystems/${encodeURIComponent(subsystemId)}/services`, body),
  versions: (id: string) => api.get<LgspServiceVersion[]>(`${service(id)}/versions`),
  wsdl: async (id: string) => (await rawRequest('GET', `${service(id)}/wsdl`)).text(),
  refresh: (id: string, body: { openApiUrl?: string; openApi?: OpenApiUpload; wsdlUrl?: string; wsdl?: string }) => api.post<LgspRefreshResult>(`${service(id)}/refresh`, body),
  setStatus: (id: string, status: LgspServiceStatus) => api.put<LgspService>(`${service(id)}/status`, { status }),
  setSandbox: (id: string, sandbox: boolean) => api.put<LgspService>(`${service(id)}/sandbox`, { sandbox }),
  rights: (id: string) => api.get<LgspAccessRight[]>(`${service(id)}/rights`),
  revoke: (rightId: string) => api.delete(`/api/lgsp/rights/${encodeURIComponent(rightId)}`),
  requests: (id: string) => api.get<LgspAccessRequest[]>(`${service(id)}/access-requests`),
  requestAccess: (body: LgspNewAccessRequest) => api.post<LgspAccessRequest>('/api/lgsp/access-requests', body),
  decide: (requestId: string, body: { approve: boolean; note?: string }) => api.post<LgspAccessRequest>(`/api/lgsp/access-requests/${encodeURIComponent(requestId)}/decision`, body),
  certificates: (subsystemId: string) => api.get<LgspSubsystemCertificate[]>(`${subsystem(subsystemId)}/certificates`),
  registerCertificate: (subsystemId: string, certificatePem: string) => api.post<LgspSubsystemCertificate>(`${subsystem(subsystemId)}/certificates`, { certificatePem }),
  removeCertificate: (subsystemId: string, certificateId: string) => api.delete(`${subsystem(subsystemId)}/certificates/${encodeURIComponent(certificateId)}`),
  groups: () => api.get<LgspGroup[]>('/api/lgsp/groups'),
  createGroup: (body: { code: string; name: string }) => api.post<LgspGroup>('/api/lgsp/groups', body),
  addGroupMember: (groupId: string, subsystemId: string) => api.post<LgspGroup>(`/api/lgsp/groups/${encodeURIComponent(groupId)}/members`, { subsystemId }),
  grant: (id: string, body: LgspGrant) => api.post<LgspAccessRight>(`${service(id)}/rights`, body),
  quotas: (id: string) => api.get<LgspQuota[]>(`${service(id)}/quotas`),
  setQuota: (id: string, body: LgspQuotaChange) => api.put<LgspQuota[]>(`${service(id)}/quotas`, body),
  setRequestValidation: (id: string, validateRequests: boolean) => api.put<LgspService>(`${service(id)}/request-validation`, { validateRequests }),
  setResponseValidation: (id: string, validateResponses: boolean) => api.put<LgspService>(`${service(id)}/response-validation`, { validateResponses }),
  notices: (query: { limit?: number } = {}) => api.get<LgspNotice[]>('/api/lgsp/notices', { ...query }),
  tryIt: (body: LgspTryRequest) => api.post<LgspTryResult>('/api/lgsp/try', body),
  trySoap: (body: LgspTrySoapRequest) => api.post<LgspTryResult & { request?: string }>('/api/lgsp/try/soap', body),
};
