import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayFormDate, hasAnyValue, initialValue, layoutSections, orderedKeys, parseFormDate, parseNumber, pruneForm, widgetOf, type FieldSchema } from './schema.ts';

const text = (title: string): FieldSchema => ({ type: 'string', title, minLength: 1 });
const person: FieldSchema = {
  type: 'object',
  required: ['fullName', 'nationality'],
  // Stored as jsonb on the server: keys come back sorted by length, not as declared.
  properties: { idNumber: text('Số định danh'), fullName: text('Họ tên'), nationality: { ...text('Quốc tịch'), default: 'Việt Nam' } },
};
const form: FieldSchema = {
  type: 'object',
  required: ['mother'],
  properties: { mother: person, father: person, copies: { type: 'integer', minimum: 0, maximum: 10 }, lines: { type: 'array', items: person } },
};

test('nested fields follow the required list, then the optional ones', () => {
  assert.deepEqual(orderedKeys(person), ['fullName', 'nationality', 'idNumber']);
  assert.deepEqual(orderedKeys(form, ['copies', 'mother']), ['copies', 'mother', 'father', 'lines']);
});

test('a new form starts from its defaults, nested objects included', () => {
  assert.deepEqual(initialValue(form), { mother: { nationality: 'Việt Nam' }, father: { nationality: 'Việt Nam' } });
});

test('pruning drops blanks and an untouched optional section, keeps required objects for field-level errors', () => {
  const untouched = initialValue(form);
  assert.deepEqual(pruneForm(form, untouched), { mother: { nationality: 'Việt Nam' } });
  assert.deepEqual(pruneForm(form, {}), { mother: {} });
  assert.deepEqual(pruneForm(form, { ...untouched, father: { fullName: '  Nguyễn Văn A ', idNumber: '', nationality: 'Việt Nam' } }), {
    mother: { nationality: 'Việt Nam' },
    father: { fullName: 'Nguyễn Văn A', nationality: 'Việt Nam' },
  });
  assert.deepEqual(pruneForm(form, { lines: [{}, { fullName: 'B' }], copies: 0 }), { mother: {}, lines: [{ fullName: 'B' }], copies: 0 });
});

test('an optional form left untouched is not sent; a required one always is', () => {
  assert.equal(pruneForm(person, { nationality: 'Việt Nam' }, false), undefined);
  assert.deepEqual(pruneForm(person, {}, true), {});
  assert.equal(hasAnyValue({ a: { b: '' }, c: [] }), false);
  assert.equal(hasAnyValue({ a: { b: 0 } }), true);
});

test('typed numbers and dates become JSON values; partial input is kept as typed', () => {
  assert.equal(parseNumber('12'), 12);
  assert.equal(parseNumber('1,5'), 1.5);
  assert.equal(parseNumber('1a'), '1a');
  assert.equal(parseNumber(' '), undefined);
  assert.equal(parseFormDate('05/03/2026'), '2026-03-05');
  assert.equal(parseFormDate('05/03/20'), '05/03/20');
  assert.equal(displayFormDate('2026-03-05'), '05/03/2026');
});

test('widgets come from the layout, then the schema', () => {
  assert.equal(widgetOf({ type: 'string', enum: ['Nam', 'Nữ'] }, '/sex', { widgets: { '/sex': 'radio' } }), 'radio');
  assert.equal(widgetOf({ type: 'string', enum: ['Nam', 'Nữ'] }, '/sex'), 'select');
  assert.equal(widgetOf({ type: 'string', format: 'date' }, '/d'), 'date');
  assert.equal(widgetOf({ type: 'integer' }, '/n'), 'number');
});

test('sections list their fields; fields no section names come last', () => {
  assert.deepEqual(layoutSections(form, { sections: [{ title: 'Cha, mẹ', fields: ['mother', 'father', 'unknown'] }] }), [
    { title: 'Cha, mẹ', fields: ['mother', 'father'] },
    { title: '', fields: ['copies', 'lines'] },
  ]);
});
