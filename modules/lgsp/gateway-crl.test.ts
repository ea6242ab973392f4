import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CA_CLIENTS, caSandbox, startSandbox, type RunningSandbox } from '../../apps/sandbox/index.ts';
import { createCrlChecker } from './gateway-crl.ts';
import { pemCertificates } from './gateway-tls.ts';

/**
 * The CRL fallback on its own (decision 0035), with the CA sandbox's real CRLs: a revoked and a good
 * certificate, and the CRLs it must not decide from — tampered, another CA's, stale, unreachable.
 */

interface Issued { serialNumber: string; certificatePem: string; chainPem: string }

describe('LGSP gateway: the CRL fallback', () => {
  let ca: RunningSandbox;
  let base: string;
  let good: Uint8Array;
  let revoked: Uint8Array;
  let issuing: Uint8Array;
  let issuingCrl: Uint8Array;
  let rootCrl: Uint8Array;
  const der = (pem: string) => new Uint8Array(new X509Certificate(pem).raw);

  before(async () => {
    ca = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [caSandbox()] });
    base = `http://127.0.0.1:${ca.port}/ca`;
    const client = DEFAULT_CA_CLIENTS[0]!;
    const headers = { 'content-type': 'application/json', 'x-client-id': client.id, 'x-api-key': client.secret };
    const issue = async (commonName: string): Promise<Issued> => {
      const response = await fetch(`${base}/api/v1/certificates`, { method: 'POST', headers, body: JSON.stringify({ profile: 'tls-client', subject: { commonName }, validityDays: 30 }) });
      assert.equal(response.status, 201);
      return (await response.json()) as Issued;
    };
    const [a, b] = await Promise.all([issue('crl-good'), issue('crl-revoked')]);
    const revocation = await fetch(`${base}/api/v1/certificates/${b.serialNumber}/revoke`, { method: 'POST', headers, body: JSON.stringify({ reason: 'keyCompromise' }) });
    assert.equal(revocation.status, 200);
    good = der(a.certificatePem);
    revoked = der(b.certificatePem);
    issuing = new Uint8Array(pemCertificates(a.chainPem)[0]!.raw);
    issuingCrl = new Uint8Array(await (await fetch(`${base}/crl/issuing.crl`)).arrayBuffer());
    rootCrl = new Uint8Array(await (await fetch(`${base}/crl/root.crl`)).arrayBuffer());
  });

  after(async () => {
    await ca?.close();
  });

  it("reads the CRL the certificate's distribution point names, decides from it and keeps it", async () => {
    const fetched: string[] = [];
    const check = createCrlChecker({ fetchCrl: async (url) => (fetched.push(url), issuingCrl) }, () => new Date());
    assert.equal(await check(revoked, issuing), 'revoked');
    assert.equal(await check(good, issuing), 'good');
    assert.equal(fetched.length, 1, 'fetched once, then kept until nextUpdate');
    assert.match(fetched[0]!, /\/ca\/crl\/issuing\.crl$/);
  });

  it('over HTTP from the CA sandbox as well', async () => {
    const check = createCrlChecker({}, () => new Date());
    assert.equal(await check(revoked, issuing), 'revoked');
    assert.equal(await check(good, issuing), 'good');
  });

  it('a tampered CRL fails closed (its signature no longer verifies)', async () => {
    const tampered = new Uint8Array(issuingCrl);
    tampered[tampered.length - 10]! ^= 0xff;
    const check = createCrlChecker({ fetchCrl: async () => tampered }, () => new Date());
    assert.equal(await check(revoked, issuing), 'unavailable');
    assert.equal(await check(good, issuing), 'unavailable');
  });

  it("another CA's CRL (the root's), garbage or no answer fail closed", async () => {
    for (const fetchCrl of [async () => rootCrl, async () => new Uint8Array([48, 3, 1, 1, 0]), async (): Promise<Uint8Array> => { throw new Error('down'); }]) {
      const check = createCrlChecker({ fetchCrl }, () => new Date());
      assert.equal(await check(good, issuing), 'unavailable');
    }
  });

  it('a CRL past its nextUpdate fails closed, even when it was kept', async () => {
    let offsetMs = 0;
    let fetches = 0;
    const check = createCrlChecker({ fetchCrl: async () => (fetches++, issuingCrl) }, () => new Date(Date.now() + offsetMs));
    assert.equal(await check(good, issuing), 'good');
    offsetMs = 2 * 86_400_000;
    assert.equal(await check(good, issuing), 'unavailable');
    assert.equal(fetches, 2, 'the stale CRL was dropped and fetched again, still stale');
  });
});
