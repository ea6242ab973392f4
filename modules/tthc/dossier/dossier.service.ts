import { actorOf, badRequest, conflict, forbidden, notFound, pgError, runIdempotent, unauthorized, unprocessable, type Principal } from '../../../packages/platform/index.ts';
import type { ChecklistEntry, IntakeOverride } from './dossier.checklist.ts';
import { applicantFromVneid, applicantProfile, stampIdentity, type ApplicantProfile } from './applicant.identity.ts';
import { applyChange, decide, type CitizenIdentity, type Command, type PeopleDirectory } from './dossier.actions.ts';
import type { DossierDeps } from './dossier.deps.ts';
import { buildDocument, placeInOrgChart, type AgencyHeading, type DocumentKind } from './dossier.documents.ts';
import { asciiFileStem, noticeFileName, registerWorkbook, renderNotice, renderRegister, type TrackingRegister } from '../documents/index.ts';
import { registerEntries } from './dossier.register.ts';
import { attachPrefills } from '../prefill/prefill.service.ts';
import { insertDossier, lookupSecret, lookupSecretHash, prepareDossier, type Submission } from './dossier.intake.ts';
import { DOSSIER_PERMISSIONS as P, canAct, canSee, dossierNotFound, isApplicantOf, requirePermission } from './dossier.policies.ts';
import { applicantPage, queuePage, type QueueQuery } from './dossier.queries.ts';
import { dossierRepository } from './dossier.repository.ts';
import { STATUS_INFO } from './dossier.status.ts';
import { offeredTransitions, stepDefinition } from './dossier.steps.ts';
import type { Dossier, DossierEvent, DossierSummary, Handover, Page } from './dossier.types.ts';
import type { OfferingContext } from '../catalogue/procedure.types.ts';
import { dossierFees, paymentActions, type DossierFees } from './dossier.payment.ts';

/**
 * The dossier area's one door: filing (online, counter, national portal), every later action,
 * the queues and the public look-up. Permission and agency scope are checked here, whatever
 * the caller (web app, another system through LGSP, a test).
 */
export type CommandWithVersion = Command & { expectedVersion: number };

/** A filing; at the counter `accept` (default true) accepts at once, after the intake checklist if one is sent. */
export interface FilingInput {
  offeringId: string;
  submission: Submission;
  accept?: boolean;
  checklist?: ChecklistEntry[] | undefined;
  override?: IntakeOverride | undefined;
  /** The desk receiving it at the counter when not the offering's own: a service centre (Decree 118/2025/NĐ-CP). */
  deskAgencyId?: string | undefined;
}

export interface Filed {
  dossier: Dossier;
  /** The public look-up secret, shown once (receipt, confirmation page); only its hash is kept. */
  lookupSecret: string;
}

export interface DossierView extends Dossier {
  /** What the caller may do now: one-stop actions and the process steps' transitions. */
  allowed: { actions: string[]; steps: { stepId: string; stepName: string; actions: { action: string; label: string; requiresComment: boolean }[] }[] };
}

export interface PublicStatus {
  code: string;
  procedureName: string;
  status: string;
  statusLabel: string;
  submittedAt: string;
  receivedAt: string | null;
  dueDate: string | null;
  result: string | null;
  history: { at: string; action: string; toStatus: string; note: string | null }[];
}

