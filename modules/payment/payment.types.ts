import type { MismatchRow, PaymentLineRow } from './db/schema.ts';

export type PaymentLine = PaymentLineRow;
export type Mismatch = MismatchRow;
export type PaymentStatus = NonNullable<MismatchRow['senStatus']>;
export type PaymentMethod = 'online' | 'counter' | 'transfer';

export interface PaymentRequest {
  id: string;
  owner: string;
  purpose: string;
  agencyId: string;
  agencyCode: string;
  payerName: string;
  description: string;
  amount: number;
  lines: PaymentLine[];
  status: PaymentStatus;
  method: PaymentMethod | null;
  providerTransactionNo: string | null;
  receiptNo: string | null;
  paidAt: string | null;
  createdAt: string;
}

export interface NewPaymentRequest {
  /** `<module>:<kind>:<id>`, e.g. `tthc:dossier:<uuid>`; the module must have registered as an owner. */
  owner: string;
  purpose: string;
  agencyId: string;
  payerName: string;
  description: string;
  lines: PaymentLine[];
}

/** Where an event came from (`payment.events.source`). */
export type PaymentEventSource = 'return' | 'notification' | 'query' | 'counter' | 'system';

export interface PaymentEvent {
  id: number;
  kind: string;
  source: PaymentEventSource;
  data: unknown;
  actor: string | null;
  at: string;
}

/** Handed to the owner when a request becomes paid (through the job queue, in the owner's own transaction). */
export interface PaidEvent {
  requestId: string;
  owner: string;
  purpose: string;
  amount: number;
  method: PaymentMethod;
  paidAt: string;
}

export interface ReconciliationReport {
  id: string;
  date: string;
  merchantCode: string;
  fileSha256: string;
  platformCount: number;
  platformTotal: number;
  senCount: number;
  senTotal: number;
  matched: number;
  mismatches: Mismatch[];
  createdBy: string;
  createdAt: string;
}
