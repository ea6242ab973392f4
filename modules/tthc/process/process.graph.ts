/**
 * A process definition as a drawable graph: the web app renders it as SVG and the BPMN export
 * reuses the same positions, so both pictures agree. Pure and deterministic (same definition,
 * same output), so a diagram can be cached or compared in tests.
 *
 * Layout, left to right, a small Sugiyama: DFS back edges ("trả lại chuyên viên") are set aside,
 * the rest is layered by longest path, edges spanning several layers get invisible waypoints so
 * they run between nodes rather than through them, each layer is ordered once by the average
 * position of its predecessors, and back edges are drawn in lanes below the diagram.
 * It also tolerates a draft that does not validate yet: references to missing steps are skipped.
 */
import type { ProcessDefinition, ProcessStep } from './process.definition.ts';
import { END_TARGETS, JOIN_TARGET, isEndTarget } from './process.definition.ts';

export type GraphNodeKind = 'start' | 'task' | 'fork' | 'join' | 'end';
export interface Point {
  x: number;
  y: number;
}
export interface GraphNode {
  /** Also the BPMN element id: StartEvent_1, Task_<step>, Fork_<step>, Join_<step>, End_approved, End_denied. */
  id: string;
  kind: GraphNodeKind;
  label: string;
  labelEn?: string;
  /** Top-left corner, like an SVG rect or a BPMN dc:Bounds. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The step drawn by this node (the parallel step for a fork or join). */
  stepId?: string;
  layer: number;
}
export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  label: string;
  labelEn?: string;
  conditional: boolean;
  /** Index in definition.transitions; absent for structural edges (start, fork, join). */
  transition?: number;
  /** Drawn backwards (a loop to an earlier step), routed below the diagram. */
  back: boolean;
  /** Orthogonal polyline from the source's border to the target's border. */
  points: Point[];
}
export interface ProcessGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
}

export const LAYOUT = { margin: 40, column: 140, gap: 120, row: 110, lane: 16 } as const;
const SIZE: Record<GraphNodeKind, [number, number]> = { start: [36, 36], end: [36, 36], task: [140, 70], fork: [50, 50], join: [50, 50] };
const END_LABEL = {
  'end:approved': ['Kết thúc: chấp thuận', 'End: approved'],
  'end:denied': ['Kết thúc: từ chối', 'End: denied'],
} as const;

export const START_NODE_ID = 'StartEvent_1';
export const taskNodeId = (stepId: string) => `Task_${stepId}`;
export const forkNodeId = (stepId: string) => `Fork_${stepId}`;
export const joinNodeId = (stepId: string) => `Join_${stepId}`;
export const endNodeId = (end: string) => `End_${end.slice('end:'.length)}`;
/** The node an arrow into a step points at: a parallel step is entered at its fork. */
const entryOf = (step: ProcessStep) => (step.kind === 'parallel' ? forkNodeId(step.id) : taskNodeId(step.id));

type RawNode = Omit<GraphNode, 'x' | 'y' | 'width' | 'height' | 'layer'>;
type RawEdge = Omit<GraphEdge, 'id' | 'back' | 'points'>;