export function createDossierService(deps: DossierDeps, people: PeopleDirectory) {
  const { db, catalog } = deps;

  async function offering(offeringId: string, channel: 'online' | 'counter' | 'dvcqg'): Promise<OfferingContext> {
    const context = await deps.procedures.offeringContext(offeringId);
    if (!context || !context.offering.active || !context.procedure.active) throw notFound('tthc.offering_not_found', 'Không tìm thấy dịch vụ công / Service not found');
    if (channel === 'online' && (!context.offering.onlineEnabled || !context.procedure.methods.includes('online'))) {
      throw unprocessable('dossier.online_not_offered', 'Thủ tục này không nộp trực tuyến / This procedure is not offered online');
    }
    if (channel === 'online' && context.offering.onlineFilingPortal === 'national') {
      throw unprocessable('dossier.file_on_national_portal', 'Thủ tục này nộp trực tuyến trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) / File this procedure online on the National Public Service Portal');
    }
    return context;
  }

  /**
   * Decree 118/2025/NĐ-CP separates the desk that receives from the authority that decides: the
   * provincial and commune Public Administration Service Centres receive dossiers of any
   * procedure in the province, regardless of boundaries. Any other desk receives only its own offerings.
   */
  async function receivingDesk(context: OfferingContext, wanted: string | undefined): Promise<string> {
    if (wanted === undefined || wanted === context.offering.deskAgencyId) return context.offering.deskAgencyId;
    const desk = await catalog.getAgency(wanted).catch(() => undefined);
    if (!desk || desk.kind !== 'service_centre' || !desk.active) {
      throw unprocessable('dossier.desk_not_service_centre', 'Chỉ Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ của thủ tục thuộc cơ quan khác / Only a service centre receives dossiers of another agency\'s procedure', { field: 'deskAgencyId' });
    }
    return desk.id;
  }

  async function visible(principal: Principal, id: string): Promise<Dossier> {
    const dossier = await dossierRepository.load(db, id).catch((error: unknown) => {
      if (pgError(error).code === '22P02') return undefined; // not a uuid
      throw error;
    });
    if (!dossier || !(await canSee(catalog, principal, dossier))) throw dossierNotFound();
    return dossier;
  }

  /** An agency as a form prints it: its name, its governing agency, and the place of the nearest People's Committee above it. */
  async function agencyHeading(agencyId: string): Promise<AgencyHeading> {
    const agency = await catalog.getAgency(agencyId);
    const ancestors = await Promise.all((await catalog.agencyAncestors(agencyId)).map(async (id) => (await catalog.getAgency(id)).name));
    const place = placeInOrgChart([agency.name, ...ancestors]);
    if (!place) throw unprocessable('dossier.place_unknown', 'Không xác định được địa danh của cơ quan / The agency has no place in the org chart', { agencyId });
    return { name: agency.name, parent: ancestors[0], place };
  }

  async function allowedFor(principal: Principal, dossier: Dossier): Promise<DossierView['allowed']> {
    const applicant = isApplicantOf(principal, dossier);
    const can = (permission: string, agencyId: string) => canAct(catalog, principal, permission, agencyId);
    const s = dossier.status;
    const actions: string[] = [];
    if (await can(P.receive, dossier.deskAgencyId)) {
      if (s === 'submitted') actions.push('accept', 'request_supplement', 'reject');
      if (s === 'ready_to_return') actions.push('return', 'attach_result');
      if (s === 'supplement_requested') actions.push('resubmit');
    }
    if (s === 'processing' && (await can(P.process, dossier.agencyId))) actions.push('request_supplement', 'attach_result');
    if (await can(P.approve, dossier.agencyId)) {
      if (s === 'processing') actions.push('pause');
      if (s === 'paused') actions.push('resume');
      if (['processing', 'paused', 'supplement_requested'].includes(s) && dossier.dueDate && !dossier.apologised) actions.push('apologise');
      if (['processing', 'paused', 'supplement_requested'].includes(s)) actions.push('stop');
      if (!STATUS_INFO[s].final) actions.push('cancel');
    }
    if (!applicant && principal.kind === 'user' && principal.userType === 'official') actions.push('comment');
    if (applicant && s === 'supplement_requested') actions.push('resubmit');
    if (applicant && ['submitted', 'supplement_requested', 'processing', 'paused', 'awaiting_payment'].includes(s)) actions.push('withdraw');
    actions.push(...(await paymentActions(deps, can, dossier)));
    const steps = [];
    for (const step of await offeredTransitions(deps, dossier)) {
      if (await can(step.permission, step.agencyId)) steps.push({ stepId: step.stepId, stepName: step.stepName, actions: step.actions });
    }
    return { actions: [...new Set(actions)], steps };
  }

  /** Each e-form part with VNeID's identity written into its locked fields. */
  async function stampForms(formData: Submission['formData'], context: OfferingContext, identity: CitizenIdentity): Promise<Submission['formData']> {
    const stamped = { ...formData };
    for (const part of context.procedure.parts) {
      const form = part.formKey && stamped[part.code] ? await deps.procedures.publishedForm(part.formKey) : undefined;
      if (form) stamped[part.code] = stampIdentity(form.schema, stamped[part.code], identity) as Record<string, unknown>;
    }
    return stamped;
  }

  async function file(principal: Principal, channel: 'online' | 'counter', input: FilingInput, key: string | undefined): Promise<Filed> {
    if (principal.kind !== 'user') throw unauthorized();
    const context = await offering(input.offeringId, channel);
    let { submission } = input;
    let subject: string | null = null;
    if (channel === 'online') {
      if (principal.userType !== 'citizen') throw forbidden('dossier.citizens_only', 'Nộp trực tuyến dành cho công dân, tổ chức / Online filing is for applicants');
      const identity = await people.citizenIdentity(principal.userId);
      if (!identity) throw forbidden('dossier.identity_required', 'Cần đăng nhập bằng VNeID / Sign in with VNeID to file online');
      submission = {
        ...submission, applicant: applicantFromVneid(submission.applicant, identity, context.procedure.applicantTypes),
        formData: await stampForms(submission.formData, context, identity),
      };
      subject = principal.userId;
    }
    const deskAgencyId = channel === 'counter' ? await receivingDesk(context, input.deskAgencyId) : context.offering.deskAgencyId;
    if (channel === 'counter' && !(await canAct(catalog, principal, P.receive, deskAgencyId))) {
      throw forbidden('dossier.forbidden', 'Bạn không làm việc tại bộ phận một cửa này / Not an official of this desk');
    }
    const actor = { id: actorOf(principal), name: principal.displayName };
    const acceptNow = channel === 'counter' && input.accept !== false;
    const outcome = await runIdempotent(db, { key, actor: actor.id, request: { op: `file:${channel}`, input } }, async (tx, prepared) => {
      const dossier = await insertDossier(deps, tx, prepared.dossier);
      await attachPrefills(tx, dossier, submission.prefills, principal.userId);
      // Filed online: tell the applicant it arrived (the desk's acceptance sends the receipt later).
      // At the counter the receipt is handed over at once, so no `filed` notice.
      if (prepared.deskName !== undefined) await deps.notices(tx, 'filed', dossier, { agencyName: prepared.deskName });
      return prepared.accept ? applyChange(deps, tx, principal, dossier, prepared.accept) : dossier;
    }, async () => {
      const dossier = await prepareDossier(deps, { context, channel, submission, applicantSubject: subject, actor, deskAgencyId });
      const intake = { action: 'accept' as const, checklist: input.checklist, override: input.override };
      const accept = acceptNow ? await decide(deps, principal, dossier.draft, intake, people, deps.now()) : undefined;
      const deskName = channel === 'online' ? (await catalog.getAgency(context.offering.deskAgencyId)).name : undefined;
      return { dossier, accept, deskName };
    });
    // The secret is derived, not stored: the idempotency record never holds it either.
    return { dossier: outcome.value, lookupSecret: lookupSecret(deps.lookupKey, outcome.value.id) };
  }

  return {
    submitOnline: (principal: Principal, input: { offeringId: string; submission: Submission }, key?: string) => file(principal, 'online', input, key),

    /** At the counter the official files for the applicant and, by default, accepts at once (receipt issued). */
    receiveAtCounter: (principal: Principal, input: FilingInput, key?: string) => file(principal, 'counter', input, key),

    /** A dossier filed on the national portal and pushed here; the national code makes a repeated push harmless. */
    async receiveFromNationalPortal(principal: Principal, input: { externalCode: string; offeringId: string; submission: Submission }): Promise<{ dossier: Dossier; created: boolean }> {
      const context = await offering(input.offeringId, 'dvcqg');
      if (!(await canAct(catalog, principal, P.receive, context.offering.deskAgencyId))) throw forbidden('dossier.forbidden', 'This client may not file dossiers for this desk');
      const existing = await dossierRepository.idByExternalCode(db, input.externalCode);
      if (existing) return { dossier: (await dossierRepository.load(db, existing))!, created: false };
      try {
        const prepared = await prepareDossier(deps, {
          context, channel: 'dvcqg', submission: input.submission, applicantSubject: null, externalCode: input.externalCode,
          actor: { id: actorOf(principal), name: 'Cổng Dịch vụ công quốc gia' },
        });
        const dossier = await db.transaction((tx) => insertDossier(deps, tx, prepared));
        return { dossier, created: true };
      } catch (error) {
        if (pgError(error).constraint === 'dossiers_external_code_key') {
          const id = (await dossierRepository.idByExternalCode(db, input.externalCode))!;
          return { dossier: (await dossierRepository.load(db, id))!, created: false };
        }
        throw error;
      }
    },

    async act(principal: Principal, id: string, command: CommandWithVersion, key?: string): Promise<Dossier> {
      const { expectedVersion, ...rest } = command;
      const outcome = await runIdempotent(db, { key, actor: actorOf(principal), request: { op: 'act', id, command } },
        (tx, planned) => applyChange(deps, tx, principal, planned.dossier, planned.change),
        async () => {
          const dossier = await visible(principal, id);
          if (dossier.version !== expectedVersion) {
            throw conflict('dossier.version_conflict', 'Hồ sơ vừa được người khác cập nhật / The dossier was changed by someone else', { version: dossier.version });
          }
          return { dossier, change: await decide(deps, principal, dossier, rest as Command, people, deps.now()) };
        });
      return outcome.value;
    },

    async get(principal: Principal, id: string): Promise<DossierView> {
      const dossier = await visible(principal, id);
      return { ...dossier, allowed: await allowedFor(principal, dossier) };
    },

    /** Officials an active step can be assigned to (they hold its permission at its agency). */
    async assignees(principal: Principal, id: string, stepId: string): Promise<{ id: string; fullName: string }[]> {
      const dossier = await visible(principal, id);
      const { step, state } = await stepDefinition(deps, dossier, stepId);
      if (!(await canAct(catalog, principal, step.permission, state.agencyId)) && !(await canAct(catalog, principal, P.approve, state.agencyId))) {
        throw forbidden('dossier.forbidden', 'Bạn không thể phân công bước này / You may not assign this step');
      }
      return people.officialsHolding(step.permission, state.agencyId);
    },

    /** The fee owed and the dossier's payment requests (visible to whoever sees the dossier). */
    async fees(principal: Principal, id: string): Promise<DossierFees> {
      return dossierFees(deps, await visible(principal, id));
    },

    async history(principal: Principal, id: string): Promise<DossierEvent[]> {
      const dossier = await visible(principal, id);
      return dossierRepository.events(db, id, isApplicantOf(principal, dossier));
    },

    async controlSheet(principal: Principal, id: string): Promise<Handover[]> {
      const dossier = await visible(principal, id);
      if (isApplicantOf(principal, dossier)) throw dossierNotFound();
      return dossierRepository.handovers(db, id);
    },

    async queue(principal: Principal, query: QueueQuery): Promise<Page<DossierSummary>> {
      const permitted = await Promise.all(Object.values(P).map((p) => canAct(catalog, principal, p, query.agencyId)));
      if (!permitted.some(Boolean)) throw forbidden('dossier.forbidden', 'Bạn không làm việc tại cơ quan này / Not an official of this agency');
      const now = deps.now();
      const soon = await catalog.addWorkingDays(now, 2, query.agencyId);
      return queuePage(db, query, now, soon);
    },

    async mine(principal: Principal, limit: number, offset: number): Promise<Page<DossierSummary>> {
      if (principal.kind !== 'user' || principal.userType !== 'citizen') throw forbidden('dossier.citizens_only', 'Only applicants have their own dossiers');
      return applicantPage(db, principal.userId, limit, offset);
    },

    /** Public status by code and secret; a wrong secret and an unknown code give the same answer. */
    async lookup(code: string, secret: string): Promise<PublicStatus> {
      if (!secret || secret.length > 40) throw badRequest('dossier.lookup_secret_required', 'Cần mã tra cứu / The look-up secret is required');
      const found = await dossierRepository.idByCode(db, code.trim().toUpperCase());
      if (!found || found.lookupSecretHash !== lookupSecretHash(found.id, secret)) {
        throw notFound('dossier.lookup_failed', 'Mã hồ sơ hoặc mã tra cứu không đúng / Wrong dossier code or secret');
      }
      const dossier = (await dossierRepository.load(db, found.id))!;
      const history = await dossierRepository.events(db, found.id, true);
      return {
        code: dossier.code, procedureName: dossier.procedureName, status: dossier.status, statusLabel: dossier.statusLabel,
        submittedAt: dossier.submittedAt, receivedAt: dossier.receivedAt, dueDate: dossier.dueDate, result: dossier.result,
        history: history.map((e) => ({ at: e.at, action: e.action, toStatus: e.toStatus, note: e.note })),
      };
    },

    /** What VNeID said about the signed-in citizen, to prefill an application (read-only where it came from VNeID). */
    async applicantProfile(principal: Principal): Promise<ApplicantProfile> {
      if (principal.kind !== 'user' || principal.userType !== 'citizen') throw forbidden('dossier.citizens_only', 'Chỉ dành cho công dân, tổ chức / Only applicants have a profile');
      const identity = await people.citizenIdentity(principal.userId);
      if (!identity) throw forbidden('dossier.identity_required', 'Cần đăng nhập bằng VNeID / Sign in with VNeID');
      return applicantProfile(identity);
    },

    /** The look-up secret of a visible dossier, to reprint its receipt. */
    async secretFor(principal: Principal, id: string): Promise<{ code: string; lookupSecret: string }> {
      const dossier = await visible(principal, id);
      return { code: dossier.code, lookupSecret: lookupSecret(deps.lookupKey, dossier.id) };
    },

    /** A printable document of the dossier as a PDF (the control sheet is for officials only). */
    async document(principal: Principal, id: string, kind: DocumentKind): Promise<{ bytes: Buffer; fileName: string }> {
      const dossier = await visible(principal, id);
      const applicant = isApplicantOf(principal, dossier);
      if (applicant && kind === 'control_sheet') throw dossierNotFound();
      const doc = await buildDocument(kind, {
        dossier, context: await deps.procedures.offeringContext(dossier.offeringId), events: await dossierRepository.events(db, id, false),
        handovers: await dossierRepository.handovers(db, id), agency: agencyHeading,
        lookupSecret: lookupSecret(deps.lookupKey, dossier.id), publicUrl: deps.publicUrl, now: deps.now(),
      });
      return { bytes: await renderNotice(doc), fileName: noticeFileName(doc) };
    },

    /**
     * The tracking register (Mẫu số 07) of a desk for a period, as a PDF or an Excel workbook:
     * for the desk's officials (dossier.receive on the desk's agency or above it).
     */
    async register(principal: Principal, query: { deskAgencyId: string; from: string; to: string; format: 'pdf' | 'xlsx' }): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
      await requirePermission(catalog, principal, P.receive, query.deskAgencyId);
      const desk = await agencyHeading(query.deskAgencyId);
      const entries = await registerEntries(db, query.deskAgencyId, query.from, query.to, async (id) => (await catalog.getAgency(id)).name);
      const register: TrackingRegister = {
        agency: { parent: desk.parent, name: desk.name }, desk: desk.name, place: desk.place, from: query.from, to: query.to, issuedAt: deps.now(), entries,
      };
      const stem = `so-theo-doi-ho-so-${asciiFileStem(desk.name)}-${query.from}-${query.to}`;
      return query.format === 'pdf'
        ? { bytes: await renderRegister(register), fileName: `${stem}.pdf`, contentType: 'application/pdf' }
        : { bytes: await registerWorkbook(register), fileName: `${stem}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    },

    /** A file of a visible dossier; applicants get their inputs and results, never internal documents. */
    async fileContent(principal: Principal, dossierId: string, fileId: string): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
      const dossier = await visible(principal, dossierId);
      const stored = await dossierRepository.fileBlob(db, dossierId, fileId);
      if (!stored || (isApplicantOf(principal, dossier) && stored.kind === 'result' && dossier.status !== 'completed' && dossier.status !== 'ready_to_return')) {
        throw notFound('dossier.file_not_found', 'Không tìm thấy tệp / File not found');
      }
      const bytes = await deps.blobs.get(stored.blobKey);
      if (!bytes) throw notFound('dossier.file_not_found', 'Không tìm thấy tệp / File not found');
      return { bytes, fileName: stored.fileName, contentType: stored.contentType };
    },
  };
}

export type DossierService = ReturnType<typeof createDossierService>;
