import { maskIdNumber, notFound, vietnamDate } from '../../../packages/platform/index.ts';
import { atVietnamTime, type NoticeApplicant, type NoticeDocument, type NoticeKind } from '../documents/index.ts';
import type { Dossier, DossierEvent, Handover } from './dossier.types.ts';
import type { OfferingContext } from '../catalogue/procedure.types.ts';

/**
 * The printable documents of a dossier (forms 01–06 of Circular 03/2025/TT-VPCP), built from
 * what the dossier's history records: a reprint shows what was issued, with the number it was
 * given, not today's state.
 */
export const DOCUMENT_KINDS = ['receipt', 'supplement_request', 'rejection', 'apology', 'stop', 'control_sheet'] as const;

/**
 * Configuration (the 2025 texts were not read on these points): the hour printed as the
 * promised return time on the due date, and the legal ground a rejection names.
 */
export const RETURN_TIME = '16:00';
export const REJECTION_GROUND = 'Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông';

/** An agency as a form's header prints it: its governing agency, and its own place name. */
export interface AgencyHeading {
  name: string;
  parent?: string | undefined;
  place: string;
}
export type DocumentKind = (typeof DOCUMENT_KINDS)[number] & NoticeKind;

export interface DocumentSources {
  dossier: Dossier;
  context: OfferingContext | undefined;
  events: DossierEvent[];
  handovers: Handover[];
  agency: (id: string) => Promise<AgencyHeading>;
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
 * ward's People's Committee writes its own name ("Tân Hồng, ngày …"), a province's its own.
 */
export function placeOfIssue(agencyName: string): string | undefined {
  return /^(?:UBND|Ủy ban nhân dân) (?:xã|phường|đặc khu) (.+)$/iu.exec(agencyName.trim())?.[1];
}

/** The place of an agency: that of the nearest People's Committee in its line of the org chart (itself first). */
export function placeInOrgChart(names: string[]): string | undefined {
  for (const name of names) {
    const place = placeOfIssue(name) ?? /^(?:UBND|Ủy ban nhân dân) (?:tỉnh|thành phố) (.+)$/iu.exec(name.trim())?.[1];
    if (place) return place;
  }
  return undefined;
}

const numberOf = (event: DossierEvent | undefined, form: string): string | undefined =>
  (event?.details.documentNumbers as Record<string, string> | undefined)?.[form];

const lastEvent = (events: DossierEvent[], action: string) => [...events].reverse().find((e) => e.action === action);

export async function buildDocument(kind: DocumentKind, s: DocumentSources): Promise<NoticeDocument> {
  const { dossier } = s;
  const lookupUrl = `${s.publicUrl}/tra-cuu?ma=${encodeURIComponent(dossier.code)}`;
  const agency = await s.agency(dossier.agencyId);
  const desk = await s.agency(dossier.deskAgencyId);
  const base = {
    agency: { parent: agency.parent, name: agency.name },
    place: agency.place,
    desk: desk.name === agency.name ? `Bộ phận Một cửa ${agency.name}` : desk.name,
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
        ...base, kind, issuedAt: accepted.at, number: numberOf(accepted, kind), returnAt: atVietnamTime(dossier.originalDueDate, RETURN_TIME), lookupSecret: s.lookupSecret, channel: dossier.channel, receivedAt: dossier.receivedAt,
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
        ...base, kind, issuedAt: event.at, number: numberOf(event, kind), receivedAt: dossier.receivedAt ?? undefined, official: event.actorName, note: event.note ?? undefined,
        items: items.map((i) => ({ part: parts.get(i.partCode) ?? i.partCode, reason: i.reason })),
      };
    }
    case 'rejection': {
      const event = lastEvent(s.events, 'reject');
      if (!event) throw missing();
      return {
        ...base, kind, issuedAt: event.at, number: numberOf(event, kind), reasons: (event.details.reasons as string[] | undefined) ?? [event.note ?? ''],
        legalGround: REJECTION_GROUND, official: event.actorName,
      };
    }
    case 'apology': {
      const event = lastEvent(s.events, 'apologise');
      if (!event) throw missing();
      return {
        // Issued before or after the promised date decides its wording: the time the command was decided.
        ...base, kind, issuedAt: typeof event.details.issuedAt === 'string' ? event.details.issuedAt : event.at, number: numberOf(event, kind),
        receivedAt: dossier.receivedAt ?? undefined, previousDueDate: String(event.details.previousDueDate),
        newDueDate: String(event.details.newDueDate), reason: event.note ?? '', signer: { title: 'Thủ trưởng cơ quan', name: event.actorName },
      };
    }
    case 'stop': {
      const event = lastEvent(s.events, 'stop');
      if (!event) throw missing();
      return {
        ...base, kind, issuedAt: event.at, number: numberOf(event, kind), receivedAt: dossier.receivedAt ?? undefined, reason: event.note ?? '',
        legalGround: typeof event.details.legalGround === 'string' ? event.details.legalGround : undefined, signer: { title: 'Thủ trưởng cơ quan', name: event.actorName },
      };
    }
    case 'control_sheet': {
      const accepted = lastEvent(s.events, 'accept');
      if (!dossier.receivedAt || !dossier.dueDate || !accepted) throw missing();
      // Each hand-over: from the agency that held the dossier before (the desk at first) to the step's agency.
      const handovers = [];
      let previousAgency = desk.name;
      for (const h of s.handovers) {
        const toAgency = (await s.agency(h.agencyId)).name;
        handovers.push({
          step: h.stepName, fromAgency: previousAgency, toAgency, giver: h.givenByName ?? '', receiver: h.holderName ?? h.endedByName ?? '',
          at: h.startedAt, endedAt: h.endedAt, due: h.dueAt ? vietnamDate(new Date(h.dueAt)) : dossier.dueDate,
        });
        previousAgency = toAgency;
      }
      return { ...base, kind, issuedAt: s.now, number: numberOf(accepted, kind), receivedAt: dossier.receivedAt, dueDate: dossier.dueDate, handovers };
    }
  }
}
