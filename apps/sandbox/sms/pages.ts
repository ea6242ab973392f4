import { html, page, type Html } from '../html.ts';
import { emptyInbox, filterForm, listingSummary, timeOf } from '../mail/inbox-page.ts';
import type { Page } from '../mail/store.ts';
import type { SmsMessage, SmsStatus } from './messages.ts';
import { FAILING_NUMBER_SUFFIX, localPhone } from './phone.ts';

/** The SMS inbox page: captured messages grouped by phone, like a row of handsets. */

const STATUS_LABELS: Record<SmsStatus, string> = {
  scheduled: 'Hẹn giờ / scheduled',
  delivered: 'Đã nhận / delivered',
  failed: 'Không gửi được / failed',
};

function messageItem(message: SmsMessage): Html {
  return html`<li>
<p class="meta">${timeOf(message.acceptedAt)} · <strong>${message.brandname}</strong> · ${STATUS_LABELS[message.status]} · ${message.encoding}, ${message.segments} tin / part(s)${message.hasDiacritics ? ' · có dấu / has diacritics' : ''}</p>
<p style="white-space:pre-wrap;overflow-wrap:anywhere;margin:.25rem 0 .75rem">${message.message}</p>
</li>`;
}

/** Groups keep the order of the listing: the phone with the newest message comes first. */
function byPhone(messages: SmsMessage[]): Map<string, SmsMessage[]> {
  const groups = new Map<string, SmsMessage[]>();
  for (const message of messages) groups.set(message.phone, [...(groups.get(message.phone) ?? []), message]);
  return groups;
}

export function renderSmsInbox(view: { phone: string; invalidPhone: boolean; page: Page<SmsMessage> }): string {
  const groups = [...byPhone(view.page.items)].map(([phone, messages]) => html`<section>
<h2>${localPhone(phone)}<span class="en" lang="en">${phone} · ${messages.length} tin / message(s)</span></h2>
<ul class="citizens">${messages.map(messageItem)}</ul>
</section>`);
  const body = html`<p>Mọi tin nhắn thương hiệu Sen gửi được giữ lại ở đây, không gửi tới thuê bao thật. Số kết thúc bằng <code>${FAILING_NUMBER_SUFFIX}</code> luôn báo gửi thất bại.
<span class="en" lang="en">Every brandname SMS Sen sends is captured here and delivered nowhere. Numbers ending in ${FAILING_NUMBER_SUFFIX} always fail delivery.</span></p>
${filterForm('/sms/inbox', [{ name: 'phone', label: 'Số điện thoại', labelEn: 'Phone number', value: view.phone, type: 'text' }])}
${view.invalidPhone ? html`<p class="error" role="alert">Số điện thoại không hợp lệ. / Not a Vietnamese mobile number.</p>` : ''}
${groups.length > 0 ? groups : emptyInbox()}
${listingSummary(view.page.items.length, view.page.total, '/sms/_admin/messages')}`;
  return page({ title: 'Hộp tin nhắn thử nghiệm', subtitle: 'SMS brandname sandbox inbox — by phone, newest first', body });
}
