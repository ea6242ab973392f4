import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../packages/platform/index.ts';
import type { Principal } from '../../../packages/platform/index.ts';
import { birthSubmission, setUpWorld, upload, type World } from '../dossier/dossier.test-support.ts';
import { createNotificationInbox, createTemplateEditor, templateRepository } from './notice.service.ts';

const PUBLIC_URL = 'https://dichvucong.dongthap.example';

/**
 * Filing online sends a `filed` notice in the filing's transaction (in-app row + mail and SMS
 * jobs); the desk's acceptance sends the receipt later. Counter intake hands the receipt over
 * at once, so it sends no `filed` notice.
 */
describe('the notice that a dossier was filed online', () => {
  let w: World;
  let offeringId: string;
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z', { PUBLIC_URL });
    offeringId = await w.offering('1.001193', 'TAM.H19.X001');
  });
  after(() => w.close());

  const submission = async (by: Principal) => {
    const s = birthSubmission();
    s.files = [await upload(w, by, 'giay-chung-sinh')];
    return s;
  };
  const filedJobs = (dossierId: string) => queryRows<{ channel: string; to: string; values: Record<string, string> }>(w.database.db, sql`
    select payload->>'channel' as channel, payload->>'to' as "to", payload->'values' as values from platform.jobs
    where queue = 'tthc.notice' and payload->>'dossierId' = ${dossierId} and payload->>'event' = 'filed' order by 1`);
  const filedInbox = (dossierId: string) => queryRows<{ recipient: string; title: string; body: string }>(w.database.db, sql`
    select recipient, title, body from tthc.notifications where dossier_id = ${dossierId} and event = 'filed'`);

  it('filing online queues one mail and one SMS and writes one in-app notice the applicant sees, with a look-up link under PUBLIC_URL', async () => {
    const input = { offeringId, submission: await submission(w.citizen) };
    const { dossier } = await w.tthc.dossiers.submitOnline(w.citizen, input, 'filed-notice-0001');

    const jobs = await filedJobs(dossier.id);
    assert.deepEqual(jobs.map((j) => [j.channel, j.to]), [['email', 'nguyen.an@example.com'], ['sms', '0912345678']]);
    const lookupUrl = `${PUBLIC_URL}/tra-cuu?ma=${encodeURIComponent(dossier.code)}`;
    for (const job of jobs) assert.equal(job.values.lookupUrl, lookupUrl);
    assert.equal(jobs[0]!.values.submittedDate, '23/11/2026');

    const inbox = await filedInbox(dossier.id);
    assert.equal(inbox.length, 1);
    assert.equal(inbox[0]!.recipient, w.citizenId);
    assert.equal(inbox[0]!.title, `Đã nhận hồ sơ trực tuyến ${dossier.code}`);
    assert.ok(inbox[0]!.body.includes('Bộ phận Một cửa sẽ kiểm tra'), inbox[0]!.body);
    assert.ok(inbox[0]!.body.includes(lookupUrl), 'the in-app notice carries the look-up link');
    const mine = await createNotificationInbox(w.database.db).list(w.citizenId, 10);
    assert.ok(mine.some((n) => n.dossierId === dossier.id && n.event === 'filed'), 'in the applicant’s inbox');

    // A retried request with the same Idempotency-Key replays the filing: no second notice.
    const again = await w.tthc.dossiers.submitOnline(w.citizen, input, 'filed-notice-0001');
    assert.equal(again.dossier.id, dossier.id);
    assert.equal((await filedJobs(dossier.id)).length, 2);
    assert.equal((await filedInbox(dossier.id)).length, 1);
  });

  it('counter intake sends the receipt, not the `filed` notice', async () => {
    const { dossier } = await w.tthc.dossiers.receiveAtCounter(w.desk, { offeringId, submission: await submission(w.desk) });
    assert.equal((await filedJobs(dossier.id)).length, 0);
    assert.equal((await filedInbox(dossier.id)).length, 0);
    assert.equal(await w.count(`platform.jobs where queue = 'tthc.notice' and payload->>'dossierId' = '${dossier.id}' and payload->>'event' = 'received'`), 2);
  });

  it('administrators find the `filed` templates among the others, Vietnamese and English', async () => {
    const filed = (await createTemplateEditor(w.database.db).list()).filter((t) => t.event === 'filed');
    assert.deepEqual(filed.map((t) => `${t.channel}/${t.locale}`).sort(), ['email/en', 'email/vi', 'inapp/en', 'inapp/vi', 'sms/vi']);
    assert.ok(filed.every((t) => !/\{\{\s*(dueDate|receivedDate)\s*\}\}/.test(t.body)), 'no date the filing does not have yet');
  });

  it('an applicant who filed in English gets English notices where a template exists (mail, in-app), Vietnamese otherwise (SMS)', async () => {
    const input = await submission(w.citizen);
    input.applicant = { ...input.applicant, locale: 'en' };
    const { dossier } = await w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission: input });
    assert.equal(dossier.applicant.locale, 'en');
    const inbox = await filedInbox(dossier.id);
    assert.equal(inbox[0]!.title, `Dossier ${dossier.code} filed online; the one-stop desk will check it`);
    const jobs = await queryRows<{ locale: string }>(w.database.db, sql`
      select payload->>'locale' as locale from platform.jobs where queue = 'tthc.notice' and payload->>'dossierId' = ${dossier.id}`);
    assert.deepEqual(jobs.map((j) => j.locale), ['en', 'en'], 'the sender picks the English template');
    assert.equal((await templateRepository.inLocale(w.database.db, 'filed', 'email', 'en'))?.locale, 'en');
    assert.equal((await templateRepository.inLocale(w.database.db, 'filed', 'sms', 'en'))?.locale, 'vi', 'no English SMS: Vietnamese');
    const completed = await templateRepository.inLocale(w.database.db, 'completed', 'email', 'en');
    assert.match(completed!.body, /\{\{ratingUrl\}\}/, 'the returned notice links the rating form');
  });
});
