import { vietnamDate, type Queryable } from '../../packages/platform/index.ts';
import type { Channel, DossierChange } from '../tthc/index.ts';
import { dossierFacts } from './db/schema.ts';

export type FactChannel = 'online' | 'counter' | 'national_portal' | 'post';
export type Outcome = 'early' | 'on_time' | 'late';
export type DossierFact = typeof dossierFacts.$inferInsert;

const CHANNELS: Readonly<Record<Channel, FactChannel>> = { online: 'online', counter: 'counter', dvcqg: 'national_portal', post: 'post' };
const ONLINE_CHANNELS: readonly Channel[] = ['online', 'dvcqg'];

/** Early before the promised date, on time on it, late after it (Vietnam dates). */
export function outcomeOf(finishedOn: string, dueOn: string): Outcome {
  return finishedOn < dueOn ? 'early' : finishedOn === dueOn ? 'on_time' : 'late';
}

/**
 * What the statistics keep of a dossier after a change. A returned result is judged against the
 * date promised, or the first one when an apology moved it (an apology does not make a dossier on
 * time); digitised: its documents are electronic files and, once returned, so is its result.
 */
export function factOf(change: DossierChange): DossierFact {
  const { dossier: d, procedure } = change;
  const receivedOn = d.receivedAt ? vietnamDate(new Date(d.receivedAt)) : null;
  const finishedOn = d.finishedAt ? vietnamDate(new Date(d.finishedAt)) : null;
  const dueOn = d.apologised ? d.originalDueDate ?? d.dueDate : d.dueDate;
  const returned = d.status === 'completed';
  const hasInputs = d.files.some((f) => f.kind === 'input' || f.kind === 'supplement');
  const hasResult = d.files.some((f) => f.kind === 'result');
  return {
    dossierId: d.id, code: d.code, agencyId: d.agencyId, deskAgencyId: d.deskAgencyId, procedureId: d.procedureId, procedureName: d.procedureName,
    fieldCode: procedure.fieldCode, channel: CHANNELS[d.channel], status: d.status,
    submittedAt: new Date(d.submittedAt), receivedAt: d.receivedAt ? new Date(d.receivedAt) : null, receivedOn, receivedMonth: receivedOn?.slice(0, 7) ?? null,
    dueOn, finishedAt: d.finishedAt ? new Date(d.finishedAt) : null, finishedOn,
    outcome: returned && finishedOn && dueOn ? outcomeOf(finishedOn, dueOn) : null,
    rejected: d.status === 'rejected', withdrawn: d.status === 'withdrawn',
    waiting: d.status === 'supplement_requested' || d.status === 'awaiting_payment',
    fullyOnline: procedure.fullyOnline && ONLINE_CHANNELS.includes(d.channel),
    paidOnline: d.flags.feePaid ? d.flags.feePaidOnline === true : null,
    digitised: hasInputs && (!returned || hasResult),
    rating: change.rating,
    updatedAt: new Date(),
  };
}

/** The only place that writes analytics.dossier_facts. */
export async function upsertFact(db: Queryable, fact: DossierFact): Promise<void> {
  const { dossierId: _id, ...rest } = fact;
  await db.insert(dossierFacts).values(fact).onConflictDoUpdate({ target: dossierFacts.dossierId, set: rest });
}
