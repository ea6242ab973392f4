/**
 * X-Road identifiers as NDXP uses them: a client subsystem is
 * `INSTANCE/CLASS/MEMBER/SUBSYSTEM` (e.g. `VN/GOV/000.00.00.H19/LGSP`) and a service adds its
 * code (`VN/GOV/000.00.00.G02/CSDLDC/citizen-lookup`). Parts are kept to a conservative
 * character set so that the `/`-joined form is unambiguous in headers and paths.
 */

export interface SubsystemId {
  instance: string;
  memberClass: string;
  memberCode: string;
  subsystemCode: string;
}

export interface ServiceId extends SubsystemId {
  serviceCode: string;
}

const ID_PART = /^[\w.-]{1,100}$/;

export const isIdPart = (part: string): boolean => ID_PART.test(part);

function parts(text: string, count: number): string[] | undefined {
  const split = text.trim().split('/');
  return split.length === count && split.every(isIdPart) ? split : undefined;
}

/** Parses `INSTANCE/CLASS/MEMBER/SUBSYSTEM`; undefined when the form is wrong. */
export function parseSubsystemId(text: string | undefined): SubsystemId | undefined {
  const p = text === undefined ? undefined : parts(text, 4);
  return p && { instance: p[0]!, memberClass: p[1]!, memberCode: p[2]!, subsystemCode: p[3]! };
}

/** Parses `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE`; undefined when the form is wrong. */
export function parseServiceId(text: string | undefined): ServiceId | undefined {
  const p = text === undefined ? undefined : parts(text, 5);
  return p && { instance: p[0]!, memberClass: p[1]!, memberCode: p[2]!, subsystemCode: p[3]!, serviceCode: p[4]! };
}

export const subsystemKey = (id: SubsystemId): string => `${id.instance}/${id.memberClass}/${id.memberCode}/${id.subsystemCode}`;
export const memberKey = (id: SubsystemId): string => `${id.instance}/${id.memberClass}/${id.memberCode}`;
export const serviceKey = (id: ServiceId): string => `${subsystemKey(id)}/${id.serviceCode}`;

/** The subsystem that provides a service. */
export const providerOf = (id: ServiceId): SubsystemId => ({
  instance: id.instance, memberClass: id.memberClass, memberCode: id.memberCode, subsystemCode: id.subsystemCode,
});

/** Identifier objects in the JSON shape of the X-Road metaservices (snake case, with `object_type`). */
export function memberJson(id: SubsystemId) {
  return { xroad_instance: id.instance, member_class: id.memberClass, member_code: id.memberCode, object_type: 'MEMBER' as const };
}

export function subsystemJson(id: SubsystemId) {
  return { ...memberJson(id), subsystem_code: id.subsystemCode, object_type: 'SUBSYSTEM' as const };
}

export function serviceJson(id: ServiceId) {
  return { ...memberJson(id), subsystem_code: id.subsystemCode, service_code: id.serviceCode, object_type: 'SERVICE' as const, service_type: 'REST' as const };
}
