import { canActOn, forbidden, holdsPermission, type Principal } from '../../../packages/platform/index.ts';

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
