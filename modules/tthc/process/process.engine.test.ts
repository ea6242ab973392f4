import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ProcessError,
  applyTransition,
  availableTransitions,
  evaluateCondition,
  readField,
  startSteps,
  stepById,
  type ActiveStep,
  type ProcessContext,
} from './process.engine.ts';
import type { ProcessDefinition } from './process.definition.ts';
import { CONDITIONAL_PROCESS, INTER_AGENCY_PROCESS, SIMPLE_PROCESS, interAgencyProcess } from './process.samples.ts';

const none: ProcessContext = { formData: {}, flags: {} };
const actions = (def: ProcessDefinition, active: ActiveStep[], stepId: string, context = none) =>
  availableTransitions(def, active, stepId, context).map((t) => t.action);

/** Applies a list of [step, action] and returns the final active steps. */
function walk(def: ProcessDefinition, moves: [string, string][], context = none): ActiveStep[] {
  let active = startSteps(def);
  for (const [step, action] of moves) active = applyTransition(def, active, step, action, context).active;
  return active;
}

const rejects = (fn: () => unknown, code: string) => assert.throws(fn, (err: unknown) => err instanceof ProcessError && err.code === code);

describe('process engine: SIMPLE_PROCESS', () => {
  it('walks from the one-stop desk through review to approval', () => {
    let active = startSteps(SIMPLE_PROCESS);
    assert.deepEqual(active, [{ stepId: 'tiep_nhan' }]);
    assert.deepEqual(actions(SIMPLE_PROCESS, active, 'tiep_nhan'), ['forward']);
    let r = applyTransition(SIMPLE_PROCESS, active, 'tiep_nhan', 'forward', none);
    assert.deepEqual(r, { active: [{ stepId: 'tham_dinh' }], left: 'tiep_nhan', entered: ['tham_dinh'], transition: SIMPLE_PROCESS.transitions[0] });
    r = applyTransition(SIMPLE_PROCESS, r.active, 'tham_dinh', 'submit', none);
    active = r.active;
    assert.deepEqual(active, [{ stepId: 'phe_duyet' }]);
    assert.deepEqual(actions(SIMPLE_PROCESS, active, 'phe_duyet'), ['approve', 'deny', 'send_back']);
    r = applyTransition(SIMPLE_PROCESS, active, 'phe_duyet', 'approve', none);
    assert.deepEqual([r.active, r.left, r.entered, r.ended], [[], 'phe_duyet', [], 'approved']);
  });

  it('loops back to the specialist with a required comment, then ends denied', () => {
    const active = walk(SIMPLE_PROCESS, [['tiep_nhan', 'forward'], ['tham_dinh', 'submit']]);
    const back = applyTransition(SIMPLE_PROCESS, active, 'phe_duyet', 'send_back', none);
    assert.deepEqual(back.active, [{ stepId: 'tham_dinh' }]);
    assert.equal(back.transition.requiresComment, true);
    const again = applyTransition(SIMPLE_PROCESS, back.active, 'tham_dinh', 'submit', none);
    const denied = applyTransition(SIMPLE_PROCESS, again.active, 'phe_duyet', 'deny', none);
    assert.equal(denied.ended, 'denied');
    assert.deepEqual(denied.active, []);
  });

  it('does not change the active steps it is given', () => {
    const active = startSteps(SIMPLE_PROCESS);
    const before = structuredClone(active);
    applyTransition(SIMPLE_PROCESS, active, 'tiep_nhan', 'forward', none);
    assert.deepEqual(active, before);
  });

  it('finds steps by id', () => {
    assert.equal(stepById(SIMPLE_PROCESS, 'phe_duyet')?.permission, 'dossier.approve');
    assert.equal(stepById(SIMPLE_PROCESS, 'khong_co'), undefined);
  });
});

