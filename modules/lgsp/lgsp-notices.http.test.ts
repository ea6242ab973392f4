import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { DEFAULT_ADMIN_TOKEN, DEFAULT_MAIL_USERS, mailSandbox, startSandbox, type RunningSandbox } from '../../apps/sandbox/index.ts';
import { createMailer, type Mailer } from '../../packages/national/index.ts';
import { JobRunner, queryRows } from '../../packages/platform/index.ts';
import { hashClientSecret } from '../identity/index.ts';
import { createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';

/**
 * Notices of the registry (issue 10): written with the change, mailed by the job queue to the
 * LGSP administrators of the agency concerned (the mail sandbox over real SMTP), and listed at
 * GET /api/lgsp/notices for the agencies one administers.
 */

const PROVIDER_MAIL = 'lgsp.provider@example.vn';
const CONSUMER_MAIL = 'lgsp.consumer@example.vn';
const v1 = { openapi: '3.0.3', info: { title: 'Hộ tịch', version: '1' }, paths: { '/births/{id}': { get: {} } } };
const v2 = { openapi: '3.0.3', info: { title: 'Hộ tịch', version: '2' }, paths: { '/births/{id}': { get: {} }, '/deaths/{id}': { get: {} } } };

interface Mail { subject: string; text: string; to: { address: string }[] }

describe('LGSP notices: access requests, decisions and lifecycle changes reach the administrators concerned', () => {
  let t: TestPlatform;
  let sandbox: RunningSandbox;
  let mailer: Mailer;
  let runner: JobRunner;
  let providerAdmin: string;
  let consumerAdmin: string;
  const ids = { providerAgency: '', consumerAgency: '', service: '', consumerSub: '', request: '' };
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/lgsp${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const mails = async (to: string): Promise<Mail[]> =>
    ((await (await fetch(`${sandbox.url}/mail/_admin/messages?to=${encodeURIComponent(to)}`, { headers: { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` } })).json()) as { items: Mail[] }).items;
  const pendingNoticeJobs = async () => Number((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from platform.jobs where queue = 'lgsp.notice' and status = 'pending'`))[0]!.n);

  before(async () => {
    t = await createTestPlatform();
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [mailSandbox({ smtpPort: 0 })] });
    const { smtpPort } = (await (await fetch(`${sandbox.url}/mail/api/v1/info`)).json()) as { smtpPort: number };
    const user = DEFAULT_MAIL_USERS[0]!;
    mailer = createMailer({ smtpUrl: `smtp://${user.username}:${user.password}@127.0.0.1:${smtpPort}`, from: 'lgsp@dongthap.example' });
    runner = new JobRunner(t.database.db, { handlers: t.modules.lgsp.jobHandlers({} as never, mailer) });

    const agencies = await t.modules.catalog.service.listAgencies();
    const top = agencies.find((a) => a.parentId === null)!;
    const [provider, consumer] = agencies.filter((a) => a.parentId === top.id && a.kind === 'department');
    ids.providerAgency = provider!.id;
    ids.consumerAgency = consumer!.id;
    const repo = t.modules.identity.service.repo;
    // Each agency: an LGSP administrator (a person with an e-mail address) and a service client acting as one.
    const role = (await repo.insertRole({ id: randomUUID(), code: 'lgsp-notice-test', name: 'Quản trị LGSP', permissions: ['lgsp.manage'] }))!;
    for (const [agencyId, email, name] of [[provider!.id, PROVIDER_MAIL, 'provider'], [consumer!.id, CONSUMER_MAIL, 'consumer']] as const) {
      const official = await repo.insertUser({ id: randomUUID(), kind: 'official', username: `lgsp-${name}`, fullName: `Quản trị ${name}`, agencyId, email });
      await repo.insertAssignment({ id: randomUUID(), userId: official.id, roleId: role.id, agencyId, scope: 'agency' });
      await repo.insertServiceClient({ clientId: `notice-${name}-admin`, name, secretHash: hashClientSecret(`notice-${name}-admin-secret`), agencyId, permissions: ['lgsp.manage'] });
    }
    providerAdmin = await t.clientToken('notice-provider-admin', 'notice-provider-admin-secret');
    consumerAdmin = await t.clientToken('notice-consumer-admin', 'notice-consumer-admin-secret');

    const created = async (answer: Promise<{ statusCode: number; body: string; json(): { id: string } }>) => {
      const done = await answer;
      assert.equal(done.statusCode, 201, done.body);
      return done.json().id;
    };
    const providerMember = await created(api('POST', '/members', providerAdmin, { agencyCode: provider!.code, memberClass: 'GOV' }));
    const consumerMember = await created(api('POST', '/members', consumerAdmin, { agencyCode: consumer!.code, memberClass: 'GOV' }));
    const providerSub = await created(api('POST', `/members/${providerMember}/subsystems`, providerAdmin, { code: 'HOTICH', name: 'Hộ tịch' }));
    ids.consumerSub = await created(api('POST', `/members/${consumerMember}/subsystems`, consumerAdmin, { code: 'MOTCUA', name: 'Một cửa' }));
    const service = await api('POST', `/subsystems/${providerSub}/services`, providerAdmin, { code: 'births', name: 'Tra cứu khai sinh', baseUrl: 'http://127.0.0.1:9/v1', openApi: v1 });
    assert.equal(service.statusCode, 201, service.body);
    ids.service = service.json().id;
    assert.equal((await api('PUT', `/services/${ids.service}/status`, providerAdmin, { status: 'published' })).statusCode, 200);
  });
  after(async () => {
    mailer.close();
    await sandbox.close();
    await t.close();
  });

  it('publishing a service nobody holds access to notifies no one', async () => {
    assert.equal(await pendingNoticeJobs(), 0);
    const listed = await api('GET', '/notices', providerAdmin);
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(listed.json(), []);
  });

  it("an access request is mailed to the provider's administrators (queued with the request, sent by the job), and listed for them only", async () => {
    const asked = await api('POST', '/access-requests', consumerAdmin, { serviceId: ids.service, subsystemId: ids.consumerSub, reason: 'Liên thông khai sinh' });
    assert.equal(asked.statusCode, 201, asked.body);
    ids.request = asked.json().id;
    assert.equal(await pendingNoticeJobs(), 1, 'the mail job is in the outbox');
    assert.deepEqual(await mails(PROVIDER_MAIL), [], 'nothing is sent inside the request');

    assert.equal(await runner.drain(), 1);
    const sent = await mails(PROVIDER_MAIL);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.subject, 'Yêu cầu quyền truy cập dịch vụ Tra cứu khai sinh / Access requested');
    assert.match(sent[0]!.text, /Lý do: Liên thông khai sinh/);
    assert.match(sent[0]!.text, /\/MOTCUA yêu cầu quyền gọi dịch vụ/);
    assert.deepEqual(await mails(CONSUMER_MAIL), [], 'the requester is not told of its own request');

    const forProvider = (await api('GET', '/notices', providerAdmin)).json();
    assert.deepEqual(forProvider.map((n: { event: string; agencyId: string }) => [n.event, n.agencyId]), [['access_requested', ids.providerAgency]]);
    assert.deepEqual((await api('GET', '/notices', consumerAdmin)).json(), []);
    const foreign = await api('GET', `/notices?agencyId=${ids.providerAgency}`, consumerAdmin);
    assert.equal(foreign.statusCode, 403);
    assert.equal(foreign.json().code, 'lgsp.out_of_scope');
  });

  it("the decision is mailed to the requesting consumer's administrators", async () => {
    const decided = await api('POST', `/access-requests/${ids.request}/decision`, providerAdmin, { approve: true, note: 'Đồng ý đến hết năm' });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.equal(await runner.drain(), 1);
    const sent = await mails(CONSUMER_MAIL);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.subject, 'Yêu cầu truy cập dịch vụ Tra cứu khai sinh đã được chấp thuận / Access request approved');
    assert.match(sent[0]!.text, /Ghi chú: Đồng ý đến hết năm/);
    assert.equal((await mails(PROVIDER_MAIL)).length, 1, 'the provider heard only of the request');
    const listed = (await api('GET', `/notices?agencyId=${ids.consumerAgency}`, consumerAdmin)).json();
    assert.deepEqual(listed.map((n: { event: string }) => n.event), ['access_decided']);
  });

  it('a new version and each lifecycle step are mailed to every consumer holding access, not to the provider', async () => {
    const refreshed = await api('POST', `/services/${ids.service}/refresh`, providerAdmin, { openApi: v2 });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    assert.equal(refreshed.json().changed, true);
    assert.equal((await api('PUT', `/services/${ids.service}/status`, providerAdmin, { status: 'deprecated' })).statusCode, 200);
    assert.equal(await runner.drain(), 2);
    assert.equal((await api('PUT', `/services/${ids.service}/status`, providerAdmin, { status: 'retired' })).statusCode, 200);
    assert.equal(await runner.drain(), 1);

    const subjects = (await mails(CONSUMER_MAIL)).map((m) => m.subject).sort();
    assert.deepEqual(subjects, [
      'Dịch vụ Tra cứu khai sinh chuyển sang trạng thái sắp ngừng / Service deprecated',
      'Dịch vụ Tra cứu khai sinh chuyển sang trạng thái đã ngừng / Service retired',
      'Dịch vụ Tra cứu khai sinh có phiên bản mới 2 / New version',
      'Yêu cầu truy cập dịch vụ Tra cứu khai sinh đã được chấp thuận / Access request approved',
    ]);
    const version = (await mails(CONSUMER_MAIL)).find((m) => m.subject.includes('phiên bản mới'))!;
    assert.match(version.text, /thêm 1, bỏ 0 điểm cuối/);
    assert.equal((await mails(PROVIDER_MAIL)).length, 1, 'the provider holds no access to its own service');
    const events = (await api('GET', '/notices', consumerAdmin)).json().map((n: { event: string }) => n.event).sort();
    assert.deepEqual(events, ['access_decided', 'new_version', 'status_changed', 'status_changed']);
  });

  it('refuses a bad query with 400 and writes nothing', async () => {
    const bad = await api('GET', '/notices?limit=0', consumerAdmin);
    assert.equal(bad.statusCode, 400);
    assert.equal(await pendingNoticeJobs(), 0);
  });
});
