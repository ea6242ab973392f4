/**
 * The `WWW-Authenticate: Bearer` challenge of RFC 6750 §3 for a refused request: `invalid_token`
 * on a 401 when a token was presented, `insufficient_scope` (with the scope needed) on a 403,
 * and no error code when the request carried no credentials at all (§3.1).
 */
const REALM = 'sen';

// Quoted-string values may not hold `"` or `\`; error descriptions are ASCII by the RFC.
const quoted = (value: string) => `"${value.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, ' ')}"`;

export function bearerChallenge(status: number, code: string, message: string, presentedCredentials: boolean, details?: unknown): string | undefined {
  if (status !== 401 && status !== 403) return undefined;
  if (status === 401 && !presentedCredentials) return `Bearer realm=${quoted(REALM)}`;
  const error = status === 401 ? 'invalid_token' : 'insufficient_scope';
  const parts = [`realm=${quoted(REALM)}`, `error=${quoted(error)}`, `error_description=${quoted(`${code}: ${message}`)}`];
  const scope = (details as { scope?: unknown } | undefined)?.scope;
  if (status === 403 && typeof scope === 'string') parts.push(`scope=${quoted(scope)}`);
  return `Bearer ${parts.join(', ')}`;
}
