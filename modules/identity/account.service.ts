import { randomUUID } from 'node:crypto';
import {
  badRequest,
  canActOn,
  conflict,
  forbidden,
  holdsPermission,
  isSealed,
  maskIdNumber,
  notFound,
  pgError,
  randomToken,
  type Db,
  type Grant,
  type Principal,
  type SecretBox,
} from '../../packages/platform/index.ts';
import type { Revocation } from './token-cache.ts';
import { hashClientSecret } from './oidc/client-secrets.ts';
import { RESOURCE_SCOPES } from './oidc/resources.ts';
import type { UpstreamIdentity } from './oidc/upstream.ts';
import { createAccountRepository, type AssignmentView, type UserRow } from './account.repository.ts';
import { DECOY_HASH, hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.ts';
import { matchTotp, newTotpSecret, totpSecretContext, totpUri } from './totp.ts';
import { ADMIN_PERMISSIONS, BUILT_IN_ROLES, isPermission, permissionCodes } from './permissions.ts';

/** What identity needs of the organisation chart (provided by the catalog module). */
export interface AgencyDirectory {
  agencyAncestors(agencyId: string): Promise<string[]>;
  listAgencies(): Promise<{ id: string; parentId: string | null; name: string }[]>;
}

const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;

export type SignInResult =
  | { status: 'ok'; userId: string }
  | { status: 'totp_required'; userId: string }
  | { status: 'totp_enrolment_required'; userId: string }
  | { status: 'invalid' }
  | { status: 'locked'; until: Date };

export interface OfficialView {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  agencyId: string | null;
  active: boolean;
  locked: boolean;
  totpEnabled: boolean;
  version: number;
  roles: (Omit<AssignmentView, 'permissions'> & { agencyName: string })[];
}

const isAdminGrant = (a: { permissions: readonly string[] }) => a.permissions.some((p) => (ADMIN_PERMISSIONS as readonly string[]).includes(p));

export interface AccountServiceOptions {
  /** Seals TOTP secrets at rest. */
  box: SecretBox;
  /** Tells every replica's token cache that verified tokens of an account (or of all) are stale. */
  revoked: (r: Revocation) => Promise<void>;
}

/** A citizen as VNeID vouched for them at the last sign-in (for prefilling applications). */
export interface CitizenIdentity {
  personalId: string;
  fullName: string;
  enterpriseCode: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  address: { line: string; commune?: string | undefined; province?: string | undefined } | null;
}

/** The profile columns refreshed from VNeID's claims at each sign-in (what VNeID no longer says is cleared). */
const vneidProfile = (claims: UpstreamIdentity) => ({ birthDate: claims.dateOfBirth ?? null, phone: claims.phone ?? null, residence: claims.address ?? null });

export function createAccountService(db: Db, agencies: AgencyDirectory, options: AccountServiceOptions) {
  const repo = createAccountRepository(db);
  const { box, revoked } = options;

  /** The TOTP secret in clear; a secret stored before secrets were sealed is sealed on first use. */
  async function totpSecretOf(user: UserRow): Promise<string | null> {
    if (!user.totpSecret) return null;
    if (isSealed(user.totpSecret)) return box.open(user.totpSecret, totpSecretContext(user.id));
    await repo.setSignInState(user.id, { totpSecret: box.seal(user.totpSecret, totpSecretContext(user.id)) });
    return user.totpSecret;
  }

  async function agencyNames(): Promise<Map<string, string>> {
    return new Map((await agencies.listAgencies()).map((a) => [a.id, a.name]));
  }

  /** Agencies in which the principal holds the permission (own agency, or the whole subtree). */
  async function agenciesInScope(principal: Principal, permission: string): Promise<Set<string>> {
    const all = await agencies.listAgencies();
    const children = new Map<string, string[]>();
    for (const a of all) if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
    const scope = new Set<string>();
    if (principal.kind === 'anonymous') return scope;
    for (const g of principal.grants) {
      if (!g.permissions.includes(permission)) continue;
      const stack = [g.agencyId];
      while (stack.length) {
        const id = stack.pop() as string;
        scope.add(id);
        if (g.scope === 'subtree') stack.push(...(children.get(id) ?? []));
      }
    }
    return scope;
  }

  async function assertManages(principal: Principal, agencyId: string | null): Promise<void> {
    if (!agencyId || !canActOn(principal, 'identity.manage', agencyId, await agencies.agencyAncestors(agencyId))) {
      throw forbidden('identity.out_of_scope', 'This account belongs to an agency outside your scope');
    }
  }

  async function officialView(user: UserRow, names?: Map<string, string>): Promise<OfficialView> {
    const map = names ?? (await agencyNames());
    const assignments = (await repo.assignmentsOf([user.id])).get(user.id) ?? [];
    return toOfficialView(user, assignments, map);
  }

  function toOfficialView(user: UserRow, assignments: AssignmentView[], names: Map<string, string>): OfficialView {
    return {
      id: user.id,
      username: user.username ?? '',
      fullName: user.fullName,
      email: user.email,
      agencyId: user.agencyId,
      active: user.active,
      locked: !!user.lockedUntil && user.lockedUntil > new Date(),
      totpEnabled: user.totpEnabled,
      version: user.version,
      roles: assignments.map(({ permissions: _p, ...a }) => ({ ...a, agencyName: names.get(a.agencyId) ?? a.agencyId })),
    };
  }

  async function loadOfficial(id: string): Promise<UserRow> {
    const user = await repo.userById(id);
    if (!user || user.kind !== 'official') throw notFound('identity.official_not_found', 'Official not found');
    return user;
  }

  return {
    repo,

    /** The principal a token's subject stands for; anonymous when the account is gone or disabled. */
    async principalForUser(userId: string): Promise<Principal> {
      const user = await repo.userById(userId);
      if (!user || !user.active) return { kind: 'anonymous' };
      const assignments = (await repo.assignmentsOf([user.id])).get(user.id) ?? [];
      const grants: Grant[] = assignments.map((a) => ({ agencyId: a.agencyId, scope: a.scope, permissions: a.permissions }));
      return { kind: 'user', userId: user.id, userType: user.kind, displayName: user.fullName, grants };
    },

    /** Officials who may take a step needing `permission` at the agency (for assignment pickers). */
    async officialsHolding(permission: string, agencyId: string): Promise<{ id: string; fullName: string; email: string | null }[]> {
      return repo.officialsHolding(permission, agencyId, await agencies.agencyAncestors(agencyId));
    },

    /** A citizen's identity as VNeID vouched for it (for prefilling applications); undefined for others. */
    async citizenIdentity(userId: string): Promise<CitizenIdentity | undefined> {
      const user = await repo.userById(userId);
      if (!user || user.kind !== 'citizen' || !user.personalId) return undefined;
      return {
        personalId: user.personalId, fullName: user.fullName, enterpriseCode: user.enterpriseCode,
        dateOfBirth: user.birthDate, phone: user.phone, address: user.residence ?? null,
      };
    },

    async principalForClient(clientId: string): Promise<Principal> {
      const client = await repo.serviceClient(clientId);
      if (!client || !client.active) return { kind: 'anonymous' };
      return { kind: 'system', clientId, grants: [{ agencyId: client.agencyId, scope: 'agency', permissions: client.permissions }] };
    },

    async signInOfficial(username: string, password: string): Promise<SignInResult> {
      const user = await repo.userByUsername(username.trim().toLowerCase());
      if (!user || user.kind !== 'official' || !user.passwordHash || !user.active) {
        // Same work as a real check, so timing does not reveal which usernames exist.
        await verifyPassword(password, DECOY_HASH);
        return { status: 'invalid' };
      }
      if (user.lockedUntil && user.lockedUntil > new Date()) return { status: 'locked', until: user.lockedUntil };
      if (!(await verifyPassword(password, user.passwordHash))) {
        const state = await repo.countFailedSignIn(user.id, LOCK_AFTER_FAILURES, LOCK_MINUTES);
        if (state.lockedUntil && state.lockedUntil > new Date()) return { status: 'locked', until: state.lockedUntil };
        return { status: 'invalid' };
      }
      // A hash made at an older cost is re-made at today's while the password is at hand.
      const upgraded = needsRehash(user.passwordHash) ? { passwordHash: await hashPassword(password) } : {};
      await repo.setSignInState(user.id, { failedSignIns: 0, lockedUntil: null, ...upgraded });
      if (user.totpEnabled) return { status: 'totp_required', userId: user.id };
      const assignments = (await repo.assignmentsOf([user.id])).get(user.id) ?? [];
      if (assignments.some(isAdminGrant)) return { status: 'totp_enrolment_required', userId: user.id };
      return { status: 'ok', userId: user.id };
    },

    /** Checks a TOTP code once (replays of an accepted step are refused); failures count toward lockout. */
    async verifyTotp(userId: string, code: string): Promise<boolean> {
      const user = await repo.userById(userId);
      const secret = user?.totpEnabled ? await totpSecretOf(user) : null;
      if (!user || !secret) return false;
      const step = matchTotp(secret, code);
      if (step === undefined || (user.totpLastStep !== null && step <= user.totpLastStep)) {
        await repo.countFailedSignIn(user.id, LOCK_AFTER_FAILURES, LOCK_MINUTES);
        return false;
      }
      await repo.setSignInState(user.id, { totpLastStep: step, failedSignIns: 0 });
      return true;
    },

    async beginTotpEnrolment(userId: string): Promise<{ secret: string; otpauthUrl: string }> {
      const user = await repo.userById(userId);
      if (!user || user.kind !== 'official') throw badRequest('identity.totp_officials_only', 'TOTP is for official accounts');
      if (user.totpEnabled) throw conflict('identity.totp_already_enabled', 'TOTP is already enabled for this account');
      const secret = newTotpSecret();
      await repo.setSignInState(userId, { totpSecret: box.seal(secret, totpSecretContext(userId)), totpEnabled: false });
      return { secret, otpauthUrl: totpUri(secret, user.username ?? user.id) };
    },

    async confirmTotp(userId: string, code: string): Promise<void> {
      const user = await repo.userById(userId);
      const secret = user && !user.totpEnabled ? await totpSecretOf(user) : null;
      if (!secret) throw conflict('identity.totp_not_pending', 'No TOTP enrolment is pending');
      const step = matchTotp(secret, code);
      if (step === undefined) throw badRequest('identity.totp_invalid', 'The code is not valid; check the device clock and try again');
      await repo.setSignInState(userId, { totpEnabled: true, totpLastStep: step });
    },

    /** Creates or links the local account of a person signed in through VNeID, keyed by personal id number. */
    async linkCitizen(claims: UpstreamIdentity): Promise<UserRow> {
      if (!/^\d{12}$/.test(claims.personalId)) throw badRequest('identity.invalid_personal_id', 'VNeID returned an invalid personal id number');
      if (claims.enterpriseCode !== undefined && !/^\d{10}(\d{3})?$/.test(claims.enterpriseCode)) {
        throw badRequest('identity.invalid_enterprise_code', 'VNeID returned an invalid enterprise code');
      }
      const existing = await repo.userByPersonalId(claims.personalId);
      if (existing) {
        const patch = { fullName: claims.fullName, enterpriseCode: claims.enterpriseCode ?? null, ...vneidProfile(claims) };
        return (await repo.updateUser(existing.id, existing.version, patch)) ?? existing;
      }
      try {
        return await repo.insertUser({
          id: randomUUID(),
          kind: 'citizen',
          fullName: claims.fullName,
          personalId: claims.personalId,
          enterpriseCode: claims.enterpriseCode ?? null,
          ...vneidProfile(claims),
        });
      } catch (err) {
        // Two first sign-ins at once: the other one created the account.
        if (pgError(err).code !== '23505') throw err;
        return (await repo.userByPersonalId(claims.personalId)) as UserRow;
      }
    },

    async me(principal: Principal) {
      if (principal.kind !== 'user') throw forbidden('identity.not_a_person', 'Only people have a profile');
      const user = await repo.userById(principal.userId);
      if (!user) throw notFound('identity.account_not_found', 'Account not found');
      const assignments = (await repo.assignmentsOf([user.id])).get(user.id) ?? [];
      const names = await agencyNames();
      return {
        id: user.id,
        kind: user.kind,
        displayName: user.fullName,
        ...(user.username ? { username: user.username } : {}),
        ...(user.personalId ? { personalIdMasked: maskIdNumber(user.personalId) } : {}),
        ...(user.enterpriseCode ? { enterpriseCode: user.enterpriseCode } : {}),
        totpEnabled: user.totpEnabled,
        grants: assignments.map((a) => ({
          agencyId: a.agencyId,
          agencyName: names.get(a.agencyId) ?? a.agencyId,
          scope: a.scope,
          roleCode: a.roleCode,
          roleName: a.roleName,
          permissions: a.permissions,
        })),
        permissions: [...new Set(assignments.flatMap((a) => a.permissions))].sort(),
      };
    },

    async listOfficials(principal: Principal, filter: { q?: string | undefined; limit: number; offset: number }) {
      const scope = await agenciesInScope(principal, 'identity.manage');
      const { items, total } = await repo.listOfficials({ ...filter, agencyIds: [...scope] });
      const [assignments, names] = await Promise.all([repo.assignmentsOf(items.map((u) => u.id)), agencyNames()]);
      return { items: items.map((u) => toOfficialView(u, assignments.get(u.id) ?? [], names)), total };
    },

    async getOfficial(principal: Principal, id: string): Promise<OfficialView> {
      const user = await loadOfficial(id);
      await assertManages(principal, user.agencyId);
      return officialView(user);
    },

    async createOfficial(principal: Principal, input: { username: string; fullName: string; email?: string | undefined; password: string; agencyId: string }) {
      await assertManages(principal, input.agencyId);
      const problem = passwordProblem(input.password);
      if (problem) throw badRequest('identity.weak_password', problem, [{ field: 'body/password', message: problem }]);
      const username = input.username.trim().toLowerCase();
      if (await repo.userByUsername(username)) throw conflict('identity.username_taken', `Username ${username} is already taken`);
      try {
        const user = await repo.insertUser({
          id: randomUUID(),
          kind: 'official',
          username,
          fullName: input.fullName.trim(),
          email: input.email ?? null,
          agencyId: input.agencyId,
          passwordHash: await hashPassword(input.password),
        });
        return officialView(user);
      } catch (err) {
        if (pgError(err).code === '23505') throw conflict('identity.username_taken', `Username ${username} is already taken`);
        throw err;
      }
    },

    async updateOfficial(principal: Principal, id: string, patch: { fullName?: string | undefined; email?: string | undefined; active?: boolean | undefined; version: number }) {
      const user = await loadOfficial(id);
      await assertManages(principal, user.agencyId);
      const { version, ...changes } = patch;
      const updated = await repo.updateUser(id, version, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
      if (!updated) throw conflict('identity.version_conflict', 'The account was changed by someone else; reload and try again', { currentVersion: user.version });
      await revoked({ account: id });
      return officialView(updated);
    },

    async unlockOfficial(principal: Principal, id: string): Promise<void> {
      const user = await loadOfficial(id);
      await assertManages(principal, user.agencyId);
      await repo.setSignInState(id, { failedSignIns: 0, lockedUntil: null });
    },

    async assignRole(principal: Principal, userId: string, input: { roleId: string; agencyId: string; scope: 'agency' | 'subtree' }) {
      const user = await loadOfficial(userId);
      await assertManages(principal, user.agencyId);
      await assertManages(principal, input.agencyId);
      const role = await repo.roleById(input.roleId);
      if (!role) throw notFound('identity.role_not_found', 'Role not found');
      // Nobody hands out more than they hold: every permission of the role must be the granter's own there.
      const ancestors = await agencies.agencyAncestors(input.agencyId);
      const missing = role.permissions.filter((p) => !canActOn(principal, p, input.agencyId, ancestors));
      if (missing.length) throw forbidden('identity.grant_exceeds_own', `You cannot grant permissions you do not hold: ${missing.join(', ')}`);
      const created = await repo.insertAssignment({ id: randomUUID(), userId, roleId: role.id, agencyId: input.agencyId, scope: input.scope });
      if (!created) throw conflict('identity.role_already_assigned', 'The official already holds this role in this agency');
      await revoked({ account: userId });
      return officialView((await repo.userById(userId)) as UserRow);
    },

    async removeRole(principal: Principal, userId: string, assignmentId: string): Promise<void> {
      const assignment = await repo.assignment(assignmentId);
      if (!assignment || assignment.userId !== userId) throw notFound('identity.assignment_not_found', 'Role assignment not found');
      await assertManages(principal, assignment.agencyId);
      await repo.deleteAssignment(assignmentId);
      await revoked({ account: userId });
    },

    listRoles: () => repo.listRoles(),

    async createRole(principal: Principal, input: { code: string; name: string; permissions: string[] }) {
      if (!holdsPermission(principal, 'identity.manage')) throw forbidden();
      const unknown = input.permissions.filter((p) => !isPermission(p));
      if (unknown.length) throw badRequest('identity.unknown_permission', `Unknown permissions: ${unknown.join(', ')}`, unknown);
      const created = await repo.insertRole({ id: randomUUID(), code: input.code, name: input.name, permissions: [...new Set(input.permissions)] });
      if (!created) throw conflict('identity.role_code_taken', `Role ${input.code} already exists`);
      return created;
    },

    async updateRole(principal: Principal, id: string, patch: { name?: string | undefined; permissions?: string[] | undefined; version: number }) {
      if (!holdsPermission(principal, 'identity.manage')) throw forbidden();
      const role = await repo.roleById(id);
      if (!role) throw notFound('identity.role_not_found', 'Role not found');
      if (role.builtIn && patch.permissions) throw conflict('identity.role_built_in', 'Built-in roles keep their permissions; create a new role instead');
      const unknown = (patch.permissions ?? []).filter((p) => !isPermission(p));
      if (unknown.length) throw badRequest('identity.unknown_permission', `Unknown permissions: ${unknown.join(', ')}`, unknown);
      const updated = await repo.updateRole(id, patch.version, {
        ...(patch.name ? { name: patch.name } : {}),
        ...(patch.permissions ? { permissions: [...new Set(patch.permissions)] } : {}),
      });
      if (!updated) throw conflict('identity.version_conflict', 'The role was changed by someone else; reload and try again', { currentVersion: role.version });
      // Everyone holding the role may have lost a permission.
      await revoked({ all: true });
      return updated;
    },

    async createServiceClient(principal: Principal, input: { clientId: string; name: string; agencyId: string; permissions: string[]; scopes?: string[] }) {
      if (!canActOn(principal, 'identity.clients', input.agencyId, await agencies.agencyAncestors(input.agencyId))) {
        throw forbidden('identity.out_of_scope', 'You cannot register clients for this agency');
      }
      const unknown = input.permissions.filter((p) => !isPermission(p));
      if (unknown.length) throw badRequest('identity.unknown_permission', `Unknown permissions: ${unknown.join(', ')}`, unknown);
      const scopes = input.scopes ?? ['api'];
      const unknownScopes = scopes.filter((s) => !(RESOURCE_SCOPES as readonly string[]).includes(s));
      if (unknownScopes.length) throw badRequest('identity.unknown_scope', `Unknown scopes: ${unknownScopes.join(', ')}`, unknownScopes);
      const secret = randomToken(32);
      const created = await repo.insertServiceClient({ ...input, scopes, secretHash: hashClientSecret(secret) });
      if (!created) throw conflict('identity.client_id_taken', `Client ${input.clientId} already exists`);
      return { clientId: created.clientId, name: created.name, agencyId: created.agencyId, permissions: created.permissions, scopes: created.scopes, clientSecret: secret };
    },

    /** Built-in roles exist on every database; safe to run on every start and by two replicas. */
    async seedRoles(): Promise<void> {
      for (const role of BUILT_IN_ROLES) {
        const existing = await repo.roleByCode(role.code);
        if (!existing) await repo.insertRole({ id: randomUUID(), ...role, builtIn: true });
        else if (role.code === 'system_admin' && existing.permissions.length !== permissionCodes.length) {
          // New permissions added in a release reach the system administrator.
          await repo.updateRole(existing.id, existing.version, { permissions: permissionCodes });
        }
      }
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
