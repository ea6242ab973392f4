import { AppError, VIETNAM_OFFSET_MS, type BlobStore, type Principal } from '../../packages/platform/index.ts';
import type { AgencyIdentity, AgencyKeys } from './agency-keys.ts';
import type { TimeStamper } from './cms.ts';
import type { ResultRegistry, ResultView } from './registry.service.ts';
import { signPdf } from './sign-pdf.ts';
import { verifyPdf, type VerificationReport } from './verify-pdf.ts';
import { MalformedPdfError } from './pdf/pdf-values.ts';
import { UnsupportedPdfError } from './pdf/pdf-file.ts';

/** Signing results for agencies, and verification for everyone. */
export interface SignRequest {
  pdf: Buffer;
  agency: AgencyIdentity;
  /** The official who approves and signs (shown on the stamp). */
  signerName: string;
  reason: string;
  /** The registry code the result will have (`registry.newCode()`): printed on the stamp with a QR to verify it. */
  resultCode?: string | undefined;
}

export interface SignedFile {
  bytes: Buffer;
  sha256: string;
  certificateSerial: string;
}

export interface Verification {
  result: ResultView | null;
  report: VerificationReport;
}

export interface SigningService {
  /** Signs a PDF with the agency's key (enrolled at the CA on first use); the signed file is stored as a blob. */
  signForAgency(request: SignRequest): Promise<SignedFile>;
  /** Verifies any uploaded PDF and finds it in the registry when it is a registered result. */
  verifyFile(principal: Principal, bytes: Buffer): Promise<Verification>;
  /** Verifies the registered file of a result, by its code. */
  verifyRegistered(principal: Principal, code: string): Promise<Verification>;
}

/** Trusted roots are fetched from the configured URL and kept for a few minutes. */
export function trustedRootsFrom(url: string, ttlMs = 5 * 60_000): () => Promise<Uint8Array[]> {
  let cached: { at: number; roots: Uint8Array[] } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.roots;
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (!response?.ok) throw new AppError(503, 'signing.trust_unavailable', 'Không tải được chứng thư gốc / The trusted root certificate could not be loaded');
    let body = Buffer.from(await response.arrayBuffer());
    const pem = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(body.toString('latin1'));
    if (pem) body = Buffer.from(pem[1]!.replace(/\s/g, ''), 'base64');
    cached = { at: Date.now(), roots: [new Uint8Array(body)] };
    return cached.roots;
  };
}

export interface SigningDeps {
  keys: AgencyKeys;
  registry: ResultRegistry;
  blobs: BlobStore;
  timeStamp: TimeStamper;
  trustedRoots: () => Promise<Uint8Array[]>;
  now: () => Date;
  /** The public address that verifies a result by its code (the stamp's QR). */
  verificationUrl: (code: string) => string;
}

/** `14:05:09 06/12/2026` in Vietnam time, as the stamp shows it. */
export function stampTime(at: Date): string {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(11, 19)} ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}

export function createSigningService(deps: SigningDeps): SigningService {
  const timeStamp: TimeStamper = (data) => deps.timeStamp(data).catch(() => {
    throw new AppError(502, 'signing.tsa_unavailable', 'Không lấy được dấu thời gian / The time-stamping authority did not answer');
  });
  const verify = async (bytes: Buffer) => verifyPdf(bytes, { trustedRoots: deps.trustedRoots, now: deps.now() });
  return {
    async signForAgency(request) {
      const { signer, serialNumber } = await deps.keys.signerFor(request.agency);
      const at = deps.now();
      let bytes: Buffer;
      try {
        bytes = await signPdf(request.pdf, signer, timeStamp, {
          stamp: {
            signer: request.signerName, agency: request.agency.name, time: stampTime(at),
            result: request.resultCode ? { code: request.resultCode, verificationUrl: deps.verificationUrl(request.resultCode) } : undefined,
          },
          signerName: request.signerName, reason: request.reason, location: 'Đồng Tháp', signingTime: at,
        });
      } catch (error) {
        if (error instanceof UnsupportedPdfError || error instanceof MalformedPdfError) {
          throw new AppError(422, 'signing.unsupported_pdf', `Tệp PDF kết quả không ký được / The result PDF cannot be signed (${error.message})`);
        }
        throw error;
      }
      const stored = await deps.blobs.put(bytes);
      return { bytes, sha256: stored.sha256, certificateSerial: serialNumber };
    },

    async verifyFile(principal, bytes) {
      const report = await verify(bytes);
      return { report, result: (await deps.registry.bySha256(principal, report.sha256)) ?? null };
    },

    async verifyRegistered(principal, code) {
      const { result, bytes } = await deps.registry.forVerification(principal, code);
      return { result, report: await verify(bytes) };
    },
  };
}
