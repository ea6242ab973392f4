import { and, desc, gte, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { XROAD_HEADER, lastHeader, type OpenedMessage } from '../../packages/xroad/index.ts';
import { canActOn, maskIdNumber, queryRows, type Db, type Metrics, type Principal } from '../../packages/platform/index.ts';
import { operationalRecords } from './db/schema.ts';
import type { BodyLogging } from './lgsp.types.ts';
import { sha256Hex } from './log-chain.ts';
import type { ExchangeRecord, LogExtras } from './message-log.ts';

/**
 * Operational monitoring of the gateway (X-Road PR-OPMON): one record per request, written in
 * the message log's group commit (no extra round trip); per-service health; Prometheus
 * counters. Scope: a provider's administrators see its services' records, a consumer's its
 * own calls, the LGSP's (root agency) every record.
 */

/** What the gateway knows of an exchange when its answer is about to leave. */
export interface FinishedExchange extends OpenedMessage {
  providerMs: number | null;
  /** When the request went to the provider (epoch ms), if it did. */
  providerStartedAt?: number;
  /** The service's body logging, once the service is known. */
  bodyLogging?: BodyLogging;
  /** The provider's answer as received, when the gateway withheld it (response validation): what the log keeps as the response. */
  providerAnswer?: Buffer;
}

export const digitsMasked = (text: string) => text.replace(/\d{9,}/g, maskIdNumber);
const payloadBytes = (payload: unknown): Buffer | null =>
  Buffer.isBuffer(payload) ? payload : typeof payload === 'string' ? Buffer.from(payload) : null;

/** The log record and its extras (monitoring, bodies) of one exchange, from what the gateway holds in `onSend`. */
export function logEntryOf(request: FastifyRequest, reply: FastifyReply, exchange: FinishedExchange, payload: unknown, purpose: string | undefined): { record: ExchangeRecord; extras: LogExtras } {
  const error = reply.getHeader(XROAD_HEADER.error);
  const fault = typeof error === 'string' ? error : null;
  const headers = exchange.message.ok ? exchange.message.headers : undefined;
  const requestBody = Buffer.isBuffer(request.body) ? request.body : null;
  const sentBody = payloadBytes(payload);
  const responseBody = exchange.providerAnswer ?? sentBody;
  const mode = exchange.bodyLogging ?? 'metadata';
  const hashOf = (body: Buffer | null) => (mode !== 'off' && body && body.length > 0 ? sha256Hex(body) : null);
  const durationMs = Math.round((performance.now() - exchange.started) * 10) / 10;
  const path = digitsMasked(exchange.path.split('?')[0]!).slice(0, 1000);
  const record: ExchangeRecord = {
    at: exchange.at, messageId: exchange.id, requestId: exchange.requestId, client: exchange.client, service: exchange.service,
    method: request.method, path, status: reply.statusCode, fault, durationMs, providerMs: exchange.providerMs, requestHash: exchange.requestHash,
    purpose: purpose ? purpose.slice(0, 500) : null, userId: headers?.userId ? maskIdNumber(headers.userId) : null,
    requestBodyHash: hashOf(requestBody), responseBodyHash: hashOf(responseBody),
  };
  const client = headers?.client;
  const service = exchange.target.ok ? exchange.target.target.serviceId : undefined;
  let faultString: string | null = null;
  if (fault && sentBody && sentBody.length < 10_000) {
    try {
      faultString = String((JSON.parse(sentBody.toString('utf8')) as { message?: unknown }).message ?? '').slice(0, 1000) || null;
    } catch {
      faultString = null;
    }
  }
  const responseOutTs = new Date(exchange.at.getTime() + durationMs);
  const requestOutTs = exchange.providerStartedAt === undefined ? null : new Date(exchange.providerStartedAt);
  const extras: LogExtras = {
    monitoring: {
      monitoringDataTs: responseOutTs, securityServerType: 'Client', requestInTs: exchange.at, requestOutTs,
      responseInTs: requestOutTs && exchange.providerMs !== null ? new Date(requestOutTs.getTime() + exchange.providerMs) : null, responseOutTs,
      clientXRoadInstance: client?.instance ?? null, clientMemberClass: client?.memberClass ?? null, clientMemberCode: client?.memberCode ?? null, clientSubsystemCode: client?.subsystemCode ?? null,
      serviceXRoadInstance: service?.instance ?? null, serviceMemberClass: service?.memberClass ?? null, serviceMemberCode: service?.memberCode ?? null,
      serviceSubsystemCode: service?.subsystemCode ?? null, serviceCode: service?.serviceCode ?? null, serviceVersion: null,
      messageId: exchange.id, messageUserId: record.userId, messageIssue: headers?.issue?.slice(0, 500) ?? lastHeader(exchange.headers, XROAD_HEADER.issue)?.slice(0, 500) ?? null,
      messageProtocolVersion: 'r1', restMethod: request.method, restPath: path, requestSize: requestBody?.length ?? 0, responseSize: responseBody?.length ?? null,
      succeeded: fault === null && reply.statusCode < 500, faultCode: fault, faultString, statusCode: reply.statusCode, serviceType: 'REST',
      client: exchange.client, service: exchange.service, durationMs,
    },
    ...(mode === 'full' ? { bodies: { request: requestBody && requestBody.length > 0 ? requestBody : null, response: responseBody && responseBody.length > 0 ? responseBody : null } } : {}),
  };
  return { record, extras };
}

/** Prometheus: `sen_lgsp_exchanges_total{service,outcome}` and `sen_lgsp_exchange_duration_seconds{service}`, services of the registry only (bounded labels). */
export function gatewayMetrics(metrics: Pick<Metrics, 'counter' | 'histogram'>) {
  const exchanges = metrics.counter({ name: 'sen_lgsp_exchanges_total', help: 'Exchanges through the LGSP gateway by service and outcome (ok, client_fault, server_fault, provider_error)', labelNames: ['service', 'outcome'] });
  const duration = metrics.histogram({ name: 'sen_lgsp_exchange_duration_seconds', help: 'Duration of exchanges through the LGSP gateway, request in to response out, by service', labelNames: ['service'] });
  return (exchange: FinishedExchange, record: ExchangeRecord) => {
    // An unknown service named by a client is one label value, never the client's text.
    const service = exchange.bodyLogging !== undefined && record.service ? record.service : 'unknown';
    const outcome = record.fault?.startsWith('Client.') ? 'client_fault' : record.fault ? 'server_fault' : record.status >= 500 ? 'provider_error' : 'ok';
    exchanges.inc({ service, outcome });
    duration.observe({ service }, record.durationMs / 1000);
  };
}

export interface MonitoringScope {
  all: boolean;
  /** Member prefixes `INSTANCE/CLASS/CODE/` the principal administers. */
  members: string[];
}

/** Which records a principal may see: every one (the LGSP's administrators), else those of the members it administers. */
export async function monitoringScope(
  principal: Principal, permission: string, rootAgencyId: string, members: { instance: string; memberClass: string; memberCode: string; agencyId: string }[],
  ancestors: (agencyId: string) => Promise<string[]>,
): Promise<MonitoringScope> {
  if (canActOn(principal, permission, rootAgencyId, [])) return { all: true, members: [] };
  return { all: false, members: await administeredMembers(principal, permission, members, ancestors) };
}

/** The member prefixes `INSTANCE/CLASS/CODE/` of the agencies the principal administers. */
export async function administeredMembers(
  principal: Principal, permission: string, members: { instance: string; memberClass: string; memberCode: string; agencyId: string }[],
  ancestors: (agencyId: string) => Promise<string[]>,
): Promise<string[]> {
  const allowed: string[] = [];
  for (const m of members) if (canActOn(principal, permission, m.agencyId, await ancestors(m.agencyId))) allowed.push(`${m.instance}/${m.memberClass}/${m.memberCode}/`);
  return allowed;
}

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A provider sees its services' records, a consumer its own calls. */
function scopeCondition(scope: MonitoringScope): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.members.length === 0) return sql`false`;
  return or(...scope.members.flatMap((prefix) => [like(operationalRecords.service, likePrefix(prefix)), like(operationalRecords.client, likePrefix(prefix))]));
}

