import { untrackedOutbound, type OutboundCalls } from '../platform/index.ts';
import { clientCredentialsCaller } from './oauth-client.ts';

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

export function createDvcqgPortal(options: DvcqgOptions): DvcqgPortal {
  const caller = clientCredentialsCaller({
    base: options.apiUrl.replace(/\/+$/, ''), tokenPath: '/oauth/token', clientId: options.clientId, clientSecret: options.clientSecret,
    timeoutMs: options.timeoutMs ?? 15_000, fetch: (options.outbound ?? untrackedOutbound).fetch('dvcqg'), system: 'dvcqg',
    fail: (status, code, message) => new DvcqgError(status, code, message),
  });

  return {
    async syncDossier(dossierCode, dossier) {
      const { status, body } = await caller.authorised(`/api/v1/dossiers/${encodeURIComponent(dossierCode)}`, {
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
