import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, type Database } from '../../../packages/platform/index.ts';
import { createTestDatabase, rejectsWith } from '../../../packages/platform/testing.ts';
import { CONDITIONAL_PROCESS } from './process.samples.ts';
import { createProcessService, type ProcessService } from './process.service.ts';
import { citizen, principalWith } from '../catalogue/procedure.test-support.ts';

const editor = principalWith('00000000-0000-4000-8000-00000000aaaa', ['procedure.edit']);

describe('process definitions (database)', () => {
  let database: Database;
  let processes: ProcessService;

  before(async () => {
    database = await createTestDatabase();
    processes = createProcessService(database.db);
  });
  after(async () => database.close());

  it('refuses an invalid draft with every problem by path (422) and stores nothing', async () => {
    const broken = structuredClone(CONDITIONAL_PROCESS) as unknown as { steps: Record<string, unknown>[]; transitions: Record<string, unknown>[] };
    broken.steps[1]!.permission = 'dossier.delete';
    broken.transitions[0]!.to = 'khong_co';
    broken.transitions[0]!.requireComment = true;
    await assert.rejects(processes.saveProcessDraft(editor, 'cap-phep', { name: 'Cấp phép', definition: broken }), (err) => {
      assert.ok(err instanceof AppError && err.status === 422 && err.code === 'tthc.process_invalid');
      assert.deepEqual((err.details as { path: string }[]).map((d) => d.path), ['steps[1].permission', 'transitions[0].requireComment']);
      return true;
    });
    await assert.rejects(processes.saveProcessDraft(editor, 'cap-phep', { name: 'Cấp phép', definition: { start: 'a', steps: [], transitions: [] } }), (err) => {
      assert.ok(err instanceof AppError && err.status === 422);
      assert.deepEqual((err.details as { path: string }[]).map((d) => d.path), ['steps', 'transitions']);
      return true;
    });
    await assert.rejects(processes.saveProcessDraft(citizen, 'cap-phep', { name: 'Cấp phép', definition: structuredClone(CONDITIONAL_PROCESS) }), rejectsWith(403, 'auth.forbidden'));
    assert.deepEqual(await processes.listProcesses(), []);
  });

  it('publishes a valid draft, draws it and exports it as BPMN with its steps', async () => {
    const draft = await processes.saveProcessDraft(editor, 'cap-phep', { name: 'Cấp phép xây dựng', definition: structuredClone(CONDITIONAL_PROCESS) });
    assert.deepEqual([draft.version, draft.status], [1, 'draft']);
    await assert.rejects(processes.exportBpmn('cap-phep', 1), rejectsWith(404, 'tthc.process_not_found'));
    await assert.rejects(processes.getProcess('cap-phep'), rejectsWith(404, 'tthc.process_not_found'));
    const published = await processes.publishProcess(editor, 'cap-phep', 1);
    assert.equal(published.status, 'published');
    assert.deepEqual(published.definition, CONDITIONAL_PROCESS);

    const view = await processes.getProcess('cap-phep');
    assert.equal(view.version, 1);
    assert.deepEqual(
      view.graph.nodes.filter((n) => n.kind === 'task').map((n) => n.stepId),
      ['tiep_nhan', 'tham_dinh', 'tham_dinh_pccc', 'phe_duyet'],
    );
    const xml = await processes.exportBpmn('cap-phep', 1);
    assert.match(xml, /^<\?xml/);
    for (const step of CONDITIONAL_PROCESS.steps) assert.ok(xml.includes(`name="${step.name}"`), step.name);
    assert.ok(xml.includes('formData.building.floors &gt; 7'));
  });

  it('versions published definitions: a new draft leaves version 1 as it was', async () => {
    const changed = structuredClone(CONDITIONAL_PROCESS);
    changed.steps[1]!.durationDays = 10;
    const v2 = await processes.saveProcessDraft(editor, 'cap-phep', { name: 'Cấp phép xây dựng (2)', definition: changed });
    assert.equal(v2.version, 2);
    assert.equal((await processes.processVersion('cap-phep', 1))?.status, 'published');
    assert.deepEqual((await processes.getProcess('cap-phep', 1)).definition, CONDITIONAL_PROCESS);
    assert.equal((await processes.latestPublishedProcess('cap-phep'))?.version, 1);
    assert.equal((await processes.getProcess('cap-phep', 2, editor)).status, 'draft');
    await assert.rejects(processes.getProcess('cap-phep', 2, citizen), rejectsWith(404, 'tthc.process_not_found'));
    assert.ok((await processes.exportBpmn('cap-phep', 2, editor)).includes('Duration: 10 working days'));
    await processes.publishProcess(editor, 'cap-phep', 2);
    assert.equal((await processes.latestPublishedProcess('cap-phep'))?.version, 2);
    assert.deepEqual((await processes.listProcesses()).map((s) => [s.key, s.latestVersion, s.publishedVersion, s.draftVersion]), [['cap-phep', 2, 2, null]]);
  });
});
