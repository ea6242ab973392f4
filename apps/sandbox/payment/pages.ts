import { html, page, type Html } from '../html.ts';
import { PAYMENT_BANKS, formatVietnamTime, formatVnd, type Payment, type PaymentMerchant } from './model.ts';

const KIND_LABELS = { fee: 'Phí / Fee', charge: 'Lệ phí / Charge' } as const;

const STATUS_MESSAGES = {
  pending: html`Giao dịch đang chờ thanh toán.<span class="en" lang="en">The payment is waiting to be paid.</span>`,
  succeeded: html`Giao dịch đã được thanh toán thành công.<span class="en" lang="en">This payment has been paid.</span>`,
  cancelled: html`Giao dịch đã bị hủy.<span class="en" lang="en">This payment was cancelled.</span>`,
  expired: html`Giao dịch đã hết hạn thanh toán, không thể thanh toán nữa. Vui lòng quay lại dịch vụ để tạo giao dịch mới.
<span class="en" lang="en">This payment has expired and can no longer be paid. Go back to the service to start a new one.</span>`,
} as const;

function summary(payment: Payment, merchant: PaymentMerchant): Html {
  return html`<table>
<tr><th scope="row">Đơn vị thụ hưởng<span class="en" lang="en">Merchant</span></th><td>${merchant.name} (${merchant.merchantCode})</td></tr>
<tr><th scope="row">Cơ quan thu<span class="en" lang="en">Collecting agency</span></th><td>${payment.agencyCode}</td></tr>
<tr><th scope="row">Mã đơn hàng<span class="en" lang="en">Order</span></th><td><code>${payment.orderId}</code></td></tr>
<tr><th scope="row">Nội dung<span class="en" lang="en">Description</span></th><td>${payment.description}</td></tr>
${payment.payerName ? html`<tr><th scope="row">Người nộp<span class="en" lang="en">Payer</span></th><td>${payment.payerName}</td></tr>` : ''}
<tr><th scope="row">Hạn thanh toán<span class="en" lang="en">Pay before (Việt Nam time)</span></th><td>${formatVietnamTime(payment.expiresAt)}</td></tr>
</table>
<h2>Các khoản phí, lệ phí<span class="en" lang="en">Fees and charges</span></h2>
<table class="fee-lines">
<thead><tr><th scope="col">Mã / Code</th><th scope="col">Khoản thu / Item</th><th scope="col">Loại / Kind</th><th scope="col">Số tiền / Amount</th></tr></thead>
<tbody>${payment.feeLines.map((line) => html`<tr><td><code>${line.code}</code></td><td>${line.name}</td><td>${KIND_LABELS[line.kind]}</td><td>${formatVnd(line.amount)}</td></tr>`)}</tbody>
<tfoot><tr><th scope="row" colspan="3">Tổng cộng / Total</th><td><strong id="total">${formatVnd(payment.amount)}</strong></td></tr></tfoot>
</table>`;
}

function outcome(payment: Payment): Html {
  const transaction = payment.transaction;
  return html`<div class="${payment.status === 'succeeded' ? 'notice' : 'error'}" role="status" id="payment-status"><p>${STATUS_MESSAGES[payment.status]}</p>
${transaction ? html`<p>Mã giao dịch / Transaction: <code>${transaction.transactionNo}</code>${transaction.bankCode ? html` · ${transaction.bankCode}` : ''}
 · ${formatVietnamTime(transaction.paidAt)}</p>` : ''}</div>
<p><a href="${payment.returnUrl}">Quay lại dịch vụ / Back to the service</a></p>`;
}

function paymentForms(payment: Payment, error: string | undefined): Html {
  const banks = PAYMENT_BANKS.map((bank) => html`<li><input type="radio" name="bankCode" id="bank-${bank.code}" value="${bank.code}" required
${error ? html` aria-describedby="bank-error"` : ''}><label for="bank-${bank.code}"><strong>${bank.code}</strong> — ${bank.name}</label></li>`);
  return html`<form method="post" action="${payment.paymentId}" id="pay-form">
<fieldset><legend>Chọn ngân hàng / Choose a bank</legend>
${error ? html`<p class="field-error" id="bank-error">${error}</p>` : ''}
<ul class="citizens">${banks}</ul></fieldset>
<div class="actions"><button type="submit" id="pay">Thanh toán / Pay ${formatVnd(payment.amount)}</button></div>
</form>
<form method="post" action="${payment.paymentId}/cancel" class="actions">
<button type="submit" id="cancel" class="secondary">Hủy / Cancel</button>
</form>`;
}

