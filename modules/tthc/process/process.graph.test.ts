import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { processGraph, type GraphNode, type ProcessGraph } from './process.graph.ts';
import type { ProcessDefinition } from './process.definition.ts';
import { CONDITIONAL_PROCESS, INTER_AGENCY_PROCESS, SIMPLE_PROCESS, interAgencyProcess } from './process.samples.ts';

const SAMPLES = { SIMPLE_PROCESS, INTER_AGENCY_PROCESS, CONDITIONAL_PROCESS, three: interAgencyProcess(['A.1', 'B.2', 'C.3']) };

const overlaps = (a: GraphNode, b: GraphNode) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const onBorder = (p: { x: number; y: number }, n: GraphNode) =>
  ((p.x === n.x || p.x === n.x + n.width) && p.y >= n.y && p.y <= n.y + n.height) || ((p.y === n.y || p.y === n.y + n.height) && p.x >= n.x && p.x <= n.x + n.width);

/** The invariants every layout must satisfy, whatever the definition. */
function assertSound(g: ProcessGraph): void {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  assert.equal(byId.size, g.nodes.length, 'node ids are unique');
  assert.equal(new Set(g.edges.map((e) => e.id)).size, g.edges.length, 'edge ids are unique');
  for (const n of g.nodes) {
    for (const v of [n.x, n.y, n.width, n.height]) assert.ok(Number.isFinite(v) && v >= 0, `${n.id} has a position`);
    assert.ok(n.x + n.width <= g.width && n.y + n.height <= g.height, `${n.id} fits the canvas`);
  }
  for (let i = 0; i < g.nodes.length; i++) for (let j = i + 1; j < g.nodes.length; j++) assert.ok(!overlaps(g.nodes[i]!, g.nodes[j]!), `${g.nodes[i]!.id} overlaps ${g.nodes[j]!.id}`);
  for (const e of g.edges) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    assert.ok(from && to, `${e.id} joins existing nodes`);
    assert.ok(onBorder(e.points[0]!, from) && onBorder(e.points.at(-1)!, to), `${e.id} runs from border to border`);
    for (let i = 1; i < e.points.length; i++) {
      const [a, b] = [e.points[i - 1]!, e.points[i]!];
      assert.ok(a.x === b.x || a.y === b.y, `${e.id} is orthogonal`);
      assert.ok(b.x <= g.width && b.y <= g.height);
    }
    // Forward edges go left to right; only loops run backwards.
    assert.equal(e.back, to.layer <= from.layer, `${e.id} direction`);
  }
}

