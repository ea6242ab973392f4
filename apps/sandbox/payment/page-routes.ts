import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PAGE_SECURITY_HEADERS, html } from '../html.ts';
import { TESTER_ROUTE } from '../sandbox.ts';
import { isPaymentBank } from './model.ts';
import type { PaymentPlatform } from './platform.ts';
import { renderIndexPage, renderMessagePage, renderPaymentPage } from './pages.ts';
import { formBodySchema, htmlResponse, paymentIdParamsSchema } from './schemas.ts';
import type { Settlement } from './store.ts';

const tags = ['payment pages'];
const RECENT_ON_INDEX = 20;

function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(body);
}

const notFoundPage = (): string => renderMessagePage('Không tìm thấy giao dịch', 'Payment not found',
  html`Không có giao dịch với mã này. Vui lòng quay lại dịch vụ. / There is no payment with this id.`);

/** Pages a person uses (the payer's payment page, the tester index): never faulted. */
export async function registerPaymentPages(app: FastifyInstance, platform: PaymentPlatform): Promise<void> {
  await app.register(formbody, { bodyLimit: 4096 });

  app.get('/', {
    config: TESTER_ROUTE,
    schema: { summary: 'Tester index', description: 'HTML: what the sandbox does and the latest payments.', tags, produces: ['text/html'], response: { 200: htmlResponse('HTML page') } },
  }, async (_request, reply) => sendPage(reply, 200, renderIndexPage(platform.merchants, platform.store.list(RECENT_ON_INDEX))));

  app.get<{ Params: { paymentId: string } }, typeof TESTER_ROUTE>('/pay/:paymentId', {
    config: TESTER_ROUTE,
    schema: {
      summary: 'Payment page',
      description: 'HTML page for the payer (no authentication: the unguessable payment id is the capability). Shows the fee lines and total, '
        + 'a bank choice with Pay and Cancel, or the outcome when the payment is no longer pending.',
      tags, produces: ['text/html'], params: paymentIdParamsSchema, response: { 200: htmlResponse('HTML page'), 404: htmlResponse('HTML page') },
    },
  }, async (request, reply) => {
    const payment = platform.store.get(request.params.paymentId);
    if (!payment) return sendPage(reply, 404, notFoundPage());
    return sendPage(reply, 200, renderPaymentPage(payment, platform.merchant(payment.merchantCode)!));
  });

  /** Both buttons end the same way: settle, then send the browser back to the merchant. */
  async function finish(paymentId: string, settlement: Omit<Settlement, 'paidAt'>, reply: FastifyReply): Promise<FastifyReply> {
    const result = platform.settle(paymentId, { ...settlement, paidAt: platform.now() });
    if (!result) return sendPage(reply, 404, notFoundPage());
    if (result.kind !== 'settled') {
      return sendPage(reply, 409, renderPaymentPage(result.payment, platform.merchant(result.payment.merchantCode)!));
    }
    return reply.redirect(result.redirectUrl, 303);
  }

  const settleSchema = (summary: string, description: string) => ({
    summary, description, tags, consumes: ['application/x-www-form-urlencoded'], produces: ['text/html'], params: paymentIdParamsSchema, body: formBodySchema,
    response: {
      303: { description: 'Redirect to the return URL with paymentId, orderId, amount, status, transactionNo, bankCode, paidAt and signature', type: 'null' },
      400: htmlResponse('HTML page: no bank chosen'), 404: htmlResponse('HTML page'), 409: htmlResponse('HTML page: payment expired or already finished'),
    },
  });

  app.post<{ Params: { paymentId: string }; Body: { bankCode?: string } }, typeof TESTER_ROUTE>('/pay/:paymentId', {
    config: TESTER_ROUTE,
    schema: settleSchema('Pay', 'Form post (application/x-www-form-urlencoded, bankCode) from the payment page: the bank accepts the payment.'),
  }, async (request, reply) => {
    const bankCode = request.body?.bankCode ?? '';
    const payment = platform.store.get(request.params.paymentId);
    if (payment?.status === 'pending' && !isPaymentBank(bankCode)) {
      return sendPage(reply, 400, renderPaymentPage(payment, platform.merchant(payment.merchantCode)!,
        'Hãy chọn một ngân hàng để thanh toán. / Choose a bank to pay with.'));
    }
    return finish(request.params.paymentId, { status: 'succeeded', bankCode }, reply);
  });

  app.post<{ Params: { paymentId: string } }, typeof TESTER_ROUTE>('/pay/:paymentId/cancel', {
    config: TESTER_ROUTE,
    schema: settleSchema('Cancel', 'Form post from the payment page: the payer gives up; the merchant gets a cancelled result.'),
  }, async (request, reply) => finish(request.params.paymentId, { status: 'cancelled', bankCode: '' }, reply));
}
