import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../packages/platform/index.ts';

/** The counts a time series draws, per month or per day: received, and returned early, on time, late. */
export interface TrendCounts {
  /** The month's first day (grain month) or the day (grain day), `YYYY-MM-DD`. */
  day: string;
  received: number;
  early: number;
  onTime: number;
  late: number;
}

/**
 * The IOC's time series, read from the pre-aggregate (analytics.figure_buckets, decision 0039)
 * and nothing else: the same month rows the one-stop figures sum for a period (received at the
 * received day; early, on time, late at the finished day), or the day rows, one row per
 * month or day of [from, to) within the agencies given. A month or day without a bucket row is
 * not returned (it counts zero).
 */
export const trendsRepository = {
  async counts(db: Queryable, grain: 'month' | 'day', from: string, to: string, agencyIds: readonly string[]): Promise<TrendCounts[]> {
    if (agencyIds.length === 0) return [];
    const rows = await queryRows<TrendCounts>(db, sql`
      select day::text as day, coalesce(sum(received), 0)::int as received, coalesce(sum(early), 0)::int as early,
        coalesce(sum(on_time), 0)::int as "onTime", coalesce(sum(late), 0)::int as late
      from analytics.figure_buckets
      where grain = ${grain} and day >= ${from}::date and day < ${to}::date and agency_id = any(${`{${agencyIds.join(',')}}`}::uuid[])
      group by day order by day`);
    return rows.map((r) => ({ day: r.day, received: Number(r.received), early: Number(r.early), onTime: Number(r.onTime), late: Number(r.late) }));
  },
};
