// Identity module API and the audit trail.
import { api } from './client.ts';
import type { paths, Schema } from './schemas.ts';

export type Me = Schema<'Me'>;
export type Grant = Me['grants'][number];
export type RoleAssignment = Schema<'RoleAssignment'>;
export type GrantScope = RoleAssignment['scope'];
export type Official = Schema<'Official'>;
export type Role = Schema<'Role'>;
export type Permission = Schema<'PermissionList'>['items'][number];

export const identityApi = {
  me: () => api.get<Me>('/api/identity/me'),
  enrollTotp: () => api.post<Schema<'TotpEnrolment'>>('/api/identity/me/totp/enroll'),
  confirmTotp: (code: string) => api.post<void>('/api/identity/me/totp/confirm', { code }),

  officials: (query: { q?: string; limit: number; offset: number }) => api.get<Schema<'OfficialPage'>>('/api/identity/officials', query),
  createOfficial: (body: Schema<'CreateOfficial'>) =>
    api.post<Official>('/api/identity/officials', body),
  updateOfficial: (id: string, body: Schema<'UpdateOfficial'>) =>
    api.patch<Official>(`/api/identity/officials/${encodeURIComponent(id)}`, body),
  assignRole: (id: string, body: Schema<'AssignRole'>) =>
    api.post<Official>(`/api/identity/officials/${encodeURIComponent(id)}/roles`, body),
  removeRole: (id: string, assignmentId: string) =>
    api.delete(`/api/identity/officials/${encodeURIComponent(id)}/roles/${encodeURIComponent(assignmentId)}`),
  unlock: (id: string) => api.post<void>(`/api/identity/officials/${encodeURIComponent(id)}/unlock`),

  roles: () => api.get<Schema<'RoleList'>>('/api/identity/roles'),
  createRole: (body: Schema<'CreateRole'>) => api.post<Role>('/api/identity/roles', body),
  updateRole: (id: string, body: Schema<'UpdateRole'>) =>
    api.patch<Role>(`/api/identity/roles/${encodeURIComponent(id)}`, body),
  permissions: () => api.get<Schema<'PermissionList'>>('/api/identity/permissions'),
};

export type AuditEntry = Schema<'AuditRecord'>;
export type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;

export const auditApi = {
  list: (query: AuditQuery) => api.get<{ items: AuditEntry[] }>('/api/audit', { ...query }),
};
