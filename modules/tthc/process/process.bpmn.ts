/**
 * BPMN 2.0 export of a process definition, for documentation and for tools such as bpmn.io.
 * It is a picture of the definition, not something to execute (isExecutable="false"): the
 * engine runs the definition itself. Shapes and waypoints come from processGraph, so the file
 * opens laid out exactly like the diagram in the web app.
 *
 * Mapping: a task step is a userTask; a parallel step is a fork and a join parallelGateway; a step
 * with several outgoing transitions gets an exclusiveGateway after it (the official's choice of
 * action); each transition is a sequenceFlow named by its button label, with its condition
 * rendered readably (not as an executable expression). Element ids are built from step ids, so
 * the definition must have passed validateProcessDefinition.
 */
import type { Condition, ProcessDefinition, ProcessStep } from './process.definition.ts';
import type { GraphNode, Point } from './process.graph.ts';
import { processGraph } from './process.graph.ts';

export interface BpmnMeta {
  key: string;
  version: number;
  name: string;
}

const NS = {
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  bpmn: 'http://www.omg.org/spec/BPMN/20100524/MODEL',
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
};
const GATEWAY = 50;

/** Escapes text and attribute values; characters XML 1.0 cannot carry at all are dropped. */
export function escapeXml(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '') // eslint-disable-line no-control-regex
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** An NCName fragment: ids built from a process key may not contain ':' or spaces. */
const ncName = (value: string) => value.replace(/[^A-Za-z0-9_.-]/g, '_');

/** A readable rendering of a condition, e.g. `formData.building.floors > 7 and flags.feePaid = true`. */
export function conditionText(condition: Condition): string {
  const group = (items: Condition[], op: string) => items.map((c) => (items.length > 1 && ('all' in c || 'any' in c) ? `(${conditionText(c)})` : conditionText(c))).join(` ${op} `);
  if ('all' in condition) return group(condition.all, 'and');
  if ('any' in condition) return group(condition.any, 'or');
  if ('flag' in condition) return `flags.${condition.flag} = ${condition.is}`;
  const field = `formData.${condition.field}`;
  if ('equals' in condition) return `${field} = ${JSON.stringify(condition.equals)}`;
  if ('notEquals' in condition) return `${field} != ${JSON.stringify(condition.notEquals)}`;
  return `${field} > ${condition.greaterThan}`;
}

function stepDocumentation(step: ProcessStep): string {
  const agency = step.agency.kind === 'owner' ? 'the dossier’s own agency' : `agency ${step.agency.agencyCode}`;
  const lines = [`Permission: ${step.permission}`, `Agency: ${agency}`, `Duration: ${step.durationDays} working days`];
  if (step.nameEn) lines.push(`English name: ${step.nameEn}`);
  return lines.join('\n');
}

interface Flow {
  id: string;
  source: string;
  target: string;
  name: string;
  documentation?: string;
  condition?: string;
  points: Point[];
}
interface Element {
  tag: 'startEvent' | 'userTask' | 'parallelGateway' | 'exclusiveGateway' | 'endEvent';
  node: Pick<GraphNode, 'id' | 'label' | 'x' | 'y' | 'width' | 'height'>;
  attributes?: string;
  documentation?: string;
}

