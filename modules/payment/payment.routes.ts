import { Type } from 'typebox';
import { AppError, errorResponses, keepRawJsonBody, rawBodyOf, type App } from '../../packages/platform/index.ts';
import {
  CounterBody, IdParams, NotificationAckSchema, OnlineStartSchema, PaymentRequestDetailSchema, PaymentRequestSchema, ReconcileBody, ReportPageSchema,
  ReportQuery, ReportSchema, ReturnBody, ReturnResultSchema, TAGS,
} from './payment.schemas.ts';
import { COLLECT_PERMISSION, type PaymentService } from './payment.service.ts';
import { RECONCILE_PERMISSION, type ReconciliationService } from './reconciliation.service.ts';
import type { ReceiptRenderer } from './receipt.ts';

const PdfSchema = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The document (application/pdf)' });

/** The national platform's server-to-server notification: signed over the exact bytes, so they are kept. */
async function notificationRoute(app: App, payments: PaymentService): Promise<void> {
  keepRawJsonBody(app, 64 * 1024);
  app.post('/notifications', {
    config: { access: 'public' },
    schema: {
      operationId: 'receivePaymentNotification', tags: TAGS,
      summary: 'Payment result notification from the national payment platform (X-Signature = HMAC-SHA256 of the raw body; notifiedAt within the tolerance; idempotent on X-Notification-Id)',
      response: { 200: NotificationAckSchema, ...errorResponses(422) },
    },
  }, async (request) => {
    const raw = rawBodyOf(request);
    const header = (name: string) => (typeof request.headers[name] === 'string' ? request.headers[name] : undefined);
    try {
      return await payments.receiveNotification(raw, header('x-signature'), header('x-notification-id'));
    } catch (error) {
      if (error instanceof AppError) request.log.warn({ code: error.code, notificationId: header('x-notification-id') }, 'payment notification refused');
      throw error;
    }
  });
}

export function paymentRoutes(payments: PaymentService, reconciliation: ReconciliationService, receipts: ReceiptRenderer) {
  return async function routes(app: App): Promise<void> {
    await app.register(async (scope) => notificationRoute(scope as App, payments));

    app.get('/requests/:id', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'getPaymentRequest', tags: TAGS, summary: 'A payment request with its events (the payer, or an official collecting fees at its agency)',
        params: IdParams, response: { 200: PaymentRequestDetailSchema, ...errorResponses(404) },
      },
    }, async (request) => payments.get(request.principal, request.params.id));

    app.post('/requests/:id/online', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'startOnlinePayment', tags: TAGS, summary: 'Open a payment on the national payment platform; answers the page to send the payer to',
        params: IdParams, response: { 200: OnlineStartSchema, ...errorResponses(404, 409, 502) },
      },
    }, async (request) => payments.startOnline(request.principal, request.params.id));

    app.post('/requests/:id/counter', {
      config: { access: COLLECT_PERMISSION },
      schema: {
        operationId: 'recordCounterPayment', tags: TAGS, summary: 'Record a payment taken at the desk (or a bank transfer seen on the account) with its receipt number',
        params: IdParams, body: CounterBody, response: { 200: PaymentRequestSchema, ...errorResponses(404, 409) },
      },
    }, async (request) => payments.recordCounter(request.principal, request.params.id, { receiptNo: request.body.receiptNo, method: request.body.method ?? 'counter' }));

    // The two printable papers of a request, as PDF.
    const papers = [
      { kind: 'receipt', operationId: 'getPaymentReceipt', file: 'bien-lai', summary: 'The payment receipt (biên lai) of a paid request, as PDF' },
      { kind: 'notice', operationId: 'getPaymentNotice', file: 'thong-bao-phi', summary: 'The fee notice of a request, with a VietQR code for bank transfer when an account is configured, as PDF' },
    ] as const;
    for (const paper of papers) {
      app.get(`/requests/:id/${paper.kind}.pdf`, {
        config: { access: 'authenticated' },
        schema: { operationId: paper.operationId, tags: TAGS, summary: paper.summary, params: IdParams, produces: ['application/pdf'], response: { 200: PdfSchema, ...errorResponses(404, 409) } },
      }, async (request, reply) => {
        const pdf = await receipts[paper.kind](request.principal, request.params.id);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${paper.file}-${request.params.id}.pdf"`).send(pdf);
      });
    }

    app.post('/returns', {
      config: { access: 'public' },
      schema: {
        operationId: 'confirmPaymentReturn', tags: TAGS,
        summary: 'The parameters the payment page sent the browser back with: the signature is checked, then the platform is asked; only its answer is recorded',
        body: ReturnBody, response: { 200: ReturnResultSchema, ...errorResponses(422) },
      },
    }, async (request) => payments.confirmReturn(request.body));

    app.post('/reconciliations', {
      config: { access: RECONCILE_PERMISSION },
      schema: {
        operationId: 'reconcilePayments', tags: TAGS, summary: "Reconcile one local date: the platform's signed file against Sen's records; stores and answers the report",
        body: ReconcileBody, response: { 200: ReportSchema, ...errorResponses(422, 502) },
      },
    }, async (request) => reconciliation.reconcile(request.principal, request.body.date));

    app.get('/reconciliations', {
      config: { access: RECONCILE_PERMISSION },
      schema: {
        operationId: 'listReconciliations', tags: TAGS, summary: 'Reconciliation reports, newest date first', querystring: ReportQuery,
        response: { 200: ReportPageSchema, ...errorResponses() },
      },
    }, async (request) => reconciliation.list(request.principal, request.query));
  };
}
