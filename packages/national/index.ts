// Adapters to national and external systems, over real HTTP or SMTP: infrastructure only,
// configured from the platform's config, knowing nothing of dossiers.
export { createMailer, type Mailer, type MailMessage } from './mail.ts';
export { SmsError, createSmsSender, type SmsOptions, type SmsSender } from './sms.ts';
export { DEFAULT_SIGNATURE_TOLERANCE_SECONDS, signTimestamped, verifyTimestamped } from './signature.ts';
export { DvcqgError, createDvcqgPortal, type DvcqgAcknowledgement, type DvcqgDossier, type DvcqgOptions, type DvcqgPortal } from './dvcqg.ts';
export {
  PaymentPlatformError, createPaymentPlatformClient, parseReconciliationFile, type PaymentNotification, type PaymentPlatformClient,
  type PaymentPlatformOptions, type PaymentResult, type PlatformFeeLine, type PlatformOrder, type PlatformPayment, type ReconciliationRow,
} from './payment.ts';
export {
  POSTAL_STATUSES, VnpostError, createVnpostClient, type PostalAddress, type PostalEvent, type PostalOrder, type PostalOrderKind, type PostalOrderRequest,
  type PostalParty, type PostalQuote, type PostalService, type PostalStatus, type VnpostClient, type VnpostOptions,
} from './vnpost.ts';
export { VapexError, createVapexExchange, type VapexApiInput, type VapexApiState, type VapexApproval, type VapexExchange, type VapexOptions, type VapexSubscription } from './vapex.ts';
