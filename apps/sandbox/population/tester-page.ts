import type { FastifyInstance } from 'fastify';
import { PAGE_SECURITY_HEADERS, html, page, type Html } from '../html.ts';
import type { SandboxClient } from '../kit.ts';
import { TESTER_ROUTE } from '../sandbox.ts';

/**
 * The landing page of a lookup sandbox (`GET /<name>/`): how to call it and a few sample
 * records to call it with. Shared by the population and business-registration sandboxes.
 */
export interface TesterPage {
  tag: string;
  title: string;
  subtitle: string;
  body: () => Html;
}

export function registerTesterPage(app: FastifyInstance, tester: TesterPage): void {
  app.get('/', {
    config: TESTER_ROUTE,
    schema: {
      summary: 'Tester page',
      description: 'HTML page for testers: how to call this sandbox and sample records to use. No authentication (synthetic data only).',
      tags: [tester.tag],
      response: { 200: { description: 'Tester page', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
  }, async (_request, reply) => reply.headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8')
    .send(page({ title: tester.title, subtitle: tester.subtitle, body: tester.body() })));
}

/** The authentication paragraph: client ids only, never their keys (they may not be the defaults). */
export function clientHeadersHelp(clients: readonly SandboxClient[], basePath: string): Html {
  return html`<h2>Xác thực<span class="en" lang="en">Authentication</span></h2>
<p>Gửi header <code>X-Client-Id</code> và <code>X-Api-Key</code> của một client đã đăng ký (${clients.map((c) => c.id).join(', ')}).
Cổng NDXP ghi người yêu cầu thật vào <code>X-Road-Client</code> và cán bộ vào <code>X-Road-UserId</code>.
<span class="en" lang="en">Send X-Client-Id and X-Api-Key of a registered client. A hub forwarding the call names the requester in X-Road-Client and the official in X-Road-UserId; both go to the access log.</span></p>
<p>Tài liệu API / API description: <a href="${basePath}/openapi.json">${basePath}/openapi.json</a> ·
Nhật ký truy cập (admin token) / access log: <code>GET ${basePath}/_admin/access-log</code></p>`;
}
