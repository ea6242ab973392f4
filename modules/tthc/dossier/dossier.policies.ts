import { canActOn, forbidden, notFound, type Principal } from '../../../packages/platform/index.ts';
import type { AgencyCalendar } from './dossier.deps.ts';
import type { Dossier } from './dossier.types.ts';

/**
 * Who may see and act on a dossier. Deny by default: an official sees a dossier only through a
 * grant on an agency that holds or held it (the owner, the desk, a consulted agency); an
 * applicant sees only their own. A dossier one may not see is "not found", never "forbidden",
 * so its existence is not revealed.
 */
export const DOSSIER_PERMISSIONS = {
  read: 'dossier.read',
  receive: 'dossier.receive',
  process: 'dossier.process',
  approve: 'dossier.approve',
} as const;

const OFFICIAL_READ = Object.values(DOSSIER_PERMISSIONS);

export const dossierNotFound = () => notFound('dossier.not_found', 'Không tìm thấy hồ sơ / Dossier not found');

export function isApplicantOf(principal: Principal, dossier: Pick<Dossier, 'applicantSubject'> | { applicantSubject: string | null }): boolean {
  return principal.kind === 'user' && principal.userType === 'citizen' && dossier.applicantSubject === principal.userId;
}

export async function canAct(catalog: AgencyCalendar, principal: Principal, permission: string, agencyId: string): Promise<boolean> {
  if (principal.kind === 'anonymous' || principal.grants.length === 0) return false;
  return canActOn(principal, permission, agencyId, await catalog.agencyAncestors(agencyId));
}

export async function canSee(catalog: AgencyCalendar, principal: Principal, dossier: { applicantSubject: string | null; agencyScope: readonly string[] }): Promise<boolean> {
  if (isApplicantOf(principal, dossier)) return true;
  if (principal.kind === 'anonymous' || principal.grants.length === 0) return false;
  for (const agencyId of dossier.agencyScope) {
    const ancestors = await catalog.agencyAncestors(agencyId);
    if (OFFICIAL_READ.some((permission) => canActOn(principal, permission, agencyId, ancestors))) return true;
  }
  return false;
}

/** Throws 403 unless the principal holds the permission for the agency (call after `canSee`). */
export async function requirePermission(catalog: AgencyCalendar, principal: Principal, permission: string, agencyId: string): Promise<void> {
  if (!(await canAct(catalog, principal, permission, agencyId))) {
    throw forbidden('dossier.forbidden', `Bạn không có quyền thực hiện thao tác này / You need ${permission} for this agency`);
  }
}
