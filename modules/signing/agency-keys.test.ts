import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createSecretBox, queryRows, type Database } from '../../packages/platform/index.ts';
import { createTestDatabase } from '../../packages/platform/testing.ts';
import { caCertificate, startCa, type StartedCa } from '../../apps/sandbox/index.ts';
import { createAgencyKeys } from './agency-keys.ts';

/** Agency keys: enrolled at the CA over HTTP once, sealed, reused; replaced when the trusted root changes. */
let ca: StartedCa;
let database: Database;
let root: Uint8Array;
const box = createSecretBox('a-test-master-key-of-at-least-32-characters');
const agency = { id: '0b9a6f2e-8d7c-4f1a-9e3b-2c5d4a6b7c8d', code: '000.00.00.H19', name: 'Ủy ban nhân dân tỉnh Đồng Tháp' };

before(async () => {
  ca = await startCa();
  database = await createTestDatabase();
  root = new Uint8Array((await caCertificate(ca.base, 'root')).raw);
});
after(async () => {
  await database.close();
  await ca.sandbox.close();
});

const keysWith = (roots: () => Promise<Uint8Array[]>, apiKey = 'sandbox-ca-key-h19') =>
  createAgencyKeys(database.db, box, { apiUrl: `${ca.base}/api/v1`, clientId: 'sen-dongthap', apiKey }, roots, () => new Date());
const rows = () => queryRows<{ status: string; serial: string; sealed: string }>(database.db, sql`select status, serial_number as serial, private_key_sealed as sealed from signing.agency_keys order by created_at`);

test('a key is enrolled once at the CA (subject from the agency), sealed, and reused', async () => {
  const keys = keysWith(async () => [root]);
  const first = await keys.signerFor(agency);
  const second = await keys.signerFor(agency);
  assert.equal(first.serialNumber, second.serialNumber);
  const [certificate] = await first.signer.certificates();
  const response = await fetch(`${ca.base}/api/v1/certificates/${first.serialNumber}`, { headers: { 'x-client-id': 'sen-dongthap', 'x-api-key': 'sandbox-ca-key-h19' } });
  const issued = (await response.json()) as { profile: string; subject: string };
  assert.equal(issued.profile, 'agency-signing');
  assert.match(issued.subject, /CN=Ủy ban nhân dân tỉnh Đồng Tháp/);
  assert.match(issued.subject, /000\.00\.00\.H19/);
  assert.ok(certificate && certificate.length > 500);
  const stored = await rows();
  assert.equal(stored.length, 1);
  assert.match(stored[0]!.sealed, /^sen1\./);
});

test('a key whose chain no longer ends at the trusted root (a new CA) is retired and a new one enrolled', async () => {
  const other = await startCa();
  try {
    const otherRoot = new Uint8Array((await caCertificate(other.base, 'root')).raw);
    const renewed = await keysWith(async () => [otherRoot]).signerFor(agency);
    const stored = await rows();
    assert.deepEqual(stored.map((r) => r.status), ['retired', 'active']);
    assert.equal(stored[1]!.serial, renewed.serialNumber);
  } finally {
    await other.sandbox.close();
  }
});

test('a CA that refuses the enrolment is a 502 and nothing is stored', async () => {
  const before = (await rows()).length;
  await keysWith(async () => [root]).retire(agency.id);
  await assert.rejects(keysWith(async () => [root], 'wrong-key').signerFor(agency), { code: 'signing.ca_unavailable', status: 502 });
  assert.equal((await rows()).length, before);
});
