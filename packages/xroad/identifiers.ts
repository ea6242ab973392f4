/**
 * X-Road identifiers (PR-MESS §1.3) in the textual forms the message protocol for REST uses
 * (PR-REST §4.1, §4.3): `INSTANCE/CLASS/MEMBER[/SUBSYSTEM]` for a client and
 * `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE` for a service in `/r1/{serviceId}`. Each part
 * is percent-encoded on its own (PR-REST §4.2) and, decoded, may hold only the characters of
 * PR-REST §4.8 (`A–Z a–z 0–9 '()+,-.=?`).
 */

export interface MemberId {
  instance: string;
  memberClass: string;
  memberCode: string;
}

/** A member, or one of its subsystems (`subsystemCode` set). */
export interface ClientId extends MemberId {
  subsystemCode?: string;
}

export interface SubsystemId extends MemberId {
  subsystemCode: string;
}

export interface ServiceId extends SubsystemId {
  serviceCode: string;
}

/** PR-REST §4.8: the only characters an identifier value may hold. */
const IDENTIFIER_VALUE = /^[A-Za-z0-9'()+,\-.=?]+$/;
/** Not set by the protocol; a bound so that a part cannot be used to blow up headers and logs. */
export const MAX_IDENTIFIER_LENGTH = 255;

export const isIdentifierValue = (value: string): boolean => value.length <= MAX_IDENTIFIER_LENGTH && IDENTIFIER_VALUE.test(value);

/** Decodes one percent-encoded part (PR-REST §4.2) and checks it (§4.8); undefined when either fails. */
export function decodeIdentifierPart(encoded: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  return isIdentifierValue(decoded) ? decoded : undefined;
}

/** Percent-encodes one part (PR-REST §4.2); `+ , = ?` are escaped, the rest of §4.8 is left as is. */
export const encodeIdentifierPart = (value: string): string => encodeURIComponent(value);

function decodeParts(text: string, counts: readonly number[]): string[] | undefined {
  const encoded = text.split('/');
  if (!counts.includes(encoded.length)) return undefined;
  const parts = encoded.map(decodeIdentifierPart);
  return parts.every((part) => part !== undefined) ? (parts as string[]) : undefined;
}

/** `X-Road-Client` (PR-REST §4.3): `INSTANCE/CLASS/MEMBER[/SUBSYSTEM]`, each part percent-encoded. */
export function parseClientId(text: string): ClientId | undefined {
  const parts = decodeParts(text, [3, 4]);
  if (!parts) return undefined;
  const [instance, memberClass, memberCode, subsystemCode] = parts as [string, string, string, string | undefined];
  return subsystemCode === undefined ? { instance, memberClass, memberCode } : { instance, memberClass, memberCode, subsystemCode };
}

/** The five `/`-separated parts of `{serviceId}` (PR-REST §4.1), as they follow `/r1/`. */
export function parseServiceId(text: string): ServiceId | undefined {
  const parts = decodeParts(text, [5]);
  if (!parts) return undefined;
  const [instance, memberClass, memberCode, subsystemCode, serviceCode] = parts as [string, string, string, string, string];
  return { instance, memberClass, memberCode, subsystemCode, serviceCode };
}

/** `X-Road-Represented-Party` (PR-REST §4.3): `[CLASS/]CODE`. */
export interface RepresentedParty {
  memberClass?: string;
  memberCode: string;
}

export function parseRepresentedParty(text: string): RepresentedParty | undefined {
  const parts = decodeParts(text, [1, 2]);
  if (!parts) return undefined;
  return parts.length === 1 ? { memberCode: parts[0]! } : { memberClass: parts[0]!, memberCode: parts[1]! };
}

/** `X-Road-Security-Server` (PR-REST §4.3): `INSTANCE/CLASS/MEMBER/SERVERCODE`. */
export interface SecurityServerId extends MemberId {
  serverCode: string;
}

export function parseSecurityServerId(text: string): SecurityServerId | undefined {
  const parts = decodeParts(text, [4]);
  if (!parts) return undefined;
  const [instance, memberClass, memberCode, serverCode] = parts as [string, string, string, string];
  return { instance, memberClass, memberCode, serverCode };
}

const join = (parts: (string | undefined)[]): string => parts.filter((p) => p !== undefined).map((p) => encodeIdentifierPart(p!)).join('/');

/** The header / path form of a client id, each part percent-encoded. */
export const formatClientId = (id: ClientId): string => join([id.instance, id.memberClass, id.memberCode, id.subsystemCode]);
export const formatMemberId = (id: MemberId): string => join([id.instance, id.memberClass, id.memberCode]);
/** The `X-Road-Service` / `/r1/{serviceId}` form of a service id. */
export const formatServiceId = (id: ServiceId): string => join([id.instance, id.memberClass, id.memberCode, id.subsystemCode, id.serviceCode]);
export const formatRepresentedParty = (party: RepresentedParty): string => join([party.memberClass, party.memberCode]);

export const providerOf = (id: ServiceId): SubsystemId => ({
  instance: id.instance, memberClass: id.memberClass, memberCode: id.memberCode, subsystemCode: id.subsystemCode,
});

export const sameClient = (a: ClientId, b: ClientId): boolean => formatClientId(a) === formatClientId(b);
