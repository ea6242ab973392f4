import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from './errors.ts';
import { checkJsonText, findNul, MAX_JSON_DEPTH } from './input-guards.ts';

const refused = (code: string) => (error: unknown) => error instanceof AppError && error.status === 400 && error.code === code;
const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}[1]${'}'.repeat(depth - 1)}`;

describe('input guards', () => {
  it('allow JSON nested exactly to the limit and refuse one level more, without recursion', () => {
    checkJsonText(nested(MAX_JSON_DEPTH));
    assert.throws(() => checkJsonText(nested(MAX_JSON_DEPTH + 1)), refused('request.too_deep'));
    assert.throws(() => checkJsonText('['.repeat(1_000_000)), refused('request.too_deep'));
  });

  it('count only brackets outside strings, whatever the escapes inside them', () => {
    const text = JSON.stringify({ note: `${'['.repeat(200)} \\" \\\\" "quoted" {{{` });
    checkJsonText(text);
    assert.equal(JSON.parse(text).note.length > 200, true);
  });

  it('refuse a raw NUL byte; find an escaped one after parsing, with its path, in keys too', () => {
    assert.throws(() => checkJsonText('{"a":"x\u0000"}'), refused('request.nul_character'));
    checkJsonText('{"a":"x\\u0000"}'); // well-formed: left for the parsed check, which knows the field
    assert.equal(findNul(JSON.parse('{"a":{"b":["ok","x\\u0000"]}}'), 'body'), 'body/a/b/1');
    assert.equal(findNul({ outer: { 'k\u0000': 1 } }, 'body'), 'body/outer');
    assert.equal(findNul({ text: 'a\\u0000b' }, 'body'), undefined);
  });
});
