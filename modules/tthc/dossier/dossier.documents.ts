import { maskIdNumber, notFound, vietnamDate } from '../../../packages/platform/index.ts';
import type { NoticeApplicant, NoticeDocument, NoticeKind } from '../documents/index.ts';
import type { Dossier, DossierEvent, Handover } from './dossier.types.ts';
import type { OfferingContext } from '../catalogue/procedure.types.ts';

/**
 * The printable documents of a dossier (receipt, supplement request, rejection, apology,
 * control sheet), built from what the dossier's history records: a reprint shows what was
 * issued, not today's state.
 */
export const DOCUMENT_KINDS = ['receipt', 'supplement_request', 'rejection', 'apology', 'control_sheet'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number] & NoticeKind;

export interface DocumentSources {
  dossier: Dossier;
  context: OfferingContext | undefined;
  events: DossierEvent[];
  handovers: Handover[];
  agencyName: (id: string) => Promise<string>;
  lookupSecret: string;
  publicUrl: string;
  now: Date;
}

const missing = () => notFound('dossier.document_not_issued', 'Giấy tờ này chưa được lập cho hồ sơ / This document has not been issued for the dossier');

function applicantOf(dossier: Dossier): NoticeApplicant {
  const a = dossier.applicant;
  const id = a.personalId ?? a.enterpriseCode;
  return {
    name: a.organisationName ? `${a.organisationName} (${a.fullName})` : a.fullName,
    idNumber: id ? maskIdNumber(id) : undefined,
    address: a.address ? [a.address.line, a.address.commune, a.address.province].filter(Boolean).join(', ') : undefined,
    phone: a.phone,
    email: a.email,
  };
}

/**
 * The place on the place-and-date line (Decree 30/2020/NĐ-CP, Appendix I): a commune's or
 * ward's People's Committee writes its own name ("Tân Hồng, ngày …"); provincial agencies the
 * province's (the layout's default).
 */
export function placeOfIssue(agencyName: string): string | undefined {
  return /^(?:UBND|Ủy ban nhân dân) (?:xã|phường) (.+)$/iu.exec(agencyName.trim())?.[1];
}

const lastEvent = (events: DossierEvent[], action: string) => [...events].reverse().find((e) => e.action === action);

export async function buildDocument(kind: DocumentKind, s: DocumentSources): Promise<NoticeDocument> {
  const { dossier } = s;
  const lookupUrl = `${s.publicUrl}/tra-cuu?ma=${encodeURIComponent(dossier.code)}`;
  const agencyName = await s.agencyName(dossier.agencyId);
  const base = {
    agency: { parent: 'UBND tỉnh Đồng Tháp', name: agencyName },
    place: placeOfIssue(agencyName),
    desk: await s.agencyName(dossier.deskAgencyId),
    dossierCode: dossier.code,
    lookupUrl,
    applicant: applicantOf(dossier),
    procedure: { name: dossier.procedureName, code: dossier.procedureCode },
  };
  switch (kind) {
    case 'receipt': {
      const accepted = lastEvent(s.events, 'accept');
      if (!accepted || !dossier.receivedAt || !dossier.originalDueDate) throw missing();
      const procedure = s.context?.procedure;
      const fees = s.context?.offering.fees ?? procedure?.fees ?? [];
      const received = new Set(dossier.files.filter((f) => f.kind === 'input').map((f) => f.partCode).concat(Object.keys(dossier.formData)));
      return {
        ...base, kind, issuedAt: accepted.at, lookupSecret: s.lookupSecret, channel: dossier.channel, receivedAt: dossier.receivedAt,
        parts: (procedure?.parts ?? []).filter((p) => received.has(p.code)).map((p) => ({ name: p.name, originals: dossier.channel === 'counter' ? p.originals : 0, copies: dossier.channel === 'counter' ? p.copies : 0 })),
        processingTime: procedure ? `${String(procedure.processingDays).padStart(2, '0')} ngày làm việc` : undefined,
        dueDate: dossier.originalDueDate,
        fee: fees.reduce((sum, f) => sum + f.amountVnd, 0) || undefined,
        resultDelivery: dossier.channel === 'online' || dossier.channel === 'dvcqg' ? 'Nhận kết quả trực tuyến hoặc tại Bộ phận Một cửa' : 'Nhận trực tiếp tại Bộ phận Một cửa',
        official: accepted.actorName,
      };
    }
    case 'supplement_request': {
      const event = lastEvent(s.events, 'request_supplement');
      if (!event) throw missing();
      const parts = new Map((s.context?.procedure.parts ?? []).map((p) => [p.code, p.name]));
      const items = (event.details.items as { partCode: string; reason: string }[] | undefined) ?? [];
      return {
        ...base, kind, issuedAt: event.at, receivedAt: dossier.receivedAt ?? undefined, official: event.actorName, note: event.note ?? undefined,
        items: items.map((i) => ({ part: parts.get(i.partCode) ?? i.partCode, reason: i.reason })),
      };
    }
    case 'rejection': {
      const event = lastEvent(s.events, 'reject');
      if (!event) throw missing();
      return { ...base, kind, issuedAt: event.at, reasons: (event.details.reasons as string[] | undefined) ?? [event.note ?? ''], official: event.actorName };
    }
    case 'apology': {
      const event = lastEvent(s.events, 'apologise');
      if (!event) throw missing();
      return {
        ...base, kind, issuedAt: event.at, receivedAt: dossier.receivedAt ?? undefined, previousDueDate: String(event.details.previousDueDate),
        newDueDate: String(event.details.newDueDate), reason: event.note ?? '', signer: { title: 'Thủ trưởng cơ quan', name: event.actorName },
      };
    }
    case 'control_sheet': {
      if (!dossier.receivedAt || !dossier.dueDate) throw missing();
      const handovers = await Promise.all(s.handovers.map(async (h) => ({
        step: h.stepName, agency: await s.agencyName(h.agencyId), holder: h.holderName ?? '—', from: h.startedAt, to: h.endedAt,
        due: h.dueAt ? vietnamDate(new Date(h.dueAt)) : dossier.dueDate!,
        outcome: h.onTime === null ? undefined : h.onTime ? ('on_time' as const) : ('late' as const),
      })));
      return { ...base, kind, issuedAt: s.now, receivedAt: dossier.receivedAt, dueDate: dossier.dueDate, handovers };
    }
  }
}
