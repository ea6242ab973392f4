import type { PaymentNotification, PaymentPlatformClient, PaymentResult } from '../../packages/national/index.ts';
import {
  AppError, actorOf, canActOn, enqueueJob, forbidden, newId, notFound, unprocessable, type Db, type Principal, type Queryable,
} from '../../packages/platform/index.ts';
import { paymentRepository as repo, type StoredRequest } from './payment.repository.ts';
import type { NewPaymentRequest, PaidEvent, PaymentEvent, PaymentEventSource, PaymentRequest } from './payment.types.ts';

/** The outbox queue that tells an owner its request was paid (see docs/decisions, "payment events"). */
export const PAID_QUEUE = 'payment.paid';
export const COLLECT_PERMISSION = 'payment.collect';

/** A module whose things can be paid for: it says who may see and pay them, and hears when they are paid. */
export interface PaymentOwner {
  /** May this principal see the request and pay it online (e.g. the dossier's applicant)? */
  canPay(principal: Principal, owner: string): Promise<boolean>;
  /** Runs from the job queue, once per paid request (retried until it succeeds): must be idempotent. */
  onPaid(event: PaidEvent): Promise<void>;
}

export interface PaymentServiceDeps {
  db: Db;
  platform: PaymentPlatformClient;
  agencies: { getAgency(id: string): Promise<{ id: string; code: string }>; agencyAncestors(id: string): Promise<string[]> };
  publicUrl: string;
  notificationToleranceSeconds: number;
  now: () => Date;
}

const OWNER = /^[a-z][a-z0-9_-]{0,31}:[a-z][a-z0-9_-]{0,31}:[A-Za-z0-9._-]{1,64}$/;
const ORDER = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-\d{1,4}$/;
const publicView = ({ attempts: _a, providerPaymentId: _p, ...request }: StoredRequest): PaymentRequest => request;

export type ResultOutcome = 'paid' | 'already_paid' | 'cancelled' | 'duplicate';

