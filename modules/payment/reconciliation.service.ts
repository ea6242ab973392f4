import type { PaymentPlatformClient, ReconciliationRow } from '../../packages/national/index.ts';
import { actorOf, forbidden, holdsPermission, newId, unprocessable, type Db, type Principal } from '../../packages/platform/index.ts';
import { paymentRepository as repo, type StoredRequest } from './payment.repository.ts';
import type { Mismatch, ReconciliationReport } from './payment.types.ts';

export const RECONCILE_QUEUE = 'payment.reconcile';
export const RECONCILE_PERMISSION = 'payment.reconcile';
/** The system principal of the daily reconciliation job. */
export const RECONCILE_CLIENT = 'payment-scheduler';

function requireReconciler(principal: Principal): void {
  if (principal.kind === 'system' && principal.clientId === RECONCILE_CLIENT) return;
  if (!holdsPermission(principal, RECONCILE_PERMISSION)) throw forbidden('payment.forbidden', 'Cần quyền đối soát thanh toán / Reconciling payments is not allowed');
}

const ORDER = /^([0-9a-f-]{36})-\d{1,4}$/;
// Việt Nam keeps UTC+7 without daylight saving: a local day is [date 00:00+07, next day 00:00+07).
const localDay = (date: string): { from: Date; to: Date } => {
  const from = new Date(`${date}T00:00:00+07:00`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
};

/**
 * Compares one platform row with Sen's record of the same payment. `known` is the request the
 * row's transaction or order points to.
 */
function compare(row: ReconciliationRow, known: StoredRequest | undefined): Mismatch | undefined {
  const base = {
    transactionNo: row.transactionNo, orderId: row.orderId, requestId: known?.id ?? null, platformAmount: row.amount,
    senAmount: known?.amount ?? null, platformStatus: row.status, senStatus: known?.status ?? null,
  };
  if (!known) return { kind: 'unknown_transaction', ...base };
  if (known.status !== 'paid' || known.providerTransactionNo !== row.transactionNo) return { kind: 'status_differs', ...base };
  if (known.amount !== row.amount) return { kind: 'amount_differs', ...base };
  return undefined;
}

/** The daily reconciliation: the platform's signed file of one local date against Sen's records. */
export function createReconciliationService(deps: { db: Db; platform: PaymentPlatformClient; now: () => Date }) {
  const { db } = deps;

  return {
    async reconcile(principal: Principal, date: string): Promise<ReconciliationReport> {
      requireReconciler(principal);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
        throw unprocessable('payment.invalid_date', 'Ngày không hợp lệ / Not a calendar date', { date });
      }
      const file = await deps.platform.reconciliation(date);
      const { from, to } = localDay(date);
      const paidThatDay = await repo.paidOnlineBetween(db, from, to);
      const seen = new Set<string>();
      const mismatches: Mismatch[] = [];
      let matched = 0;
      for (const row of file.rows) {
        seen.add(row.transactionNo);
        const requestId = ORDER.exec(row.orderId)?.[1];
        const known = (await repo.byTransactionNo(db, row.transactionNo)) ?? (requestId ? await repo.get(db, requestId) : undefined);
        const mismatch = compare(row, known);
        if (mismatch) mismatches.push(mismatch);
        else matched += 1;
      }
      for (const request of paidThatDay) {
        if (request.providerTransactionNo && seen.has(request.providerTransactionNo)) continue;
        mismatches.push({
          kind: 'missing_in_platform', transactionNo: request.providerTransactionNo, orderId: null, requestId: request.id, platformAmount: null,
          senAmount: request.amount, platformStatus: null, senStatus: request.status,
        });
      }
      const report: ReconciliationReport = {
        id: newId(), date, merchantCode: deps.platform.merchantCode, fileSha256: file.sha256, platformCount: file.total.count, platformTotal: file.total.amount,
        senCount: paidThatDay.length, senTotal: paidThatDay.reduce((sum, r) => sum + r.amount, 0), matched, mismatches,
        createdBy: actorOf(principal), createdAt: deps.now().toISOString(),
      };
      await repo.insertReport(db, { ...report, createdAt: new Date(report.createdAt) });
      return report;
    },

    list(principal: Principal, page: { limit: number; offset: number; date?: string | undefined }) {
      requireReconciler(principal);
      return repo.reports(db, page);
    },
  };
}

export type ReconciliationService = ReturnType<typeof createReconciliationService>;
