import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { OID, RSA_SHA256, asn1js, x509 } from './pki.ts';
import {
  OTHER_CLIENT, caCertificate, fetchDer, issue, raHeaders, requestCertificate, revoke, startCa, type Issued, type StartedCa,
} from './test-support.ts';

let ca: StartedCa;
let csrKeys: CryptoKeyPair;

before(async () => {
  [ca, csrKeys] = await Promise.all([startCa(), crypto.subtle.generateKey(RSA_SHA256, true, ['sign', 'verify'])]);
});
after(() => ca.sandbox.close());

async function csrPem(name = 'CN=ignored by the RA'): Promise<string> {
  return (await x509.Pkcs10CertificateRequestGenerator.create({ name, keys: csrKeys, signingAlgorithm: RSA_SHA256 })).toString('pem');
}

async function listed(headers = raHeaders()): Promise<number> {
  const response = await fetch(`${ca.base}/api/v1/certificates?limit=1`, { headers });
  assert.equal(response.status, 200);
  return ((await response.json()) as { total: number }).total;
}

/** The issued certificate and its chain, checked link by link with node:crypto. */
function verifiedChain(issued: Issued): X509Certificate {
  const certificate = new X509Certificate(issued.certificatePem);
  const [issuing, root] = issued.chainPem.split(/(?<=-----END CERTIFICATE-----\n)/).map((pem) => new X509Certificate(pem));
  assert.ok(certificate.verify(issuing!.publicKey), 'signed by the issuing CA');
  assert.ok(certificate.checkIssued(issuing!));
  assert.ok(issuing!.verify(root!.publicKey) && issuing!.checkIssued(root!), 'issuing CA signed by the root');
  assert.ok(root!.verify(root!.publicKey) && root!.checkIssued(root!), 'root self-signed');
  assert.equal(issuing!.ca && root!.ca && !certificate.ca, true);
  assert.match(issuing!.subject, /CN=Sen Sandbox Issuing CA/);
  return certificate;
}

function extensions(pem: string) {
  const certificate = new x509.X509Certificate(pem);
  return {
    keyUsage: certificate.getExtension(x509.KeyUsagesExtension)!,
    extendedKeyUsages: [...certificate.getExtension(x509.ExtendedKeyUsageExtension)!.usages],
    basicConstraints: certificate.getExtension(x509.BasicConstraintsExtension)!,
    crl: certificate.getExtension(x509.CRLDistributionPointsExtension)!,
    access: certificate.getExtension(x509.AuthorityInfoAccessExtension)!,
  };
}

const DAY_MS = 86_400_000;

