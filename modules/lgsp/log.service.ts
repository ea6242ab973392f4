import { badRequest, notFound, type Db, type Principal, type SecretBox } from '../../packages/platform/index.ts';
import type { EvidencePackage } from './evidence-verify.ts';
import { exportEvidence, findMessage } from './evidence.ts';
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

  return {
    /** The secret box of the bodies (the CLI's export opens them too). */
    box: deps.box,
    /** The evidence package of the newest exchange with this message id; the provider's or the consumer's administrators (or the LGSP's). */
    async evidence(principal: Principal, messageId: string, options: { bodies: boolean }): Promise<EvidencePackage> {
      const record = await findMessage(deps.db, messageId);
      // Out of scope reads as unknown: the existence of others' exchanges is not disclosed.
      if (!record || !inScope(await scopeOf(principal), record.service, record.client)) throw notFound('lgsp.message_not_found', 'No such message in your scope');
      return exportEvidence(deps.db, deps.box, deps.sealer, record, { includeBodies: options.bodies, now: deps.now });
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
