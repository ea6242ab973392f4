import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { citizens } from '../citizens/generator.ts';
import { startSandbox, type RunningSandbox } from '../server.ts';
import { populationSandbox } from './sandbox.ts';

const SEED = 'population-test';
const directory = citizens(SEED);
const HUB = { 'x-client-id': 'ndxp-hub', 'x-api-key': 'sandbox-population-key-ndxp' };
const PURPOSE = 'Giải quyết hồ sơ cấp Phiếu lý lịch tư pháp';

let sandbox: RunningSandbox;
let base: string;
before(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', seed: SEED, sandboxes: [populationSandbox()] });
  base = `http://127.0.0.1:${sandbox.port}/population`;
});
after(() => sandbox.close());

async function lookup(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}/v1/citizens/lookup`, { method: 'POST', headers: { 'content-type': 'application/json', ...HUB }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test('the further parts of the record (Luật Căn cước 2023 art. 9(1)) are answered only when asked for', async () => {
  const citizen = directory.list(0, 200).find((c) => c.maritalStatus === 'married' && c.temporaryAddress !== null)!;
  const core = await lookup({ personalId: citizen.personalId, dateOfBirth: citizen.dateOfBirth, purpose: PURPOSE });
  assert.equal(core.status, 200);
  for (const key of ['father', 'mother', 'spouse', 'temporaryResidence', 'phoneNumber', 'email', 'idCard', 'placeOfBirth']) assert.ok(!(key in core.body), key);

  const all = await lookup({
    personalId: citizen.personalId, dateOfBirth: citizen.dateOfBirth, purpose: PURPOSE, include: ['relatives', 'temporaryResidence', 'contact', 'idCard', 'placeOfBirth'],
  });
  assert.equal(all.status, 200);
  assert.deepEqual(all.body.father, citizen.father);
  assert.deepEqual(all.body.mother, citizen.mother);
  assert.deepEqual(all.body.spouse, citizen.spouse);
  assert.deepEqual(all.body.temporaryResidence, citizen.temporaryAddress);
  assert.equal(all.body.phoneNumber, citizen.phoneNumber);
  assert.equal(all.body.email, citizen.email);
  assert.deepEqual(all.body.idCard, citizen.idCard);
  assert.equal(all.body.placeOfBirth, citizen.placeOfBirth);

  const some = await lookup({ personalId: citizen.personalId, dateOfBirth: citizen.dateOfBirth, purpose: PURPOSE, include: ['relatives'] });
  assert.ok('spouse' in some.body && !('idCard' in some.body) && !('phoneNumber' in some.body));

  const single = directory.list(0, 200).find((c) => c.maritalStatus === 'single' && c.idCard === null)!;
  const none = await lookup({ personalId: single.personalId, fullName: single.fullName, purpose: PURPOSE, include: ['relatives', 'idCard'] });
  assert.equal(none.body.spouse, null);
  assert.equal(none.body.idCard, null);

  const bad = await lookup({ personalId: citizen.personalId, dateOfBirth: citizen.dateOfBirth, purpose: PURPOSE, include: ['salary'] });
  assert.equal(bad.status, 400);
});
