import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { enqueueJob, loadConfig } from '../../packages/platform/index.ts';
import { exercisePlatform, promtoolCheck } from './metrics.test-support.ts';
import { startPlatform } from './start.ts';
import { createTestPlatform, type TestPlatform } from './testing.ts';

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('/metrics over HTTP', () => {
  let t: TestPlatform;
  let body: string;
  before(async () => {
    t = await createTestPlatform();
    await exercisePlatform(t);
    // A due job nobody has claimed for a minute and a half: depth 1, oldest age ≥ 90 s.
    await enqueueJob(t.database.db, { queue: 'check.waiting', payload: {}, runAt: new Date(Date.now() - 90_000) });
    const response = await t.app.inject({ url: '/metrics' });
    assert.equal(response.statusCode, 200);
    body = response.body;
  });
  after(async () => t.close());

  it('passes promtool check metrics, and keeps no counter-style name on a gauge', () => {
    assert.doesNotMatch(body, /^# TYPE \S+_total (gauge|histogram|summary)$/m);
    const checked = promtoolCheck(body);
    if (checked) assert.ok(checked.ok, checked.output);
  });

  it('labels OIDC requests with their endpoint, not one catch-all', () => {
    assert.equal(sample(body, 'sen_http_request_duration_seconds_count', { route: '/oidc/.well-known/openid-configuration', status: '200' }), 1);
    assert.equal(sample(body, 'sen_http_request_duration_seconds_count', { method: 'POST', route: '/oidc/token', status: '200' }), 1);
    assert.equal(sample(body, 'sen_http_request_duration_seconds_count', { route: '/oidc/jwks' }), 1);
    assert.equal(sample(body, 'sen_http_request_duration_seconds_count', { route: '/oidc/*' }), undefined);
    assert.equal(sample(body, 'sen_http_request_duration_seconds_count', { route: '/api/identity/me', status: '401' }), 1);
    assert.equal(sample(body, 'sen_http_request_duration_seconds_count', { route: 'unmatched', status: '404' }), 1);
  });

  it('reports job queues from the table: due, scheduled, dead letters, oldest due age', () => {
    assert.equal(sample(body, 'sen_job_queue_dead', { queue: 'check.failing' }), 1);
    assert.equal(sample(body, 'sen_job_queue_scheduled', { queue: 'check.ok' }), 1);
    assert.equal(sample(body, 'sen_job_queue_depth', { queue: 'check.ok' }), 0);
    assert.equal(sample(body, 'sen_job_queue_oldest_due_age_seconds', { queue: 'check.ok' }), 0);
    assert.equal(sample(body, 'sen_jobs_finished_total', { queue: 'check.ok', outcome: 'done' }), 1);
    assert.equal(sample(body, 'sen_jobs_finished_total', { queue: 'check.failing', outcome: 'dead' }), 1);
    assert.equal(sample(body, 'sen_job_queue_depth', { queue: 'check.waiting' }), 1);
    assert.ok((sample(body, 'sen_job_queue_oldest_due_age_seconds', { queue: 'check.waiting' }) ?? 0) >= 90);
  });

  it('counts outbound calls by system and outcome', () => {
    assert.equal(sample(body, 'sen_outbound_request_duration_seconds_count', { system: 'sms', outcome: 'ok' }), 1);
    assert.equal(sample(body, 'sen_outbound_request_duration_seconds_count', { system: 'sms', outcome: 'http_5xx' }), 1);
  });

  it('reports every dossier status, zeros included, and the overdue ones', () => {
    assert.equal(sample(body, 'sen_tthc_dossiers', { status: 'processing' }), 0);
    assert.equal(sample(body, 'sen_tthc_dossiers_overdue', { status: 'processing' }), 0);
  });

  it('demo mode without a token: this machine only, not a remote or proxied caller', async () => {
    const far = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
    assert.equal(far.statusCode, 403);
    assert.equal(far.json().code, 'metrics.loopback_only');
    const proxied = await t.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } });
    assert.equal(proxied.statusCode, 403);
  });

  it('reports the connection pool on PostgreSQL (PGlite has none)', () => {
    if (t.database.kind === 'postgres') {
      assert.equal(sample(body, 'sen_db_pool_max'), 5);
      assert.ok((sample(body, 'sen_db_pool_connections', { state: 'idle' }) ?? -1) >= 0);
      assert.equal(sample(body, 'sen_db_pool_waiting'), 0);
    } else {
      assert.doesNotMatch(body, /^sen_db_pool/m);
    }
  });
});

describe('who may read /metrics elsewhere than in plain demo mode', () => {
  it('with METRICS_TOKEN: the bearer token, from anywhere; nothing else', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const t = await createTestPlatform({ METRICS_TOKEN: token });
    try {
      const none = await t.app.inject({ url: '/metrics' });
      assert.equal(none.statusCode, 401);
      assert.equal(none.json().code, 'auth.required');
      assert.match(String(none.headers['www-authenticate']), /^Bearer/);
      const wrong = await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer metrics-token-0123456789abcdeX' } });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json().code, 'auth.invalid_token');
      const good = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` }, remoteAddress: '203.0.113.9' });
      assert.equal(good.statusCode, 200);
      assert.match(good.body, /sen_http_request_duration_seconds/);
    } finally {
      await t.close();
    }
  });

  it('with METRICS_PORT: served on that listener only', async () => {
    const running = await startPlatform(loadConfig({
      PORT: '0', HOST: '127.0.0.1', SEN_DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SANDBOX: 'false', DEMO: 'true', METRICS_PORT: '0',
    }));
    try {
      assert.ok(running.metricsUrl);
      const separate = await fetch(`${running.metricsUrl}/metrics`);
      assert.equal(separate.status, 200);
      assert.match(await separate.text(), /sen_job_queue|sen_http_request_duration_seconds/);
      assert.equal((await fetch(`${running.url}/metrics`)).status, 404);
      assert.equal((await fetch(`${running.metricsUrl}/health`)).status, 404, 'the metrics listener serves nothing else');
    } finally {
      await running.close();
    }
  });
});
