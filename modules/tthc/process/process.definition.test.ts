import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateProcessDefinition, type ProcessDefinition, type ProcessStep, type ValidationIssue } from './process.definition.ts';
import { CONDITIONAL_PROCESS, INTER_AGENCY_PROCESS, SIMPLE_PROCESS, interAgencyProcess } from './process.samples.ts';

/** A mutable copy of a (frozen) sample. */
const copy = (def: ProcessDefinition): ProcessDefinition => structuredClone(def);

function errorsOf(def: unknown): ValidationIssue[] {
  const result = validateProcessDefinition(def);
  assert.equal(result.ok, false, 'expected the definition to be rejected');
  return result.ok ? [] : result.errors;
}

/** Asserts an error at exactly this path whose message contains `text`. */
function assertError(def: unknown, path: string, text: string): void {
  const errors = errorsOf(def);
  assert.ok(
    errors.some((e) => e.path === path && e.message.includes(text)),
    `expected "${text}" at ${path}, got ${JSON.stringify(errors)}`,
  );
}

const task = (id: string, extra: Partial<ProcessStep> = {}): ProcessStep => ({
  id, name: `Bước ${id}`, kind: 'task', permission: 'dossier.process', agency: { kind: 'owner' }, durationDays: 1, ...extra,
});

describe('validateProcessDefinition: samples', () => {
  it('accepts every sample and returns an equal, separate copy', () => {
    for (const sample of [SIMPLE_PROCESS, INTER_AGENCY_PROCESS, CONDITIONAL_PROCESS, interAgencyProcess(['A.1', 'B.2', 'C.3'])]) {
      const result = validateProcessDefinition(sample);
      assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
      assert.deepEqual(result.definition, sample);
      assert.notEqual(result.definition, sample);
      assert.notEqual(result.definition.steps[0], sample.steps[0]);
    }
  });

  it('refuses a consultation of fewer than two agencies in the builder', () => {
    assert.throws(() => interAgencyProcess(['A.1']), RangeError);
  });
});

describe('validateProcessDefinition: structure', () => {
  it('refuses what is not an object, and missing lists', () => {
    assert.deepEqual(errorsOf(null), [{ path: '', message: 'must be an object' }]);
    assertError({ start: 'a' }, 'steps', 'array of 1 to 50');
    assertError({ start: 'a', steps: [task('a')], transitions: [] }, 'transitions', 'array of 1 to 200');
  });

  it('checks id formats, text lengths, kinds, permissions, agencies and durations', () => {
    const def = copy(SIMPLE_PROCESS) as unknown as { steps: Record<string, unknown>[]; transitions: Record<string, unknown>[] };
    def.steps[0]!.id = 'Tiep-Nhan';
    def.steps[1]!.name = 'x'.repeat(201);
    def.steps[1]!.kind = 'subprocess';
    def.steps[2]!.permission = 'dossier.delete';
    def.steps[2]!.agency = { kind: 'other', agencyCode: 'có dấu' };
    def.steps[0]!.durationDays = 366;
    def.transitions[0]!.action = 'Forward';
    def.transitions[1]!.label = '   ';
    def.transitions[2]!.labelEn = 'tab\there';
    const errors = errorsOf(def);
    for (const path of ['steps[0].id', 'steps[1].name', 'steps[1].kind', 'steps[2].permission', 'steps[2].agency.agencyCode', 'steps[0].durationDays', 'transitions[0].action', 'transitions[1].label', 'transitions[2].labelEn']) {
      assert.ok(errors.some((e) => e.path === path), `expected an error at ${path}: ${JSON.stringify(errors)}`);
    }
  });

  it('refuses unknown properties instead of dropping them', () => {
    const def = copy(SIMPLE_PROCESS) as unknown as { transitions: Record<string, unknown>[] };
    def.transitions[2]!.requireComment = true;
    assertError(def, 'transitions[2].requireComment', 'unknown property');
  });

  it('refuses more than 50 steps or 200 transitions', () => {
    const steps = Array.from({ length: 51 }, (_, i) => task(`s${i}`));
    assertError({ start: 's0', steps, transitions: [{ from: 's0', action: 'a', label: 'A', to: 'end:approved' }] }, 'steps', 'array of 1 to 50');
    const transitions = Array.from({ length: 201 }, () => ({ from: 'a', action: 'a', label: 'A', to: 'end:approved' }));
    assertError({ start: 'a', steps: [task('a')], transitions }, 'transitions', 'array of 1 to 200');
  });

  it('checks conditions, nested ones included', () => {
    const def = copy(CONDITIONAL_PROCESS);
    def.transitions[1]!.condition = { all: [{ field: 'building.floors', greaterThan: '7' }, { flag: 'fee paid', is: true }] } as never;
    const errors = errorsOf(def);
    assert.ok(errors.some((e) => e.path === 'transitions[1].condition.all[0].greaterThan'));
    assert.ok(errors.some((e) => e.path === 'transitions[1].condition.all[1].flag'));
    def.transitions[1]!.condition = { field: 'a', equals: 1, notEquals: 2 } as never;
    assertError(def, 'transitions[1].condition', 'exactly one of');
    def.transitions[1]!.condition = { any: [] };
    assertError(def, 'transitions[1].condition.any', 'array of 1');
  });
});

