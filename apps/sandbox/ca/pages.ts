import type { FastifyInstance, FastifyReply } from 'fastify';
import { PAGE_SECURITY_HEADERS, html, page } from '../html.ts';
import { TESTER_ROUTE } from '../sandbox.ts';
import type { CertificateAuthority, IssuedCertificate } from './authority.ts';
import { PUBLISHED_CERTIFICATES } from './hierarchy.ts';
import { TSA_POLICY_OID, fingerprintSha256 } from './pki.ts';
import { maskPersonalIds } from './profiles.ts';

/** The page lists this many of the newest certificates. */
const LISTED_CERTIFICATES = 100;

const STATUS_LABELS = { good: 'Còn hiệu lực / good', revoked: 'Đã thu hồi / revoked' } as const;

function issuedRow(basePath: string, record: IssuedCertificate) {
  const status = record.revocation ? 'revoked' : 'good';
  const link = `${basePath}/certs/issued/${record.serialNumber}`;
  return html`<tr><td><code>${record.serialNumber}</code></td><td>${maskPersonalIds(record.subject)}</td><td>${record.profile}</td>
<td>${STATUS_LABELS[status]}${record.revocation ? html`<span class="meta"> (${record.revocation.reason}, ${record.revocation.revokedAt.toISOString()})</span>` : ''}</td>
<td>${record.certificate.notAfter.toISOString().slice(0, 10)}</td><td><a href="${link}">DER</a> · <a href="${link}?format=pem">PEM</a></td></tr>`;
}

async function renderTesterPage(basePath: string, authority: CertificateAuthority): Promise<string> {
  const caRows = await Promise.all(PUBLISHED_CERTIFICATES.map(async ({ file, role, pick }) => {
    const { certificate } = pick(authority.hierarchy);
    const link = `${basePath}/certs/${file}.crt`;
    return html`<tr><td>${role}</td><td>${certificate.subject}</td><td><code>${await fingerprintSha256(certificate)}</code></td>
<td>${certificate.notAfter.toISOString().slice(0, 10)}</td><td><a href="${link}">DER</a> · <a href="${link}?format=pem">PEM</a></td></tr>`;
  }));
  const issued = authority.list({ limit: LISTED_CERTIFICATES }).items;
  const { urls } = authority;
  const body = html`<p>Tổ chức chứng thực giả lập: CA gốc, CA cấp phát, OCSP, CRL và dấu thời gian RFC 3161. Khoá được sinh mới mỗi lần khởi động (chỉ nằm trong bộ nhớ), nên phải tải lại CA gốc sau mỗi lần khởi động.
<span class="en" lang="en">A stand-in certification authority: root and issuing CA, OCSP, CRLs and RFC 3161 time stamps. Keys are generated at every start and kept in memory only, so fetch the root again after each restart. NOT FOR PRODUCTION.</span></p>
<h2>Chứng thư số của CA<span class="en" lang="en">CA certificates (SHA-256 fingerprints)</span></h2>
<table><thead><tr><th>Vai trò / Role</th><th>Chủ thể / Subject</th><th>SHA-256</th><th>Hết hạn / Until</th><th>Tải về / Download</th></tr></thead>
<tbody>${caRows}</tbody></table>
<h2>Dịch vụ<span class="en" lang="en">Services</span></h2>
<ul>
<li>OCSP: <code>${urls.ocsp}</code> (POST <code>application/ocsp-request</code>, GET <code>/ocsp/&lt;base64&gt;</code>)</li>
<li>TSA (RFC 3161): <code>${urls.tsa}</code> — chính sách / policy <code>${TSA_POLICY_OID}</code></li>
<li>CRL: <a href="${basePath}/crl/issuing.crl">${urls.issuingCrl}</a>, <a href="${basePath}/crl/root.crl">${urls.rootCrl}</a></li>
<li>RA API: <code>POST ${basePath}/api/v1/certificates</code> (X-Client-Id, X-Api-Key) · <a href="${basePath}/openapi.json">OpenAPI</a></li>
</ul>
<pre>openssl ocsp -issuer issuing.pem -cert cert.pem -url ${urls.ocsp} -CAfile root.pem -resp_text
openssl ts -query -data file.pdf -sha256 -cert -out req.tsq
curl -s -H 'content-type: application/timestamp-query' --data-binary @req.tsq ${urls.tsa} -o resp.tsr</pre>
<h2>Chứng thư số đã cấp<span class="en" lang="en">Issued certificates (newest ${LISTED_CERTIFICATES})</span></h2>
${issued.length === 0 ? html`<p>Chưa cấp chứng thư nào. / Nothing issued yet.</p>` : html`<table>
<thead><tr><th>Số hiệu / Serial</th><th>Chủ thể / Subject</th><th>Loại / Profile</th><th>Trạng thái / Status</th><th>Hết hạn / Until</th><th>Tải về</th></tr></thead>
<tbody>${issued.map((record) => issuedRow(basePath, record))}</tbody></table>`}`;
  return page({ title: 'Tổ chức chứng thực chữ ký số (hộp cát)', subtitle: 'Certification authority sandbox', body });
}

export function registerTesterPage(app: FastifyInstance, options: { basePath: string; authority: (reply: FastifyReply) => CertificateAuthority | undefined }): void {
  app.get('/', { config: TESTER_ROUTE, schema: { hide: true } }, async (_request, reply) => {
    const authority = options.authority(reply);
    if (!authority) return reply;
    return reply.headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(await renderTesterPage(options.basePath, authority));
  });
}
