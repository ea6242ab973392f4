import { untrackedOutbound, type OutboundCalls } from '../platform/index.ts';

/**
 * The national public-service portal (DVCQG), province → portal: OAuth 2.0 client-credentials
 * tokens (cached until shortly before they expire) and the dossier synchronisation. Every call
 * is recorded as `system="dvcqg"`. Failures throw a `DvcqgError` that says whether trying again
 * later can help (portal slow or down) or not (the portal refuses what was sent).
 */
export interface DvcqgOptions {
  /** Base of the portal's adapter, e.g. `https://…/dvcqg` (the sandbox: `http://localhost:8081/dvcqg`). */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  outbound?: OutboundCalls;
}

/** A dossier as the portal's synchronisation takes it (field map: docs/dvcqg-sync.md). */
export interface DvcqgDossier {
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
  applicant: { type: 'citizen' | 'enterprise'; name: string; personalIdMasked?: string; enterpriseCode?: string };
  channel: 'online' | 'counter' | 'post' | 'dvcqg';
  submittedAt: string;
  receivedAt?: string;
  dueAt?: string;
  completedAt?: string;
  status: number;
  statusAt?: string;
  results?: { name: string; url: string }[];
  note?: string;
}

export interface DvcqgAcknowledgement {
  dossierCode: string;
  /** The portal's current status of the dossier after this call. */
  status: number;
  historyLength: number;
  /** False when the portal already held this status at this time (a repeat). */
  historyEntryAdded: boolean;
}

export class DvcqgError extends Error {
  readonly status: number | undefined;
  readonly code: string;
  /** True when the same request may succeed later (timeouts, 5xx, 429). */
  readonly retryable: boolean;
  constructor(status: number | undefined, code: string, message: string) {
    super(message);
    this.name = 'DvcqgError';
    this.status = status;
    this.code = code;
    this.retryable = status === undefined || status >= 500 || status === 429 || status === 408;
  }
}

export interface DvcqgPortal {
  /** Creates or replaces the portal's copy of a dossier; the status it carries joins the portal's history once. */
  syncDossier(dossierCode: string, dossier: DvcqgDossier): Promise<DvcqgAcknowledgement>;
}

/** Seconds before a token's end at which a fresh one is fetched. */
const TOKEN_MARGIN_SECONDS = 30;

export function createDvcqgPortal(options: DvcqgOptions): DvcqgPortal {
  const base = options.apiUrl.replace(/\/+$/, '');
  const fetch = (options.outbound ?? untrackedOutbound).fetch('dvcqg');
  const timeout = options.timeoutMs ?? 15_000;
  let token: { value: string; until: number } | undefined;
  let pending: Promise<string> | undefined;

  async function call(url: string, init: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeout), redirect: 'error' });
    } catch (error) {
      const e = error as { name?: string; cause?: { code?: string } };
      throw new DvcqgError(undefined, 'dvcqg.unreachable', `DVCQG unreachable: ${e.cause?.code ?? e.name ?? 'error'}`);
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: response.status, body };
  }

  async function fetchToken(): Promise<string> {
    const { status, body } = await call(`${base}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    if (status !== 200 || typeof body.access_token !== 'string') {
      throw new DvcqgError(status, String(body.code ?? 'dvcqg.token_refused'), `DVCQG token refused (${status})`);
    }
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 300;
    token = { value: body.access_token, until: Date.now() + Math.max(0, seconds - TOKEN_MARGIN_SECONDS) * 1000 };
    return token.value;
  }

  /** One token request at a time, shared by concurrent callers. */
  function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return Promise.resolve(token.value);
    pending ??= fetchToken().finally(() => { pending = undefined; });
    return pending;
  }

  async function authorised(url: string, init: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
    const send = async () => call(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${await accessToken()}` } });
    const first = await send();
    if (first.status !== 401) return first;
    token = undefined; // revoked or expired early: one fresh token, one more try
    return send();
  }

  return {
    async syncDossier(dossierCode, dossier) {
      const { status, body } = await authorised(`${base}/api/v1/dossiers/${encodeURIComponent(dossierCode)}`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(dossier),
      });
      if (status !== 200 && status !== 201) {
        const code = typeof body.code === 'string' ? body.code : `dvcqg.http_${status}`;
        const details = body.details === undefined ? '' : ` ${JSON.stringify(body.details).slice(0, 500)}`;
        throw new DvcqgError(status, code, `DVCQG refused dossier ${dossierCode}: ${status} ${code}${details}`);
      }
      return {
        dossierCode, status: Number(body.status), historyLength: Number(body.historyLength), historyEntryAdded: body.historyEntryAdded === true,
      };
    },
  };
}
