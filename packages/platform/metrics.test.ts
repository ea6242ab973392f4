import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config.ts';
import { createMetrics } from './metrics.ts';
import { metricsExposure } from './metrics-endpoint.ts';

const line = (exposition: string, prefix: string) => exposition.split('\n').find((l) => l.startsWith(prefix));

describe('metrics registry', () => {
  it('exports no gauge under a counter-style *_total name (promtool refuses them)', async () => {
    const text = await createMetrics().render();
    assert.match(text, /^# TYPE sen_nodejs_active_handles gauge$/m, 'the per-type gauges stay');
    assert.doesNotMatch(text, /^# TYPE \S+_total (gauge|histogram|summary)$/m);
    const promtool = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    if (!promtool.error) assert.equal(promtool.status, 0, `${promtool.stdout}${promtool.stderr}`);
  });

  it('scrape gauges share one read among their gauges and among scrapes within maxAge', async () => {
    const metrics = createMetrics();
    let reads = 0;
    metrics.addScrapeGauges({
      source: 'test',
      maxAgeMs: 60_000,
      gauges: { sen_test_a: { help: 'a', labelNames: ['kind'] }, sen_test_b: { help: 'b' } },
      read: async () => {
        reads++;
        return { sen_test_a: [{ labels: { kind: 'x' }, value: reads }], sen_test_b: [{ value: 7 }] };
      },
    });
    const first = await metrics.render();
    const second = await metrics.render();
    assert.equal(reads, 1);
    assert.equal(line(first, 'sen_test_a{'), 'sen_test_a{kind="x"} 1');
    assert.equal(line(second, 'sen_test_b '), 'sen_test_b 7');
  });

  it('a failing read makes its gauges unknown, counts the failure and keeps the rest of the scrape', async () => {
    const metrics = createMetrics();
    let fail = true;
    metrics.addScrapeGauges({
      source: 'flaky',
      maxAgeMs: 60_000,
      gauges: { sen_test_flaky: { help: 'flaky' } },
      read: async () => {
        if (fail) throw new Error('database down');
        return { sen_test_flaky: [{ value: 3 }] };
      },
    });
    const broken = await metrics.render();
    assert.match(line(broken, 'sen_test_flaky ') ?? '', /^sen_test_flaky nan$/i, 'unknown, not 0');
    const promtool = spawnSync('promtool', ['check', 'metrics'], { input: broken, encoding: 'utf8' });
    if (!promtool.error) assert.equal(promtool.status, 0, `${promtool.stdout}${promtool.stderr}`);
    assert.equal(line(broken, 'sen_metrics_collect_errors_total{'), 'sen_metrics_collect_errors_total{source="flaky"} 1');
    assert.match(broken, /sen_process_cpu_seconds_total/);
    fail = false;
    assert.equal(line(await metrics.render(), 'sen_test_flaky '), 'sen_test_flaky 3', 'a failure is not cached');
  });

  it('reports the connection pool: in use, idle, waiting, max', async () => {
    const metrics = createMetrics();
    metrics.addPool(() => ({ total: 4, idle: 1, waiting: 2, max: 10 }));
    const text = await metrics.render();
    assert.equal(line(text, 'sen_db_pool_connections{state="in_use"}'), 'sen_db_pool_connections{state="in_use"} 3');
    assert.equal(line(text, 'sen_db_pool_waiting '), 'sen_db_pool_waiting 2');
    assert.equal(line(text, 'sen_db_pool_max '), 'sen_db_pool_max 10');
  });
});

describe('outbound calls', () => {
  const count = (text: string, system: string, outcome: string) =>
    line(text, `sen_outbound_request_duration_seconds_count{system="${system}",outcome="${outcome}"}`)?.split(' ')[1];

  it('observe: success, failure and timeout, rethrowing what the call threw', async () => {
    const metrics = createMetrics();
    assert.equal(await metrics.outbound.observe('mail', async () => 'sent'), 'sent');
    await assert.rejects(metrics.outbound.observe('mail', async () => { throw new Error('550 refused'); }), /550 refused/);
    await assert.rejects(metrics.outbound.observe('mail', async () => { throw Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' }); }));
    const text = await metrics.render();
    assert.equal(count(text, 'mail', 'ok'), '1');
    assert.equal(count(text, 'mail', 'failed'), '1');
    assert.equal(count(text, 'mail', 'timeout'), '1');
  });

  it('fetch: classifies by status, timeouts and refused connections', async () => {
    const server = createServer((request, response) => {
      if (request.url === '/slow') return void setTimeout(() => response.end('late'), 500);
      response.statusCode = request.url === '/missing' ? 404 : 200;
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const metrics = createMetrics();
    const fetch = metrics.outbound.fetch('payment');
    try {
      assert.equal((await fetch(`${base}/ok`)).status, 200);
      assert.equal((await fetch(`${base}/missing`)).status, 404);
      await assert.rejects(fetch(`${base}/slow`, { signal: AbortSignal.timeout(50) }));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await assert.rejects(fetch(`${base}/gone`));
    const text = await metrics.render();
    assert.equal(count(text, 'payment', 'ok'), '1');
    assert.equal(count(text, 'payment', 'http_4xx'), '1');
    assert.equal(count(text, 'payment', 'timeout'), '1');
    assert.equal(count(text, 'payment', 'failed'), '1');
  });

  it('refuses a system name that would make an unbounded label', () => {
    assert.throws(() => createMetrics().outbound.fetch('https://vneid.gov.vn'), /system name/);
  });
});

describe('metrics exposure from the configuration', () => {
  const production = { DEMO: 'false', DOSSIER_LOOKUP_KEY: 'k'.repeat(32), SEN_MASTER_KEY: 'm'.repeat(32), SEN_DATA_DIR: 'memory://' };

  it('demo mode: loopback; production: nothing unless a token or a listener is configured', () => {
    assert.deepEqual(metricsExposure(loadConfig({ DEMO: 'true', SEN_DATA_DIR: 'memory://' })), { main: { kind: 'loopback' } });
    assert.deepEqual(metricsExposure(loadConfig(production)), {});
    assert.deepEqual(metricsExposure(loadConfig({ ...production, METRICS_TOKEN: 't'.repeat(24) })), { main: { kind: 'token', token: 't'.repeat(24) } });
    assert.deepEqual(metricsExposure(loadConfig({ ...production, METRICS_PORT: '9464' })), { separate: { host: '127.0.0.1', port: 9464, guard: { kind: 'open' } } });
    assert.deepEqual(
      metricsExposure(loadConfig({ ...production, METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5', METRICS_TOKEN: 't'.repeat(24) })),
      { separate: { host: '10.0.0.5', port: 9464, guard: { kind: 'token', token: 't'.repeat(24) } } },
    );
  });

  it('refuses a short metrics token and a bad port at start-up', () => {
    assert.throws(() => loadConfig({ ...production, METRICS_TOKEN: 'short' }), ConfigError);
    assert.throws(() => loadConfig({ ...production, METRICS_PORT: 'ninety' }), ConfigError);
  });
});
