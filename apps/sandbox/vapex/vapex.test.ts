import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type RunningSandbox } from '../server.ts';
import { vapexSandbox } from './sandbox.ts';

/** The V-APEX sandbox over real HTTP: client-credentials tokens, register, publish, search, subscribe, update, withdraw. */
describe('V-APEX sandbox', () => {
  let sandbox: RunningSandbox;
  let base: string;
  const tokens: Record<string, string> = {};
  const doc = (version: string, paths: Record<string, unknown> = { '/citizens/{id}': { get: {} } }) => ({ openapi: '3.1.0', info: { title: 'Công dân', version }, paths });

  async function token(id: string, secret: string): Promise<Response> {
    return fetch(`${base}/oauth/token`, {
      method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
  }
  const api = (who: string, method: string, path: string, body?: unknown) => fetch(`${base}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  before(async () => {
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [vapexSandbox()] });
    base = `${sandbox.url}/vapex`;
    for (const [who, secret] of [['sen-dongthap', 'sandbox-vapex-secret-h19'], ['consumer-h29', 'sandbox-vapex-secret-h29']]) {
      tokens[who!] = ((await (await token(who!, secret!)).json()) as { access_token: string }).access_token;
    }
  });
  after(async () => sandbox.close());

  it('issues tokens to registered clients only, and refuses the API without one', async () => {
    assert.equal((await token('sen-dongthap', 'wrong')).status, 401);
    const refused = await fetch(`${base}/api/v1/apis`);
    assert.equal(refused.status, 401);
    assert.equal((await refused.json() as { code: string }).code, 'vapex.unauthorized');
  });

  it('registers, publishes, lists, subscribes, updates and withdraws an API', async () => {
    const foreign = await api('sen-dongthap', 'POST', '/apis', { name: 'X', providerCode: '000.00.00.H29', version: '1', openapi: doc('1') });
    assert.equal(foreign.status, 403, 'an organisation registers its own APIs only');
    const bad = await api('sen-dongthap', 'POST', '/apis', { name: 'X', providerCode: '000.00.00.H19', version: '1', openapi: { swagger: '2.0' } });
    assert.equal(bad.status, 400);

    const registered = await api('sen-dongthap', 'POST', '/apis', { name: 'Tra cứu công dân tỉnh Đồng Tháp', providerCode: '000.00.00.H19', version: '1.0.0', openapi: doc('1.0.0') });
    assert.equal(registered.status, 201);
    const { id, status } = await registered.json() as { id: string; status: string };
    assert.equal(status, 'registered');
    assert.equal((await api('consumer-h29', 'GET', `/apis/${id}`)).status, 404, 'not visible to others before publication');
    assert.equal((await api('consumer-h29', 'POST', `/apis/${id}/subscriptions`)).status, 404);

    assert.equal((await api('consumer-h29', 'POST', `/apis/${id}/publish`)).status, 404, 'nor publishable by them');
    const published = await api('sen-dongthap', 'POST', `/apis/${id}/publish`);
    assert.equal((await published.json() as { status: string }).status, 'published');
    const found = await (await api('consumer-h29', 'GET', '/apis?q=c%C3%B4ng%20d%C3%A2n&providerCode=000.00.00.H19')).json() as { items: { id: string }[] };
    assert.deepEqual(found.items.map((a) => a.id), [id]);
    assert.deepEqual((await (await api('consumer-h29', 'GET', '/apis?q=doanh')).json() as { items: unknown[] }).items, []);

    const subscribed = await api('consumer-h29', 'POST', `/apis/${id}/subscriptions`);
    assert.equal(subscribed.status, 201);
    const subscription = await subscribed.json() as { id: string; key: string };
    assert.ok(subscription.key.length >= 20);
    const listed = await (await api('consumer-h29', 'GET', '/subscriptions')).json() as { items: { id: string; key?: string }[] };
    assert.deepEqual(listed.items.map((s) => [s.id, s.key]), [[subscription.id, undefined]], 'the key is shown once');

    assert.equal((await api('consumer-h29', 'PUT', `/apis/${id}`, { version: '9', openapi: doc('9') })).status, 403);
    const updated = await (await api('sen-dongthap', 'PUT', `/apis/${id}`, { version: '2.0.0', openapi: doc('2.0.0', { '/citizens/{id}': { get: {} }, '/citizens/{id}/photo': { get: {} } }) })).json() as { version: string; versions: { version: string }[]; openapi: { paths: object } };
    assert.equal(updated.version, '2.0.0');
    assert.deepEqual(updated.versions.map((v) => v.version), ['1.0.0', '2.0.0']);
    assert.equal(Object.keys(updated.openapi.paths).length, 2);

    const withdrawn = await (await api('sen-dongthap', 'POST', `/apis/${id}/unpublish`)).json() as { status: string };
    assert.equal(withdrawn.status, 'unpublished');
    assert.deepEqual((await (await api('consumer-h29', 'GET', '/apis')).json() as { items: unknown[] }).items, []);
    assert.equal((await api('sen-dongthap', 'GET', `/apis/${id}`)).status, 200, 'the owner still sees it');
  });

  it('lets the provider approve or reject a subscription, with a reason, and shows the decision to both sides', async () => {
    const { id } = await (await api('sen-dongthap', 'POST', '/apis', { name: 'Tra cứu hộ tịch', providerCode: '000.00.00.H19', version: '1', openapi: doc('1') })).json() as { id: string };
    await api('sen-dongthap', 'POST', `/apis/${id}/publish`);
    const subscription = await (await api('consumer-h29', 'POST', `/apis/${id}/subscriptions`)).json() as { id: string; approval: { status: string } };
    assert.equal(subscription.approval.status, 'pending', 'a new subscription waits for the provider');
    const decide = (who: string, body: unknown, sid = subscription.id) => api(who, 'PUT', `/subscriptions/${sid}/approval`, body);

    const byConsumer = await decide('consumer-h29', { status: 'approved' });
    assert.equal(byConsumer.status, 403, 'the subscriber cannot approve itself');
    assert.equal((await byConsumer.json() as { code: string }).code, 'vapex.not_owner');
    assert.equal((await decide('sen-dongthap', { status: 'approved' }, '00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await decide('sen-dongthap', { status: 'rejected' })).status, 400, 'a rejection says why');
    assert.equal((await decide('sen-dongthap', { status: 'maybe' })).status, 400);

    const approved = await decide('sen-dongthap', { status: 'approved', reason: 'Đồng ý' });
    assert.equal(approved.status, 200);
    const first = (await approved.json() as { approval: { status: string; reason: string; decidedAt: string }; subscriber: { clientId: string } });
    assert.deepEqual([first.approval.status, first.approval.reason, first.subscriber.clientId], ['approved', 'Đồng ý', 'consumer-h29']);
    const again = (await (await decide('sen-dongthap', { status: 'approved', reason: 'Đồng ý' })).json() as { approval: { decidedAt: string } });
    assert.equal(again.approval.decidedAt, first.approval.decidedAt, 'the same decision again changes nothing');
    const mine = await (await api('consumer-h29', 'GET', '/subscriptions')).json() as { items: { id: string; approval: { status: string } }[] };
    assert.equal(mine.items.find((s) => s.id === subscription.id)?.approval.status, 'approved', 'the subscriber sees the decision');

    assert.equal((await decide('sen-dongthap', { status: 'rejected', reason: 'Không đủ căn cứ pháp lý' })).status, 200);
    const listed = await (await api('sen-dongthap', 'GET', `/apis/${id}/subscriptions`)).json() as { items: { id: string; approval: { status: string; reason: string } }[] };
    const rejected = listed.items.find((s) => s.id === subscription.id)?.approval;
    assert.deepEqual([rejected?.status, rejected?.reason], ['rejected', 'Không đủ căn cứ pháp lý'], 'a different decision replaces the first');

    assert.equal((await api('consumer-h29', 'DELETE', `/subscriptions/${subscription.id}`)).status, 200);
    const late = await decide('sen-dongthap', { status: 'approved' });
    assert.equal(late.status, 409);
    assert.equal((await late.json() as { code: string }).code, 'vapex.subscription_cancelled');
  });
});
