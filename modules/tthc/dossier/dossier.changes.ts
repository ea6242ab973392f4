import { asc, gt, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../../packages/platform/index.ts';
import { dossiers } from '../db/schema.ts';
import { dossierRepository } from './dossier.repository.ts';
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
  /** Announces every existing dossier again, in batches of transactions (a backfill); answers how many. */
  replayAll(db: Db, batchSize?: number): Promise<number>;
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

  return {
    register: (listener) => void listeners.push(listener),
    record,
    async replayAll(db, batchSize = 200) {
      let after = '00000000-0000-0000-0000-000000000000';
      let total = 0;
      for (;;) {
        const ids = (await db.select({ id: dossiers.id }).from(dossiers).where(gt(dossiers.id, after)).orderBy(asc(dossiers.id)).limit(batchSize)).map((r) => r.id);
        if (ids.length === 0) return total;
        await db.transaction(async (tx) => {
          for (const id of ids) await record(tx, (await dossierRepository.load(tx, id))!);
        });
        total += ids.length;
        after = ids[ids.length - 1]!;
      }
    },
  };
}
