import type { VapexExchange } from '../../packages/national/index.ts';
import { badRequest, notFound, safeErrorMessage, type JobHandler, type Principal } from '../../packages/platform/index.ts';
import type { LgspRepository } from './lgsp.repository.ts';
import type { RegistryService } from './registry.service.ts';

/**
 * Publication of the province's chosen services on the national API exchange V-APEX. The
 * administrator's choice is stored with a job in one transaction (never waiting for V-APEX);
 * so is every later change of the service (a new version of its description, a lifecycle
 * step). The job reconciles: it registers the API once (keeping V-APEX's id at once, so a retry
 * never registers twice), sends the current description when V-APEX holds an older version,
 * and publishes it while the service is published here and wanted there — deprecated, retired
 * or withdrawn, it is unpublished. A failure is kept on the row and thrown: the job platform
 * retries with backoff and ends in a dead letter (decisions 0020, 0021).
 */

export interface VapexPublication {
  serviceId: string;
  wanted: boolean;
  vapexId: string | null;
  syncedVersion: number | null;
  published: boolean;
  state: 'pending' | 'synced' | 'failed';
  lastError: string | null;
  requestedBy: string;
  updatedAt: string;
}

type Row = NonNullable<Awaited<ReturnType<LgspRepository['vapexPublication']>>>;
const toPublication = (row: Row): VapexPublication => ({
  serviceId: row.serviceId, wanted: row.wanted, vapexId: row.vapexId, syncedVersion: row.syncedVersion, published: row.published,
  state: row.state, lastError: row.lastError, requestedBy: row.requestedBy, updatedAt: row.updatedAt.toISOString(),
});

export function createVapexPublications(repo: LgspRepository, registry: RegistryService) {
  return {
    /** Publish (wanted) or withdraw the service on V-APEX; the sync runs in the background. */
    async choose(principal: Principal, serviceId: string, wanted: boolean): Promise<VapexPublication> {
      const { member, service } = await registry.serviceRows(serviceId);
      await registry.requireManage(principal, member.agencyId);
      // V-APEX catalogues APIs by their OpenAPI document; a SOAP service has none (decision 0044).
      if (wanted && service.kind === 'soap') throw badRequest('lgsp.vapex_rest_only', 'V-APEX publishes REST services (OpenAPI); this is a SOAP service');
      const actor = principal.kind === 'user' ? principal.userId : principal.kind === 'system' ? principal.clientId : 'anonymous';
      return toPublication(await repo.wantOnVapex(serviceId, wanted, actor));
    },
    /** The consumers' subscriptions to the service on V-APEX as LGSP read them (vapex-subscriptions.ts); its provider's administrators. */
    async subscriptions(principal: Principal, serviceId: string) {
      const { member } = await registry.serviceRows(serviceId);
      await registry.requireManage(principal, member.agencyId);
      return (await repo.vapexSubscriptionsOf(serviceId)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }));
    },
    async state(serviceId: string): Promise<VapexPublication> {
      await registry.serviceRows(serviceId);
      const row = await repo.vapexPublication(serviceId);
      if (!row) throw notFound('lgsp.vapex_not_chosen', 'This service has not been chosen for V-APEX');
      return toPublication(row);
    },
  };
}
export type VapexPublications = ReturnType<typeof createVapexPublications>;

/** The job: brings V-APEX in step with one service. `providerCode` is the province's organisation code at V-APEX. */
export function vapexSyncWorker(repo: LgspRepository, vapex: VapexExchange, providerCode: () => Promise<string>): JobHandler {
  return async (job) => {
    const { serviceId } = job.payload as { serviceId: string };
    const row = await repo.vapexPublication(serviceId);
    const service = await repo.service(serviceId);
    if (!row || !service) return;
    const current = await repo.currentVersion(serviceId);
    const publish = row.wanted && service.status === 'published';
    let { vapexId, syncedVersion, published } = row;
    try {
      const description = {
        name: service.name, version: current?.label ?? String(service.version), openapi: current?.openApi ?? {},
        description: `LGSP ${service.code} (v${service.version})`,
      };
      if (vapexId === null && publish) {
        vapexId = (await vapex.register({ ...description, providerCode: await providerCode() })).id;
        syncedVersion = service.version;
        await repo.saveVapex(serviceId, { vapexId, syncedVersion, published: false });
      } else if (vapexId !== null && publish && syncedVersion !== service.version) {
        await vapex.update(vapexId, description);
        syncedVersion = service.version;
        await repo.saveVapex(serviceId, { syncedVersion });
      }
      if (vapexId !== null && publish !== published) {
        await vapex.setPublished(vapexId, publish);
        published = publish;
      }
      await repo.saveVapex(serviceId, { published, state: 'synced', lastError: null });
    } catch (error) {
      await repo.saveVapex(serviceId, { state: 'failed', lastError: safeErrorMessage(error).slice(0, 2000) });
      throw error;
    }
  };
}
