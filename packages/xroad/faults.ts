import { writeXmlDocument } from './xml.ts';

/**
 * X-Road faults of the message protocol for REST (PR-REST §4.6). The type says where the
 * fault arose — `Client.*` the client's request broke the protocol (category 3 → 400),
 * `Server.ClientProxy.*` the consumer's security server and `Server.ServerProxy.*` the
 * provider's failed (categories 2 and 4 → 500) — and the status follows from the type alone:
 * the protocol uses no other status for its own faults. Names are those of PR-REST §4.6 and
 * PR-MESS Annex D, completed with X-Road's error codes of the same form.
 */
export const XROAD_FAULT_TYPES = [
  /** PR-REST §4.6 example 3: the request does not follow the protocol. */
  'Client.BadRequest',
  /**
   * Not in PR-REST (X-Road has no quotas): the client used up its quota or the service's rate
   * limit. A client-side fault (400, the only status the protocol leaves for it), with
   * `Retry-After` saying when the window turns.
   */
  'Client.QuotaExceeded',
  /** The client information system could not be authenticated (X-Road: TLS client certificate). */
  'Server.ClientProxy.SslAuthenticationFailed',
  /** An internal error of the consumer's side. */
  'Server.ClientProxy.InternalError',
  /** The client has no access right to the service. */
  'Server.ServerProxy.AccessDenied',
  /** No such service (or metaservice) at the provider. */
  'Server.ServerProxy.UnknownService',
  /** PR-REST §4.6 example 5: the provider's side got no answer from the provider service. */
  'Server.ServerProxy.ServiceFailed',
  /** PR-REST §4.6 example 2: the provider service could not be reached. */
  'Server.ServerProxy.NetworkError',
  /** PR-REST §4.6 example 4. */
  'Server.ServerProxy.DatabaseError',
] as const;

export type XroadFaultType = (typeof XROAD_FAULT_TYPES)[number];

export interface XroadFault {
  type: XroadFaultType;
  message: string;
  /** PR-REST §4.6: an identifier of this occurrence (a UUID) to find it in the logs. */
  detail: string;
}

/** PR-REST §4.6: 400 for a client's protocol error, 500 for every fault inside X-Road. */
export const faultStatus = (type: string): 400 | 500 => (type.startsWith('Client.') ? 400 : 500);

const XML_TYPES = new Set(['application/xml', 'text/xml', 'text/*']);

/**
 * The media type of a fault body (PR-REST §4.6: respect `Accept`, default `application/json`):
 * XML when any listed type is `application/xml`, `text/xml` or `text/*`, as the reference
 * implementation decides (quality values are not weighed); JSON otherwise.
 */
export function faultMediaType(accept: string | undefined): 'application/json' | 'application/xml' | 'text/xml' {
  for (const range of (accept ?? '').split(',')) {
    const type = range.split(';', 1)[0]!.trim().toLowerCase();
    if (XML_TYPES.has(type)) return type === 'application/xml' ? 'application/xml' : 'text/xml';
  }
  return 'application/json';
}

export interface RenderedFault {
  status: 400 | 500;
  /** PR-REST §4.6: the server MUST say the media type and character encoding. */
  contentType: string;
  /** `X-Road-Error` (PR-REST §4.3): the type, marking the fault as X-Road's and not the provider's. */
  errorHeader: string;
  body: string;
}

/** The JSON body `{type, message, detail}` (PR-REST §4.6) or the same three fields as `<error>` XML. */
export function renderFault(fault: XroadFault, accept: string | undefined): RenderedFault {
  const mediaType = faultMediaType(accept);
  const body = mediaType === 'application/json'
    ? JSON.stringify({ type: fault.type, message: fault.message, detail: fault.detail })
    : writeXmlDocument({
      name: 'error',
      content: [{ name: 'type', content: fault.type }, { name: 'message', content: fault.message }, { name: 'detail', content: fault.detail }],
    });
  return { status: faultStatus(fault.type), contentType: `${mediaType}; charset=utf-8`, errorHeader: fault.type, body };
}
