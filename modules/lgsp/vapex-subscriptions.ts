import { randomUUID } from 'node:crypto';
import { VapexError, type VapexExchange, type VapexSubscription } from '../../packages/national/index.ts';
import { appendAudit, type AuditKeys, type JobHandler, type Queryable } from '../../packages/platform/index.ts';
import { parseClientId } from '../../packages/xroad/index.ts';
import type { LgspRepository } from './lgsp.repository.ts';
import { noticeTexts } from './notices.ts';
import { namedService, toSubsystem, type RegistryService } from './registry.service.ts';

/**
 * Consumers' subscriptions on V-APEX reaching LGSP's access rights (decision 0050). A recurring
 * job reads, for every service LGSP registered on V-APEX, the subscriptions V-APEX shows its
 * provider. A new one becomes an **access request** of the subscriber's subsystem — the same
 * request, notice and decision as a request made in the portal: deny by default, no right until
 * the provider's administrator approves. A cancelled one refuses its request while it is pending,
 * or revokes the right its approval created. The mapping: the subscriber's system names its X-Road
 * client id at NDXP (`VN/GOV/{organisation code}/{subsystem}`); its member code must be the
 * subscribing organisation's own code. That member and subsystem are created in the registry when
 * missing (an outside organisation's member row is administered by the province's root agency);
 * a subscriber without such an id is kept `unmapped`, with no request. A request made here is
 * audited like one made in the portal, with the job as the actor. An official's decision on such
 * a request is told to V-APEX by its own job (`vapexDecisionWorker`).
 */

export const VAPEX_SUBSCRIPTIONS_QUEUE = 'lgsp.vapex-subscriptions';
const CANCELLED_NOTE = 'Đăng ký sử dụng trên V-APEX đã bị hủy / The V-APEX subscription was cancelled';
/** The action the platform's hook records for a request made in the portal (`POST /access-requests`): one kind of event, whoever asked. */
const ACCESS_REQUESTED_ACTION = 'POST /api/lgsp/access-requests';
/** V-APEX wants a reason for a rejection; an official may refuse without a note. */
const REFUSED_WITHOUT_NOTE = 'Quản trị LGSP tỉnh từ chối yêu cầu truy cập / Refused by the province\'s LGSP administrator';

export interface SubscriptionMapping {
  /** The X-Road instance of LGSP's members (and NDXP's). */
  instance: string;
  /** The agency that administers outside organisations' member rows (the province's root). */
  stewardAgencyId: () => Promise<string>;
  /** The audit chain's keys: the requests made here are audited. */
  auditKeys: AuditKeys;
}

