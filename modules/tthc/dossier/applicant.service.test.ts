import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Principal } from '../../../packages/platform/index.ts';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { createDraftService } from './draft.service.ts';
import { createNotificationInbox } from '../notices/notice.service.ts';
import { setUpWorld, upload, type World } from './dossier.test-support.ts';

/** The applicant's own things (drafts, notifications, uploads): refusals are 4xx with stable codes and write nothing. */
describe('applicant drafts, notifications and uploads', () => {
  let w: World;
  let drafts: ReturnType<typeof createDraftService>;
  let inbox: ReturnType<typeof createNotificationInbox>;
  before(async () => {
    w = await setUpWorld();
    drafts = createDraftService(w.database.db, w.tthc.procedures);
    inbox = createNotificationInbox(w.database.db);
  });
  after(() => w.close());

  it('saves a draft for a real offering, and refuses an unknown offering with 404 (not a foreign-key 500)', async () => {
    const offeringId = await w.offering('1.004873', 'TAM.H19.X001');
    const saved = await drafts.create(w.citizen, { offeringId, formData: { 'to-khai': { note: 'x' } }, files: [] });
    assert.equal(saved.offeringId, offeringId);
    const before = await w.count('tthc.drafts');
    await assert.rejects(drafts.create(w.citizen, { offeringId: randomUUID(), formData: {}, files: [] }), rejectsWith(404, 'tthc.offering_not_found'));
    assert.equal(await w.count('tthc.drafts'), before);
  });

  it("marks the recipient's own notification read, and answers 404 for anyone else's without touching it", async () => {
    const [row] = await queryRows<{ id: string }>(w.database.db, sql`insert into tthc.notifications (id, recipient, event, title, body)
      values (gen_random_uuid(), ${w.citizenId}, 'received', 'Hồ sơ đã được tiếp nhận', '…') returning id`);
    const readAt = async () => (await queryRows<{ read_at: unknown }>(w.database.db, sql`select read_at from tthc.notifications where id = ${row!.id}`))[0]?.read_at;
    const other: Principal = { kind: 'user', userId: randomUUID(), userType: 'citizen', displayName: 'Người khác', grants: [] };
    for (const stranger of [other, w.desk, { kind: 'system', clientId: 'reports', grants: [] } as Principal]) {
      await assert.rejects(inbox.markRead(stranger, row!.id), rejectsWith(404, 'notification.not_found'));
      assert.equal(await readAt(), null);
    }
    await assert.rejects(inbox.markRead(w.citizen, randomUUID()), rejectsWith(404, 'notification.not_found'));
    await inbox.markRead(w.citizen, row!.id);
    assert.notEqual(await readAt(), null);
  });

  it('takes uploads from applicants and from officials who file or handle dossiers, not from a reporting client', async () => {
    await upload(w, w.citizen, 'to-khai');
    await upload(w, w.desk, 'to-khai');
    await upload(w, w.specialist, 'ket-qua');
    const before = await w.count('tthc.uploads');
    const reports: Principal = { kind: 'system', clientId: 'reports', grants: [{ agencyId: await w.agencyId('TAM.H19.X003'), scope: 'subtree', permissions: ['report.read'] }] };
    await assert.rejects(upload(w, reports, 'to-khai'), rejectsWith(403, 'upload.forbidden'));
    assert.equal(await w.count('tthc.uploads'), before);
  });
});