test('official-signing for a client CSR: the CSR key is certified, chain and extensions are right', async () => {
  const before = await listed();
  const issued = await issue(ca.base, {
    profile: 'official-signing', csr: await csrPem(),
    subject: { commonName: 'Nguyễn Thị Mai', organization: 'Sở Tư pháp tỉnh Đồng Tháp', personalId: '087190000123', email: 'mai@dongthap.gov.vn' },
  });
  assert.equal(issued.privateKeyPem, undefined);
  assert.match(issued.serialNumber, /^[4-7][0-9a-f]{31}$/);
  const certificate = verifiedChain(issued);
  assert.equal(certificate.serialNumber.toLowerCase(), issued.serialNumber);
  const spki = Buffer.from(await crypto.subtle.exportKey('spki', csrKeys.publicKey));
  assert.deepEqual(certificate.publicKey.export({ type: 'spki', format: 'der' }), spki);
  assert.match(certificate.subject, /ST=Đồng Tháp/);
  assert.match(certificate.subject, /UID=CCCD:087190000123/);
  assert.doesNotMatch(certificate.subject, /ignored by the RA/);
  assert.equal(new Date(issued.notAfter).getTime() - new Date(issued.notBefore).getTime(), 365 * DAY_MS);

  const { keyUsage, extendedKeyUsages, basicConstraints, crl, access } = extensions(issued.certificatePem);
  assert.equal(keyUsage.usages, x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
  assert.equal(keyUsage.critical, true);
  assert.deepEqual(extendedKeyUsages, [x509.ExtendedKeyUsage.emailProtection, OID.documentSigning]);
  assert.deepEqual(certificate.keyUsage, [x509.ExtendedKeyUsage.emailProtection, OID.documentSigning]);
  assert.equal(basicConstraints.ca, false);
  assert.equal(crl.distributionPoints[0]!.distributionPoint!.fullName![0]!.uniformResourceIdentifier, `${ca.sandbox.url}/ca/crl/issuing.crl`);
  assert.equal(access.ocsp[0]!.value, `${ca.sandbox.url}/ca/ocsp`);
  assert.equal(access.caIssuers[0]!.value, `${ca.sandbox.url}/ca/certs/issuing.crt`);
  assert.equal(await listed(), before + 1);

  const root = await caCertificate(ca.base, 'root');
  assert.equal(root.fingerprint256, new X509Certificate(issued.chainPem.split(/(?<=-----END CERTIFICATE-----\n)/)[1]!).fingerprint256);
  const pem = await fetch(`${ca.base}/certs/root.crt?format=pem`);
  assert.match(await pem.text(), /^-----BEGIN CERTIFICATE-----/);
});

test('tls-server with a generated key: the private key matches, SAN and serverAuth are set', async () => {
  const issued = await issue(ca.base, { profile: 'tls-server', subject: { commonName: 'sen.dongthap.local' }, dnsNames: ['sen.dongthap.local', 'api.sen.dongthap.local'], validityDays: 30 });
  assert.match(issued.privateKeyPem ?? '', /^-----BEGIN PRIVATE KEY-----/);
  const certificate = verifiedChain(issued);
  const privateKey = createPrivateKey(issued.privateKeyPem!);
  assert.deepEqual(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }), certificate.publicKey.export({ type: 'spki', format: 'der' }));
  const signature = sign('sha256', Buffer.from('proof'), privateKey);
  assert.ok(verify('sha256', Buffer.from('proof'), certificate.publicKey, signature));
  assert.equal(certificate.checkHost('api.sen.dongthap.local'), 'api.sen.dongthap.local');
  assert.equal(certificate.checkHost('other.example'), undefined);
  assert.equal(new Date(issued.notAfter).getTime() - new Date(issued.notBefore).getTime(), 30 * DAY_MS);
  const { keyUsage, extendedKeyUsages } = extensions(issued.certificatePem);
  assert.equal(keyUsage.usages, x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment);
  assert.deepEqual(extendedKeyUsages, [x509.ExtendedKeyUsage.serverAuth]);
});

test('tls-client takes clientAuth; a CSR key is reused for a second profile', async () => {
  const issued = await issue(ca.base, { profile: 'tls-client', csr: await csrPem(), subject: { commonName: 'sen-worker' } });
  verifiedChain(issued);
  assert.deepEqual(extensions(issued.certificatePem).extendedKeyUsages, [x509.ExtendedKeyUsage.clientAuth]);
});

test('refusals: bad RA key, profile rules, schema limits and invalid CSRs issue nothing', async () => {
  const before = await listed();
  const body = { profile: 'agency-signing', subject: { commonName: 'UBND xã Mỹ An' } };
  for (const headers of [raHeaders({ id: 'sen-dongthap', secret: 'wrong' }), raHeaders({ id: 'nobody', secret: 'sandbox-ca-key-h19' }), { 'content-type': 'application/json' }]) {
    const response = await requestCertificate(ca.base, body, headers);
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { code: string }).code, 'ca.unauthorized');
  }
  const refusals: [unknown, string, number][] = [
    [{ profile: 'tls-server', subject: { commonName: 'sen.local' } }, 'ca.invalid_request', 400],
    [{ ...body, dnsNames: ['sen.local'] }, 'ca.invalid_request', 400],
    [{ ...body, subject: { commonName: 'X', personalId: '087190000123' } }, 'ca.invalid_request', 400],
    [{ ...body, validityDays: 1096 }, 'ca.invalid_request', 400],
    [{ ...body, profile: 'code-signing' }, 'ca.invalid_request', 400],
    [{ ...body, csr: 'not a certification request' }, 'ca.invalid_csr', 400],
  ];
  // A well-formed CSR whose signature no longer matches its content.
  const tampered = new Uint8Array(new x509.Pkcs10CertificateRequest(await csrPem()).rawData);
  tampered[tampered.length - 1]! ^= 0xff;
  refusals.push([{ ...body, csr: x509.PemConverter.encode(tampered, 'CERTIFICATE REQUEST') }, 'ca.invalid_csr', 400]);
  for (const [request, code, status] of refusals) {
    const response = await requestCertificate(ca.base, request);
    assert.equal(response.status, status, JSON.stringify(request));
    assert.equal(((await response.json()) as { code: string }).code, code);
  }
  assert.equal(await listed(), before);
});

