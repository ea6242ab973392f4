import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, type Database } from '../../../packages/platform/index.ts';
import { createTestDatabase, rejectsWith } from '../../../packages/platform/testing.ts';
import { createFormService, type FormService } from './form.service.ts';
import { citizen, principalWith } from './procedure.test-support.ts';

const editor = principalWith('00000000-0000-4000-8000-00000000aaaa', ['procedure.edit']);

const schemaV1 = {
  type: 'object',
  additionalProperties: false,
  required: ['fullName', 'floors'],
  properties: { fullName: { type: 'string', minLength: 2, title: 'Họ và tên' }, floors: { type: 'integer', minimum: 1, maximum: 50 } },
};

describe('e-forms (database)', () => {
  let database: Database;
  let forms: FormService;

  before(async () => {
    database = await createTestDatabase();
    // The shared code lists are the catalog module's (tested with it); here one small list stands in.
    forms = createFormService(database.db, async (list) => (list === 'ethnic-groups' ? new Set(['01', '02']) : undefined));
  });
  after(async () => database.close());

  it('keeps one draft per key, replaced until it is published', async () => {
    await assert.rejects(forms.saveFormDraft(citizen, 'don-thu', { title: 'Đơn', schema: schemaV1, layout: {} }), rejectsWith(403, 'auth.forbidden'));
    const first = await forms.saveFormDraft(editor, 'don-thu', { title: 'Đơn thử', schema: schemaV1, layout: {} });
    assert.deepEqual([first.version, first.status], [1, 'draft']);
    const replaced = await forms.saveFormDraft(editor, 'don-thu', { title: '  Đơn thử nghiệm  ', schema: schemaV1, layout: { order: ['fullName', 'floors'] } });
    assert.deepEqual([replaced.version, replaced.title, replaced.layout], [1, 'Đơn thử nghiệm', { order: ['fullName', 'floors'] }]);
    // Drafts are for editors: the public sees nothing until a version is published.
    await assert.rejects(forms.getForm('don-thu'), rejectsWith(404, 'tthc.form_not_found'));
    await assert.rejects(forms.getForm('don-thu', 1, citizen), rejectsWith(404, 'tthc.form_not_found'));
    assert.equal((await forms.getForm('don-thu', 1, editor)).status, 'draft');
    assert.equal(await forms.publishedForm('don-thu'), undefined);
  });

  it('publishes a draft; published versions never change and the newest one is used', async () => {
    const published = await forms.publishForm(editor, 'don-thu', 1);
    assert.equal(published.status, 'published');
    assert.deepEqual(await forms.publishForm(editor, 'don-thu', 1), published, 'publishing again is harmless');
    await assert.rejects(forms.publishForm(citizen, 'don-thu', 1), rejectsWith(403, 'auth.forbidden'));
    await assert.rejects(forms.publishForm(editor, 'don-thu', 9), rejectsWith(404, 'tthc.form_not_found'));

    const schemaV2 = { ...schemaV1, properties: { ...schemaV1.properties, floors: { type: 'integer', minimum: 1, maximum: 7 } } };
    const draft = await forms.saveFormDraft(editor, 'don-thu', { title: 'Đơn thử (2)', schema: schemaV2, layout: {} });
    assert.deepEqual([draft.version, draft.status], [2, 'draft']);
    assert.deepEqual(await forms.getForm('don-thu', 1), published, 'version 1 is untouched');
    assert.equal((await forms.getForm('don-thu')).version, 1);
    assert.equal((await forms.validateForm('don-thu', { fullName: 'Lê Thị Hoa', floors: 9 })).valid, true);

    await forms.publishForm(editor, 'don-thu', 2);
    assert.equal((await forms.publishedForm('don-thu'))?.version, 2);
    const check = await forms.validateForm('don-thu', { fullName: 'L', floors: 9, extra: true });
    assert.equal(check.valid, false);
    assert.deepEqual(check.errors.map((e) => e.field).sort(), ['/extra', '/floors', '/fullName']);
    assert.equal(check.errors.find((e) => e.field === '/floors')?.message, 'Giá trị không được vượt quá 7');
    await assert.rejects(forms.validateForm('khong-co', {}), rejectsWith(404, 'tthc.form_not_found'));

    assert.deepEqual(
      (await forms.listForms()).map((s) => [s.key, s.title, s.latestVersion, s.publishedVersion, s.draftVersion]),
      [['don-thu', 'Đơn thử (2)', 2, 2, null]],
    );
  });

  it('refuses unusable schemas, bad keys and oversized forms with details (422)', async () => {
    await assert.rejects(forms.saveFormDraft(editor, 'don-loi', { title: 'Lỗi', schema: { type: 'object', properties: { a: { type: 'strnig' } } }, layout: {} }), (err) => {
      assert.ok(err instanceof AppError && err.status === 422 && err.code === 'tthc.form_invalid');
      assert.equal((err.details as { keyword: string }[])[0]?.keyword, 'schema');
      return true;
    });
    await assert.rejects(forms.saveFormDraft(editor, 'don-loi', { title: 'Lỗi', schema: { type: 'array' }, layout: {} }), rejectsWith(422, 'tthc.form_invalid'));
    await assert.rejects(forms.saveFormDraft(editor, 'Don Loi', { title: 'Lỗi', schema: schemaV1, layout: {} }), rejectsWith(422, 'tthc.form_invalid'));
    const huge = { ...schemaV1, description: 'x'.repeat(250_000) };
    await assert.rejects(forms.saveFormDraft(editor, 'don-loi', { title: 'Lỗi', schema: huge, layout: {} }), rejectsWith(422, 'tthc.form_invalid'));
    assert.equal(await forms.formExists('don-loi'), false);
  });

  it('lets two editors race for the first draft without a duplicate version', async () => {
    const results = await Promise.all([1, 2, 3].map((n) => forms.saveFormDraft(editor, 'don-dong-thoi', { title: `Bản ${n}`, schema: schemaV1, layout: {} })));
    assert.deepEqual(results.map((r) => r.version), [1, 1, 1]);
    assert.equal((await forms.listForms()).find((s) => s.key === 'don-dong-thoi')?.latestVersion, 1);
  });

  it('checks fields that pick from a shared code list against the list', async () => {
    const schema = { type: 'object', required: ['ethnicity'], properties: { ethnicity: { type: 'string', title: 'Dân tộc', 'x-catalog': 'ethnic-groups' } } };
    await forms.saveFormDraft(editor, 'don-dan-toc', { title: 'Đơn', schema, layout: {} });
    await forms.publishForm(editor, 'don-dan-toc', 1);
    assert.equal((await forms.validateForm('don-dan-toc', { ethnicity: '02' })).valid, true);
    const wrong = await forms.validateForm('don-dan-toc', { ethnicity: 'Tày' });
    assert.deepEqual(wrong.errors.map((e) => [e.field, e.keyword]), [['/ethnicity', 'x-catalog']]);
    await assert.rejects(
      forms.saveFormDraft(editor, 'don-sai', { title: 'Đơn', schema: { type: 'object', properties: { n: { type: 'number', 'x-catalog': 'ethnic-groups' } } }, layout: {} }),
      rejectsWith(422, 'tthc.form_invalid'),
    );
  });
});