export function vapexSubscriptionWorker(repo: LgspRepository, registry: RegistryService, vapex: VapexExchange, mapping: SubscriptionMapping): JobHandler {
  /** The subscriber's subsystem in the registry, created when missing; or why it cannot be mapped. */
  async function subscriberSubsystem(subscriber: VapexSubscription['subscriber']) {
    const client = subscriber.xroadClient ? parseClientId(subscriber.xroadClient) : undefined;
    if (client?.subsystemCode === undefined) return { problem: 'V-APEX names no X-Road subsystem (INSTANCE/CLASS/MEMBER/SUBSYSTEM) for the subscriber' };
    if (client.instance !== mapping.instance) return { problem: `The subscriber's X-Road client is not in instance ${mapping.instance}` };
    if (client.memberCode !== subscriber.organisationCode) return { problem: 'The subscriber\'s X-Road client is not of its own organisation' };
    const memberKey = [mapping.instance, client.memberClass, client.memberCode] as const;
    const member = (await repo.memberByIdParts(...memberKey))
      ?? (await repo.insertMember({
        id: randomUUID(), instance: mapping.instance, memberClass: client.memberClass, memberCode: client.memberCode,
        agencyId: await mapping.stewardAgencyId(), name: (subscriber.organisationName || client.memberCode).slice(0, 300),
      }))
      ?? (await repo.memberByIdParts(...memberKey))!;
    const subsystem = (await repo.subsystemByCode(member.id, client.subsystemCode))
      ?? (await repo.insertSubsystem({ id: randomUUID(), memberId: member.id, code: client.subsystemCode, name: (subscriber.systemName || client.subsystemCode).slice(0, 300), clientId: null }))
      ?? (await repo.subsystemByCode(member.id, client.subsystemCode))!;
    return { subsystem: toSubsystem(subsystem, member) };
  }

  async function admit(jobId: number, serviceId: string, subscription: VapexSubscription): Promise<void> {
    const { subscriber } = subscription;
    const row = { id: subscription.id, serviceId, organisationCode: subscriber.organisationCode.slice(0, 100), xroadClient: subscriber.xroadClient?.slice(0, 500) ?? null };
    const mapped = await subscriberSubsystem(subscriber);
    if (!mapped.subsystem) {
      await repo.admitVapexSubscription({ ...row, status: 'unmapped', problem: mapped.problem });
      return;
    }
    const provider = await registry.serviceRows(serviceId);
    const reason = `Đăng ký sử dụng trên V-APEX của ${subscriber.organisationName} (${subscriber.organisationCode}), mã đăng ký ${subscription.id} / Subscribed on V-APEX`.slice(0, 1000);
    const requestId = randomUUID();
    const requestedBy = `vapex:${subscriber.clientId}`.slice(0, 200);
    // In the request's transaction: a request without its audit record never exists.
    const audit = (tx: Queryable) => appendAudit(tx, {
      actor: `job:${VAPEX_SUBSCRIPTIONS_QUEUE}`, action: ACCESS_REQUESTED_ACTION, target: '/api/lgsp/access-requests', outcome: 201, sourceIp: 'local',
      requestId: `job:${jobId}`, purpose: 'V-APEX subscription',
      details: { accessRequestId: requestId, serviceId, subsystemId: mapped.subsystem.id, requestedBy, vapexSubscriptionId: subscription.id },
    }, mapping.auditKeys);
    await repo.admitVapexSubscription(
      { ...row, status: 'active', subsystemId: mapped.subsystem.id, accessRequestId: requestId },
      { id: requestId, serviceId, subsystemId: mapped.subsystem.id, method: null, pathPattern: null, expiresAt: null, reason, requestedBy },
      noticeTexts.accessRequested(namedService(provider), mapped.subsystem.xroadId, reason, provider.member.agencyId),
      audit,
    );
  }

  async function reconcile(jobId: number, serviceId: string, vapexId: string): Promise<void> {
    const known = new Map((await repo.vapexSubscriptionsOf(serviceId)).map((r) => [r.id, r]));
    for (const subscription of await vapex.subscriptions(vapexId)) {
      const row = known.get(subscription.id);
      if (!row && subscription.status === 'active') await admit(jobId, serviceId, subscription);
      else if (row && row.status !== 'cancelled' && subscription.status === 'cancelled') await repo.cancelVapexSubscription(row.id, { decidedBy: 'vapex', note: CANCELLED_NOTE });
    }
  }

  return async (job) => {
    // One API's failure does not hold the others back; the job fails (and is retried) after trying them all.
    let failure: unknown;
    for (const { serviceId, vapexId } of await repo.vapexRegistered()) {
      try {
        await reconcile(job.id, serviceId, vapexId!);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure) throw failure;
  };
}

/**
 * The job: tells V-APEX an official's decision on an access request made from a subscription
 * there — approved, or rejected with the official's note (V-APEX wants a reason). Enqueued in the
 * decision's transaction, once per request; a failure is retried by the job platform, and telling
 * V-APEX the same decision again changes nothing there. A subscription its subscriber cancelled
 * meanwhile has nothing left to decide (V-APEX answers 409 `vapex.subscription_cancelled`).
 */
export function vapexDecisionWorker(repo: LgspRepository, vapex: VapexExchange): JobHandler {
  return async (job) => {
    const { subscriptionId, requestId } = job.payload as { subscriptionId: string; requestId: string };
    const request = await repo.request(requestId);
    if (!request || request.status === 'pending') return;
    // V-APEX keeps at most 1,000 characters of a reason; the note may hold 2,000, or be blank.
    const note = request.decisionNote?.trim().slice(0, 1000) || undefined;
    const decision = request.status === 'approved' ? { status: 'approved' as const, reason: note } : { status: 'rejected' as const, reason: note ?? REFUSED_WITHOUT_NOTE };
    try {
      await vapex.decideSubscription(subscriptionId, decision);
    } catch (error) {
      if (error instanceof VapexError && error.code === 'vapex.subscription_cancelled') return;
      throw error;
    }
  };
}
