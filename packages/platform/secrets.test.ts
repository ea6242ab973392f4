import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretBox, isSealed } from './secrets.ts';

const box = createSecretBox('a-master-key-of-at-least-32-characters!');

test('a sealed secret opens with the same key and context, and only then', () => {
  const sealed = box.seal('JBSWY3DPEHPK3PXP', 'identity.totp:u1');
  assert.ok(isSealed(sealed));
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
  assert.equal(box.open(sealed, 'identity.totp:u1'), 'JBSWY3DPEHPK3PXP');
  assert.throws(() => box.open(sealed, 'identity.totp:u2'));
  assert.throws(() => createSecretBox('another-master-key-of-at-least-32-chars').open(sealed, 'identity.totp:u1'));
});

test('sealing twice gives different texts; a tampered text does not open', () => {
  const a = box.seal('x', 'c');
  assert.notEqual(a, box.seal('x', 'c'));
  const parts = a.split('.');
  const tampered = [parts[0], parts[1], Buffer.from('y').toString('base64url'), parts[3]].join('.');
  assert.throws(() => box.open(tampered, 'c'));
  assert.throws(() => box.open('plain', 'c'));
});

test('derived keys differ by label and are stable', () => {
  assert.deepEqual(box.deriveKey('audit-chain'), box.deriveKey('audit-chain'));
  assert.notDeepEqual(box.deriveKey('audit-chain'), box.deriveKey('other'));
  assert.throws(() => createSecretBox('short'));
});

test('the master key: required outside demo mode, generated once per data directory in demo mode', async () => {
  const { mkdtempSync, readFileSync, statSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { loadConfig, ConfigError } = await import('./config.ts');
  const production = { DATABASE_URL: 'postgres://x@127.0.0.1/x', DOSSIER_LOOKUP_KEY: 'k'.repeat(32) };
  assert.throws(() => loadConfig(production), ConfigError);
  assert.throws(() => loadConfig({ ...production, SEN_MASTER_KEY: 'too-short' }), ConfigError);
  assert.equal(loadConfig({ ...production, SEN_MASTER_KEY: 'm'.repeat(40) }).masterKey, 'm'.repeat(40));
  const dir = mkdtempSync(path.join(tmpdir(), 'sen-key-'));
  const first = loadConfig({ SEN_DATA_DIR: dir }).masterKey;
  assert.ok(first.length >= 32);
  assert.equal(loadConfig({ SEN_DATA_DIR: dir }).masterKey, first);
  assert.equal(readFileSync(path.join(dir, 'master.key'), 'utf8'), first);
  assert.equal(statSync(path.join(dir, 'master.key')).mode & 0o077, 0);
});
