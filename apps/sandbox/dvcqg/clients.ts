import type { FastifyReply, FastifyRequest } from 'fastify';
import { basicCredentials, findClient, sandboxError, type SandboxClient } from '../kit.ts';

/** A provincial system registered with the portal: its API credentials, province and push receiver. */
export interface DvcqgClient extends SandboxClient {
  /** Display name on the pages. */
  name?: string;
  /**
   * Province segment of the national agency identifier codes it speaks for (Đồng Tháp: `H19`).
   * It may only synchronise dossiers of agencies in that province, and centrally filed
   * dossiers for those agencies are pushed to it.
   */
  provinceCode: string;
  /** Where centrally filed dossiers are pushed; a push request may name another. */
  receiverUrl?: string;
  /** HMAC key of the `X-DVCQG-Signature` header on pushes. */
  receiverSecret: string;
  /** Exact redirect URIs accepted by the national SSO for this client. */
  redirectUris?: string[];
}

export const DEFAULT_DVCQG_CLIENTS: readonly DvcqgClient[] = [{
  id: 'sen-dongthap',
  secret: 'sandbox-dvcqg-secret-h19',
  name: 'Hệ thống thông tin giải quyết TTHC tỉnh Đồng Tháp (Sen)',
  provinceCode: 'H19',
  receiverSecret: 'sandbox-dvcqg-push-secret-h19',
  redirectUris: ['http://localhost:8080/oidc/dvcqg/callback'],
}];

/** Agency identifier codes: `000.00.00.H19` (official shape) or Sen's provisional `TAM.H19.S01`. */
export const AGENCY_CODE_PATTERN = '^[A-Z0-9]{1,5}(\\.[A-Z0-9]{1,5}){1,4}$';

/**
 * In the national scheme the province is the last group of an agency's code
 * (`000.00.00.H19`, `000.20.30.H19`). Sen's provisional codes (`TAM.H19.X001`) carry it second.
 */
export function agencyInProvince(agencyCode: string, provinceCode: string): boolean {
  const groups = agencyCode.split('.');
  return groups.at(-1) === provinceCode || (groups[0] === 'TAM' && groups[1] === provinceCode);
}

export function clientForAgency(clients: readonly DvcqgClient[], agencyCode: string): DvcqgClient | undefined {
  return clients.find((client) => agencyInProvince(agencyCode, client.provinceCode));
}

/** The client of a token request: HTTP Basic (client_secret_basic) or form fields (client_secret_post). */
export function authenticateClient(
  clients: readonly DvcqgClient[], request: FastifyRequest, form: { client_id?: string; client_secret?: string },
): DvcqgClient | undefined {
  const basic = basicCredentials(request);
  // findClient hands back one of the given objects, so the narrower type holds.
  return findClient(clients, basic?.id ?? form.client_id, basic?.secret ?? form.client_secret) as DvcqgClient | undefined;
}

/** OAuth token endpoints answer in the sandbox error shape, with the RFC 6749 code in `details.error`. */
export function oauthError(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Basic realm="dvcqg"');
  return sandboxError(reply.header('cache-control', 'no-store'), status, `dvcqg.${error}`, message, { error });
}
