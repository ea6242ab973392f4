import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../packages/platform/index.ts';
import { roleAssignments, roles, serviceClients, users } from './db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export type RoleRow = typeof roles.$inferSelect;
export type ServiceClientRow = typeof serviceClients.$inferSelect;

export interface AssignmentView {
  assignmentId: string;
  roleId: string;
  roleCode: string;
  roleName: string;
  agencyId: string;
  scope: 'agency' | 'subtree';
  permissions: string[];
}

/** The only place that writes SQL for the identity schema's accounts and roles. */
export function createAccountRepository(db: Db) {
  return {
    async userById(id: string, q: Queryable = db): Promise<UserRow | undefined> {
      const [row] = await q.select().from(users).where(eq(users.id, id));
      return row;
    },
    async userByUsername(username: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.username, username));
      return row;
    },
    async userByPersonalId(personalId: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.personalId, personalId));
      return row;
    },
    async insertUser(row: typeof users.$inferInsert, q: Queryable = db): Promise<UserRow> {
      const [created] = await q.insert(users).values(row).returning();
      return created as UserRow;
    },
    /** Updates only when the version matches; returns undefined on a concurrent change. */
    async updateUser(id: string, version: number, patch: Partial<typeof users.$inferInsert>, q: Queryable = db): Promise<UserRow | undefined> {
      const [row] = await q
        .update(users)
        .set({ ...patch, version: version + 1, updatedAt: new Date() })
        .where(and(eq(users.id, id), eq(users.version, version)))
        .returning();
      return row;
    },
    /** Sign-in bookkeeping does not bump the version: it is not an edit of the account. */
    async setSignInState(id: string, patch: Pick<Partial<UserRow>, 'failedSignIns' | 'lockedUntil' | 'totpLastStep' | 'totpSecret' | 'totpEnabled' | 'passwordHash'>) {
      await db.update(users).set(patch).where(eq(users.id, id));
    },
    async countFailedSignIn(id: string, lockAfter: number, lockMinutes: number): Promise<{ failedSignIns: number; lockedUntil: Date | null }> {
      const [row] = await db
        .update(users)
        .set({
          failedSignIns: sql`${users.failedSignIns} + 1`,
          lockedUntil: sql`case when ${users.failedSignIns} + 1 >= ${lockAfter} then now() + make_interval(mins => ${lockMinutes}) else ${users.lockedUntil} end`,
        })
        .where(eq(users.id, id))
        .returning({ failedSignIns: users.failedSignIns, lockedUntil: users.lockedUntil });
      return row ?? { failedSignIns: 0, lockedUntil: null };
    },
    async listOfficials(filter: { q?: string | undefined; agencyIds?: string[] | undefined; limit: number; offset: number }) {
      const where: SQL[] = [eq(users.kind, 'official')];
      if (filter.agencyIds) where.push(filter.agencyIds.length ? inArray(users.agencyId, filter.agencyIds) : sql`false`);
      if (filter.q) {
        const like = `%${filter.q}%`;
        where.push(sql`(sen_fold(${users.fullName}) like sen_fold(${like}) or ${users.username} ilike ${like} or coalesce(${users.email}, '') ilike ${like})`);
      }
      const condition = and(...where);
      const [items, [total]] = await Promise.all([
        db.select().from(users).where(condition).orderBy(asc(users.username)).limit(filter.limit).offset(filter.offset),
        db.select({ n: count() }).from(users).where(condition),
      ]);
      return { items, total: total?.n ?? 0 };
    },
    /** Active officials holding `permission` for the agency: by an assignment there, or a subtree assignment on an ancestor. */
    async officialsHolding(permission: string, agencyId: string, ancestors: string[]): Promise<{ id: string; fullName: string; email: string | null }[]> {
      const above = ancestors.length ? and(inArray(roleAssignments.agencyId, ancestors), eq(roleAssignments.scope, 'subtree')) : sql`false`;
      return db.selectDistinct({ id: users.id, fullName: users.fullName, email: users.email })
        .from(roleAssignments)
        .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .where(and(eq(users.kind, 'official'), eq(users.active, true), sql`${roles.permissions} ? ${permission}`, sql`(${eq(roleAssignments.agencyId, agencyId)} or ${above})`))
        .orderBy(asc(users.fullName))
        .limit(200);
    },
    async assignmentsOf(userIds: string[], q: Queryable = db): Promise<Map<string, AssignmentView[]>> {
      const result = new Map<string, AssignmentView[]>();
      if (userIds.length === 0) return result;
      const rows = await q
        .select({
          userId: roleAssignments.userId,
          assignmentId: roleAssignments.id,
          roleId: roles.id,
          roleCode: roles.code,
          roleName: roles.name,
          agencyId: roleAssignments.agencyId,
          scope: roleAssignments.scope,
          permissions: roles.permissions,
        })
        .from(roleAssignments)
        .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
        .where(inArray(roleAssignments.userId, userIds))
        .orderBy(asc(roleAssignments.createdAt));
      for (const { userId, ...view } of rows) result.set(userId, [...(result.get(userId) ?? []), view]);
      return result;
    },
    async assignment(id: string) {
      const [row] = await db.select().from(roleAssignments).where(eq(roleAssignments.id, id));
      return row;
    },
    async insertAssignment(row: typeof roleAssignments.$inferInsert, q: Queryable = db) {
      const [created] = await q.insert(roleAssignments).values(row).onConflictDoNothing().returning();
      return created;
    },
    async deleteAssignment(id: string) {
      await db.delete(roleAssignments).where(eq(roleAssignments.id, id));
    },
    listRoles: () => db.select().from(roles).orderBy(asc(roles.code)),
    async roleById(id: string) {
      const [row] = await db.select().from(roles).where(eq(roles.id, id));
      return row;
    },
    async roleByCode(code: string, q: Queryable = db) {
      const [row] = await q.select().from(roles).where(eq(roles.code, code));
      return row;
    },
    async insertRole(row: typeof roles.$inferInsert, q: Queryable = db) {
      const [created] = await q.insert(roles).values(row).onConflictDoNothing().returning();
      return created;
    },
    async updateRole(id: string, version: number, patch: Partial<typeof roles.$inferInsert>) {
      const [row] = await db
        .update(roles)
        .set({ ...patch, version: version + 1, updatedAt: new Date() })
        .where(and(eq(roles.id, id), eq(roles.version, version)))
        .returning();
      return row;
    },
    async serviceClient(clientId: string) {
      const [row] = await db.select().from(serviceClients).where(eq(serviceClients.clientId, clientId));
      return row;
    },
    async insertServiceClient(row: typeof serviceClients.$inferInsert, q: Queryable = db) {
      const [created] = await q.insert(serviceClients).values(row).onConflictDoNothing().returning();
      return created;
    },
    listServiceClients: () => db.select().from(serviceClients).orderBy(asc(serviceClients.clientId)),
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;
