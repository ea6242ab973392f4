import { html, page } from '../html.ts';
import type { NdxpRegistry } from './registry.ts';

/** The hub's page for testers: members, services and who may call what, and how to call. */
export function renderTesterPage(registry: NdxpRegistry, basePath: string): string {
  const services = registry.services();
  const members = registry.members().map((member) => {
    const allowed = services.filter((s) => registry.isAllowed(s, member.id)).map((s) => s.id);
    return html`<tr><td><code>${member.id}</code></td><td>${member.name}</td>
<td>${allowed.length ? html`<ul>${allowed.map((id) => html`<li><code>${id}</code></li>`)}</ul>` : html`<em>không có / none</em>`}</td></tr>`;
  });
  const serviceRows = services.map((s) => html`<tr><td><code>${s.id}</code>${s.kind === 'soap' ? ' (soap)' : ''}</td><td>${s.title}</td><td><code>${s.target}</code></td>
<td>${s.allowed.size ? html`<ul>${[...s.allowed].map((id) => html`<li><code>${id}</code></li>`)}</ul>` : html`<em>không ai / nobody</em>`}</td></tr>`);
  const example = services[0];
  const exampleClient = example ? [...example.allowed][0] : undefined;

  return page({
    title: 'NDXP — Nền tảng tích hợp, chia sẻ dữ liệu quốc gia',
    subtitle: 'National data exchange hub (X-Road message protocol for REST)',
    body: html`<p>Trục NDXP giả lập chuyển tiếp thông điệp X-Road REST từ hệ thống của thành viên (LGSP tỉnh) tới hệ thống cung cấp dịch vụ, kiểm tra quyền truy cập và ghi nhật ký.
<span class="en" lang="en">The hub relays X-Road REST messages from members' information systems to providers, enforcing access rights and logging every exchange.</span></p>

<h2>Cách gọi<span class="en" lang="en">How to call</span></h2>
<p><code>METHOD ${basePath}/r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE/&lt;path&gt;?&lt;query&gt;</code> với các tiêu đề
<code>X-Road-Client: INSTANCE/CLASS/MEMBER/SUBSYSTEM</code> và <code>X-Road-Client-Key</code>.
<span class="en" lang="en">Real X-Road authenticates the information system to its security server with a TLS client certificate; the sandbox uses a per-subsystem key in <code>X-Road-Client-Key</code> instead. It is never passed to the provider.</span></p>
${example && exampleClient ? html`<pre>curl -H 'X-Road-Client: ${exampleClient}' -H 'X-Road-Client-Key: …' \\
  ${basePath}/r1/${example.id}/…</pre>` : ''}
<p>Siêu dịch vụ / Metaservices: <code>GET ${basePath}/listClients?xRoadInstance=${registry.instance}</code> (XML; JSON with <code>Accept: application/json</code>; no credentials),
<code>GET ${basePath}/r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/listMethods</code>, <code>…/allowedMethods</code>, <code>…/getOpenAPI?serviceCode=…</code>.</p>
<p><span class="en" lang="en">Faults: <code>Client.*</code> → 400, <code>Server.*</code> → 500, with <code>X-Road-Error</code>; JSON, or XML when <code>Accept</code> asks for XML.
<code>X-Road-Request-Hash</code> = base64(SHA-512(SHA-512(header part) ‖ SHA-512(body))), or base64(SHA-512(header part)) without a body; the header part is
<code>METHOD</code>, <code>/r1/…</code>, then each request header as <code>Name:Value</code> (hop-by-hop, Host, User-Agent, Content-Length, Expect and <code>X-Road-Client-Key</code> left out),
then <code>x-road-request-id:…</code> (and <code>x-road-id:…</code> when the hub generated it), each line ending CRLF (PR-REST §4.3; docs/lgsp.md).</span></p>
<p>Dịch vụ SOAP (X-Road PR-MESS 4.0): <code>POST ${basePath}/soap</code>, phong bì SOAP 1.1 (<code>text/xml</code>) có <code>xrd:client</code>, <code>xrd:service</code>, <code>xrd:id</code>, <code>xrd:protocolVersion</code> 4.0, cùng tiêu đề <code>X-Road-Client-Key</code>.
<span class="en" lang="en">SOAP services (those of kind <code>soap</code> below): <code>POST ${basePath}/soap</code> with an X-Road SOAP 1.1 envelope and <code>X-Road-Client-Key</code>; the answer carries <code>xrd:requestHash</code> (base64 SHA-512 of the request's bytes); faults are SOAP faults with HTTP 500 and <code>X-Road-Error</code>.</span></p>

<h2>Thành viên<span class="en" lang="en">Client subsystems and their access rights</span></h2>
<table><thead><tr><th>Hệ thống / Subsystem</th><th>Tên / Name</th><th>Được dùng / May call</th></tr></thead><tbody>${members}</tbody></table>

<h2>Dịch vụ<span class="en" lang="en">Services</span></h2>
<table><thead><tr><th>Mã dịch vụ / Service</th><th>Tên / Title</th><th>Hệ thống cung cấp / Provider</th><th>Được phép / Allowed clients</th></tr></thead><tbody>${serviceRows}</tbody></table>

<h2>Quản trị<span class="en" lang="en">Admin API (sandbox admin token)</span></h2>
<ul>
<li><code>GET ${basePath}/_admin/services</code></li>
<li><code>PUT ${basePath}/_admin/services/{serviceId}/clients/{clientId}</code> (cấp quyền / grant), <code>DELETE</code> (thu hồi / revoke) — ids percent-encoded</li>
<li><code>GET ${basePath}/_admin/messages?client=&amp;service=&amp;limit=</code></li>
</ul>`,
  });
}
