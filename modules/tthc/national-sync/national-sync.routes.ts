import { Type } from 'typebox';
import { errorResponses, type App } from '../../../packages/platform/index.ts';
import { PageQuery, stringEnum } from '../dossier/dossier.schemas.ts';
import { SYNC_PERMISSION, SYNC_VIEWS, type SyncMonitor, type SyncView } from './national-sync.service.ts';

const tags = ['tthc'];
const SyncItem = Type.Object({
  id: Type.Integer(), dossierId: Type.String(), dossierCode: Type.String(), seq: Type.Integer(), action: Type.String(),
  nationalStatus: Type.Integer({ description: 'National status code (TrangThaiHoSo) being synchronised' }), statusAt: Type.String(),
  state: stringEnum(['pending', 'failing', 'dead']), attempts: Type.Integer(), lastError: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(),
}, { $id: 'NationalSyncItem' });

const SyncPage = Type.Object({
  items: Type.Array(SyncItem), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(),
  counts: Type.Object({ pending: Type.Integer(), failing: Type.Integer(), dead: Type.Integer() }),
}, { $id: 'NationalSyncPage' });

/** /api/tthc/national-syncs: the sync with the national portal as administrators follow it. */
export function nationalSyncRoutes(monitor: SyncMonitor) {
  return async function routes(app: App): Promise<void> {
    app.get('/national-syncs', {
      config: { access: SYNC_PERMISSION },
      schema: {
        operationId: 'listNationalSyncs', tags,
        summary: 'Dossier syncs not yet acknowledged by the national portal (pending, failing with backoff, dead letters), paged',
        querystring: Type.Object({ view: Type.Optional(Type.Unsafe<SyncView>({ type: 'string', enum: [...SYNC_VIEWS], default: 'open' })), ...PageQuery }, { additionalProperties: false }),
        response: {
          200: SyncPage,
          ...errorResponses(),
        },
      },
    }, async (request) => {
      const { view, limit, offset } = request.query as { view: SyncView; limit: number; offset: number };
      return monitor.list(request.principal, { view, limit, offset });
    });

    app.post('/national-syncs/:id/retry', {
      config: { access: SYNC_PERMISSION },
      schema: {
        operationId: 'retryNationalSync', tags,
        summary: 'Send a dead or failing sync again now (its dossier\'s later syncs follow it in order)',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) }, { additionalProperties: false }),
        response: { 200: SyncItem, ...errorResponses(404, 409) },
      },
    }, async (request) => {
      const { id } = request.params as { id: number };
      // Audited by the platform like every state-changing request (actor, route, outcome), refusals included.
      return monitor.retry(request.principal, id);
    });
  };
}
