import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt at OWASP's current parameters (N=2^17, r=8, p=1: 128 MiB, ~0.3 s on one core). The
// parameters are stored with each hash, so a hash made at an older cost still verifies and is
// re-made at this cost when its owner next signs in (see needsRehash).
const PARAMS = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
// Highest cost a stored hash may ask for: a corrupted or hostile row cannot make a verification
// allocate gigabytes.
const MAX_N = 2 ** 20;

/** scrypt needs 128·N·r bytes; Node refuses anything above maxmem (32 MiB by default). */
const memoryFor = (N: number, r: number) => 128 * N * r + 16 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions & { N: number; r: number }): Promise<Buffer> {
  const withMemory = { ...options, maxmem: memoryFor(options.N, options.r) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, withMemory, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

interface StoredHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): StoredHash | undefined {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Object.values(params).every((v) => Number.isInteger(v) && v > 0) || params.N > MAX_N || params.r > 32 || params.p > 16) return undefined;
  return { ...params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parse(stored);
  if (!hash) return false;
  const actual = await derive(password, hash.salt, { N: hash.N, r: hash.r, p: hash.p });
  return actual.length === hash.key.length && timingSafeEqual(actual, hash.key);
}

/** True when the stored hash was made at a lower cost than today's: re-hash it at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const hash = parse(stored);
  return !hash || hash.N < PARAMS.N || hash.r < PARAMS.r || hash.p < PARAMS.p;
}

/**
 * A well-formed hash at today's cost that no password matches: checking an unknown username
 * against it costs the same as a real check, so timing does not reveal which usernames exist.
 */
export const DECOY_HASH = ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, 'A'.repeat(22), 'A'.repeat(43)].join('$');

/** At least 10 characters with a letter and a digit: long enough, simple to explain at a desk. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'Mật khẩu phải có ít nhất 10 ký tự / at least 10 characters';
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'Mật khẩu phải có chữ và số / must contain letters and digits';
  return undefined;
}
