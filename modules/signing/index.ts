/**
 * modules/signing — digital signatures of results (PAdES B-T with a visible stamp), their
 * verification for everyone, and the results registry. This file is the module's only door.
 */
export { signPdf, localSigner, tsaClient } from './sign-pdf.ts';
export type { DocumentSigner, TimeStamper } from './cms.ts';
export { verifyPdf, type SignatureCheck, type VerificationReport, type VerifyOptions } from './verify-pdf.ts';
export type { RevocationCheck } from './ocsp.ts';
export { UnsupportedPdfError } from './pdf/pdf-file.ts';
export { MalformedPdfError } from './pdf/pdf-values.ts';
export { stampLines, type StampText } from './pdf/stamp.ts';
export type { PlaceholderOptions as SignOptions } from './pdf/signature-field.ts';