export interface Window {
  from: Date;
  to: Date;
}

export async function operationalData(db: Db, scope: MonitoringScope, window: Window, limit: number) {
  const rows = await db.select().from(operationalRecords)
    .where(and(gte(operationalRecords.monitoringDataTs, window.from), lte(operationalRecords.monitoringDataTs, window.to), scopeCondition(scope)))
    .orderBy(desc(operationalRecords.seq)).limit(limit);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return rows.map(({ seq: _seq, client: _client, service: _service, durationMs: _ms, ...r }) => ({
    ...r, monitoringDataTs: r.monitoringDataTs.toISOString(), requestInTs: r.requestInTs.toISOString(), requestOutTs: iso(r.requestOutTs),
    responseInTs: iso(r.responseInTs), responseOutTs: r.responseOutTs.toISOString(),
  }));
}

export interface ServiceHealth {
  service: string;
  successCount: number;
  failureCount: number;
  lastSuccessTs: string | null;
  lastFailureTs: string | null;
  durationMinMs: number;
  durationAvgMs: number;
  durationMaxMs: number;
  durationP95Ms: number;
}

/** Per service over the window: success and failure counts, their last times, duration min/avg/max and the 95th percentile. */
export async function serviceHealth(db: Db, scope: MonitoringScope, window: Window): Promise<ServiceHealth[]> {
  const t = operationalRecords;
  const where = and(sql`${t.service} is not null`, gte(t.monitoringDataTs, window.from), lte(t.monitoringDataTs, window.to), scopeCondition(scope));
  const rows = await queryRows<{ service: string; ok: string; failed: string; last_ok: string | Date | null; last_failed: string | Date | null; min: number; avg: number; max: number; p95: number }>(db, sql`
    select ${t.service} as service,
      count(*) filter (where ${t.succeeded}) as ok, count(*) filter (where not ${t.succeeded}) as failed,
      max(${t.monitoringDataTs}) filter (where ${t.succeeded}) as last_ok, max(${t.monitoringDataTs}) filter (where not ${t.succeeded}) as last_failed,
      min(${t.durationMs}) as min, avg(${t.durationMs}) as avg, max(${t.durationMs}) as max,
      percentile_cont(0.95) within group (order by ${t.durationMs}) as p95
    from ${t} where ${where} group by ${t.service} order by ${t.service}`);
  const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
  const ms = (v: number) => Math.round(Number(v) * 10) / 10;
  return rows.map((r) => ({
    service: r.service, successCount: Number(r.ok), failureCount: Number(r.failed), lastSuccessTs: iso(r.last_ok), lastFailureTs: iso(r.last_failed),
    durationMinMs: ms(r.min), durationAvgMs: ms(r.avg), durationMaxMs: ms(r.max), durationP95Ms: ms(r.p95),
  }));
}

