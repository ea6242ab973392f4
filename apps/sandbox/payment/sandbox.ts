import type { FastifyInstance } from 'fastify';
import type { Sandbox, SandboxFactory } from '../sandbox.ts';
import { registerPaymentAdmin } from './admin.ts';
import { registerPaymentApi } from './api.ts';
import { DEFAULT_PAYMENT_MERCHANTS, type PaymentMerchant } from './model.ts';
import { DEFAULT_DUPLICATE_DELAY_MS, DEFAULT_DUPLICATE_RATE, DEFAULT_RETRY_DELAYS_MS } from './notifier.ts';
import { registerPaymentPages } from './page-routes.ts';
import { PaymentPlatform } from './platform.ts';
import { MERCHANT_SCHEMES } from '../openapi.ts';

export { DEFAULT_PAYMENT_MERCHANTS, PAYMENT_BANKS, formatVnd, type FeeLine, type Payment, type PaymentMerchant, type PaymentStatus, type PaymentTransaction } from './model.ts';
export { DEFAULT_DUPLICATE_RATE, DEFAULT_RETRY_DELAYS_MS, type PaymentNotification } from './notifier.ts';
export {
  PAYMENT_RETURN_PARAMS, PAYMENT_TIMESTAMP_TOLERANCE_MS, canonicalPaymentRequest, paymentRequestHeaders, signPaymentContent, signPaymentRequest,
  signPaymentReturn, verifyPaymentNotification, verifyPaymentReturn, verifyReconciliationFile, type PaymentRequestToSign, type PaymentReturnParams,
} from './signing.ts';

export interface PaymentOptions {
  /** Registered merchants; default `DEFAULT_PAYMENT_MERCHANTS`. */
  merchants?: readonly PaymentMerchant[];
  /** Waits before each retry of a failed notification; default [2000, 10000, 60000]. */
  retryDelaysMs?: readonly number[];
  /** Share (0–1) of notifications delivered twice; default 0.1. Also `PUT /payment/_admin/settings`. */
  duplicateRate?: number;
  /** Wait between a delivered notification and its duplicate; default 1000 ms. */
  duplicateDelayMs?: number;
  /** The platform clock (unix ms), for tests that need to move time (expiry, timestamps); default `Date.now`. */
  now?: () => number;
}

/**
 * Sandbox of the national online-payment platform (Nền tảng thanh toán trực tuyến quốc gia)
 * through which the National Public Service Portal collects fees and charges.
 */
export function paymentSandbox(options: PaymentOptions = {}): SandboxFactory {
  return (context): Sandbox => {
    const platform = new PaymentPlatform({
      merchants: options.merchants ?? DEFAULT_PAYMENT_MERCHANTS,
      retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      duplicateRate: options.duplicateRate ?? DEFAULT_DUPLICATE_RATE,
      duplicateDelayMs: options.duplicateDelayMs ?? DEFAULT_DUPLICATE_DELAY_MS,
      now: options.now ?? Date.now,
      seed: context.seed,
      log: context.log,
    });
    return {
      name: 'payment',
      title: 'Nền tảng thanh toán trực tuyến quốc gia',
      titleEn: 'National online-payment platform (fees and charges of public services)',
      description: 'Tạo giao dịch thanh toán phí, lệ phí; trang thanh toán; chuyển hướng và thông báo kết quả có chữ ký; tra cứu; tệp đối soát hằng ngày.',
      securitySchemes: MERCHANT_SCHEMES,
      links: [{ label: 'Trang kiểm thử / Tester page', path: '/' }],

      async register(app: FastifyInstance): Promise<void> {
        await app.register(async (api) => registerPaymentApi(api, platform));
        await app.register(async (pages) => registerPaymentPages(pages, platform));
        registerPaymentAdmin(app, platform);
      },

      async start(baseUrl: string): Promise<void> {
        platform.baseUrl = baseUrl;
      },

      async stop(): Promise<void> {
        platform.notifier.stop();
      },
    };
  };
}