export function createPaymentService(deps: PaymentServiceDeps) {
  const { db } = deps;
  const owners = new Map<string, PaymentOwner>();
  const ownerOf = (owner: string): PaymentOwner => {
    const registered = owners.get(owner.split(':')[0]!);
    if (!registered) throw new Error(`no payment owner registered for ${owner}`);
    return registered;
  };

  async function load(id: string): Promise<StoredRequest> {
    const request = await repo.get(db, id);
    if (!request) throw notFound('payment.not_found', 'Không tìm thấy yêu cầu thanh toán / Payment request not found');
    return request;
  }

  async function isCollector(principal: Principal, request: StoredRequest): Promise<boolean> {
    if (principal.kind === 'anonymous') return false;
    return canActOn(principal, COLLECT_PERMISSION, request.agencyId, await deps.agencies.agencyAncestors(request.agencyId));
  }

  async function authorize(principal: Principal, request: StoredRequest): Promise<void> {
    if (await isCollector(principal, request)) return;
    if (await ownerOf(request.owner).canPay(principal, request.owner)) return;
    throw forbidden('payment.forbidden', 'Bạn không có quyền với yêu cầu thanh toán này / Not allowed for this payment request');
  }

  /** pending → paid, the event and the owner's job in one transaction; repeated results change nothing. */
  async function settle(tx: Queryable, request: StoredRequest, paid: { method: 'online' | 'counter' | 'transfer'; paidAt: Date; transactionNo?: string; receiptNo: string; collectedBy?: string }, event: { source: PaymentEventSource; data: unknown; actor?: string; notificationId?: string }): Promise<ResultOutcome> {
    if (!(await repo.markPaid(tx, request.id, paid))) {
      const again = await repo.get(tx, request.id);
      const kind = again?.providerTransactionNo === paid.transactionNo ? 'result_repeated' : 'second_payment';
      await repo.appendEvent(tx, { requestId: request.id, kind, source: event.source, data: event.data, actor: event.actor ?? null, notificationId: event.notificationId ?? null });
      return 'already_paid';
    }
    await repo.appendEvent(tx, { requestId: request.id, kind: 'paid', source: event.source, data: event.data, actor: event.actor ?? null, notificationId: event.notificationId ?? null });
    const job: PaidEvent = { requestId: request.id, owner: request.owner, purpose: request.purpose, amount: request.amount, method: paid.method, paidAt: paid.paidAt.toISOString() };
    await enqueueJob(tx, { queue: PAID_QUEUE, payload: job, dedupeKey: `${PAID_QUEUE}:${request.id}` });
    return 'paid';
  }

  /** A signed result (return after a platform query, or a notification) applied to its request. */
  async function applyResult(result: PaymentResult, source: 'return' | 'notification', notificationId?: string): Promise<{ request: PaymentRequest; outcome: ResultOutcome }> {
    const requestId = ORDER.exec(result.orderId)?.[1];
    return db.transaction(async (tx) => {
      const request = requestId ? await repo.get(tx, requestId, true) : undefined;
      if (!request) throw unprocessable('payment.unknown_order', 'Giao dịch không thuộc yêu cầu thanh toán nào / The order is not a Sen payment request', { orderId: result.orderId });
      if (result.amount !== request.amount) {
        throw unprocessable('payment.amount_mismatch', 'Số tiền không khớp với số tiền phải nộp / The amount differs from the amount requested', {
          requested: request.amount, received: result.amount,
        });
      }
      const data = { paymentId: result.paymentId, orderId: result.orderId, transactionNo: result.transactionNo, bankCode: result.bankCode, amount: result.amount, status: result.status, paidAt: result.paidAt };
      if (notificationId && !(await repo.appendEvent(tx, { requestId: request.id, kind: 'notification_received', source, data, notificationId }))) {
        return { request: publicView(request), outcome: 'duplicate' as const };
      }
      if (result.status === 'cancelled') {
        await repo.appendEvent(tx, { requestId: request.id, kind: 'online_cancelled', source, data });
        return { request: publicView((await repo.get(tx, request.id))!), outcome: 'cancelled' as const };
      }
      const outcome = await settle(tx, request, { method: 'online', paidAt: new Date(result.paidAt), transactionNo: result.transactionNo, receiptNo: result.transactionNo }, { source, data });
      return { request: publicView((await repo.get(tx, request.id))!), outcome };
    });
  }

  return {
    registerOwner(module: string, owner: PaymentOwner): void {
      owners.set(module, owner);
    },

    /** Creates the request, or returns the one the owner already has for this purpose (retries are safe). */
    async create(input: NewPaymentRequest): Promise<PaymentRequest> {
      if (!OWNER.test(input.owner)) throw unprocessable('payment.invalid_owner', 'Owner must be <module>:<kind>:<id>', { owner: input.owner });
      ownerOf(input.owner);
      const amount = input.lines.reduce((sum, line) => sum + line.amount, 0);
      if (input.lines.length === 0 || input.lines.some((line) => !Number.isSafeInteger(line.amount) || line.amount <= 0) || amount <= 0) {
        throw unprocessable('payment.invalid_lines', 'Each line needs a positive whole amount in VND', { lines: input.lines.length });
      }
      const agency = await deps.agencies.getAgency(input.agencyId);
      return db.transaction(async (tx) => {
        const id = newId();
        const created = await repo.insert(tx, {
          id, owner: input.owner, purpose: input.purpose, agencyId: agency.id, agencyCode: agency.code, payerName: input.payerName,
          description: input.description, amount, lines: input.lines,
        });
        if (created) {
          await repo.appendEvent(tx, { requestId: id, kind: 'created', source: 'system', data: { amount, lines: input.lines } });
          return publicView(created);
        }
        const [existing] = await repo.byOwner(tx, input.owner, input.purpose);
        return publicView(existing!);
      });
    },

    async forOwner(owner: string): Promise<PaymentRequest[]> {
      return (await repo.byOwner(db, owner)).map(publicView);
    },

    async get(principal: Principal, id: string): Promise<PaymentRequest & { events: PaymentEvent[] }> {
      const request = await load(id);
      await authorize(principal, request);
      return { ...publicView(request), events: await repo.events(db, id) };
    },

    /** Opens a payment on the national platform and answers the page to send the payer to. */
    async startOnline(principal: Principal, id: string): Promise<{ paymentUrl: string; orderId: string }> {
      const request = await load(id);
      await authorize(principal, request);
      if (request.status !== 'pending') throw new AppError(409, 'payment.not_pending', 'Yêu cầu này không còn chờ thanh toán / The request is not awaiting payment', { status: request.status });
      const attempt = await repo.nextAttempt(db, id);
      if (attempt === undefined) throw new AppError(409, 'payment.not_pending', 'Yêu cầu này không còn chờ thanh toán / The request is not awaiting payment');
      const orderId = `${id}-${attempt}`;
      const payment = await deps.platform.createPayment({
        orderId, amount: request.amount, agencyCode: request.agencyCode, description: request.description.slice(0, 255), payerName: request.payerName.slice(0, 255),
        feeLines: request.lines.map((l) => ({ code: l.code, name: l.name.slice(0, 255), amount: l.amount, kind: l.kind })),
        returnUrl: `${deps.publicUrl}/payments/return`, notifyUrl: `${deps.publicUrl}/api/payment/notifications`,
      });
      await db.transaction(async (tx) => {
        await repo.setProviderPayment(tx, id, payment.paymentId);
        await repo.appendEvent(tx, { requestId: id, kind: 'online_started', source: 'system', data: { orderId, paymentId: payment.paymentId }, actor: actorOf(principal) });
      });
      return { paymentUrl: payment.paymentUrl, orderId };
    },

    /**
     * The browser came back from the payment page. The redirect's signature is checked, then the
     * platform is asked: only what the platform answers is recorded.
     */
    async confirmReturn(params: Record<string, unknown>): Promise<{ request: PaymentRequest; outcome: ResultOutcome }> {
      const claimed = deps.platform.verifyReturn(params);
      if (!claimed) throw new AppError(400, 'payment.bad_signature', 'Chữ ký kết quả thanh toán không hợp lệ / Invalid payment result signature');
      const payment = await deps.platform.getPayment(claimed.paymentId);
      const transaction = payment?.transaction;
      if (!payment || !transaction || payment.orderId !== claimed.orderId || transaction.transactionNo !== claimed.transactionNo) {
        throw unprocessable('payment.unconfirmed', 'Nền tảng thanh toán không xác nhận kết quả này / The platform does not confirm this result');
      }
      return applyResult({
        paymentId: payment.paymentId, orderId: payment.orderId, amount: payment.amount, status: transaction.status,
        transactionNo: transaction.transactionNo, bankCode: transaction.bankCode, paidAt: transaction.paidAt,
      }, 'return');
    },

    /** A server-to-server notification: signature over the raw body, then its age, then the amount. */
    async receiveNotification(rawBody: Buffer, signature: string | undefined, notificationId: string | undefined): Promise<{ outcome: ResultOutcome }> {
      const notification: PaymentNotification | undefined = deps.platform.verifyNotification(rawBody, signature);
      if (!notification) throw new AppError(401, 'payment.bad_signature', 'Chữ ký thông báo thanh toán không hợp lệ / Invalid notification signature');
      const age = Math.abs(deps.now().getTime() - Date.parse(notification.notifiedAt));
      if (!(age <= deps.notificationToleranceSeconds * 1000)) {
        throw new AppError(401, 'payment.stale_notification', 'Thông báo thanh toán đã quá hạn (phát lại?) / The notification is too old (replayed?)');
      }
      const id = notificationId && /^[A-Za-z0-9-]{8,64}$/.test(notificationId) ? notificationId : `${notification.paymentId}:${notification.status}`;
      const { outcome } = await applyResult(notification, 'notification', id);
      return { outcome };
    },

    /** An official took the money at the desk and wrote a receipt (biên lai) number. */
    async recordCounter(principal: Principal, id: string, input: { receiptNo: string; method: 'counter' | 'transfer' }): Promise<PaymentRequest> {
      const request = await load(id);
      if (!(await isCollector(principal, request))) throw forbidden('payment.forbidden', 'Cần quyền thu phí tại cơ quan này / Collecting fees at this agency is not allowed');
      return db.transaction(async (tx) => {
        const locked = (await repo.get(tx, id, true))!;
        if (locked.status !== 'pending') throw new AppError(409, 'payment.not_pending', 'Yêu cầu này không còn chờ thanh toán / The request is not awaiting payment', { status: locked.status });
        await settle(tx, locked, { method: input.method, paidAt: deps.now(), receiptNo: input.receiptNo, collectedBy: actorOf(principal) }, {
          source: 'counter', data: { receiptNo: input.receiptNo, method: input.method }, actor: actorOf(principal),
        });
        return publicView((await repo.get(tx, id))!);
      });
    },

    /** The job handler of PAID_QUEUE: hands the event to its owner. */
    async deliverPaid(event: PaidEvent): Promise<void> {
      await ownerOf(event.owner).onPaid(event);
    },
  };
}

export type PaymentService = ReturnType<typeof createPaymentService>;
