import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProcedurePart } from '../../../../api/tthc.ts';
import { heldParts, initialRows, problems, toChecklist } from './checklist.ts';

const parts: ProcedurePart[] = [
  { code: 'to-khai', name: 'Tờ khai', required: true, originals: 1, copies: 0 },
  { code: 'giay-chung-sinh', name: 'Giấy chứng sinh', required: true, originals: 1, copies: 0, requiredForm: 'original' },
  { code: 'uy-quyen', name: 'Văn bản ủy quyền', required: false, originals: 1, copies: 0 },
];
const file = (partCode: string, kind: 'input' | 'result') => ({ id: partCode, partCode, kind, fileName: 'a.pdf', contentType: 'application/pdf', size: 1, uploadedAt: '' });

test('the checklist starts from what the electronic dossier holds', () => {
  const held = heldParts({ formData: { 'to-khai': { a: 1 }, 'uy-quyen': {} }, files: [file('giay-chung-sinh', 'input'), file('uy-quyen', 'result')] });
  assert.deepEqual([...held].sort(), ['giay-chung-sinh', 'to-khai']);
  const rows = initialRows(parts, held);
  assert.deepEqual(problems(parts, rows, held), [], 'electronic parts the dossier holds satisfy their form');
  assert.deepEqual(toChecklist(parts, rows), [
    { partCode: 'to-khai', present: true },
    { partCode: 'giay-chung-sinh', present: true },
    { partCode: 'uy-quyen', present: false },
  ]);
});

test('a required part missing, or on paper in a weaker form, is a problem; optional parts never are', () => {
  const held = new Set<string>();
  const rows = initialRows(parts, held);
  assert.deepEqual(problems(parts, rows, held), ['to-khai', 'giay-chung-sinh']);
  rows['to-khai'] = { present: true, form: 'copy' };
  rows['giay-chung-sinh'] = { present: true, form: 'certified_copy' };
  assert.deepEqual(problems(parts, rows, held), ['giay-chung-sinh']);
  rows['giay-chung-sinh'] = { present: true, form: null };
  assert.deepEqual(problems(parts, rows, held), ['giay-chung-sinh'], 'not held electronically: a form must be ticked');
  rows['giay-chung-sinh'] = { present: true, form: 'original' };
  assert.deepEqual(problems(parts, rows, held), []);
  assert.deepEqual(toChecklist(parts, rows)[1], { partCode: 'giay-chung-sinh', present: true, form: 'original' });
});