describe('validateProcessDefinition: semantics', () => {
  it('refuses an unknown transition target', () => {
    const def = copy(SIMPLE_PROCESS);
    def.transitions[1]!.to = 'khong_co';
    assert.deepEqual(errorsOf(def), [{ path: 'transitions[1].to', message: 'unknown step "khong_co"' }]);
  });

  it('refuses an unknown source and an unknown start', () => {
    const def = copy(SIMPLE_PROCESS);
    def.transitions[1]!.from = 'khong_co';
    def.start = 'bat_dau';
    const errors = errorsOf(def);
    assert.ok(errors.some((e) => e.path === 'transitions[1].from'));
    assert.ok(errors.some((e) => e.path === 'start'));
  });

  it('refuses a duplicate step id', () => {
    const def = copy(SIMPLE_PROCESS);
    def.steps.push(task('tham_dinh'));
    assert.deepEqual(errorsOf(def), [{ path: 'steps[3].id', message: 'duplicate step id "tham_dinh"' }]);
  });

  it('refuses a step that cannot be reached from start', () => {
    const def = copy(SIMPLE_PROCESS);
    def.steps.push(task('luu_tru'));
    def.transitions.push({ from: 'luu_tru', action: 'close', label: 'Đóng', to: 'end:approved' });
    assertError(def, 'steps[3]', 'not reachable from start');
  });

  it('refuses a definition without any end, and a step from which no end can be reached', () => {
    const def = copy(SIMPLE_PROCESS);
    def.transitions = def.transitions.filter((t) => !t.to.startsWith('end:'));
    assertError(def, 'transitions', 'no transition reaches');
    const loop = copy(SIMPLE_PROCESS);
    loop.steps.push(task('vong_lap'));
    loop.transitions.push({ from: 'tham_dinh', action: 'loop', label: 'Vòng', to: 'vong_lap' }, { from: 'vong_lap', action: 'again', label: 'Lại', to: 'vong_lap' });
    assert.deepEqual(errorsOf(loop), [{ path: 'steps[3]', message: 'no end is reachable from step "vong_lap"' }]);
  });

  it('refuses bad parallel steps', () => {
    const branches = (ids: string[], join = 'tong_hop') => {
      const def = copy(INTER_AGENCY_PROCESS);
      Object.assign(def.steps[2]!, { branches: ids, join });
      return def;
    };
    assertError(branches(['y_kien_1']), 'steps[2].branches', 'at least 2 branches');
    assertError(branches(['y_kien_1', 'khong_co']), 'steps[2].branches[1]', 'unknown step');
    assertError(branches(['y_kien_1', 'y_kien_1']), 'steps[2].branches[1]', 'duplicate branch');
    assertError(branches(['y_kien_1', 'y_kien_2'], 'khong_co'), 'steps[2].join', 'unknown step');
    assertError(branches(['y_kien_1', 'y_kien_2'], 'lay_y_kien'), 'steps[2].join', 'cannot join into itself');
    assertError(branches(['y_kien_1', 'y_kien_2'], 'y_kien_1'), 'steps[2].join', 'cannot be a parallel branch');
    const nested = branches(['y_kien_1', 'lay_y_kien_2']);
    nested.steps.push({ ...nested.steps[2]!, id: 'lay_y_kien_2', branches: ['y_kien_2', 'tong_hop'] });
    assertError(nested, 'steps[2].branches[1]', 'must be a task');
    const shared = copy(INTER_AGENCY_PROCESS);
    shared.steps.push({ ...shared.steps[2]!, id: 'lay_y_kien_lan_2' });
    assertError(shared, 'steps[7].branches[0]', 'already a branch of "lay_y_kien"');
    const outgoing = copy(INTER_AGENCY_PROCESS);
    outgoing.transitions.push({ from: 'lay_y_kien', action: 'skip', label: 'Bỏ qua', to: 'tong_hop' });
    assertError(outgoing, `transitions[${outgoing.transitions.length - 1}].from`, 'no transitions of its own');
    const taskWithBranches = copy(SIMPLE_PROCESS);
    taskWithBranches.steps[1]!.branches = ['phe_duyet', 'tiep_nhan'];
    assertError(taskWithBranches, 'steps[1].branches', 'only parallel steps');
  });

  it('refuses $join outside a branch, and a branch that does not go to $join', () => {
    const def = copy(SIMPLE_PROCESS);
    def.transitions[1]!.to = '$join';
    assertError(def, 'transitions[1].to', '$join is only allowed from a parallel branch');
    const branchEnds = copy(INTER_AGENCY_PROCESS);
    const k = branchEnds.transitions.findIndex((t) => t.from === 'y_kien_1');
    branchEnds.transitions[k]!.to = 'end:denied';
    assertError(branchEnds, `transitions[${k}].to`, 'can only go to $join');
  });

  it('refuses a transition into a branch and a branch as start', () => {
    const into = copy(INTER_AGENCY_PROCESS);
    into.transitions[1]!.to = 'y_kien_1';
    assertError(into, 'transitions[1].to', 'entered only through its parallel step');
    const start = copy(INTER_AGENCY_PROCESS);
    start.start = 'y_kien_2';
    assertError(start, 'start', 'cannot be a parallel branch');
  });

  it('allows one action several times only while conditions tell them apart', () => {
    const duplicate = copy(SIMPLE_PROCESS);
    duplicate.transitions.push({ from: 'phe_duyet', action: 'approve', label: 'Phê duyệt lại', to: 'end:approved' });
    assertError(duplicate, 'transitions[5].action', 'already has a transition without condition');
    // A conditioned transition after the unconditioned one could never be chosen.
    const shadowed = copy(CONDITIONAL_PROCESS);
    [shadowed.transitions[1], shadowed.transitions[2]] = [shadowed.transitions[2]!, shadowed.transitions[1]!];
    assertError(shadowed, 'transitions[2].action', 'already has a transition without condition');
    const bothConditioned = copy(CONDITIONAL_PROCESS);
    bothConditioned.transitions[2]!.condition = { field: 'building.floors', notEquals: 100 };
    assert.ok(validateProcessDefinition(bothConditioned).ok);
  });
});
