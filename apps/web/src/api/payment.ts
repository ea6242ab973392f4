// Payment module API (modules/payment) and a dossier's fees (GET /api/tthc/dossiers/:id/fees).
// Written by hand after modules/payment/payment.schemas.ts and modules/tthc/fees/fee.schemas.ts
// until the generated schema (openapi.json) includes them.
import { api, rawRequest } from './client.ts';

export interface PaymentLine {
  code: string;
  name: string;
  amount: number;
  kind: 'fee' | 'charge';
}

export interface PaymentRequest {
  id: string;
  purpose: string;
  amount: number;
  lines: PaymentLine[];
  status: 'pending' | 'paid' | 'cancelled' | 'expired' | 'failed';
  method: 'online' | 'counter' | 'transfer' | null;
  receiptNo: string | null;
  paidAt: string | null;
}

export interface DossierFees {
  schedule: { stage: 'intake' | 'processing' | 'return'; stopsClock: boolean; sourceDocument: string; verified: boolean; validFrom: string; lines: PaymentLine[] } | null;
  requests: PaymentRequest[];
}

export interface Mismatch {
  kind: 'unknown_transaction' | 'amount_differs' | 'status_differs' | 'missing_in_platform';
  transactionNo: string | null;
  orderId: string | null;
  requestId: string | null;
  platformAmount: number | null;
  senAmount: number | null;
  platformStatus: string | null;
  senStatus: string | null;
}

export interface ReconciliationReport {
  id: string;
  date: string;
  merchantCode: string;
  platformCount: number;
  platformTotal: number;
  senCount: number;
  senTotal: number;
  matched: number;
  mismatches: Mismatch[];
  createdBy: string;
  createdAt: string;
}

export type ReturnOutcome = 'paid' | 'already_paid' | 'cancelled' | 'duplicate';

export interface OfferingFeeSchedule {
  schedule: (NonNullable<DossierFees['schedule']> & { validTo: string | null; lines: (PaymentLine & { when?: { field: string; in: (string | number | boolean)[] } })[] }) | null;
}

export const paymentApi = {
  offeringFees: (offeringId: string) => api.get<OfferingFeeSchedule>(`/api/tthc/offerings/${offeringId}/fees`),
  dossierFees: (dossierId: string) => api.get<DossierFees>(`/api/tthc/dossiers/${dossierId}/fees`),
  startOnline: (requestId: string) => api.post<{ paymentUrl: string; orderId: string }>(`/api/payment/requests/${requestId}/online`),
  recordCounter: (requestId: string, receiptNo: string) => api.post<PaymentRequest>(`/api/payment/requests/${requestId}/counter`, { receiptNo, method: 'counter' }),
  confirmReturn: (params: Record<string, string>) => api.post<{ outcome: ReturnOutcome; request: PaymentRequest & { owner: string } }>('/api/payment/returns', params),
  receipt: (requestId: string) => rawRequest('GET', `/api/payment/requests/${requestId}/receipt.pdf`),
  notice: (requestId: string) => rawRequest('GET', `/api/payment/requests/${requestId}/notice.pdf`),
  reconcile: (date: string) => api.post<ReconciliationReport>('/api/payment/reconciliations', { date }),
  reconciliations: (limit: number, offset: number) => api.get<{ items: ReconciliationReport[]; total: number }>('/api/payment/reconciliations', { limit, offset }),
};

/** The parameters the payment platform signs on the return URL (everything else is ignored). */
export const RETURN_PARAMS = ['paymentId', 'orderId', 'amount', 'status', 'transactionNo', 'bankCode', 'paidAt', 'signature'] as const;
