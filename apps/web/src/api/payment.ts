// Payment module API (modules/payment) and a dossier's fees (GET /api/tthc/dossiers/:id/fees).
// Types come from the generated schema (openapi.json).
import { api, rawRequest } from './client.ts';
import type { Schema } from './schemas.ts';

export type PaymentLine = Schema<'PaymentLine'>;
export type PaymentRequest = Schema<'PaymentRequest'>;
export type PaymentStatus = Schema<'PaymentStatus'>;
export type DossierFees = Schema<'DossierFees'>;
/** A payment request as a dossier's fees list it (no owner or agency details). */
export type DossierPaymentRequest = DossierFees['requests'][number];
export type Mismatch = Schema<'ReconciliationMismatch'>;
export type ReconciliationReport = Schema<'ReconciliationReport'>;
export type ReturnOutcome = Schema<'PaymentReturnResult'>['outcome'];
export type OfferingFeeSchedule = Schema<'OfferingFeeSchedule'>;

export const paymentApi = {
  offeringFees: (offeringId: string) => api.get<OfferingFeeSchedule>(`/api/tthc/offerings/${offeringId}/fees`),
  dossierFees: (dossierId: string) => api.get<DossierFees>(`/api/tthc/dossiers/${dossierId}/fees`),
  startOnline: (requestId: string) => api.post<Schema<'OnlinePaymentStart'>>(`/api/payment/requests/${requestId}/online`),
  recordCounter: (requestId: string, receiptNo: string) => api.post<PaymentRequest>(`/api/payment/requests/${requestId}/counter`, { receiptNo, method: 'counter' }),
  confirmReturn: (params: Record<string, string>) => api.post<Schema<'PaymentReturnResult'>>('/api/payment/returns', params),
  receipt: (requestId: string) => rawRequest('GET', `/api/payment/requests/${requestId}/receipt.pdf`),
  notice: (requestId: string) => rawRequest('GET', `/api/payment/requests/${requestId}/notice.pdf`),
  reconcile: (date: string) => api.post<ReconciliationReport>('/api/payment/reconciliations', { date }),
  reconciliations: (limit: number, offset: number) => api.get<Schema<'ReconciliationReportPage'>>('/api/payment/reconciliations', { limit, offset }),
};

/** The parameters the payment platform signs on the return URL (everything else is ignored). */
export const RETURN_PARAMS = ['paymentId', 'orderId', 'amount', 'status', 'transactionNo', 'bankCode', 'paidAt', 'signature'] as const;
