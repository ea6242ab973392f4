import { AppError, takeRateLimit, type Db } from '../../../packages/platform/index.ts';

/**
 * Guessing look-up secrets is slow: 20 tries per address per minute, counted together for the
 * API (/api/tthc/lookup) and the server-rendered look-up page (/tra-cuu).
 */
export async function takeLookupAttempt(db: Db, ip: string): Promise<void> {
  if (!(await takeRateLimit(db, `lookup:${ip}`, 20, 60))) throw new AppError(429, 'dossier.lookup_rate_limited', 'Tra cứu quá nhiều lần, thử lại sau ít phút / Too many look-ups, try again later');
}