export interface UsageBucket {
  /** Start of the hour or day (days in Vietnam's time, UTC+7), ISO 8601 UTC. */
  start: string;
  calls: number;
  failures: number;
}

/** Vietnam keeps UTC+7 all year: a day bucket starts at 00:00 there. */
const VIETNAM_OFFSET = sql.raw(`interval '7 hours'`);

/**
 * A consumer's own calls (records whose client is one of `clientMembers`), counted per hour or
 * per day with their failures: the developer portal's usage chart.
 */
export async function consumerUsage(db: Db, clientMembers: string[], window: Window, bucket: 'hour' | 'day'): Promise<UsageBucket[]> {
  if (clientMembers.length === 0) return [];
  const t = operationalRecords;
  const unit = sql.raw(bucket === 'hour' ? `'hour'` : `'day'`);
  const where = and(gte(t.monitoringDataTs, window.from), lte(t.monitoringDataTs, window.to), or(...clientMembers.map((prefix) => like(t.client, likePrefix(prefix)))));
  const rows = await queryRows<{ start: string | Date; calls: string; failures: string }>(db, sql`
    select to_char(date_trunc(${unit}, (${t.monitoringDataTs} at time zone 'UTC') + ${VIETNAM_OFFSET}) - ${VIETNAM_OFFSET}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as start,
      count(*) as calls, count(*) filter (where not ${t.succeeded}) as failures
    from ${t} where ${where} group by 1 order by 1`);
  return rows.map((r) => ({ start: new Date(r.start).toISOString(), calls: Number(r.calls), failures: Number(r.failures) }));
}
