import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../../packages/platform/index.ts';
import type { Dossier } from './dossier.types.ts';

/**
 * What a listener learns of a dossier after each change: the dossier as written, and what of
 * its procedure and rating the statistics need, read in the change's own transaction.
 */
export interface DossierChange {
  dossier: Dossier;
  procedure: { fieldCode: string; fullyOnline: boolean };
  /** The applicant's satisfaction score (1–5), once rated. */
  rating: number | null;
}

/** Runs inside the transaction that changed the dossier: it may write only through `tx`, and its failure rolls the change back. */
export type DossierChangeListener = (tx: Tx, change: DossierChange) => Promise<void>;

export interface DossierChanges {
  /** Other modules (analytics) register at start-up, through tthc's door; tthc never imports them. */
  register(listener: DossierChangeListener): void;
  /** The one place a dossier's state change is announced: called wherever dossier rows are written. */
  record(tx: Tx, dossier: Dossier): Promise<void>;
}

/** Dossiers by id: the one changed, or a batch (after, upTo] in id order (a backfill). */
export type DossierRange = { id: string } | { after: string | null; upTo: string };

/**
 * The set-based form of a change, for many dossiers at once: one row per dossier of the range,
 * as it stands, with the columns a listener needs (`dossier_id`, `code`, `agency_id`,
 * `desk_agency_id`, `procedure_id`, `procedure_name`, `field_code`, `procedure_fully_online`,
 * `channel` (tthc's: online, counter, dvcqg, post), `status`, `submitted_at`, `received_at`,
 * `finished_at`, `due_date`, `original_due_date`, `apologised`, `fee_paid`, `fee_paid_online`,
 * `has_inputs` (input or supplement files), `has_result`, `rating`). tthc's tables stay tthc's:
 * other modules read them only through this relation.
 */
export function dossierChangeRows(range: DossierRange): SQL {
  const where = 'id' in range
    ? sql`d.id = ${range.id}::uuid`
    : sql`${range.after === null ? sql`true` : sql`d.id > ${range.after}::uuid`} and d.id <= ${range.upTo}::uuid`;
  return sql`
    select d.id as dossier_id, d.code, d.agency_id, d.desk_agency_id, d.procedure_id, p.name as procedure_name, p.field_code,
      p.fully_online as procedure_fully_online, d.channel, d.status, d.submitted_at, d.received_at, d.finished_at, d.due_date, d.original_due_date,
      d.apologised, coalesce(d.flags -> 'feePaid' = 'true'::jsonb, false) as fee_paid, coalesce(d.flags -> 'feePaidOnline' = 'true'::jsonb, false) as fee_paid_online,
      exists (select 1 from tthc.dossier_files f where f.dossier_id = d.id and f.kind in ('input', 'supplement')) as has_inputs,
      exists (select 1 from tthc.dossier_files f where f.dossier_id = d.id and f.kind = 'result') as has_result,
      (select r.score from tthc.ratings r where r.dossier_id = d.id)::smallint as rating
    from tthc.dossiers d join tthc.procedures p on p.id = d.procedure_id
    where ${where}`;
}

/** Where the next batch of at most `size` dossiers after `after` (id order) ends; null when none is left. */
export async function nextDossierBound(db: Queryable, after: string | null, size: number): Promise<string | null> {
  const [row] = await queryRows<{ id: string | null }>(db, sql`
    select id::text as id from (
      select id from tthc.dossiers ${after === null ? sql`` : sql`where id > ${after}::uuid`} order by id limit ${size}) batch
    order by id desc limit 1`);
  return row?.id ?? null;
}

export function createDossierChanges(): DossierChanges {
  const listeners: DossierChangeListener[] = [];

  async function record(tx: Tx, dossier: Dossier): Promise<void> {
    if (listeners.length === 0) return;
    const [row] = await queryRows<{ field_code: string; fully_online: boolean; score: number | null }>(tx, sql`
      select p.field_code, p.fully_online, (select r.score from tthc.ratings r where r.dossier_id = ${dossier.id}::uuid) as score
      from tthc.procedures p where p.id = ${dossier.procedureId}::uuid`);
    if (!row) throw new Error(`procedure ${dossier.procedureId} of dossier ${dossier.id} not found`);
    const change: DossierChange = { dossier, procedure: { fieldCode: row.field_code, fullyOnline: row.fully_online }, rating: row.score === null ? null : Number(row.score) };
    for (const listener of listeners) await listener(tx, change);
  }

  return { register: (listener) => void listeners.push(listener), record };
}