export function toBpmnXml(def: ProcessDefinition, meta: BpmnMeta): string {
  const graph = processGraph(def);
  const stepOf = new Map(def.steps.map((s) => [s.id, s]));
  const processId = `Process_${ncName(meta.key)}_v${meta.version}`;
  const outgoing = new Map<string, number>();
  for (const e of graph.edges) outgoing.set(e.from, (outgoing.get(e.from) ?? 0) + 1);

  const elements: Element[] = [];
  const gateways = new Map<string, Element['node']>(); // task node id -> its exclusive gateway
  for (const n of graph.nodes) {
    const step = n.stepId === undefined ? undefined : stepOf.get(n.stepId);
    if (n.kind === 'start') elements.push({ tag: 'startEvent', node: n });
    else if (n.kind === 'end') elements.push({ tag: 'endEvent', node: n });
    else if (n.kind === 'fork') elements.push({ tag: 'parallelGateway', node: n, attributes: 'gatewayDirection="Diverging"', documentation: step && stepDocumentation(step) });
    else if (n.kind === 'join') elements.push({ tag: 'parallelGateway', node: n, attributes: 'gatewayDirection="Converging"' });
    else {
      elements.push({ tag: 'userTask', node: n, documentation: step && stepDocumentation(step) });
      if ((outgoing.get(n.id) ?? 0) > 1) {
        // Drawn in the gap right of the task; graph edges turn further right, so the lines stay clear of it.
        const gateway = { id: `Gateway_${n.stepId}`, label: '', x: n.x + n.width + 20, y: n.y + n.height / 2 - GATEWAY / 2, width: GATEWAY, height: GATEWAY };
        gateways.set(n.id, gateway);
        elements.push({ tag: 'exclusiveGateway', node: gateway, attributes: 'gatewayDirection="Diverging"' });
      }
    }
  }

  const flows: Flow[] = [];
  const addFlow = (flow: Omit<Flow, 'id'>) => flows.push({ id: `Flow_${flows.length + 1}`, ...flow });
  for (const e of graph.edges) {
    const transition = e.transition === undefined ? undefined : def.transitions[e.transition];
    const details = transition && {
      documentation: `Action: ${transition.action}${transition.requiresComment ? ' (comment required)' : ''}`,
      ...(transition.condition ? { condition: conditionText(transition.condition) } : {}),
    };
    const gateway = gateways.get(e.from);
    if (!gateway) {
      addFlow({ source: e.from, target: e.to, name: e.label, ...details, points: e.points });
      continue;
    }
    const cx = gateway.x + GATEWAY / 2;
    const cy = gateway.y + GATEWAY / 2;
    if (!flows.some((f) => f.source === e.from && f.target === gateway.id)) {
      addFlow({ source: e.from, target: gateway.id, name: '', points: [{ x: gateway.x - 20, y: cy }, { x: gateway.x, y: cy }] });
    }
    // Same route as the graph edge, only starting at the gateway instead of the task.
    const points = e.back ? [{ x: cx, y: gateway.y + GATEWAY }, { x: cx, y: e.points[1]!.y }, ...e.points.slice(2)] : [{ x: gateway.x + GATEWAY, y: cy }, ...e.points.slice(1)];
    addFlow({ source: gateway.id, target: e.to, name: e.label, ...details, points });
  }

  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const xmlns = Object.entries(NS).map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`).join(' ');
  lines.push(`<bpmn:definitions ${xmlns} id="Definitions_${ncName(meta.key)}_v${meta.version}" targetNamespace="urn:sen:tthc:process" exporter="Sen" exporterVersion="1">`);
  lines.push(`  <bpmn:process id="${processId}" name="${escapeXml(meta.name)}" isExecutable="false">`);
  lines.push(`    <bpmn:documentation>${escapeXml(`Process ${meta.key}, version ${meta.version}`)}</bpmn:documentation>`);
  for (const el of elements) {
    const name = el.node.label ? ` name="${escapeXml(el.node.label)}"` : '';
    const attributes = el.attributes ? ` ${el.attributes}` : '';
    lines.push(`    <bpmn:${el.tag} id="${el.node.id}"${name}${attributes}>`);
    if (el.documentation) lines.push(`      <bpmn:documentation>${escapeXml(el.documentation)}</bpmn:documentation>`);
    for (const f of flows) if (f.target === el.node.id) lines.push(`      <bpmn:incoming>${f.id}</bpmn:incoming>`);
    for (const f of flows) if (f.source === el.node.id) lines.push(`      <bpmn:outgoing>${f.id}</bpmn:outgoing>`);
    lines.push(`    </bpmn:${el.tag}>`);
  }
  for (const f of flows) {
    const name = f.name ? ` name="${escapeXml(f.name)}"` : '';
    const head = `    <bpmn:sequenceFlow id="${f.id}"${name} sourceRef="${f.source}" targetRef="${f.target}"`;
    if (!f.documentation && !f.condition) {
      lines.push(`${head} />`);
      continue;
    }
    lines.push(`${head}>`);
    if (f.documentation) lines.push(`      <bpmn:documentation>${escapeXml(f.documentation)}</bpmn:documentation>`);
    if (f.condition) lines.push(`      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escapeXml(f.condition)}</bpmn:conditionExpression>`);
    lines.push('    </bpmn:sequenceFlow>');
  }
  lines.push('  </bpmn:process>');
  lines.push('  <bpmndi:BPMNDiagram id="BPMNDiagram_1">', `    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">`);
  for (const { tag, node: n } of elements) {
    const marker = tag === 'exclusiveGateway' ? ' isMarkerVisible="true"' : '';
    lines.push(`      <bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"${marker}>`);
    lines.push(`        <dc:Bounds x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" />`, '      </bpmndi:BPMNShape>');
  }
  for (const f of flows) {
    lines.push(`      <bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">`);
    for (const p of f.points) lines.push(`        <di:waypoint x="${p.x}" y="${p.y}" />`);
    lines.push('      </bpmndi:BPMNEdge>');
  }
  lines.push('    </bpmndi:BPMNPlane>', '  </bpmndi:BPMNDiagram>', '</bpmn:definitions>', '');
  return lines.join('\n');
}