describe('processGraph', () => {
  for (const [name, def] of Object.entries(SAMPLES)) {
    it(`lays out ${name} soundly`, () => assertSound(processGraph(def)));
  }

  it('draws SIMPLE_PROCESS as a line with the send-back loop below', () => {
    const g = processGraph(SIMPLE_PROCESS);
    assert.deepEqual(
      g.nodes.map((n) => [n.id, n.kind, n.layer]),
      [
        ['StartEvent_1', 'start', 0],
        ['Task_tiep_nhan', 'task', 1],
        ['Task_tham_dinh', 'task', 2],
        ['Task_phe_duyet', 'task', 3],
        ['End_approved', 'end', 4],
        ['End_denied', 'end', 4],
      ],
    );
    assert.equal(g.nodes.find((n) => n.id === 'Task_tham_dinh')!.label, 'Thẩm định hồ sơ');
    assert.equal(g.nodes.find((n) => n.id === 'Task_tham_dinh')!.stepId, 'tham_dinh');
    const loop = g.edges.filter((e) => e.back);
    assert.deepEqual(loop.map((e) => [e.from, e.to, e.label]), [['Task_phe_duyet', 'Task_tham_dinh', 'Trả lại chuyên viên']]);
    const bottom = Math.max(...g.nodes.map((n) => n.y + n.height));
    assert.ok(loop[0]!.points.some((p) => p.y > bottom), 'the loop runs below the nodes');
    assert.equal(loop[0]!.transition, SIMPLE_PROCESS.transitions.findIndex((t) => t.action === 'send_back'));
    // Spread vertically in their layer, the two ends share the last column.
    const [approved, denied] = g.nodes.slice(-2) as [GraphNode, GraphNode];
    assert.equal(approved.x, denied.x);
    assert.ok(approved.y < denied.y);
  });

  it('puts the parallel branches side by side between fork and join', () => {
    const g = processGraph(INTER_AGENCY_PROCESS);
    const node = (id: string) => g.nodes.find((n) => n.id === id)!;
    const [fork, join, b1, b2] = ['Fork_lay_y_kien', 'Join_lay_y_kien', 'Task_y_kien_1', 'Task_y_kien_2'].map(node) as [GraphNode, GraphNode, GraphNode, GraphNode];
    assert.deepEqual([fork.kind, join.kind, fork.stepId, join.stepId], ['fork', 'join', 'lay_y_kien', 'lay_y_kien']);
    assert.equal(b1.layer, b2.layer);
    assert.equal(b1.x, b2.x);
    assert.ok(b1.y + b1.height <= b2.y);
    assert.ok(fork.layer < b1.layer && b1.layer < join.layer && join.layer < node('Task_tong_hop').layer);
    // The fork sits level with the middle of its branches.
    assert.equal(fork.y + fork.height / 2, (b1.y + b1.height / 2 + b2.y + b2.height / 2) / 2);
    const joined = g.edges.filter((e) => e.to === join.id);
    assert.deepEqual(joined.map((e) => [e.from, e.label]), [['Task_y_kien_1', 'Gửi ý kiến'], ['Task_y_kien_2', 'Gửi ý kiến']]);
  });

  it('marks conditional edges and routes an edge that skips a layer around the nodes', () => {
    const g = processGraph(CONDITIONAL_PROCESS);
    assert.deepEqual(g.edges.filter((e) => e.conditional).map((e) => e.label), ['Chuyển thẩm định PCCC', 'Phê duyệt']);
    const skip = g.edges.find((e) => e.from === 'Task_tham_dinh' && e.to === 'Task_phe_duyet')!;
    const fire = g.nodes.find((n) => n.id === 'Task_tham_dinh_pccc')!;
    for (let i = 1; i < skip.points.length; i++) {
      const [a, b] = [skip.points[i - 1]!, skip.points[i]!];
      const box = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x) || 1, height: Math.abs(a.y - b.y) || 1 };
      assert.ok(!overlaps(box as GraphNode, fire), 'the skipping edge does not cross the fire safety step');
    }
  });

  it('is deterministic', () => {
    for (const def of Object.values(SAMPLES)) {
      assert.deepEqual(processGraph(def), processGraph(structuredClone(def) as ProcessDefinition));
    }
  });

  it('handles self-loops, loops to the start and drafts that do not validate', () => {
    const def = structuredClone(SIMPLE_PROCESS) as ProcessDefinition;
    def.transitions.push(
      { from: 'tham_dinh', action: 'save', label: 'Lưu', to: 'tham_dinh' },
      { from: 'phe_duyet', action: 'restart', label: 'Làm lại', to: 'tiep_nhan' },
    );
    const g = processGraph(def);
    assertSound(g);
    assert.deepEqual(g.edges.filter((e) => e.back).map((e) => [e.from, e.to]), [
      ['Task_phe_duyet', 'Task_tham_dinh'],
      ['Task_tham_dinh', 'Task_tham_dinh'],
      ['Task_phe_duyet', 'Task_tiep_nhan'],
    ]);
    const lanes = g.edges.filter((e) => e.back).map((e) => e.points[1]!.y);
    assert.equal(new Set(lanes).size, lanes.length, 'each loop has its own lane');
    const draft = structuredClone(SIMPLE_PROCESS) as ProcessDefinition;
    draft.transitions.push({ from: 'tham_dinh', action: 'x', label: 'X', to: 'khong_co' }, { from: 'khong_co', action: 'y', label: 'Y', to: '$join' });
    draft.steps.push({ id: 'mo_coi', name: 'Mồ côi', kind: 'task', permission: 'dossier.process', agency: { kind: 'owner' }, durationDays: 1 });
    const partial = processGraph(draft);
    assertSound(partial);
    assert.ok(partial.nodes.some((n) => n.id === 'Task_mo_coi'));
  });
});
