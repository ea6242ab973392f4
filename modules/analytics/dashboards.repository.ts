import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db, type Queryable } from '../../packages/platform/index.ts';
import { communeMap, dashboardPanels, dashboards } from './db/schema.ts';

export type DashboardRow = typeof dashboards.$inferSelect;
export type PanelRow = typeof dashboardPanels.$inferSelect;
export type NewDashboard = Omit<typeof dashboards.$inferInsert, 'id' | 'version' | 'updatedAt'>;
export type NewPanel = Omit<typeof dashboardPanels.$inferInsert, 'id'>;

const MAP_ID = 'communes';

export const dashboardsRepository = {
  list: (db: Queryable) => db.select().from(dashboards).orderBy(asc(dashboards.code)),
  async byCode(db: Queryable, code: string): Promise<DashboardRow | undefined> {
    return (await db.select().from(dashboards).where(eq(dashboards.code, code)))[0];
  },
  panels: (db: Queryable, dashboardId: string) =>
    db.select().from(dashboardPanels).where(eq(dashboardPanels.dashboardId, dashboardId)).orderBy(asc(dashboardPanels.position), asc(dashboardPanels.titleVi)),
  async panel(db: Queryable, dashboardId: string, id: string): Promise<PanelRow | undefined> {
    return (await db.select().from(dashboardPanels).where(and(eq(dashboardPanels.dashboardId, dashboardId), eq(dashboardPanels.id, id))))[0];
  },
  async insert(db: Queryable, row: NewDashboard): Promise<DashboardRow | undefined> {
    return (await db.insert(dashboards).values(row).onConflictDoNothing({ target: dashboards.code }).returning())[0];
  },
  async update(db: Queryable, id: string, expectedVersion: number, patch: Partial<NewDashboard>): Promise<DashboardRow | undefined> {
    return (await db.update(dashboards).set({ ...patch, version: sql`${dashboards.version} + 1`, updatedAt: new Date() })
      .where(and(eq(dashboards.id, id), eq(dashboards.version, expectedVersion))).returning())[0];
  },
  async remove(db: Queryable, id: string): Promise<void> {
    await db.delete(dashboards).where(eq(dashboards.id, id));
  },
  async insertPanel(db: Queryable, row: NewPanel): Promise<PanelRow> {
    return (await db.insert(dashboardPanels).values(row).returning())[0]!;
  },
  async updatePanel(db: Queryable, id: string, patch: Partial<NewPanel>): Promise<PanelRow | undefined> {
    return (await db.update(dashboardPanels).set(patch).where(eq(dashboardPanels.id, id)).returning())[0];
  },
  async removePanel(db: Queryable, id: string): Promise<void> {
    await db.delete(dashboardPanels).where(eq(dashboardPanels.id, id));
  },
  /** Any change to a dashboard's panels is a new version of the dashboard (what a wall screen reloads on). */
  async touch(db: Queryable, id: string): Promise<void> {
    await db.update(dashboards).set({ version: sql`${dashboards.version} + 1`, updatedAt: new Date() }).where(eq(dashboards.id, id));
  },

  async communeMap(db: Queryable) {
    return (await db.select().from(communeMap).where(eq(communeMap.id, MAP_ID)))[0];
  },
  async saveCommuneMap(db: Queryable, geojson: Record<string, unknown>, features: number, importedBy: string): Promise<void> {
    const row = { id: MAP_ID, geojson, features, importedBy, importedAt: new Date() };
    await db.insert(communeMap).values(row).onConflictDoUpdate({ target: communeMap.id, set: { geojson, features, importedBy, importedAt: row.importedAt } });
  },
  async removeCommuneMap(db: Queryable): Promise<void> {
    await db.delete(communeMap).where(eq(communeMap.id, MAP_ID));
  },

  /** Dossiers received on one Vietnam date per agency, among the agencies given (the caller's scope), from the day rows of the pre-aggregate. */
  async receivedOn(db: Db, day: string, agencyIds: readonly string[]): Promise<Map<string, number>> {
    if (agencyIds.length === 0) return new Map();
    const rows = await queryRows<{ agencyId: string; n: number }>(db, sql`
      select agency_id as "agencyId", sum(received)::int as n from analytics.figure_buckets
      where grain = 'day' and day = ${day}::date and agency_id = any(${`{${agencyIds.join(',')}}`}::uuid[]) group by agency_id having sum(received) <> 0`);
    return new Map(rows.map((r) => [r.agencyId, Number(r.n)]));
  },
};
