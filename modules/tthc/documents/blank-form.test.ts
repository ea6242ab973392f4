import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BIRTH_FORM, SEED_FORMS } from '../seed/forms.ts';
import { blankFormLayout, renderBlankForm } from './index.ts';
import { linesOf } from './model.ts';

/** Blank forms are made from the published e-forms: every field is there to write on, in the layout's order. */
describe('blank forms', () => {
  const at = new Date('2025-07-01T00:00:00Z');
  const birth = SEED_FORMS.find((f) => f.key === BIRTH_FORM)!;
  const form = { key: birth.key, version: 1, title: birth.draft.title, schema: birth.draft.schema as Record<string, unknown>, layout: birth.draft.layout as Record<string, unknown> };

  test('the birth declaration lists its sections and fields in order, with lines and boxes to fill', () => {
    const lines = linesOf(blankFormLayout(form, at));
    assert.ok(lines.includes(form.title.toUpperCase()));
    const index = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    assert.ok(index('NGƯỜI ĐI ĐĂNG KÝ') >= 0, 'section titles');
    assert.ok(index('Người yêu cầu') < index('Người được khai sinh'), 'the layout\'s order');
    assert.match(lines.find((l) => l.startsWith('Họ, chữ đệm và tên'))!, /^Họ, chữ đệm và tên: \.{24,}$/);
    assert.ok(lines.some((l) => l.includes('□ Nam') && l.includes('□ Nữ')), 'choices as boxes');
    assert.ok(lines.includes('NGƯỜI KHAI'));
    assert.ok(!lines.some((l) => /undefined|null|\[object/.test(l)), 'nothing unfilled leaks into the paper');
  });

  test('every seeded form renders to a PDF, the same bytes each time', async () => {
    for (const seed of SEED_FORMS) {
      const f = { key: seed.key, version: 1, title: seed.draft.title, schema: seed.draft.schema as Record<string, unknown>, layout: seed.draft.layout as Record<string, unknown> };
      const first = await renderBlankForm(f, at);
      assert.equal(first.subarray(0, 5).toString(), '%PDF-', seed.key);
      assert.deepEqual(await renderBlankForm(f, at), first, `${seed.key} is reproducible`);
    }
  });
});