test('look-up and revocation: own certificates only, 404 for unknown, 409 when already revoked', async () => {
  const issued = await issue(ca.base, { profile: 'agency-signing', subject: { commonName: 'UBND xã Tân Hồng', agencyCode: '000.00.00.H19' } });
  const url = `${ca.base}/api/v1/certificates/${issued.serialNumber}`;
  const good = await fetch(url, { headers: raHeaders() });
  assert.equal(good.status, 200);
  assert.equal(((await good.json()) as { status: string }).status, 'good');
  assert.equal((await fetch(url, { headers: raHeaders(OTHER_CLIENT) })).status, 404);
  assert.equal((await revoke(ca.base, issued.serialNumber, 'superseded', raHeaders(OTHER_CLIENT))).status, 404);
  assert.equal((await revoke(ca.base, '7f'.repeat(16), 'superseded')).status, 404);
  assert.equal((await revoke(ca.base, issued.serialNumber, 'stolen')).status, 400);
  assert.equal((await revoke(ca.base, issued.serialNumber, 'superseded', raHeaders({ id: 'sen-dongthap', secret: 'x' }))).status, 401);
  assert.equal(((await (await fetch(url, { headers: raHeaders() })).json()) as { status: string }).status, 'good');

  const revoked = await revoke(ca.base, issued.serialNumber, 'superseded');
  assert.equal(revoked.status, 200);
  const again = await revoke(ca.base, issued.serialNumber, 'keyCompromise');
  assert.equal(again.status, 409);
  assert.equal(((await again.json()) as { code: string }).code, 'ca.already_revoked');
  // Serial numbers are hex: any case finds the certificate.
  const upperCase = `${ca.base}/api/v1/certificates/${issued.serialNumber.toUpperCase()}`;
  const view = (await (await fetch(upperCase, { headers: raHeaders() })).json()) as Record<string, string>;
  assert.equal(view.status, 'revoked');
  assert.equal(view.revocationReason, 'superseded');
  assert.equal(view.certificatePem, issued.certificatePem);
});

function crlNumber(crl: x509.X509Crl): number {
  const extension = crl.getExtension(OID.crlNumber)!;
  return (asn1js.fromBER(extension.value).result as asn1js.Integer).valueBlock.valueDec;
}

test('CRLs: signed by their CA, a revocation appears with its reason and a higher CRL number', async () => {
  const issuing = await caCertificate(ca.base, 'issuing');
  const issued = await issue(ca.base, { profile: 'tls-client', subject: { commonName: 'revoked-client' } });
  const earlier = new x509.X509Crl((await fetchDer(`${ca.base}/crl/issuing.crl`)).der);
  assert.equal(earlier.findRevoked(issued.serialNumber), null);

  assert.equal((await revoke(ca.base, issued.serialNumber, 'keyCompromise')).status, 200);
  const { response, der } = await fetchDer(`${ca.base}/crl/issuing.crl`);
  assert.equal(response.headers.get('content-type'), 'application/pkix-crl');
  const crl = new x509.X509Crl(der);
  assert.ok(await crl.verify({ publicKey: new x509.X509Certificate(new Uint8Array(issuing.raw)) }));
  assert.ok(!(await crl.verify({ publicKey: new x509.X509Certificate(new Uint8Array((await caCertificate(ca.base, 'root')).raw)) })));
  assert.equal(crl.findRevoked(issued.serialNumber)?.reason, x509.X509CrlReason.keyCompromise);
  assert.ok(crlNumber(crl) > crlNumber(earlier));
  assert.equal(crl.nextUpdate!.getTime() - crl.thisUpdate.getTime(), DAY_MS);

  const rootCrl = new x509.X509Crl((await fetchDer(`${ca.base}/crl/root.crl`)).der);
  assert.ok(await rootCrl.verify({ publicKey: new x509.X509Certificate(new Uint8Array((await caCertificate(ca.base, 'root')).raw)) }));
  assert.equal(rootCrl.entries.length, 0);
});

test('the tester page lists CA certificates and issued ones without full personal ids', async () => {
  const response = await fetch(`${ca.base}/`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/html/);
  const page = await response.text();
  assert.match(page, /Sen Sandbox Root CA/);
  assert.match(page, new RegExp((await caCertificate(ca.base, 'root')).fingerprint256));
  assert.match(page, /CCCD:087…23/);
  assert.doesNotMatch(page, /087190000123/);
  assert.equal((await fetch(`${ca.base}/certs/issued/${'7f'.repeat(16)}`)).status, 404);
});
