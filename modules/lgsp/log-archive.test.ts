import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../packages/platform/index.ts';
import { startCa, type StartedCa } from '../../apps/sandbox/index.ts';
import { adminToken, createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import { verifyEvidence, type EvidencePackage, type ExchangeRecord } from './index.ts';
import { archiveMessageLog } from './log-archive.ts';
import type { LogArchive } from './log-archive-format.ts';
import { sha256Hex } from './log-chain.ts';

/**
 * Archiving of the message log and retention of operational records (decision 0049), on the
 * whole platform with seals signed by the CA sandbox's key and time-stamped by its TSA: sealed
 * old records move to linked archive files and out of the database, a run killed between the
 * file and the delete is finished by the next, every tampering with the archives is reported,
 * evidence of an archived exchange still verifies (found through the index of archived message
 * ids), operational records expire after 7 days.
 */
const DAY_MS = 86_400_000;
const FIRST = 'lgsp-log-000000000000001-000000000000005.json.gz';
const SECOND = 'lgsp-log-000000000000006-000000000000008.json.gz';
const BODY = Buffer.from('{"household":"HK-01"}');

const exchange = (id: string, ageDays: number, bodies = false): ExchangeRecord => ({
  at: new Date(Date.now() - ageDays * DAY_MS), messageId: id, requestId: `r-${id}`, client: 'VN/GOV/A/SYS', service: 'VN/GOV/B/DATA/households', method: 'POST',
  path: `/households/${id}`, status: 200, fault: null, durationMs: 2.5, providerMs: 1.5, requestHash: 'h'.repeat(64), purpose: 'test', userId: null,
  requestBodyHash: bodies ? sha256Hex(BODY) : null, responseBodyHash: null,
});

const readJson = (file: string) => JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as LogArchive;
const writeJson = (file: string, archive: LogArchive) => writeFileSync(file, gzipSync(JSON.stringify(archive)));

describe('LGSP message log: archives, their chain and retention', () => {
  let ca: StartedCa;
  let t: TestPlatform;
  let work: string;
  let dir: string;
  const count = async (table: string) => Number((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(`lgsp.${table}`)}`))[0]!.n);

  before(async () => {
    ca = await startCa();
    work = mkdtempSync(path.join(tmpdir(), 'sen-lgsp-archive-'));
    dir = path.join(work, 'archive');
    t = await createTestPlatform({ SIGNING_CA_API_URL: `${ca.base}/api/v1`, SIGNING_TSA_URL: `${ca.base}/tsa`, SIGNING_TRUSTED_ROOT_URL: `${ca.base}/certs/root.crt`, LGSP_LOG_ARCHIVE_DIR: dir });
    const { messageLog, sealer } = t.modules.lgsp;
    // 1–5 (40 days old; 2 with its request body kept), seal; 6–8 (35 days), seal; 9–10 (today), seal.
    for (const n of [1, 2, 3, 4, 5]) await messageLog.append(exchange(`old-${n}`, 40, n === 2), n === 2 ? { bodies: { request: BODY, response: null } } : {});
    await sealer.sealNow();
    for (const n of [6, 7, 8]) await messageLog.append(exchange(`old-${n}`, 35));
    await sealer.sealNow();
    for (const n of [9, 10]) await messageLog.append(exchange(`new-${n}`, 0));
    await sealer.sealNow();
  });
  after(async () => {
    await t?.close();
    await ca?.sandbox.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('survives a run killed between writing the file and deleting the records: the next run finishes it, then archives the rest; nothing lost or doubled', async () => {
    await assert.rejects(archiveMessageLog(t.database.db, { dir, afterDays: 30, now: () => new Date(), maxRecords: 5, crashAfter: 'write' }), /crash after writing/);
    assert.deepEqual(readdirSync(dir), ['lgsp-log-000000000000001-000000000000005.json.gz'], 'the file is on disk, no temporary left');
    assert.equal(await count('message_log'), 10, 'nothing deleted before the file is committed');
    const midway = await t.modules.lgsp.verifyLogWithArchives();
    assert.deepEqual(midway, { ok: true, archives: 0, archived: 0, records: 10 }, 'the uncommitted file is not yet history');

    const run = await t.modules.lgsp.retain();
    assert.deepEqual(run.archives, ['lgsp-log-000000000000001-000000000000005.json.gz', 'lgsp-log-000000000000006-000000000000008.json.gz']);
    assert.equal(run.records, 8);
    const left = await queryRows<{ seq: number }>(t.database.db, sql`select seq::int as seq from lgsp.message_log order by seq`);
    assert.deepEqual(left.map((r) => r.seq), [9, 10], 'the records of today stay');
    assert.deepEqual((await queryRows<{ seq: number }>(t.database.db, sql`select seq::int as seq from lgsp.message_log_seals`)).map((r) => r.seq), [10]);
    assert.equal(await count('message_bodies'), 0);
    const indexed = await queryRows<{ seq: number; message_id: string; archive_first_seq: number }>(t.database.db, sql`select seq::int as seq, message_id, archive_first_seq::int as archive_first_seq from lgsp.message_log_archived_ids order by seq`);
    assert.deepEqual(indexed.map((r) => [r.seq, r.message_id, r.archive_first_seq]), [1, 2, 3, 4, 5, 6, 7, 8].map((n) => [n, `old-${n}`, n <= 5 ? 1 : 6]), 'each archived message id is indexed with its archive');
    const archived = readdirSync(dir).sort().flatMap((name) => readJson(path.join(dir, name)).records.map((r) => r.seq));
    assert.deepEqual(archived, [1, 2, 3, 4, 5, 6, 7, 8], 'each record once');
    const second = readJson(path.join(dir, 'lgsp-log-000000000000006-000000000000008.json.gz'));
    assert.equal(second.previous?.file, 'lgsp-log-000000000000001-000000000000005.json.gz', 'linked to the archive before it');
    const body = readJson(path.join(dir, 'lgsp-log-000000000000001-000000000000005.json.gz')).bodies[0]!;
    assert.equal(body.seq, 2);
    assert.ok(body.requestSealed && !body.requestSealed.includes(BODY.toString('base64')), 'the body stays sealed in the archive');

    assert.deepEqual(await t.modules.lgsp.verifyLogWithArchives(), { ok: true, archives: 2, archived: 8, records: 2 });
    assert.deepEqual(await t.modules.lgsp.verifyLog(), { ok: true, records: 2 }, 'the database part alone continues from the anchor');
    assert.deepEqual((await t.modules.lgsp.retain()).archives, [], 'a rerun finds nothing due');
    const gauges = await t.modules.lgsp.gauges.read();
    assert.equal(gauges.sen_lgsp_log_archived_records[0]!.value, 8);
    assert.ok(Math.abs(gauges.sen_lgsp_log_last_archive_timestamp_seconds[0]!.value - Date.now() / 1000) < 120);
  });

  it('exports the evidence of an archived exchange, bodies included, and it verifies offline', async () => {
    const token = await adminToken(t);
    const answer = await t.app.inject({ method: 'GET', url: `/api/lgsp/messages/old-2/evidence?bodies=true&purpose=${encodeURIComponent('Đối soát')}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(answer.statusCode, 200, answer.body);
    const pkg = answer.json() as EvidencePackage;
    assert.deepEqual([pkg.record.seq, pkg.seal.seq, pkg.chain.map((c) => c.seq)], [2, 5, [3, 4, 5]]);
    assert.equal(pkg.bodies?.request, BODY.toString('base64'));
    const check = await verifyEvidence(pkg);
    assert.equal(check.ok, true, check.ok ? '' : check.reason);
    const fromDatabase = await t.modules.lgsp.log.evidenceForOperator('new-9', { bodies: false });
    assert.equal(fromDatabase?.record.seq, 9);
    assert.equal(await t.modules.lgsp.log.evidenceForOperator('nowhere', { bodies: false }), undefined);
  });

  it('opens only the archive the index names; archives from before the index are searched file by file', async () => {
    const evidenceSeq = async (id: string) => (await t.modules.lgsp.log.evidenceForOperator(id, { bodies: false }))?.record.seq;
    renameSync(path.join(dir, FIRST), path.join(work, FIRST));
    try {
      assert.equal(await evidenceSeq('old-7'), 7, 'found in the second archive without the first one');
      assert.equal(await evidenceSeq('old-2'), undefined, 'the file the index names is gone: nothing to export');
    } finally {
      renameSync(path.join(work, FIRST), path.join(dir, FIRST));
    }
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`delete from lgsp.message_log_archived_ids`);
      await tx.execute(sql`update lgsp.message_log_archives set indexed = false`);
    });
    assert.deepEqual([await evidenceSeq('old-2'), await evidenceSeq('old-7'), await evidenceSeq('nowhere')], [2, 7, undefined]);
  });

  /** Runs the check on a copy of the archives changed by `change`. */
  const tampered = async (change: (copy: string) => void) => {
    const copy = mkdtempSync(path.join(work, 'tampered-'));
    cpSync(dir, copy, { recursive: true });
    change(copy);
    return t.modules.lgsp.verifyLogWithArchives(copy);
  };
  const edit = (copy: string, name: string, change: (a: LogArchive) => void) => {
    const archive = readJson(path.join(copy, name));
    change(archive);
    writeJson(path.join(copy, name), archive);
  };
  const summary = (check: Awaited<ReturnType<typeof tampered>>) => (check.ok ? 'ok' : [check.where, check.problem, check.seq]);

  it('reports an edited record, a removed record, a removed or renamed archive, a swapped seal and an edited newest archive', async () => {
    assert.deepEqual(summary(await tampered((c) => edit(c, FIRST, (a) => { a.records[2]!.path = '/households/forged'; }))), [`archive ${FIRST}`, 'hash', 3]);
    assert.deepEqual(summary(await tampered((c) => edit(c, FIRST, (a) => { a.records.splice(3, 1); }))), [`archive ${FIRST}`, 'gap', 4]);
    assert.deepEqual(summary(await tampered((c) => unlinkSync(path.join(c, FIRST)))), [`archive ${SECOND}`, 'link', undefined]);
    assert.deepEqual(summary(await tampered((c) => {
      renameSync(path.join(c, FIRST), path.join(c, 'swap'));
      renameSync(path.join(c, SECOND), path.join(c, FIRST));
      renameSync(path.join(c, 'swap'), path.join(c, SECOND));
    })), [`archive ${FIRST}`, 'archive', undefined]);
    const firstSeal = readJson(path.join(dir, FIRST)).seals[0]!;
    assert.deepEqual(summary(await tampered((c) => edit(c, SECOND, (a) => { a.seals[0] = firstSeal; }))), [`archive ${SECOND}`, 'seal', 5]);
    assert.deepEqual(summary(await tampered((c) => edit(c, SECOND, (a) => { a.seals[0]!.sealedAt = '2020-01-01T00:00:00.000Z'; }))), [`archive ${SECOND}`, 'seal', 8]);
    // Internally consistent, but not the file the database recorded (and the next archive would have named).
    assert.deepEqual(summary(await tampered((c) => edit(c, SECOND, (a) => { a.createdAt = '2020-01-01T00:00:00.000Z'; }))), [`archive ${SECOND}`, 'anchor', undefined]);
    // An edited earlier archive no longer matches the SHA-256 its successor names.
    assert.deepEqual(summary(await tampered((c) => edit(c, FIRST, (a) => { a.createdAt = '2020-01-01T00:00:00.000Z'; }))), [`archive ${SECOND}`, 'link', undefined]);
    assert.equal((await t.modules.lgsp.verifyLogWithArchives()).ok, true, 'the real archives are untouched');
  });

  it('deletes operational-monitoring records older than LGSP_OPMON_KEEP_DAYS (7), keeps the others', async () => {
    const insert = (seq: number, ageDays: number) => t.database.db.execute(sql`
      insert into lgsp.operational_records (seq, monitoring_data_ts, security_server_type, request_in_ts, response_out_ts, message_id, rest_method, rest_path, request_size, succeeded, status_code, service_type, duration_ms)
      values (${seq}, ${new Date(Date.now() - ageDays * DAY_MS).toISOString()}::timestamptz, 'Provider', now(), now(), ${`op-${seq}`}, 'GET', '/x', 0, true, 200, 'REST', 1)`);
    await t.database.db.execute(sql`delete from lgsp.operational_records`);
    for (const [seq, age] of [[101, 9], [102, 8], [103, 7.5], [104, 6], [105, 0]] as const) await insert(seq, age);
    const run = await t.modules.lgsp.retain();
    assert.equal(run.operationalRecordsDeleted, 3);
    assert.deepEqual((await queryRows<{ seq: number }>(t.database.db, sql`select seq::int as seq from lgsp.operational_records order by seq`)).map((r) => r.seq), [104, 105]);
  });
});
