import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { asc } from 'drizzle-orm';
import { openDatabase, type Database } from '../../packages/platform/index.ts';
import { adminToken, createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import { buildGatewayApp, gatewayTls, type GatewayPlatform } from '../../apps/server/gateway-role.ts';
import { DEFAULT_CA_CLIENTS, caSandbox, setSandboxFaults, startSandbox, type RunningSandbox } from '../../apps/sandbox/index.ts';
import { messageLog } from './db/schema.ts';

/**
 * Mutual TLS at the `--role gateway` listener (decision 0035), with real certificates from the CA
 * sandbox: the gateway's server certificate, and consumers' client certificates that are valid,
 * revoked (OCSP), expired, registered for another subsystem, or registered for none; and, with the
 * CA's OCSP responder failing (the sandbox's fault API), decided from the CA's CRL.
 */

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }
interface Issued { serialNumber: string; certificatePem: string; chainPem: string; privateKeyPem?: string }

/** The CA sandbox's registration authority (its RA API). */
function raClient(base: string) {
  const client = DEFAULT_CA_CLIENTS[0]!;
  const headers = { 'content-type': 'application/json', 'x-client-id': client.id, 'x-api-key': client.secret };
  return {
    async issue(body: unknown): Promise<Issued> {
      const response = await fetch(`${base}/api/v1/certificates`, { method: 'POST', headers, body: JSON.stringify(body) });
      assert.equal(response.status, 201, await response.clone().text());
      return (await response.json()) as Issued;
    },
    revoke: (serial: string) => fetch(`${base}/api/v1/certificates/${serial}/revoke`, { method: 'POST', headers, body: JSON.stringify({ reason: 'keyCompromise' }) }),
  };
}

