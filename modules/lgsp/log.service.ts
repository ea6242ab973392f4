import { badRequest, notFound, type Db, type Principal, type SecretBox } from '../../packages/platform/index.ts';
import type { EvidencePackage } from './evidence-verify.ts';
import { exportArchivedEvidence, exportEvidence, findMessage } from './evidence.ts';
import { findArchivedMessage } from './log-archive.ts';
import type { LgspRepository } from './lgsp.repository.ts';
import { administeredMembers, consumerUsage, monitoringScope, operationalData, serviceHealth, type MonitoringScope, type Window } from './monitoring.ts';
import { MANAGE_PERMISSION } from './registry.service.ts';
import type { Sealer } from './seals.ts';

/** The message log for people: evidence of one exchange, operational data and per-service health, each within the caller's scope. */
export interface LogServiceDependencies {
  db: Db;
  repo: LgspRepository;
  box: SecretBox;
  sealer: Sealer;
  agencies: { agencyAncestors(id: string): Promise<string[]>; rootAgency(): Promise<{ id: string }> };
  now: () => Date;
  /** Where archived records are (decision 0049): an exchange no longer in the database is looked up there. */
  archiveDir?: string | undefined;
}

const DAY_MS = 86_400_000;

export function createLogService(deps: LogServiceDependencies) {
  async function scopeOf(principal: Principal): Promise<MonitoringScope> {
    const root = await deps.agencies.rootAgency();
    return monitoringScope(principal, MANAGE_PERMISSION, root.id, await deps.repo.listMembers(), (id) => deps.agencies.agencyAncestors(id));
  }
  const inScope = (scope: MonitoringScope, ...ids: (string | null)[]) =>
    scope.all || ids.some((id) => id !== null && scope.members.some((prefix) => id.startsWith(prefix)));

  function windowOf(query: { from?: string | undefined; to?: string | undefined }): Window {
    const to = query.to ? new Date(query.to) : deps.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DAY_MS);
    if (from > to) throw badRequest('lgsp.invalid_window', '`from` must not be after `to`');
    return { from, to };
  }

  /** The newest exchange with this message id, in the database or else in the archives, and how to export its evidence. */
  async function locate(messageId: string) {
    const record = await findMessage(deps.db, messageId);
    if (record) return { client: record.client, service: record.service, export: (o: { bodies: boolean }) => exportEvidence(deps.db, deps.box, deps.sealer, record, { includeBodies: o.bodies, now: deps.now }) };
    const archived = deps.archiveDir ? await findArchivedMessage(deps.db, deps.archiveDir, messageId) : undefined;
    const held = archived?.archive.records.find((r) => r.seq === archived.seq);
    if (!archived || !held) return undefined;
    return { client: held.client, service: held.service, export: async (o: { bodies: boolean }) => exportArchivedEvidence(deps.box, archived.archive, archived.seq, { includeBodies: o.bodies, now: deps.now }) };
  }

  return {
    /** The evidence package of the newest exchange with this message id, for the console's operator (no scope); undefined when unknown. */
    async evidenceForOperator(messageId: string, options: { bodies: boolean }): Promise<EvidencePackage | undefined> {
      return (await locate(messageId))?.export(options);
    },
    /** The evidence package of the newest exchange with this message id; the provider's or the consumer's administrators (or the LGSP's). */
    async evidence(principal: Principal, messageId: string, options: { bodies: boolean }): Promise<EvidencePackage> {
      const found = await locate(messageId);
      // Out of scope reads as unknown: the existence of others' exchanges is not disclosed.
      if (!found || !inScope(await scopeOf(principal), found.service, found.client)) throw notFound('lgsp.message_not_found', 'No such message in your scope');
      return found.export(options);
    },
    async operationalData(principal: Principal, query: { from?: string | undefined; to?: string | undefined; limit?: number | undefined }) {
      return operationalData(deps.db, await scopeOf(principal), windowOf(query), query.limit ?? 100);
    },
    async health(principal: Principal, query: { from?: string | undefined; to?: string | undefined }) {
      return serviceHealth(deps.db, await scopeOf(principal), windowOf(query));
    },
    /** The calls of the principal's own agencies' subsystems (as consumers), per hour or day: never another consumer's, whoever asks. */
    async usage(principal: Principal, query: { from?: string | undefined; to?: string | undefined; bucket?: 'hour' | 'day' | undefined }) {
      const own = await administeredMembers(principal, MANAGE_PERMISSION, await deps.repo.listMembers(), (id) => deps.agencies.agencyAncestors(id));
      return consumerUsage(deps.db, own, windowOf(query), query.bucket ?? 'hour');
    },
  };
}

export type LogService = ReturnType<typeof createLogService>;
