import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Small helpers every sandbox shares: the error shape, credential checks, signatures, tokens
 * and outbound calls (webhooks). The national systems differ in how they authenticate; the
 * sandboxes use these pieces to imitate each one without repeating the mechanics.
 */

/** The sandboxes' error shape, close to Sen's own: `{ code, message, details? }`. */
export const sandboxErrorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
} as const;

export function sandboxError(reply: FastifyReply, status: number, code: string, message: string, details?: unknown): FastifyReply {
  return reply.code(status).send(details === undefined ? { code, message } : { code, message, details });
}

/** Compares two secrets in constant time (different lengths are simply unequal). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function hmacSha256Hex(secret: string, data: string | Buffer): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header && /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : undefined;
}

/** Client id and secret of an `Authorization: Basic …` header, or undefined. */
export function basicCredentials(request: FastifyRequest): { id: string; secret: string } | undefined {
  const header = request.headers.authorization;
  const match = header && /^Basic\s+(\S+)$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/** A registered caller of a sandbox: an id and its shared secret (API key, client secret or HMAC key). */
export interface SandboxClient {
  id: string;
  secret: string;
}

export function findClient(clients: readonly SandboxClient[], id: string | undefined, secret: string | undefined): SandboxClient | undefined {
  if (!id || !secret) return undefined;
  const client = clients.find((c) => c.id === id);
  return client && safeEqual(client.secret, secret) ? client : undefined;
}

/**
 * Opaque bearer tokens for sandboxes that use OAuth 2.0 client credentials (DVCQG, VNPost):
 * issued against a registered client, held in memory, expiring.
 */
export class TokenIssuer {
  readonly #tokens = new Map<string, { clientId: string; expiresAt: number }>();
  readonly #ttlSeconds: number;

  constructor(ttlSeconds = 3600) {
    this.#ttlSeconds = ttlSeconds;
  }

  issue(clientId: string): { access_token: string; token_type: 'Bearer'; expires_in: number } {
    // Expired tokens are swept now and then so a long-running sandbox does not grow for ever.
    if (this.#tokens.size >= 1000) {
      const now = Date.now();
      for (const [token, entry] of this.#tokens) if (entry.expiresAt <= now) this.#tokens.delete(token);
    }
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, { clientId, expiresAt: Date.now() + this.#ttlSeconds * 1000 });
    return { access_token: token, token_type: 'Bearer', expires_in: this.#ttlSeconds };
  }

  /** The client id the token was issued to, or undefined when unknown or expired. */
  verify(token: string | undefined): string | undefined {
    if (!token) return undefined;
    const entry = this.#tokens.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#tokens.delete(token);
      return undefined;
    }
    return entry.clientId;
  }
}

/** One attempt of an outbound call, kept so that testers can see what a sandbox sent. */
export interface DeliveryAttempt {
  id: string;
  url: string;
  at: string;
  status: number | null;
  error?: string;
}

/**
 * Posts JSON to a receiver (Sen's webhook) with a timeout. Never throws: the outcome is
 * returned, so callers can record it and retry on their own schedule.
 */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<DeliveryAttempt> {
  const at = new Date().toISOString();
  const id = randomUUID();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    await response.arrayBuffer();
    return { id, url, at, status: response.status };
  } catch (error) {
    return { id, url, at, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}