describe('process engine: parallel consultation', () => {
  const consulting = () => walk(INTER_AGENCY_PROCESS, [['tiep_nhan', 'forward'], ['tham_dinh', 'consult']]);

  it('starts one branch per agency', () => {
    const r = applyTransition(INTER_AGENCY_PROCESS, walk(INTER_AGENCY_PROCESS, [['tiep_nhan', 'forward']]), 'tham_dinh', 'consult', none);
    assert.deepEqual(r.entered, ['y_kien_1', 'y_kien_2']);
    assert.deepEqual(r.active, [{ stepId: 'y_kien_1', parallelOf: 'lay_y_kien' }, { stepId: 'y_kien_2', parallelOf: 'lay_y_kien' }]);
    assert.deepEqual(stepById(INTER_AGENCY_PROCESS, 'y_kien_2')?.agency, { kind: 'other', agencyCode: 'TAM.H19.S05' });
  });

  for (const order of [['y_kien_1', 'y_kien_2'], ['y_kien_2', 'y_kien_1']] as const) {
    it(`joins only after both agencies replied (${order.join(' then ')})`, () => {
      const first = applyTransition(INTER_AGENCY_PROCESS, consulting(), order[0], 'reply', none);
      assert.deepEqual(first.entered, []);
      assert.deepEqual(first.active, [{ stepId: order[1], parallelOf: 'lay_y_kien' }]);
      rejects(() => applyTransition(INTER_AGENCY_PROCESS, first.active, 'tong_hop', 'submit', none), 'process.step_not_active');
      rejects(() => applyTransition(INTER_AGENCY_PROCESS, first.active, order[0], 'reply', none), 'process.step_not_active');
      const second = applyTransition(INTER_AGENCY_PROCESS, first.active, order[1], 'reply', none);
      assert.deepEqual(second.entered, ['tong_hop']);
      assert.deepEqual(second.active, [{ stepId: 'tong_hop' }]);
      const approved = walk(INTER_AGENCY_PROCESS, [['tiep_nhan', 'forward'], ['tham_dinh', 'consult'], [order[0], 'reply'], [order[1], 'reply'], ['tong_hop', 'submit'], ['phe_duyet', 'send_back'], ['tong_hop', 'submit']]);
      assert.equal(applyTransition(INTER_AGENCY_PROCESS, approved, 'phe_duyet', 'approve', none).ended, 'approved');
    });
  }

  it('handles three agencies', () => {
    const def = interAgencyProcess(['A.1', 'B.2', 'C.3']);
    let active = walk(def, [['tiep_nhan', 'forward'], ['tham_dinh', 'consult']]);
    assert.equal(active.length, 3);
    for (const step of ['y_kien_3', 'y_kien_1']) active = applyTransition(def, active, step, 'reply', none).active;
    assert.deepEqual(active, [{ stepId: 'y_kien_2', parallelOf: 'lay_y_kien' }]);
    assert.deepEqual(applyTransition(def, active, 'y_kien_2', 'reply', none).active, [{ stepId: 'tong_hop' }]);
  });

  it('does not end the process from a branch or while other steps are active', () => {
    const active: ActiveStep[] = [{ stepId: 'phe_duyet' }, { stepId: 'y_kien_1', parallelOf: 'lay_y_kien' }];
    rejects(() => applyTransition(INTER_AGENCY_PROCESS, active, 'phe_duyet', 'approve', none), 'process.action_not_available');
    // A definition that skipped validation: a branch trying to end the process, even as the last one open.
    const unchecked = structuredClone(INTER_AGENCY_PROCESS) as ProcessDefinition;
    unchecked.transitions.find((t) => t.from === 'y_kien_1')!.to = 'end:approved';
    rejects(() => applyTransition(unchecked, [{ stepId: 'y_kien_1', parallelOf: 'lay_y_kien' }], 'y_kien_1', 'reply', none), 'process.action_not_available');
  });
});

