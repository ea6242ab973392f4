/**
 * Offerings: a procedure as one agency provides it — which desk receives, which process it
 * follows, its own fees and dossier-code pattern. Editing one needs `procedure.edit` on that
 * agency (a subtree grant on a parent covers it): a commune edits its own offerings only.
 */
import { AppError, conflict, newId, notFound, pgError, type Db, type Principal } from '../../../packages/platform/index.ts';
import type { CatalogService } from '../../catalog/index.ts';
import { isValidCodePattern } from '../dossier/dossier.code.ts';
import { offeringRepository as repo, type OfferingChanges } from './offering.repository.ts';
import type { FieldIssue, NewOffering, OfferingPatch, OfferingWithAgency } from './procedure.inputs.ts';
import { requireAgencyScope, requireEditor } from './procedure.policies.ts';
import { procedureRepository } from './procedure.repository.ts';
import type { Offering } from './procedure.types.ts';
import { checkFees, cleanFee, DOCUMENT_KEY, invalid, versionConflict } from './procedure.validation.ts';
import type { ProcessService } from '../process/process.service.ts';

export type AgencyDirectory = Pick<CatalogService, 'getAgency' | 'listAgencies' | 'agencyAncestors'>;

export const offeringNotFound = () => notFound('tthc.offering_not_found', 'No such offering');

export interface OfferingService {
  listOfferings(filter: { agencyId?: string | undefined; procedureId?: string | undefined }): Promise<Offering[]>;
  /** The active offerings of a procedure with agency names: the citizen's "where to file" choice. */
  offeringsOfProcedure(procedureId: string): Promise<OfferingWithAgency[]>;
  getOffering(id: string): Promise<Offering>;
  createOffering(principal: Principal, input: NewOffering): Promise<Offering>;
  updateOffering(principal: Principal, id: string, expectedVersion: number, patch: OfferingPatch): Promise<Offering>;
}

