/**
 * Process definitions, versioned like e-forms: a draft is validated with
 * validateProcessDefinition (and stored as the clean copy it returns), so a published version
 * can always be walked by the engine, drawn and exported to BPMN.
 */
import { unprocessable, type Db, type Principal, type Queryable } from '../../../packages/platform/index.ts';
import { processes } from '../db/schema.ts';
import { toBpmnXml } from './process.bpmn.ts';
import { validateProcessDefinition, type ProcessDefinition } from './process.definition.ts';
import { processGraph } from './process.graph.ts';
import type { ProcessDraft, ProcessView, VersionSummary } from '../catalogue/procedure.inputs.ts';
import type { ProcessVersion } from '../catalogue/procedure.types.ts';
import { versionedDocuments, type VersionRow } from '../catalogue/procedure.versions.ts';

const toProcess = (row: VersionRow): ProcessVersion => ({
  key: row.key,
  version: row.version,
  name: row.name as string,
  definition: row.definition,
  status: row.status,
});

function prepare(draft: ProcessDraft): Record<string, unknown> {
  const name = draft.name.trim();
  if (!name || name.length > 300) throw unprocessable('tthc.process_invalid', 'The process needs a name of 1–300 characters', [{ path: 'name', message: 'must be 1–300 characters' }]);
  const result = validateProcessDefinition(draft.definition);
  if (!result.ok) throw unprocessable('tthc.process_invalid', `The process definition has ${result.errors.length} problem(s)`, result.errors);
  return { name, definition: result.definition };
}

export interface ProcessService {
  listProcesses(): Promise<VersionSummary[]>;
  /** The given version, or the newest published one, with its drawable graph (drafts only for editors). */
  getProcess(key: string, version?: number, viewer?: Principal): Promise<ProcessView>;
  processVersion(key: string, version: number): Promise<ProcessVersion | undefined>;
  latestPublishedProcess(key: string, q?: Queryable): Promise<ProcessVersion | undefined>;
  saveProcessDraft(principal: Principal, key: string, draft: ProcessDraft): Promise<ProcessVersion>;
  publishProcess(principal: Principal, key: string, version: number): Promise<ProcessVersion>;
  /** BPMN 2.0 XML of a version (drafts only for editors). */
  exportBpmn(key: string, version: number, viewer?: Principal): Promise<string>;
}

export function createProcessService(db: Db): ProcessService {
  const docs = versionedDocuments<ProcessVersion, ProcessDraft>(db, { kind: 'process', table: processes, titleColumn: processes.name, toDoc: toProcess, prepare });
  return {
    listProcesses: docs.list,
    async getProcess(key, version, viewer) {
      const process = await docs.get(key, version, viewer);
      return { ...process, graph: processGraph(process.definition as ProcessDefinition) };
    },
    processVersion: docs.find,
    latestPublishedProcess: docs.latestPublished,
    saveProcessDraft: docs.saveDraft,
    publishProcess: docs.publish,
    async exportBpmn(key, version, viewer) {
      const process = await docs.get(key, version, viewer);
      return toBpmnXml(process.definition as ProcessDefinition, { key: process.key, version: process.version, name: process.name });
    },
  };
}
