/**
 * The national online-payment platform's data: merchants (the agencies collecting fees),
 * payments with their fee lines, and the bank transaction that settles them.
 */

/** A merchant registered with the payment platform: an agency's payment channel. */
export interface PaymentMerchant {
  merchantCode: string;
  /** HMAC key of the API signatures, return-URL signatures, notifications and reconciliation files. */
  secret: string;
  name: string;
  /** Where payment results are posted when a payment names no notify URL of its own. */
  notifyUrl?: string;
}

export const DEFAULT_PAYMENT_MERCHANTS: readonly PaymentMerchant[] = [
  { merchantCode: 'DTP-H19', secret: 'sandbox-payment-secret-h19', name: 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp' },
];

/** Fees (phí) pay for a service; charges (lệ phí) are levied by the state for the act itself. */
export type FeeKind = 'fee' | 'charge';

export interface FeeLine {
  code: string;
  name: string;
  amount: number;
  kind: FeeKind;
}

export type PaymentStatus = 'pending' | 'succeeded' | 'cancelled' | 'expired';
export type PaymentOutcome = 'succeeded' | 'cancelled';

export interface PaymentTransaction {
  transactionNo: string;
  /** Empty when the payer cancelled before choosing a bank. */
  bankCode: string;
  paidAt: string;
  status: PaymentOutcome;
}

/** What a merchant asks for; the idempotency check compares this, defaults applied. */
export interface PaymentOrder {
  orderId: string;
  amount: number;
  feeLines: FeeLine[];
  agencyCode: string;
  description: string;
  returnUrl: string;
  notifyUrl: string | null;
  payerName: string | null;
  expiresInMinutes: number;
}

export interface Payment extends PaymentOrder {
  paymentId: string;
  merchantCode: string;
  status: PaymentStatus;
  createdAt: string;
  expiresAt: string;
  transaction: PaymentTransaction | null;
}

export const DEFAULT_EXPIRES_IN_MINUTES = 15;
export const MAX_EXPIRES_IN_MINUTES = 1440;
export const MAX_PAYMENT_AMOUNT = 10_000_000_000;

/** Banks offered on the payment page (codes as Vietnamese banks are commonly abbreviated). */
export const PAYMENT_BANKS: readonly { code: string; name: string }[] = [
  { code: 'VCB', name: 'Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank)' },
  { code: 'BIDV', name: 'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam (BIDV)' },
  { code: 'CTG', name: 'Ngân hàng TMCP Công Thương Việt Nam (VietinBank)' },
  { code: 'AGRIBANK', name: 'Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam (Agribank)' },
  { code: 'ACB', name: 'Ngân hàng TMCP Á Châu (ACB)' },
  { code: 'MB', name: 'Ngân hàng TMCP Quân đội (MB)' },
  { code: 'TCB', name: 'Ngân hàng TMCP Kỹ thương Việt Nam (Techcombank)' },
  { code: 'VPB', name: 'Ngân hàng TMCP Việt Nam Thịnh Vượng (VPBank)' },
];

export const isPaymentBank = (code: string): boolean => PAYMENT_BANKS.some((bank) => bank.code === code);

/** `1500000` → `1.500.000 ₫`, as Vietnamese receipts write amounts. */
export function formatVnd(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

// Việt Nam has kept UTC+7 without daylight saving since 1975: a fixed offset is exact.
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The date (YYYY-MM-DD) in Asia/Ho_Chi_Minh of an instant. */
export function vietnamDate(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** `dd/MM/yyyy HH:mm:ss` in Asia/Ho_Chi_Minh, for pages. */
export function formatVietnamTime(iso: string): string {
  const local = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 19)}`;
}
