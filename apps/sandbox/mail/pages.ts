import { html, page, type Html } from '../html.ts';
import { emptyInbox, filterForm, listingSummary, timeOf } from './inbox-page.ts';
import type { MailAddress, MailMessage } from './messages.ts';
import type { Page } from './store.ts';

/** The mail inbox pages. Everything shown comes from the sender and is escaped; HTML is shown as source. */

export interface SmtpEndpoint {
  host: string;
  port: number | undefined;
  usernames: string[];
}

const PRE_STYLE = 'white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f5f7;padding:.75rem;border-radius:.25rem;max-height:32rem;overflow:auto';

const addressText = (a: MailAddress): string => (a.name ? `${a.name} <${a.address}>` : a.address);
const addressList = (list: MailAddress[]): string => list.map(addressText).join(', ');

function endpointNote(smtp: SmtpEndpoint): Html {
  return html`<p>Máy chủ SMTP: <code>${smtp.host}:${smtp.port ?? '…'}</code>, AUTH PLAIN/LOGIN, không STARTTLS; tài khoản: ${smtp.usernames.map((u, i) => html`${i ? ', ' : ''}<code>${u}</code>`)}.
<span class="en" lang="en">SMTP server (authentication required, no TLS). Every message sent to it is captured here and delivered nowhere.</span></p>`;
}

export function renderInbox(view: { smtp: SmtpEndpoint; to: string; q: string; page: Page<MailMessage> }): string {
  const rows = view.page.items.map((m) => html`<tr>
<td>${timeOf(m.receivedAt)}</td><td>${m.from ? addressText(m.from) : m.envelope.from}</td>
<td>${addressList(m.to) || m.envelope.to.join(', ')}</td>
<td><a href="/mail/inbox/${m.id}">${m.subject || '(không có tiêu đề / no subject)'}</a></td><td>${m.attachments.length || ''}</td></tr>`);
  const listing = view.page.items.length > 0
    ? html`<table><thead><tr><th scope="col">Nhận lúc</th><th scope="col">Người gửi</th><th scope="col">Người nhận</th><th scope="col">Tiêu đề</th><th scope="col">Tệp đính kèm</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : emptyInbox();
  const body = html`${endpointNote(view.smtp)}
${filterForm('/mail/inbox', [
    { name: 'to', label: 'Người nhận (địa chỉ email)', labelEn: 'Recipient address', value: view.to, type: 'text' },
    { name: 'q', label: 'Tìm trong tiêu đề, nội dung (không phân biệt dấu)', labelEn: 'Search subject and text (diacritics ignored)', value: view.q },
  ])}
${listing}
${listingSummary(view.page.items.length, view.page.total, '/mail/_admin/messages')}`;
  return page({ title: 'Hộp thư thử nghiệm', subtitle: 'Mail sandbox inbox — captured messages, newest first', body });
}

export function renderMessage(message: MailMessage): string {
  const header = (label: string, labelEn: string, value: string | Html): Html =>
    html`<tr><th scope="row">${label}<span class="en" lang="en">${labelEn}</span></th><td>${value}</td></tr>`;
  const attachments = message.attachments.length > 0
    ? html`<ul>${message.attachments.map((a) => html`<li>${a.filename ?? '(không tên / unnamed)'} — <code>${a.contentType}</code>, ${a.size.toLocaleString('vi-VN')} byte</li>`)}</ul>`
    : html`<p>Không có. <span class="en" lang="en">None.</span></p>`;
  const body = html`<p><a href="/mail/inbox">← Hộp thư / Inbox</a></p>
<table>
${header('Tiêu đề', 'Subject', message.subject)}
${header('Người gửi', 'From', message.from ? addressText(message.from) : '')}
${header('Người nhận', 'To', addressList(message.to))}
${message.cc.length > 0 ? header('Đồng gửi', 'Cc', addressList(message.cc)) : ''}
${header('Phong bì SMTP', 'Envelope', `MAIL FROM ${message.envelope.from || '<>'} · RCPT TO ${message.envelope.to.join(', ')}`)}
${header('Nhận lúc', 'Received', timeOf(message.receivedAt))}
${header('Message-ID', 'Message-ID', html`<code>${message.messageId ?? ''}</code>`)}
</table>
<h2>Nội dung văn bản<span class="en" lang="en">Text part</span></h2>
${message.text === null ? html`<p>Không có. <span class="en" lang="en">None.</span></p>` : html`<pre style="${PRE_STYLE}">${message.text}</pre>`}
<h2>Mã nguồn HTML (không hiển thị trực tiếp)<span class="en" lang="en">HTML part, shown as source and never rendered</span></h2>
${message.html === null ? html`<p>Không có. <span class="en" lang="en">None.</span></p>` : html`<pre style="${PRE_STYLE}">${message.html}</pre>`}
<h2>Tệp đính kèm<span class="en" lang="en">Attachments</span></h2>
${attachments}`;
  return page({ title: 'Thư đã nhận', subtitle: 'Captured message', body });
}

export function renderMessageNotFound(): string {
  return page({
    title: 'Không tìm thấy thư',
    subtitle: 'No such message (it may have been deleted or dropped as the inbox filled up)',
    body: html`<p><a href="/mail/inbox">← Hộp thư / Inbox</a></p>`,
  });
}
