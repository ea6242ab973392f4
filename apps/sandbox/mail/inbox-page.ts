import type { FastifyReply } from 'fastify';
import { PAGE_SECURITY_HEADERS, html, type Html } from '../html.ts';

/** Pieces of the inbox pages shared by the capture sandboxes (mail, SMS). */

export function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(body);
}

const TIME_FORMAT = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** A timestamp as testers in Việt Nam read it (UTC+7), with the ISO value in a `<time>` element. */
export function timeOf(iso: string): Html {
  return html`<time datetime="${iso}">${TIME_FORMAT.format(new Date(iso))}</time>`;
}

export interface FilterField {
  name: string;
  label: string;
  labelEn: string;
  value: string;
  type?: 'search' | 'text';
}

/** A GET form that filters a listing; an empty submission shows everything. */
export function filterForm(action: string, fields: FilterField[]): Html {
  return html`<form method="get" action="${action}" role="search" class="search">
${fields.map((field) => html`<div><label for="filter-${field.name}">${field.label}<span class="en" lang="en">${field.labelEn}</span></label>
<input type="${field.type ?? 'search'}" id="filter-${field.name}" name="${field.name}" value="${field.value}" autocomplete="off"></div>`)}
<button type="submit" class="secondary">Lọc / Filter</button>
</form>`;
}

/** "Showing n of total" under a listing, plus how to empty the inbox. */
export function listingSummary(shown: number, total: number, clearPath: string): Html {
  return html`<p class="meta">Hiển thị ${shown} / ${total} tin. <span lang="en">Showing ${shown} of ${total}.</span>
Xóa hộp thư: <code>DELETE ${clearPath}</code> (admin token).</p>`;
}

export function emptyInbox(): Html {
  return html`<p>Chưa có tin nào. <span class="en" lang="en">Nothing captured yet.</span></p>`;
}