function collect(def: ProcessDefinition): { nodes: RawNode[]; edges: RawEdge[] } {
  const byId = new Map(def.steps.map((s) => [s.id, s]));
  const parallelOf = new Map<string, ProcessStep>();
  for (const s of def.steps) if (s.kind === 'parallel') for (const b of s.branches ?? []) parallelOf.set(b, s);
  const nodes: RawNode[] = [{ id: START_NODE_ID, kind: 'start', label: 'Bắt đầu xử lý', labelEn: 'Processing starts' }];
  const edges: RawEdge[] = [];
  const structural = (from: string, to: string) => edges.push({ from, to, label: '', conditional: false });
  const start = byId.get(def.start);
  if (start) structural(START_NODE_ID, entryOf(start));
  for (const s of def.steps) {
    const names = { label: s.name, ...(s.nameEn === undefined ? {} : { labelEn: s.nameEn }) };
    if (s.kind === 'task') {
      nodes.push({ id: taskNodeId(s.id), kind: 'task', ...names, stepId: s.id });
      continue;
    }
    nodes.push({ id: forkNodeId(s.id), kind: 'fork', ...names, stepId: s.id }, { id: joinNodeId(s.id), kind: 'join', label: '', stepId: s.id });
    for (const b of s.branches ?? []) if (byId.get(b)?.kind === 'task') structural(forkNodeId(s.id), taskNodeId(b));
    const join = s.join === undefined ? undefined : byId.get(s.join);
    if (join) structural(joinNodeId(s.id), entryOf(join));
  }
  def.transitions.forEach((t, k) => {
    if (byId.get(t.from)?.kind !== 'task') return;
    const target = byId.get(t.to);
    const parallel = parallelOf.get(t.from);
    let to: string | undefined;
    if (isEndTarget(t.to)) to = endNodeId(t.to);
    else if (t.to === JOIN_TARGET) to = parallel && joinNodeId(parallel.id);
    else to = target && entryOf(target);
    if (to === undefined) return;
    edges.push({ from: taskNodeId(t.from), to, label: t.label, ...(t.labelEn === undefined ? {} : { labelEn: t.labelEn }), conditional: t.condition !== undefined, transition: k });
  });
  for (const end of END_TARGETS) {
    if (def.transitions.some((t) => t.to === end)) nodes.push({ id: endNodeId(end), kind: 'end', label: END_LABEL[end][0], labelEn: END_LABEL[end][1] });
  }
  return { nodes, edges };
}

/** Edges closing a cycle, found by depth-first search from the start in definition order. */
function backEdges(nodes: RawNode[], edges: RawEdge[], out: Map<string, number[]>): Set<number> {
  const state = new Map<string, 'open' | 'done'>();
  const back = new Set<number>();
  const visit = (v: string): void => {
    state.set(v, 'open');
    for (const e of out.get(v) ?? []) {
      const w = edges[e]!.to;
      if (state.get(w) === 'open') back.add(e);
      else if (!state.has(w)) visit(w);
    }
    state.set(v, 'done');
  };
  for (const n of nodes) if (!state.has(n.id)) visit(n.id); // nodes[0] is the start
  return back;
}

/** Longest-path layers over the acyclic part; ends share the last column. */
function layers(nodes: RawNode[], edges: RawEdge[], out: Map<string, number[]>, back: Set<number>): Map<string, number> {
  const layer = new Map(nodes.map((n) => [n.id, 0]));
  const indegree = new Map(nodes.map((n) => [n.id, 0]));
  edges.forEach((e, i) => {
    if (!back.has(i)) indegree.set(e.to, indegree.get(e.to)! + 1);
  });
  const queue = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  for (let v = queue.shift(); v !== undefined; v = queue.shift()) {
    for (const e of out.get(v) ?? []) {
      if (back.has(e)) continue;
      const w = edges[e]!.to;
      layer.set(w, Math.max(layer.get(w)!, layer.get(v)! + 1));
      indegree.set(w, indegree.get(w)! - 1);
      if (indegree.get(w) === 0) queue.push(w);
    }
  }
  const last = Math.max(...nodes.filter((n) => n.kind !== 'end').map((n) => layer.get(n.id)!)) + 1;
  for (const n of nodes) if (n.kind === 'end') layer.set(n.id, last);
  return layer;
}

/** Drops points in the middle of a straight run, so each polyline has only its corners. */
function simplify(points: Point[]): Point[] {
  const result: Point[] = [];
  for (const p of points) {
    const a = result.at(-2);
    const b = result.at(-1);
    if (b && b.x === p.x && b.y === p.y) continue;
    if (a && b && ((a.x === b.x && b.x === p.x) || (a.y === b.y && b.y === p.y))) result.pop();
    result.push(p);
  }
  return result;
}