describe('LGSP gateway: mutual TLS with certificates from the CA sandbox', () => {
  let ca: RunningSandbox;
  let t: TestPlatform;
  let gateway: GatewayPlatform;
  let gatewayDb: Database;
  let provider: Server;
  let providerCalls = 0;
  let dir: string;
  let port: number;
  let chainPem: string;
  let servicePath: string;
  let clientXroad: string;
  let otherXroad: string;
  let admin: string;
  let clientSubsystem: string;
  let clockOffsetMs = 0;
  const certs: Record<'valid' | 'revoked' | 'expired' | 'other' | 'unregistered' | 'crlGood' | 'crlRevoked', Issued> = {} as never;
  let caBase: string;

  const api = async (method: string, url: string, payload?: unknown) => {
    const answer = await t.app.inject({ method: method as 'POST', url: `/api/lgsp${url}`, headers: { authorization: `Bearer ${admin}` }, ...(payload ? { payload: payload as object } : {}) });
    return { status: answer.statusCode, json: () => answer.json() as Record<string, string> };
  };
  const created = async (url: string, payload: unknown, method = 'POST') => {
    const answer = await api(method, url, payload);
    assert.ok(answer.status < 300, `${url}: ${answer.status}`);
    return answer.json();
  };

  /** One request over TLS, presenting `client`'s certificate (or none). */
  function call(client: Issued | undefined, xroadClient: string, body = 'ping'): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest({
        host: '127.0.0.1', port, servername: 'localhost', path: servicePath, method: 'POST', ca: chainPem, agent: false,
        ...(client ? { cert: client.certificatePem, key: client.privateKeyPem } : {}),
        headers: { 'x-road-client': xroadClient, 'content-type': 'text/plain' },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  const lastRecord = async () => (await gatewayDb.db.select().from(messageLog).orderBy(asc(messageLog.seq))).at(-1)!;

  async function refused(client: Issued | undefined, xroadClient: string, reason: RegExp): Promise<void> {
    const before = providerCalls;
    const answer = await call(client, xroadClient);
    assert.equal(answer.status, 500, answer.body);
    assert.equal(answer.headers['x-road-error'], 'Server.ClientProxy.SslAuthenticationFailed');
    assert.match(answer.body, reason);
    assert.equal(providerCalls, before, 'never forwarded to the provider');
    const record = await lastRecord();
    assert.equal(record.fault, 'Server.ClientProxy.SslAuthenticationFailed', 'the refusal is in the message log');
    assert.equal(record.client, xroadClient);
  }

  before(async () => {
    ca = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [caSandbox()] });
    const ra = raClient(`http://127.0.0.1:${ca.port}/ca`);
    const tlsClient = (commonName: string, validityDays = 30) => ra.issue({ profile: 'tls-client', subject: { commonName, organization: 'Sở Thông tin và Truyền thông' }, validityDays });
    const server = await ra.issue({ profile: 'tls-server', subject: { commonName: 'lgsp.localhost' }, dnsNames: ['localhost'] });
    chainPem = server.chainPem;
    dir = mkdtempSync(path.join(tmpdir(), 'sen-lgsp-tls-'));
    writeFileSync(path.join(dir, 'key.pem'), server.privateKeyPem!);
    writeFileSync(path.join(dir, 'cert.pem'), server.certificatePem);
    writeFileSync(path.join(dir, 'ca.pem'), chainPem);
    caBase = `http://127.0.0.1:${ca.port}`;
    [certs.valid, certs.revoked, certs.expired, certs.other, certs.unregistered, certs.crlGood, certs.crlRevoked] = await Promise.all([
      tlsClient('client-valid'), tlsClient('client-revoked'), tlsClient('client-expired', 1), tlsClient('other-valid'), tlsClient('nobody'),
      tlsClient('client-crl-good'), tlsClient('client-crl-revoked'),
    ]);

    provider = createServer((req, res) => {
      providerCalls += 1;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end(`echo:${Buffer.concat(chunks).toString('utf8')}`));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;

    t = await createTestPlatform({ LGSP_TLS_KEY: path.join(dir, 'key.pem'), LGSP_TLS_CERT: path.join(dir, 'cert.pem'), LGSP_TLS_CA: path.join(dir, 'ca.pem') });
    admin = await adminToken(t);
    const root = (await t.modules.catalog.service.listAgencies()).find((a) => a.parentId === null)!;
    const member = await created('/members', { agencyCode: root.code, memberClass: 'GOV' });
    const providerSub = await created(`/members/${member.id}/subsystems`, { code: 'DATA', name: 'Provider' });
    const consumer = await created(`/members/${member.id}/subsystems`, { code: 'TLSCLIENT', name: 'Consumer over mutual TLS' });
    const other = await created(`/members/${member.id}/subsystems`, { code: 'TLSOTHER', name: 'Another consumer' });
    clientSubsystem = consumer.id!;
    clientXroad = consumer.xroadId!;
    otherXroad = other.xroadId!;
    const service = await created(`/subsystems/${providerSub.id}/services`, {
      code: 'echo', name: 'Echo', baseUrl: `${providerUrl}/v1`, openApi: { openapi: '3.0.3', info: { title: 'Echo', version: '1' }, paths: { '/echo': { post: {} } } },
    });
    await created(`/services/${service.id}/status`, { status: 'published' }, 'PUT');
    await created(`/services/${service.id}/rights`, { subsystemId: consumer.id, pathPattern: '/echo' });
    await created(`/services/${service.id}/rights`, { subsystemId: other.id, pathPattern: '/echo' });
    servicePath = `/lgsp/r1/${providerSub.xroadId}/echo/echo`;
    for (const name of ['valid', 'revoked', 'expired', 'crlGood', 'crlRevoked'] as const) await created(`/subsystems/${consumer.id}/certificates`, { certificatePem: certs[name].certificatePem });
    await created(`/subsystems/${other.id}/certificates`, { certificatePem: certs.other.certificatePem });
    for (const name of ['revoked', 'crlRevoked'] as const) assert.equal((await ra.revoke(certs[name].serialNumber)).status, 200);

    // The gateway alone, on the same database (a second pool on PostgreSQL), over HTTPS with mutual TLS.
    const url = (t.database as Database & { url?: string }).url;
    gatewayDb = url ? await openDatabase({ url, poolSize: 3 }) : t.database;
    gateway = await buildGatewayApp(t.config, gatewayDb, { https: gatewayTls(t.config)!, now: () => new Date(Date.now() + clockOffsetMs) });
    await gateway.app.listen({ port: 0, host: '127.0.0.1' });
    port = (gateway.app.server.address() as AddressInfo).port;
  });

  after(async () => {
    await gateway?.app.close();
    if (gatewayDb && gatewayDb !== t?.database) await gatewayDb.close();
    await t?.close();
    provider?.close();
    await ca?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a valid certificate registered for the subsystem X-Road-Client names reaches the provider', async () => {
    const before = providerCalls;
    const answer = await call(certs.valid, clientXroad, 'hello');
    assert.equal(answer.status, 200, answer.body);
    assert.equal(answer.body, 'echo:hello');
    assert.equal(providerCalls, before + 1);
    const record = await lastRecord();
    assert.equal(record.fault, null);
    assert.equal(record.client, clientXroad);
  });

  it('a certificate the CA revoked is refused (OCSP), logged and never forwarded', async () => {
    await refused(certs.revoked, clientXroad, /revoked/);
  });

  it('OCSP answers an error: the CRL decides — a revoked certificate is refused, a good one passes', async () => {
    // The next request to the CA sandbox (the OCSP query) fails with 503; the CRL fetch after it is served.
    await setSandboxFaults(caBase, 'ca', { failNext: 1, failStatus: 503 });
    try {
      await refused(certs.crlRevoked, clientXroad, /revoked \(CRL\)/);
    } finally {
      await setSandboxFaults(caBase, 'ca', null);
    }
  });

  it('OCSP unreachable (CA down): the cached CRL decides until its nextUpdate; past it, nothing answers and the gateway fails closed', async () => {
    await setSandboxFaults(caBase, 'ca', { down: true });
    try {
      const before = providerCalls;
      const answer = await call(certs.crlGood, clientXroad, 'via-crl');
      assert.equal(answer.status, 200, answer.body);
      assert.equal(answer.body, 'echo:via-crl');
      assert.equal(providerCalls, before + 1);
      await refused(certs.crlRevoked, clientXroad, /revoked \(CRL\)/);
      // Two days on, the CRL (nextUpdate one day after thisUpdate) is stale and cannot be fetched again.
      clockOffsetMs = 2 * 86_400_000;
      await refused(certs.crlGood, clientXroad, /could not be confirmed with its CA \(OCSP, CRL\)/);
    } finally {
      clockOffsetMs = 0;
      await setSandboxFaults(caBase, 'ca', null);
    }
  });

  it('an expired certificate is refused', async () => {
    clockOffsetMs = 2 * 86_400_000;
    try {
      await refused(certs.expired, clientXroad, /not valid now/);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it("another subsystem's certificate cannot claim this subsystem in X-Road-Client", async () => {
    await refused(certs.other, clientXroad, /does not match the client certificate/);
    // …while it does authenticate its own subsystem.
    assert.equal((await call(certs.other, otherXroad)).status, 200);
  });

  it('a certificate registered for no subsystem is refused, and so is a call with neither certificate nor token', async () => {
    await refused(certs.unregistered, clientXroad, /registered for no subsystem/);
    await refused(undefined, clientXroad, /client-credentials token/);
  });

  it('registering: a key, a CA certificate or garbage is refused with nothing written; a duplicate is a conflict; removal stops it', async () => {
    const count = async () => (await api('GET', `/subsystems/${clientSubsystem}/certificates`)).json() as unknown as unknown[];
    const before = (await count()).length;
    assert.equal(before, 5);
    for (const certificatePem of [certs.valid.privateKeyPem!, chainPem.split(/(?<=-----END CERTIFICATE-----\n)/)[0]!, `-----BEGIN CERTIFICATE-----\n${'A'.repeat(120)}\n-----END CERTIFICATE-----\n`]) {
      const answer = await api('POST', `/subsystems/${clientSubsystem}/certificates`, { certificatePem });
      assert.equal(answer.status, 400);
      assert.equal(answer.json().code, 'lgsp.invalid_certificate');
    }
    const duplicate = await api('POST', `/subsystems/${clientSubsystem}/certificates`, { certificatePem: certs.valid.certificatePem });
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.json().code, 'lgsp.certificate_taken');
    assert.equal((await count()).length, before, 'nothing written');

    const valid = (await count() as { id: string; serialNumber: string }[]).find((c) => c.serialNumber === certs.valid.serialNumber.toLowerCase());
    assert.ok(valid, 'listed with its serial number');
    assert.equal((await api('DELETE', `/subsystems/${clientSubsystem}/certificates/${valid.id}`)).status, 204);
    await refused(certs.valid, clientXroad, /registered for no subsystem/);
  });
});
