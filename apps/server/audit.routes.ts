import { Type } from 'typebox';
import { errorResponses, listAudit, type App, type Db } from '../../packages/platform/index.ts';

const AuditRecord = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  action: Type.String(),
  target: Type.String(),
  outcome: Type.Integer(),
  sourceIp: Type.String(),
  requestId: Type.String(),
  purpose: Type.String(),
  details: Type.Unknown(),
}, { $id: 'AuditRecord' });

const Query = Type.Object(
  {
    actor: Type.Optional(Type.String({ maxLength: 200 })),
    action: Type.Optional(Type.String({ maxLength: 200 })),
    target: Type.Optional(Type.String({ maxLength: 500 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

/** /api/audit: the audit trail, newest first, filtered; reading it is itself audited. */
export function auditRoutes(db: Db) {
  return async function routes(app: App) {
    app.get(
      '/',
      { config: { access: 'audit.read' }, schema: { operationId: 'listAuditRecords', tags: ['audit'], summary: 'List audit records (newest first; page with `before`)', querystring: Query, response: { 200: Type.Object({ items: Type.Array(AuditRecord) }), ...errorResponses() } } },
      async (request) => {
        const q = request.query;
        const items = await listAudit(db, { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
        return { items: items.map((r) => ({ ...r, at: r.at.toISOString() })) };
      },
    );
  };
}