export function processGraph(def: ProcessDefinition): ProcessGraph {
  const { nodes: raw, edges: rawEdges } = collect(def);
  const out = new Map<string, number[]>();
  rawEdges.forEach((e, i) => out.set(e.from, [...(out.get(e.from) ?? []), i]));
  const back = backEdges(raw, rawEdges, out);
  const layer = layers(raw, rawEdges, out, back);

  // Slots: real nodes plus one waypoint per layer crossed by a long forward edge.
  const slotLayer = new Map(layer);
  const chains = new Map<number, string[]>();
  const preds = new Map<string, string[]>();
  rawEdges.forEach((e, i) => {
    if (back.has(i)) return;
    const chain = [e.from];
    for (let l = layer.get(e.from)! + 1; l < layer.get(e.to)!; l++) {
      chain.push(`~${i}.${l}`);
      slotLayer.set(`~${i}.${l}`, l);
    }
    chain.push(e.to);
    chains.set(i, chain);
    for (let j = 1; j < chain.length; j++) preds.set(chain[j]!, [...(preds.get(chain[j]!) ?? []), chain[j - 1]!]);
  });
  const columns: string[][] = Array.from({ length: Math.max(...slotLayer.values()) + 1 }, () => []);
  for (const [slot, l] of slotLayer) columns[l]!.push(slot);
  // One left-to-right barycentre sweep; the sort is stable, so ties keep definition order.
  const offset = new Map<string, number>();
  for (const column of columns) {
    const key = (slot: string) => {
      const p = preds.get(slot) ?? [];
      return p.length === 0 ? Infinity : p.reduce((sum, q) => sum + offset.get(q)!, 0) / p.length;
    };
    column.sort((a, b) => key(a) - key(b) || 0); // Infinity - Infinity is NaN: treat as a tie
    column.forEach((slot, i) => offset.set(slot, i - (column.length - 1) / 2));
  }
  const rows = Math.max(...columns.map((c) => c.length));
  const { margin, column: colWidth, gap, row, lane } = LAYOUT;
  const colLeft = (l: number) => margin + l * (colWidth + gap);
  const centerY = (slot: string) => margin + row / 2 + ((rows - 1) / 2 + offset.get(slot)!) * row;

  const nodes: GraphNode[] = raw.map((n) => {
    const [width, height] = SIZE[n.kind];
    const l = layer.get(n.id)!;
    return { ...n, x: colLeft(l) + (colWidth - width) / 2, y: centerY(n.id) - height / 2, width, height, layer: l };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const nodesBottom = margin + rows * row;
  let lanes = 0;
  const edges: GraphEdge[] = rawEdges.map((e, i) => {
    const s = byId.get(e.from)!;
    const t = byId.get(e.to)!;
    let points: Point[];
    if (back.has(i)) {
      // Down from the source, left along its own lane, up into the target; tasks use off-centre ports so a self-loop shows.
      const y = nodesBottom + 24 + lanes++ * lane;
      const sx = s.x + s.width / 2 + (s.kind === 'task' ? 10 : 0);
      const tx = t.x + t.width / 2 - (t.kind === 'task' ? 10 : 0);
      points = [{ x: sx, y: s.y + s.height }, { x: sx, y }, { x: tx, y }, { x: tx, y: t.y + t.height }];
    } else {
      points = [{ x: s.x + s.width, y: s.y + s.height / 2 }];
      for (const slot of chains.get(i)!.slice(1)) {
        const l = slotLayer.get(slot)!;
        const y = centerY(slot);
        const here = points.at(-1)!;
        // Turn in the gap just before the next column, after any BPMN gateway drawn beside the source.
        if (here.y !== y) points.push({ x: colLeft(l) - 30, y: here.y }, { x: colLeft(l) - 30, y });
        if (slot === e.to) points.push({ x: t.x, y });
        else points.push({ x: colLeft(l), y }, { x: colLeft(l) + colWidth, y });
      }
    }
    return { id: `Edge_${i + 1}`, ...e, back: back.has(i), points: simplify(points) };
  });
  const lastLayer = Math.max(...nodes.map((n) => n.layer));
  return { nodes, edges, width: colLeft(lastLayer) + colWidth + margin, height: nodesBottom + (lanes > 0 ? 24 + lanes * lane : 0) + margin / 2 };
}