export function createOfferingService(db: Db, catalog: AgencyDirectory, processes: Pick<ProcessService, 'latestPublishedProcess'>): OfferingService {
  const ancestorsOf = (agencyId: string) => catalog.agencyAncestors(agencyId);

  /** An agency that does not exist is a wrong field of the input, not a missing resource of the URL. */
  async function agencyExists(id: string, field: string, issues: FieldIssue[]): Promise<boolean> {
    try {
      await catalog.getAgency(id);
      return true;
    } catch (err) {
      if (!(err instanceof AppError && err.status === 404)) throw err;
      issues.push({ field, message: 'no agency has this id' });
      return false;
    }
  }

  /** Checks the changeable fields that are present; returns them cleaned. */
  async function checkChanges(input: OfferingPatch, issues: FieldIssue[]): Promise<OfferingChanges> {
    const changes: OfferingChanges = {};
    if (input.deskAgencyId !== undefined && (await agencyExists(input.deskAgencyId, 'deskAgencyId', issues))) changes.deskAgencyId = input.deskAgencyId;
    if (input.processKey !== undefined) {
      if (!DOCUMENT_KEY.test(input.processKey) || !(await processes.latestPublishedProcess(input.processKey))) {
        issues.push({ field: 'processKey', message: 'must be the key of a process with a published version' });
      } else changes.processKey = input.processKey;
    }
    if (input.codePattern !== undefined) {
      if (input.codePattern !== null && !isValidCodePattern(input.codePattern)) {
        issues.push({ field: 'codePattern', message: 'must use {agencyCode}, {procedureCode}, {yyyy}, {yy}, {MM}, {dd}, {yyMMdd} and exactly one {seqN}' });
      } else changes.codePattern = input.codePattern;
    }
    if (input.intakeCutoff !== undefined) {
      if (input.intakeCutoff !== null && !/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(input.intakeCutoff)) {
        issues.push({ field: 'intakeCutoff', message: 'must be a time of day HH:MM (Vietnam time)' });
      } else changes.intakeCutoff = input.intakeCutoff;
    }
    if (input.fees !== undefined) {
      const feeIssues = input.fees === null ? [] : checkFees(input.fees);
      issues.push(...feeIssues);
      if (feeIssues.length === 0) changes.fees = input.fees === null ? null : (input.fees.map(cleanFee) as Offering['fees']);
    }
    if (input.onlineEnabled !== undefined) changes.onlineEnabled = input.onlineEnabled;
    if (input.onlineFilingPortal !== undefined) changes.onlineFilingPortal = input.onlineFilingPortal;
    if (input.active !== undefined) changes.active = input.active;
    return changes;
  }

  async function createOffering(principal: Principal, input: NewOffering): Promise<Offering> {
    requireEditor(principal);
    const issues: FieldIssue[] = [];
    if (!(await agencyExists(input.agencyId, 'agencyId', issues))) throw invalid('tthc.offering_invalid', issues);
    await requireAgencyScope(principal, input.agencyId, ancestorsOf);
    if (!(await procedureRepository.findById(db, input.procedureId))) issues.push({ field: 'procedureId', message: 'no procedure has this id' });
    const changes = await checkChanges({ ...input, deskAgencyId: input.deskAgencyId ?? input.agencyId }, issues);
    if (issues.length > 0) throw invalid('tthc.offering_invalid', issues);
    const row = {
      id: newId(),
      procedureId: input.procedureId,
      agencyId: input.agencyId,
      deskAgencyId: changes.deskAgencyId ?? input.agencyId,
      processKey: changes.processKey ?? input.processKey,
      fees: changes.fees ?? null,
      codePattern: changes.codePattern ?? null,
      intakeCutoff: changes.intakeCutoff ?? null,
      onlineEnabled: changes.onlineEnabled ?? true,
      onlineFilingPortal: changes.onlineFilingPortal ?? 'provincial',
      active: changes.active ?? true,
    };
    return repo.insert(db, row).catch((err: unknown) => {
      if (pgError(err).code === '23505') throw conflict('tthc.offering_exists', 'This agency already offers this procedure; update that offering instead');
      throw err;
    });
  }

  async function updateOffering(principal: Principal, id: string, expectedVersion: number, patch: OfferingPatch): Promise<Offering> {
    requireEditor(principal);
    const current = await repo.findById(db, id);
    if (!current) throw offeringNotFound();
    await requireAgencyScope(principal, current.agencyId, ancestorsOf);
    const issues: FieldIssue[] = [];
    const changes = await checkChanges(patch, issues);
    if (issues.length > 0) throw invalid('tthc.offering_invalid', issues);
    if (current.version !== expectedVersion) throw versionConflict('offering', current.version);
    const updated = await repo.update(db, id, expectedVersion, changes);
    if (!updated) throw versionConflict('offering', (await repo.findById(db, id))?.version ?? current.version);
    return updated;
  }

  async function offeringsOfProcedure(procedureId: string): Promise<OfferingWithAgency[]> {
    if (!(await procedureRepository.findById(db, procedureId))) throw notFound('tthc.procedure_not_found', 'No such procedure');
    const [list, agencies] = await Promise.all([repo.list(db, { procedureId, activeOnly: true }), catalog.listAgencies()]);
    const byId = new Map(agencies.map((a) => [a.id, a]));
    return list
      .filter((o) => byId.has(o.agencyId))
      .map((o) => ({ ...o, agencyCode: byId.get(o.agencyId)!.code, agencyName: byId.get(o.agencyId)!.name, deskAgencyName: byId.get(o.deskAgencyId)?.name ?? '' }))
      .sort((a, b) => a.agencyCode.localeCompare(b.agencyCode));
  }

  return {
    listOfferings: (filter) => repo.list(db, filter),
    offeringsOfProcedure,
    async getOffering(id) {
      const offering = await repo.findById(db, id);
      if (!offering) throw offeringNotFound();
      return offering;
    },
    createOffering,
    updateOffering,
  };
}
