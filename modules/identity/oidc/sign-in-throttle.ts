import { clearHits, countHit, hitsInWindow, takeRateLimit, type Db } from '../../../packages/platform/index.ts';

/**
 * Password sign-in throttling, by account and by address together (counters in PostgreSQL, so
 * every replica shares them):
 * - an account (the username as typed, so unknown names behave like real ones) answers each
 *   refusal after a growing delay, and the account service locks it after five failures;
 * - an address has a high ceiling on attempts, so a whole office behind one NAT address signs in
 *   at nine o'clock, and a much lower one on failures, so password spraying across many
 *   accounts from one address is stopped once that address has failed often.
 */
export interface SignInLimits {
  /** Attempts per address per minute, successful or not. */
  attemptsPerAddressPerMinute: number;
  /** Failed attempts per address in FAILURE_WINDOW_SECONDS. */
  failuresPerAddress: number;
}

export const FAILURE_WINDOW_SECONDS = 15 * 60;
const MAX_DELAY_MS = 8_000;

/** The delay before answering the n-th recent failure of one account: none for a first slip, then 0.5 s, 1 s, 2 s… up to 8 s. */
export function refusalDelayMs(failures: number): number {
  return failures < 2 ? 0 : Math.min(500 * 2 ** (failures - 2), MAX_DELAY_MS);
}

const accountKey = (username: string) => `sign-in:account:${username.trim().toLowerCase().slice(0, 64)}`;

export function createSignInThrottle(db: Db, limits: SignInLimits) {
  return {
    /** Before any password is checked: false when the address has used up either ceiling. */
    async admit(address: string): Promise<boolean> {
      if ((await hitsInWindow(db, `sign-in:failed:${address}`, FAILURE_WINDOW_SECONDS)) >= limits.failuresPerAddress) return false;
      return takeRateLimit(db, `sign-in:address:${address}`, limits.attemptsPerAddressPerMinute, 60);
    },
    /** After a refused attempt: counts it against the address and the account; returns how long to hold the answer back. */
    async refused(address: string, username: string): Promise<number> {
      await countHit(db, `sign-in:failed:${address}`, FAILURE_WINDOW_SECONDS);
      return refusalDelayMs(await countHit(db, accountKey(username), FAILURE_WINDOW_SECONDS));
    },
    /** After a right password: the account's next slip is answered at once again (the address keeps its count). */
    async accepted(username: string): Promise<void> {
      await clearHits(db, accountKey(username));
    },
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
