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
  const serviceRows = services.map((s) => html`<tr><td><code>${s.id}</code></td><td>${s.title}</td><td><code>${s.target}</code></td>
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
<p>Siêu dịch vụ / Metaservices: <code>GET ${basePath}/r1/${registry.instance}/listClients</code>,
<code>GET ${basePath}/r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/listMethods</code>, <code>…/allowedMethods</code>.</p>
<p><span class="en" lang="en"><code>X-Road-Request-Hash</code> = base64(SHA-512(SHA-512(head) ‖ SHA-512(body))), where head is the lines
<code>:method:METHOD</code>, <code>:path:/r1/…</code>, then <code>name:value</code> of the X-Road message headers present
(<code>x-road-client</code>, <code>x-road-id</code>, <code>x-road-issue</code>, <code>x-road-represented-party</code>, <code>x-road-userid</code>), joined by newlines.</span></p>

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
