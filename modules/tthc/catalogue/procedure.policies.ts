import { canActOn, forbidden, holdsPermission, type Principal } from '../../../packages/platform/index.ts';
import type { Procedure } from './procedure.types.ts';

/** The one permission of the procedure catalogue: procedures, offerings, e-forms and processes. */
export const EDIT = 'procedure.edit';

/** Procedures, forms and processes are province-wide documents: holding the permission anywhere suffices. */
export function requireEditor(principal: Principal): void {
  if (!holdsPermission(principal, EDIT)) throw forbidden('auth.forbidden', `Permission ${EDIT} is required`);
}

export const isEditor = (principal: Principal | undefined): boolean => principal !== undefined && holdsPermission(principal, EDIT);

/** An offering belongs to an agency: the grant must cover that agency (or one of its ancestors, for a subtree grant). */
export async function requireAgencyScope(principal: Principal, agencyId: string, ancestorsOf: (id: string) => Promise<string[]>): Promise<void> {
  requireEditor(principal);
  if (!canActOn(principal, EDIT, agencyId, await ancestorsOf(agencyId))) {
    throw forbidden('auth.out_of_scope', 'You may not edit the procedures offered by this agency');
  }
}

/**
 * A procedure as the caller may see it: the verification markers are for administrators; anyone
 * else gets no markers and no unconfirmed national code presented as if it were real (empty instead).
 */
export function procedureFor<T extends Pick<Procedure, 'nationalCode' | 'verification'>>(principal: Principal | undefined, procedure: T): T {
  if (isEditor(principal)) return procedure;
  const codeUnverified = procedure.verification?.unverified.includes('nationalCode') ?? false;
  return { ...procedure, verification: null, nationalCode: codeUnverified ? '' : procedure.nationalCode };
}
