// Identity module API (hand-typed until openapi.json describes /api/identity; then switch to `openapi`).
import { api } from './client.ts';

export type GrantScope = 'agency' | 'subtree';

export interface Grant {
  agencyId: string;
  agencyName: string;
  scope: GrantScope;
  roleCode: string;
  roleName: string;
  permissions: string[];
}

export interface Me {
  id: string;
  kind: 'official' | 'citizen';
  displayName: string;
  username?: string;
  personalIdMasked?: string;
  totpEnabled: boolean;
  grants: Grant[];
  permissions: string[];
}

export interface RoleAssignment {
  assignmentId: string;
  roleId: string;
  roleCode: string;
  roleName: string;
  agencyId: string;
  agencyName: string;
  scope: GrantScope;
}

export interface Official {
  id: string;
  username: string;
  fullName: string;
  email?: string | null;
  /** The agency the official works at. */
  agencyId: string | null;
  active: boolean;
  locked: boolean;
  totpEnabled: boolean;
  version: number;
  roles: RoleAssignment[];
}

export interface Role {
  id: string;
  code: string;
  name: string;
  permissions: string[];
  version: number;
}

export interface Permission {
  code: string;
  description: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export const identityApi = {
  me: () => api.get<Me>('/api/identity/me'),
  enrollTotp: () => api.post<{ secret: string; otpauthUrl: string; qrDataUrl: string }>('/api/identity/me/totp/enroll'),
  confirmTotp: (code: string) => api.post<void>('/api/identity/me/totp/confirm', { code }),

  officials: (query: { q?: string; limit: number; offset: number }) => api.get<Page<Official>>('/api/identity/officials', query),
  createOfficial: (body: { username: string; fullName: string; email?: string; password: string; agencyId: string }) =>
    api.post<Official>('/api/identity/officials', body),
  updateOfficial: (id: string, body: { fullName?: string; email?: string; active?: boolean; version: number }) =>
    api.patch<Official>(`/api/identity/officials/${encodeURIComponent(id)}`, body),
  assignRole: (id: string, body: { roleId: string; agencyId: string; scope: GrantScope }) =>
    api.post<RoleAssignment>(`/api/identity/officials/${encodeURIComponent(id)}/roles`, body),
  removeRole: (id: string, assignmentId: string) =>
    api.delete(`/api/identity/officials/${encodeURIComponent(id)}/roles/${encodeURIComponent(assignmentId)}`),
  unlock: (id: string) => api.post<void>(`/api/identity/officials/${encodeURIComponent(id)}/unlock`),

  roles: () => api.get<{ items: Role[] }>('/api/identity/roles'),
  createRole: (body: { code: string; name: string; permissions: string[] }) => api.post<Role>('/api/identity/roles', body),
  updateRole: (id: string, body: { name?: string; permissions?: string[]; version: number }) =>
    api.patch<Role>(`/api/identity/roles/${encodeURIComponent(id)}`, body),
  permissions: () => api.get<{ items: Permission[] }>('/api/identity/permissions'),
};

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  /** The HTTP status of the audited request (or a word such as `success`). */
  outcome: number | string;
  sourceIp: string | null;
  requestId: string | null;
  purpose: string | null;
  details: unknown;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

export const auditApi = {
  list: (query: AuditQuery) => api.get<{ items: AuditEntry[] }>('/api/audit', { ...query }),
};
