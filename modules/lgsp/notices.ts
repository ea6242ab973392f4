import type { Mailer } from '../../packages/national/index.ts';
import { canActOn, forbidden, type JobHandler, type Principal } from '../../packages/platform/index.ts';
import type { LgspRepository, NoticeDraft } from './lgsp.repository.ts';
import type { AgencyLookup } from './registry.service.ts';
import { MANAGE_PERMISSION } from './registry.service.ts';
import type { ServiceStatus } from './lgsp.types.ts';

/**
 * Notices of the registry (issue 10): to a provider's LGSP administrators when a consumer asks
 * for access to its service, to the consumer's when its request is decided, and to every
 * consumer holding access when a service moves along its lifecycle or gets a new version.
 * The notice and its mail job are written in the change's transaction (lgsp.repository.ts); the
 * job (`lgsp.notice`) mails the agency's officials holding `lgsp.manage` (with an e-mail) when
 * it runs, retried by the job queue while the mail server is down. Vietnamese first.
 */

export interface NoticePeople {
  /** Officials holding a permission at an agency (or above it), from the identity module. */
  officialsHolding(permission: string, agencyId: string): Promise<{ id: string; fullName: string; email: string | null }[]>;
}

const STATUS_VI: Record<ServiceStatus, string> = { draft: 'bản nháp', published: 'đang cung cấp', deprecated: 'sắp ngừng', retired: 'đã ngừng' };

/** `Tên dịch vụ (VN/GOV/…/CODE)` as the notices name a service. */
export interface NamedService { id: string; name: string; xroadId: string }

export const noticeTexts = {
  accessRequested(service: NamedService, consumer: string, reason: string, providerAgencyId: string): NoticeDraft {
    return {
      event: 'access_requested', serviceId: service.id, agencyIds: [providerAgencyId],
      subject: `Yêu cầu quyền truy cập dịch vụ ${service.name} / Access requested`,
      body: `Hệ thống ${consumer} yêu cầu quyền gọi dịch vụ ${service.name} (${service.xroadId}).\nLý do: ${reason}\n`
        + 'Vui lòng xem xét và quyết định trên LGSP.\n\n'
        + `${consumer} asks for access to ${service.xroadId}. Reason: ${reason}`,
    };
  },
  accessDecided(service: NamedService, consumer: string, approved: boolean, note: string | undefined, consumerAgencyId: string): NoticeDraft {
    const vi = approved ? 'đã được chấp thuận' : 'đã bị từ chối';
    return {
      event: 'access_decided', serviceId: service.id, agencyIds: [consumerAgencyId],
      subject: `Yêu cầu truy cập dịch vụ ${service.name} ${vi} / Access request ${approved ? 'approved' : 'refused'}`,
      body: `Yêu cầu quyền gọi dịch vụ ${service.name} (${service.xroadId}) của hệ thống ${consumer} ${vi}.`
        + (note ? `\nGhi chú: ${note}` : '')
        + `\n\nThe request of ${consumer} for access to ${service.xroadId} was ${approved ? 'approved' : 'refused'}.`,
    };
  },
  statusChanged(service: NamedService, to: ServiceStatus): NoticeDraft {
    return {
      event: 'status_changed', serviceId: service.id,
      subject: `Dịch vụ ${service.name} chuyển sang trạng thái ${STATUS_VI[to]} / Service ${to}`,
      body: `Dịch vụ ${service.name} (${service.xroadId}) mà hệ thống của đơn vị được quyền gọi nay ở trạng thái: ${STATUS_VI[to]}.`
        + (to === 'deprecated' ? '\nDịch vụ sẽ ngừng cung cấp; vui lòng chuyển sang dịch vụ thay thế.' : '')
        + (to === 'retired' ? '\nDịch vụ không còn nhận lời gọi.' : '')
        + `\n\nThe service ${service.xroadId}, to which your agency holds access, is now ${to}.`,
    };
  },
  newVersion(service: NamedService, version: number, added: number, removed: number): NoticeDraft {
    return {
      event: 'new_version', serviceId: service.id,
      subject: `Dịch vụ ${service.name} có phiên bản mới ${version} / New version`,
      body: `Dịch vụ ${service.name} (${service.xroadId}) có mô tả mới, phiên bản ${version}: thêm ${added}, bỏ ${removed} điểm cuối.`
        + `\n\nThe service ${service.xroadId} has a new version ${version}: ${added} endpoint(s) added, ${removed} removed.`,
    };
  },
};

export interface Notice {
  id: string;
  agencyId: string;
  event: NoticeDraft['event'];
  serviceId: string;
  subject: string;
  body: string;
  createdAt: string;
}

/** The job that mails one notice to its agency's LGSP administrators; a failing send throws, and the queue retries it. */
export function noticeMailer(repo: Pick<LgspRepository, 'notice'>, people: NoticePeople, mailer: Mailer): JobHandler {
  return async (job) => {
    const notice = await repo.notice((job.payload as { noticeId: string }).noticeId);
    if (!notice) return; // its service was removed meanwhile
    const officials = await people.officialsHolding(MANAGE_PERMISSION, notice.agencyId);
    const addresses = [...new Set(officials.map((o) => o.email).filter((e): e is string => !!e))].sort();
    // One message to all of them: a retry never mails one administrator twice while another got none.
    if (addresses.length > 0) await mailer.send({ to: addresses.join(', '), subject: notice.subject, text: notice.body });
  };
}

export function createNoticeList(repo: Pick<LgspRepository, 'noticesFor'>, agencies: AgencyLookup) {
  return {
    /** The notices to the agency named (which the principal must administer), or to every agency it holds `lgsp.manage` at directly. */
    async list(principal: Principal, agencyId: string | undefined, limit = 100): Promise<Notice[]> {
      let mine: string[];
      if (agencyId !== undefined) {
        if (!canActOn(principal, MANAGE_PERMISSION, agencyId, await agencies.agencyAncestors(agencyId))) {
          throw forbidden('lgsp.out_of_scope', 'You do not administer the LGSP for this agency');
        }
        mine = [agencyId];
      } else {
        mine = principal.kind === 'anonymous' ? [] : [...new Set(principal.grants.filter((g) => g.permissions.includes(MANAGE_PERMISSION)).map((g) => g.agencyId))];
      }
      return (await repo.noticesFor(mine, limit)).map((n) => ({
        id: n.id, agencyId: n.agencyId, event: n.event, serviceId: n.serviceId, subject: n.subject, body: n.body, createdAt: n.createdAt.toISOString(),
      }));
    },
  };
}

export type NoticeList = ReturnType<typeof createNoticeList>;
