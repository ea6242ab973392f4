import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEED_PROCEDURES } from '../seed/procedures.ts';
import { checkProcedure, mergeProcedure } from './procedure.validation.ts';

/** Trình tự thực hiện: an ordered list of texts, trimmed, limited, defaulting to none. */
describe('procedure steps', () => {
  const seeded = SEED_PROCEDURES[0]!.fields;

  it('every seeded procedure has its steps, and they pass the checks', () => {
    for (const seed of SEED_PROCEDURES) {
      assert.ok(seed.fields.steps.length >= 4, seed.fields.nationalCode);
      assert.deepEqual(checkProcedure(mergeProcedure(undefined, { ...seed.fields })), [], seed.fields.nationalCode);
    }
  });

  it('steps are trimmed; absent steps are none; too many or empty ones are named', () => {
    const { steps: _steps, ...withoutSteps } = seeded;
    assert.deepEqual(mergeProcedure(undefined, withoutSteps).steps, []);
    assert.deepEqual(mergeProcedure(undefined, { ...seeded, steps: ['  Bước 1: nộp hồ sơ  '] }).steps, ['Bước 1: nộp hồ sơ']);
    const tooMany = checkProcedure(mergeProcedure(undefined, { ...seeded, steps: Array.from({ length: 31 }, (_, i) => `Bước ${i + 1}`) }));
    assert.ok(tooMany.some((issue) => issue.field === 'steps'), JSON.stringify(tooMany));
    const blank = checkProcedure(mergeProcedure(undefined, { ...seeded, steps: ['Bước 1', ''] }));
    assert.ok(blank.some((issue) => issue.field === 'steps[1]' || issue.field === 'steps.1'), JSON.stringify(blank));
  });
});