/** The page a payer lands on: what is being paid, then the bank choice (or the outcome, once there is one). */
export function renderPaymentPage(payment: Payment, merchant: PaymentMerchant, error?: string): string {
  const body = html`${error ? html`<div class="error" role="alert"><p>${error}</p></div>` : ''}
<p>Thanh toán phí, lệ phí dịch vụ công qua Nền tảng thanh toán trực tuyến quốc gia (mô phỏng).
<span class="en" lang="en">Pay fees and charges of a public service through the national online-payment platform (sandbox).</span></p>
${summary(payment, merchant)}
${payment.status === 'pending' ? paymentForms(payment, error) : outcome(payment)}`;
  return page({ title: 'Thanh toán phí, lệ phí', subtitle: 'Payment of fees and charges', body });
}

export function renderMessagePage(title: string, subtitle: string, message: Html): string {
  return page({ title, subtitle, body: html`<div class="error" role="alert"><p>${message}</p></div>` });
}

/** The tester's entry page: what the sandbox does, the merchants, and the latest payments. */
export function renderIndexPage(merchants: readonly PaymentMerchant[], recent: Payment[]): string {
  const rows = recent.map((p) => html`<tr><td><a href="/payment/pay/${p.paymentId}"><code>${p.orderId}</code></a></td><td>${p.merchantCode}</td>
<td>${formatVnd(p.amount)}</td><td>${p.status}</td><td>${formatVietnamTime(p.createdAt)}</td></tr>`);
  const body = html`<p>Mô phỏng Nền tảng thanh toán trực tuyến quốc gia dùng cho phí, lệ phí trên Cổng Dịch vụ công quốc gia:
tạo giao dịch, trang thanh toán, chuyển hướng có chữ ký, thông báo kết quả (IPN, có gửi lặp và gửi lại), tra cứu và tệp đối soát hằng ngày.
<span class="en" lang="en">Imitates the national online-payment platform: payments, the payment page, signed return redirects,
result notifications (retried, sometimes duplicated), queries and the daily reconciliation file.</span></p>
<h2>Đơn vị thụ hưởng<span class="en" lang="en">Merchants</span></h2>
<ul>${merchants.map((m) => html`<li><code>${m.merchantCode}</code> — ${m.name}</li>`)}</ul>
<h2>Giao diện lập trình (API)<span class="en" lang="en">API (signed with the merchant secret; see openapi.json)</span></h2>
<ul>
<li><code>POST /payment/api/v1/payments</code> — tạo giao dịch / create</li>
<li><code>GET /payment/api/v1/payments/{paymentId}</code>, <code>GET /payment/api/v1/payments?orderId=</code> — tra cứu / query</li>
<li><code>GET /payment/api/v1/reconciliation/{YYYY-MM-DD}</code> — tệp đối soát / reconciliation CSV</li>
<li>Quản trị (cần admin token) / Admin: <code>GET /payment/_admin/payments</code>, <code>GET /payment/_admin/notifications</code>,
<code>POST /payment/_admin/payments/{paymentId}/complete</code>, <code>PUT /payment/_admin/settings</code></li>
</ul>
<h2>Giao dịch gần đây<span class="en" lang="en">Recent payments</span></h2>
${rows.length > 0
    ? html`<table><thead><tr><th scope="col">Đơn hàng / Order</th><th scope="col">Đơn vị / Merchant</th><th scope="col">Số tiền / Amount</th>
<th scope="col">Trạng thái / Status</th><th scope="col">Tạo lúc / Created</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p>Chưa có giao dịch. / No payments yet.</p>`}`;
  return page({ title: 'Nền tảng thanh toán trực tuyến quốc gia', subtitle: 'National online-payment platform (sandbox)', body });
}
