import type { FastifyInstance, FastifyReply } from 'fastify';
import { PAGE_SECURITY_HEADERS, html, page, type Html } from '../html.ts';
import { TESTER_ROUTE } from '../sandbox.ts';
import { STATUS_LABELS, type Order, type OrderStatus, type TrackingEvent } from './model.ts';
import type { OrderBook } from './orders.ts';
import { isValidS10 } from './s10.ts';

const KIND_LABELS = { pickup: 'Thu gom hồ sơ', delivery: 'Trả kết quả' } as const;
const SERVICE_LABELS = { EMS: 'Chuyển phát nhanh EMS', BK: 'Bưu kiện thường' } as const;
const RECENT_ORDERS = 50;

const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
});
const formatTime = (iso: string): string => timeFormat.format(new Date(iso));
const formatVnd = (amount: number): string => `${amount.toLocaleString('vi-VN')} ₫`;

/** A public page shows who signed only as initials and given name: "Nguyễn Văn An" → "N. V. An". */
function maskName(name: string): string {
  const words = name.trim().split(/\s+/);
  return words.map((word, i) => (i === words.length - 1 ? word : `${word[0]}.`)).join(' ');
}

const statusLabel = (status: OrderStatus): Html => html`${STATUS_LABELS[status].vi}<span class="en" lang="en">${STATUS_LABELS[status].en}</span>`;

function sendPage(reply: FastifyReply, status: number, title: string, subtitle: string, body: Html): FastifyReply {
  return reply.code(status).headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(page({ title, subtitle, body }));
}

function trackForm(basePath: string, value = ''): Html {
  return html`<form method="get" action="${basePath}/track" role="search" class="search">
<div><label for="tracking-number">Số hiệu bưu gửi<span class="en" lang="en">Tracking number (S10, e.g. EB123456785VN)</span></label>
<input type="search" id="tracking-number" name="trackingNumber" value="${value}" maxlength="13" autocomplete="off"></div>
<button type="submit">Tra cứu / Track</button></form>`;
}

function recentOrdersPage(basePath: string, orders: Order[]): Html {
  const rows = orders.map((o) => html`<tr><td><a href="${basePath}/track/${o.trackingNumber}">${o.trackingNumber}</a></td><td>${o.referenceCode}</td>
<td>${KIND_LABELS[o.kind]}</td><td>${o.serviceCode}</td><td>${statusLabel(o.status)}</td><td>${formatTime(o.updatedAt)}</td></tr>`);
  const table = orders.length > 0
    ? html`<table><caption class="meta">${orders.length} đơn gần nhất / most recent orders</caption>
<thead><tr><th scope="col">Số hiệu</th><th scope="col">Mã hồ sơ</th><th scope="col">Loại</th><th scope="col">Dịch vụ</th><th scope="col">Trạng thái</th><th scope="col">Cập nhật</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : html`<p>Chưa có đơn hàng nào. <span class="en" lang="en">No orders yet.</span></p>`;
  return html`<p>Bưu điện thu gom hồ sơ tại nhà người dân và trả kết quả giải quyết thủ tục hành chính (Quyết định 45/2016/QĐ-TTg).
<span class="en" lang="en">Vietnam Post collects application documents from applicants and returns results. API: <a href="${basePath}/openapi.json">OpenAPI</a>.</span></p>
${trackForm(basePath)}
<h2>Đơn hàng gần đây<span class="en" lang="en">Recent orders (all clients)</span></h2>
${table}`;
}

function trackingPage(basePath: string, order: Order, events: TrackingEvent[]): Html {
  const timeline = events.map((e) => html`<li><strong>${statusLabel(e.status)}</strong>
<span class="meta">${formatTime(e.at)} · ${e.location}</span><br>${e.note}${e.receivedBy ? html`<br>Người ký nhận: ${maskName(e.receivedBy)}` : ''}</li>`);
  return html`${trackForm(basePath, order.trackingNumber)}
<table>
<tr><th scope="row">Số hiệu</th><td>${order.trackingNumber}</td></tr>
<tr><th scope="row">Dịch vụ</th><td>${SERVICE_LABELS[order.serviceCode]} — ${KIND_LABELS[order.kind]}</td></tr>
<tr><th scope="row">Gửi từ</th><td>${order.sender.address.commune}, ${order.sender.address.province}</td></tr>
<tr><th scope="row">Gửi đến</th><td>${order.receiver.address.commune}, ${order.receiver.address.province}</td></tr>
<tr><th scope="row">Trạng thái</th><td id="current-status">${statusLabel(order.status)}</td></tr>
<tr><th scope="row">Dự kiến phát</th><td>${formatTime(order.estimatedDeliveryAt)}</td></tr>
${order.codAmountVnd > 0 ? html`<tr><th scope="row">Tiền thu hộ (COD)</th><td>${formatVnd(order.codAmountVnd)}</td></tr>` : ''}
</table>
<h2>Hành trình<span class="en" lang="en">Tracking history, oldest first</span></h2>
<ol class="timeline">${timeline}</ol>`;
}

/** Pages for people: the recent orders and the public tracking page (never faulted). */
export function registerPages(app: FastifyInstance, options: { basePath: string; book: OrderBook }): void {
  const { basePath, book } = options;
  const pageSchema = { hide: true } as const;

  app.get('/', { schema: pageSchema, config: TESTER_ROUTE }, async (_request, reply) =>
    sendPage(reply, 200, 'Bưu điện Việt Nam — thu gom hồ sơ, trả kết quả', 'Vietnam Post sandbox: recent orders',
      recentOrdersPage(basePath, book.list({ limit: RECENT_ORDERS }))));

  app.get<{ Querystring: { trackingNumber?: string } }, typeof TESTER_ROUTE>('/track', { schema: pageSchema, config: TESTER_ROUTE }, async (request, reply) => {
    const typed = String(request.query.trackingNumber ?? '').replace(/\s+/g, '').toUpperCase().slice(0, 13);
    return reply.redirect(typed ? `${basePath}/track/${encodeURIComponent(typed)}` : `${basePath}/`, 303);
  });

  app.get<{ Params: { trackingNumber: string } }, typeof TESTER_ROUTE>('/track/:trackingNumber', { schema: pageSchema, config: TESTER_ROUTE }, async (request, reply) => {
    const trackingNumber = request.params.trackingNumber.slice(0, 32);
    const order = isValidS10(trackingNumber) ? book.byTrackingNumber(trackingNumber) : undefined;
    if (!order) {
      const reason = isValidS10(trackingNumber)
        ? html`<p role="alert">Không tìm thấy bưu gửi ${trackingNumber}. <span class="en" lang="en">No item with this tracking number.</span></p>`
        : html`<p role="alert">Số hiệu ${trackingNumber} không hợp lệ (chữ số kiểm tra sai hoặc sai định dạng). <span class="en" lang="en">Not a valid S10 tracking number.</span></p>`;
      return sendPage(reply, 404, 'Tra cứu bưu gửi', 'Track an item', html`${reason}${trackForm(basePath, trackingNumber)}`);
    }
    return sendPage(reply, 200, `Tra cứu bưu gửi ${order.trackingNumber}`, 'Track an item', trackingPage(basePath, order, book.events(order.orderId) ?? []));
  });
}
