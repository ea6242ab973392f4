import { randomUUID } from 'node:crypto';
import { actorOf, badRequest, conflict, notFound, type Principal } from '../../packages/platform/index.ts';
import { allows, invalidPattern } from './access-match.ts';
import type { accessRequests, accessRights } from './db/schema.ts';
import type { LgspRepository } from './lgsp.repository.ts';
import type { AccessRequest, AccessRight, EndpointScope, Group } from './lgsp.types.ts';
import { noticeTexts } from './notices.ts';
import { namedService, toSubsystem, type AgencyLookup, type RegistryService } from './registry.service.ts';

/**
 * Who may call what (peer-xroad.md §1.5): deny by default; a right names a subsystem or a group
 * and a service or one endpoint pattern of it, optionally until a time. Consumers ask, the
 * provider's administrator decides.
 */

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toRight = (r: typeof accessRights.$inferSelect): AccessRight => ({
  id: r.id, serviceId: r.serviceId, subsystemId: r.subsystemId, groupId: r.groupId, method: r.method, pathPattern: r.pathPattern,
  expiresAt: iso(r.expiresAt), grantedBy: r.grantedBy, createdAt: r.createdAt.toISOString(),
});

const toRequest = (r: typeof accessRequests.$inferSelect): AccessRequest => ({
  id: r.id, serviceId: r.serviceId, subsystemId: r.subsystemId, method: r.method, pathPattern: r.pathPattern, expiresAt: iso(r.expiresAt),
  reason: r.reason, status: r.status, requestedBy: r.requestedBy, decidedBy: r.decidedBy, decisionNote: r.decisionNote,
  decidedAt: iso(r.decidedAt), accessRightId: r.accessRightId, createdAt: r.createdAt.toISOString(),
});

/** Checks an endpoint scope and returns it as stored columns. */
function scopeColumns(scope: EndpointScope, now: Date) {
  const method = scope.method?.toUpperCase();
  if (method !== undefined && !METHODS.has(method)) throw badRequest('lgsp.invalid_method', `Unknown method ${scope.method}`);
  if (scope.pathPattern !== undefined) {
    const problem = invalidPattern(scope.pathPattern);
    if (problem) throw badRequest('lgsp.invalid_pattern', problem);
  }
  const expiresAt = scope.expiresAt === undefined ? null : new Date(scope.expiresAt);
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= now)) throw badRequest('lgsp.invalid_expiry', 'expiresAt must be a time in the future');
  return { method: method ?? null, pathPattern: scope.pathPattern ?? null, expiresAt };
}