describe('process engine: conditions', () => {
  const reviewing = walk(CONDITIONAL_PROCESS, [['tiep_nhan', 'forward']]);
  const withFloors = (floors: unknown): ProcessContext => ({ formData: { building: { floors } }, flags: {} });

  it('sends a building of more than 7 floors to the fire safety appraisal, others straight to approval', () => {
    assert.deepEqual(applyTransition(CONDITIONAL_PROCESS, reviewing, 'tham_dinh', 'submit', withFloors(9)).entered, ['tham_dinh_pccc']);
    assert.deepEqual(applyTransition(CONDITIONAL_PROCESS, reviewing, 'tham_dinh', 'submit', withFloors(5)).entered, ['phe_duyet']);
    assert.deepEqual(applyTransition(CONDITIONAL_PROCESS, reviewing, 'tham_dinh', 'submit', withFloors(7)).entered, ['phe_duyet']);
    // Types are not converted: a string "9" is not a number of floors.
    assert.deepEqual(applyTransition(CONDITIONAL_PROCESS, reviewing, 'tham_dinh', 'submit', withFloors('9')).entered, ['phe_duyet']);
    assert.deepEqual(applyTransition(CONDITIONAL_PROCESS, reviewing, 'tham_dinh', 'submit', none).entered, ['phe_duyet']);
    const offered = availableTransitions(CONDITIONAL_PROCESS, reviewing, 'tham_dinh', withFloors(9));
    assert.deepEqual(offered.map((t) => [t.action, t.to]), [['submit', 'tham_dinh_pccc']]);
  });

  it('offers approval only once the fee is paid', () => {
    const approving = walk(CONDITIONAL_PROCESS, [['tiep_nhan', 'forward'], ['tham_dinh', 'submit']], withFloors(3));
    const unpaid: ProcessContext = { formData: {}, flags: { feePaid: false } };
    assert.deepEqual(actions(CONDITIONAL_PROCESS, approving, 'phe_duyet', unpaid), ['deny', 'send_back']);
    assert.deepEqual(actions(CONDITIONAL_PROCESS, approving, 'phe_duyet', none), ['deny', 'send_back']);
    rejects(() => applyTransition(CONDITIONAL_PROCESS, approving, 'phe_duyet', 'approve', unpaid), 'process.action_not_available');
    const paid: ProcessContext = { formData: {}, flags: { feePaid: true } };
    assert.deepEqual(actions(CONDITIONAL_PROCESS, approving, 'phe_duyet', paid), ['approve', 'deny', 'send_back']);
    assert.equal(applyTransition(CONDITIONAL_PROCESS, approving, 'phe_duyet', 'approve', paid).ended, 'approved');
  });

  it('evaluates every kind of condition', () => {
    const context: ProcessContext = { formData: { loai: 'nha_o', tang: 3, le: false, ds: [{ ten: 'A' }] }, flags: { feePaid: true } };
    const holds = (c: Parameters<typeof evaluateCondition>[0]) => evaluateCondition(c, context);
    assert.equal(holds({ field: 'loai', equals: 'nha_o' }), true);
    assert.equal(holds({ field: 'le', equals: false }), true);
    assert.equal(holds({ field: 'tang', notEquals: 3 }), false);
    assert.equal(holds({ field: 'khong_co', notEquals: 3 }), true);
    assert.equal(holds({ field: 'tang', greaterThan: 2 }), true);
    assert.equal(holds({ field: 'ds.0.ten', equals: 'A' }), true);
    assert.equal(holds({ flag: 'feePaid', is: true }), true);
    assert.equal(holds({ flag: 'signed', is: false }), true);
    assert.equal(holds({ all: [{ field: 'tang', greaterThan: 2 }, { flag: 'feePaid', is: false }] }), false);
    assert.equal(holds({ any: [{ field: 'tang', greaterThan: 5 }, { all: [{ flag: 'feePaid', is: true }] }] }), true);
  });

  it('reads form data through own properties only', () => {
    assert.equal(readField({ a: { b: 1 } }, 'a.b'), 1);
    assert.equal(readField({}, 'constructor'), undefined);
    assert.equal(readField({ a: 'text' }, 'a.length'), undefined);
    assert.equal(readField(null, 'a'), undefined);
    assert.equal(evaluateCondition({ flag: 'constructor', is: false }, none), true);
  });
});

describe('process engine: errors', () => {
  it('refuses an action on a step that is not active', () => {
    const active = startSteps(SIMPLE_PROCESS);
    rejects(() => applyTransition(SIMPLE_PROCESS, active, 'phe_duyet', 'approve', none), 'process.step_not_active');
    rejects(() => applyTransition(SIMPLE_PROCESS, active, 'khong_co', 'approve', none), 'process.step_not_active');
    assert.deepEqual(availableTransitions(SIMPLE_PROCESS, active, 'phe_duyet', none), []);
  });

  it('refuses an action the step does not offer', () => {
    const active = startSteps(SIMPLE_PROCESS);
    rejects(() => applyTransition(SIMPLE_PROCESS, active, 'tiep_nhan', 'approve', none), 'process.action_not_available');
    assert.throws(() => applyTransition(SIMPLE_PROCESS, active, 'tiep_nhan', 'approve', none), { name: 'ProcessError', message: /approve/ });
  });
});