export function createAccessService(repo: LgspRepository, registry: RegistryService, agencies: AgencyLookup & { rootAgencyId(): Promise<string> }, now: () => Date) {
  /** The provider's administrator: LGSP management at the agency owning the service. */
  async function providerOf(principal: Principal, serviceId: string) {
    const rows = await registry.serviceRows(serviceId);
    await registry.requireManage(principal, rows.member.agencyId);
    return rows;
  }
  async function consumerSubsystem(subsystemId: string) {
    const subsystem = await repo.subsystem(subsystemId);
    if (!subsystem) throw notFound('lgsp.subsystem_not_found', 'No such subsystem');
    const member = await repo.member(subsystem.memberId);
    return { subsystem, member: member! };
  }

  return {
    async createGroup(principal: Principal, input: { code: string; name: string }): Promise<Group> {
      await registry.requireManage(principal, await agencies.rootAgencyId());
      const created = await repo.insertGroup({ id: randomUUID(), ...input });
      if (!created) throw conflict('lgsp.group_exists', `Group ${input.code} already exists`);
      return { ...created, subsystemIds: [] };
    },

    /** Groups are province-wide names any provider's administrator may grant to (the route asks for lgsp.manage). */
    listGroups: (): Promise<Group[]> => repo.listGroups(),

    async addGroupMember(principal: Principal, groupId: string, subsystemId: string): Promise<Group> {
      await registry.requireManage(principal, await agencies.rootAgencyId());
      const group = await repo.group(groupId);
      if (!group) throw notFound('lgsp.group_not_found', 'No such group');
      await consumerSubsystem(subsystemId);
      await repo.addGroupMember(groupId, subsystemId);
      return { id: group.id, code: group.code, name: group.name, subsystemIds: await repo.groupMembers(groupId) };
    },

    async grant(principal: Principal, serviceId: string, input: EndpointScope & { subsystemId?: string | undefined; groupId?: string | undefined }): Promise<AccessRight> {
      await providerOf(principal, serviceId);
      if ((input.subsystemId === undefined) === (input.groupId === undefined)) throw badRequest('lgsp.subject_required', 'Name either a subsystem or a group');
      if (input.subsystemId) await consumerSubsystem(input.subsystemId);
      if (input.groupId && !(await repo.group(input.groupId))) throw notFound('lgsp.group_not_found', 'No such group');
      const right = await repo.insertRight({
        id: randomUUID(), serviceId, subsystemId: input.subsystemId ?? null, groupId: input.groupId ?? null, ...scopeColumns(input, now()), grantedBy: actorOf(principal),
      });
      return toRight(right);
    },

    async revoke(principal: Principal, rightId: string): Promise<void> {
      const right = await repo.right(rightId);
      if (!right) throw notFound('lgsp.right_not_found', 'No such access right');
      await providerOf(principal, right.serviceId);
      await repo.deleteRight(rightId);
    },

    async rights(principal: Principal, serviceId: string): Promise<AccessRight[]> {
      await providerOf(principal, serviceId);
      return (await repo.rightsOf(serviceId)).map(toRight);
    },

    /** A consumer's administrator asks for a right for one of its subsystems on a published service. */
    async requestAccess(principal: Principal, input: EndpointScope & { serviceId: string; subsystemId: string; reason: string }): Promise<AccessRequest> {
      const { subsystem, member } = await consumerSubsystem(input.subsystemId);
      await registry.requireManage(principal, member.agencyId);
      const provider = await registry.serviceRows(input.serviceId);
      if (provider.service.status !== 'published') throw conflict('lgsp.service_not_published', 'Access can be requested only to a published service');
      const created = await repo.insertRequest({
        id: randomUUID(), serviceId: input.serviceId, subsystemId: input.subsystemId, ...scopeColumns(input, now()), reason: input.reason, requestedBy: actorOf(principal),
      }, noticeTexts.accessRequested(namedService(provider), toSubsystem(subsystem, member).xroadId, input.reason, provider.member.agencyId));
      return toRequest(created);
    },

    async requests(principal: Principal, serviceId: string): Promise<AccessRequest[]> {
      await providerOf(principal, serviceId);
      return (await repo.listRequests(serviceId)).map(toRequest);
    },

    /** The provider's administrator approves (a right is created as asked) or refuses; a request is decided once. */
    async decide(principal: Principal, requestId: string, input: { approve: boolean; note?: string | undefined }): Promise<AccessRequest> {
      const request = await repo.request(requestId);
      if (!request) throw notFound('lgsp.request_not_found', 'No such access request');
      const provider = await providerOf(principal, request.serviceId);
      if (request.status !== 'pending') throw conflict('lgsp.request_decided', `The request was already ${request.status}`);
      const right = input.approve
        ? { id: randomUUID(), serviceId: request.serviceId, subsystemId: request.subsystemId, groupId: null, method: request.method, pathPattern: request.pathPattern, expiresAt: request.expiresAt, grantedBy: actorOf(principal) }
        : undefined;
      const consumer = await consumerSubsystem(request.subsystemId);
      const notice = noticeTexts.accessDecided(namedService(provider), toSubsystem(consumer.subsystem, consumer.member).xroadId, input.approve, input.note, consumer.member.agencyId);
      const decided = await repo.decideRequest(requestId, { status: input.approve ? 'approved' : 'refused', decidedBy: actorOf(principal), note: input.note ?? null }, right, notice);
      if (!decided) throw conflict('lgsp.request_decided', 'The request was decided by someone else');
      return toRequest(decided);
    },

    /** The gateway's check: may this subsystem call this method and path of the service now? */
    async isAllowed(subsystemId: string, serviceId: string, method: string, path: string): Promise<boolean> {
      return allows(await repo.rightsFor([serviceId], subsystemId), method, path, now());
    },

    /** The services (of those given) the subsystem holds any right to now (allowedMethods). */
    async allowedServices(subsystemId: string, serviceIds: string[]): Promise<Set<string>> {
      const at = now();
      const rights = await repo.rightsFor(serviceIds, subsystemId);
      return new Set(rights.filter((r) => r.expiresAt === null || r.expiresAt > at).map((r) => r.serviceId));
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
