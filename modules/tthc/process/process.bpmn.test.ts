import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { conditionText, escapeXml, toBpmnXml } from './process.bpmn.ts';
import { validateProcessDefinition, type ProcessDefinition } from './process.definition.ts';
import { CONDITIONAL_PROCESS, INTER_AGENCY_PROCESS, SIMPLE_PROCESS } from './process.samples.ts';

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => {
  assert.doesNotMatch(s.replace(/&(amp|lt|gt|quot|apos);/g, ''), /[&<]/, `unescaped character in ${JSON.stringify(s)}`);
  return s.replace(/&(\w+);/g, (_m, e: string) => ENTITIES[e]!);
};

/**
 * A deliberately strict parser for the subset the exporter writes (no dependency): fails on
 * anything not well formed, such as an unclosed or mismatched tag, an unquoted attribute, a
 * duplicate attribute or a raw `<` or `&`.
 */
function parseXml(xml: string): XmlElement {
  const prolog = '<?xml version="1.0" encoding="UTF-8"?>';
  assert.ok(xml.startsWith(prolog));
  const token = /<(\/?)([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[\w.:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/y;
  token.lastIndex = prolog.length;
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const m = token.exec(xml);
    assert.ok(m, `not well formed at ${at}: ${xml.slice(at, at + 60)}`);
    const top = stack.at(-1)!;
    if (m[5] !== undefined) {
      top.text += decode(m[5]);
      continue;
    }
    const [, closing, name, rawAttrs, selfClosing] = m as unknown as [string, string, string, string, string];
    if (closing) {
      assert.equal(name, top.name, `</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs.matchAll(/([\w.:-]+)="([^"]*)"/g)) {
      assert.ok(!(a[1]! in attrs), `duplicate attribute ${a[1]}`);
      attrs[a[1]!] = decode(a[2]!);
    }
    const element: XmlElement = { name, attrs, children: [], text: '' };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  assert.equal(stack.length, 1, `unclosed <${stack.at(-1)!.name}>`);
  assert.equal(root.children.length, 1, 'one root element');
  assert.equal(root.text.trim(), '');
  return root.children[0]!;
}

const all = (el: XmlElement): XmlElement[] => [el, ...el.children.flatMap(all)];
const named = (root: XmlElement, name: string) => all(root).filter((e) => e.name === name);
const count = (root: XmlElement, name: string) => named(root, name).length;
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const meta = { key: 'cap_phep', version: 3, name: 'Quy trình cấp phép' };

/** Checks every reference in the document against the ids it declares. */
function assertConsistent(root: XmlElement): void {
  const ids = all(root).map((e) => e.attrs.id).filter((id): id is string => id !== undefined);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  for (const id of ids) assert.match(id, NCNAME);
  const process = named(root, 'bpmn:process');
  assert.equal(process.length, 1);
  const flowNodes = new Set(process[0]!.children.filter((e) => e.name !== 'bpmn:sequenceFlow' && e.name !== 'bpmn:documentation').map((e) => e.attrs.id));
  const flows = named(root, 'bpmn:sequenceFlow');
  const flowIds = new Set(flows.map((f) => f.attrs.id));
  for (const f of flows) {
    assert.ok(flowNodes.has(f.attrs.sourceRef), `sourceRef ${f.attrs.sourceRef}`);
    assert.ok(flowNodes.has(f.attrs.targetRef), `targetRef ${f.attrs.targetRef}`);
    const source = process[0]!.children.find((e) => e.attrs.id === f.attrs.sourceRef)!;
    const target = process[0]!.children.find((e) => e.attrs.id === f.attrs.targetRef)!;
    assert.ok(source.children.some((c) => c.name === 'bpmn:outgoing' && c.text === f.attrs.id), `${f.attrs.id} listed as outgoing`);
    assert.ok(target.children.some((c) => c.name === 'bpmn:incoming' && c.text === f.attrs.id), `${f.attrs.id} listed as incoming`);
  }
  for (const ref of [...named(root, 'bpmn:incoming'), ...named(root, 'bpmn:outgoing')]) assert.ok(flowIds.has(ref.text));
  const diagramRefs = [...named(root, 'bpmndi:BPMNShape'), ...named(root, 'bpmndi:BPMNEdge')].map((e) => e.attrs.bpmnElement);
  assert.deepEqual([...diagramRefs].sort(), [...flowNodes, ...flowIds].sort(), 'one shape per node, one edge per flow');
  assert.equal(named(root, 'bpmndi:BPMNPlane')[0]!.attrs.bpmnElement, process[0]!.attrs.id);
  for (const shape of named(root, 'bpmndi:BPMNShape')) assert.equal(shape.children[0]!.name, 'dc:Bounds');
  for (const edge of named(root, 'bpmndi:BPMNEdge')) {
    assert.ok(edge.children.length >= 2 && edge.children.every((c) => c.name === 'di:waypoint' && Number.isFinite(Number(c.attrs.x)) && Number.isFinite(Number(c.attrs.y))));
  }
}

describe('toBpmnXml', () => {
  it('writes a well-formed BPMN 2.0 document with diagram interchange', () => {
    const root = parseXml(toBpmnXml(SIMPLE_PROCESS, meta));
    assert.equal(root.name, 'bpmn:definitions');
    assert.equal(root.attrs['xmlns:bpmn'], 'http://www.omg.org/spec/BPMN/20100524/MODEL');
    for (const prefix of ['bpmndi', 'dc', 'di', 'xsi']) assert.ok(root.attrs[`xmlns:${prefix}`]?.startsWith('http://'));
    const process = named(root, 'bpmn:process')[0]!;
    assert.deepEqual(process.attrs, { id: 'Process_cap_phep_v3', name: 'Quy trình cấp phép', isExecutable: 'false' });
    assertConsistent(root);
  });

  it('maps SIMPLE_PROCESS to the expected elements', () => {
    const root = parseXml(toBpmnXml(SIMPLE_PROCESS, meta));
    const counts = Object.fromEntries(['startEvent', 'userTask', 'exclusiveGateway', 'parallelGateway', 'endEvent', 'sequenceFlow'].map((t) => [t, count(root, `bpmn:${t}`)]));
    // 3 steps; the leader's 3 choices leave through one exclusive gateway; start, 2 hand-overs, task→gateway, 3 choices = 7 flows.
    assert.deepEqual(counts, { startEvent: 1, userTask: 3, exclusiveGateway: 1, parallelGateway: 0, endEvent: 2, sequenceFlow: 7 });
    assert.equal(count(root, 'bpmndi:BPMNShape'), 7);
    assert.equal(count(root, 'bpmndi:BPMNEdge'), 7);
    const review = named(root, 'bpmn:userTask').find((t) => t.attrs.id === 'Task_tham_dinh')!;
    assert.equal(review.attrs.name, 'Thẩm định hồ sơ');
    assert.match(review.children[0]!.text, /dossier\.process[\s\S]*own agency[\s\S]*7 working days/);
    const sendBack = named(root, 'bpmn:sequenceFlow').find((f) => f.attrs.name === 'Trả lại chuyên viên')!;
    assert.deepEqual([sendBack.attrs.sourceRef, sendBack.attrs.targetRef], ['Gateway_phe_duyet', 'Task_tham_dinh']);
    assert.match(sendBack.children[0]!.text, /send_back \(comment required\)/);
  });

  it('maps a parallel consultation to a fork and a join', () => {
    const root = parseXml(toBpmnXml(INTER_AGENCY_PROCESS, meta));
    assertConsistent(root);
    const gateways = named(root, 'bpmn:parallelGateway');
    assert.deepEqual(gateways.map((g) => [g.attrs.id, g.attrs.gatewayDirection]), [['Fork_lay_y_kien', 'Diverging'], ['Join_lay_y_kien', 'Converging']]);
    assert.equal(count(root, 'bpmn:userTask'), 6);
    const flows = named(root, 'bpmn:sequenceFlow');
    assert.equal(flows.filter((f) => f.attrs.sourceRef === 'Fork_lay_y_kien').length, 2);
    assert.deepEqual(flows.filter((f) => f.attrs.targetRef === 'Join_lay_y_kien').map((f) => f.attrs.name), ['Gửi ý kiến', 'Gửi ý kiến']);
    assert.ok(named(root, 'bpmn:userTask').find((t) => t.attrs.id === 'Task_y_kien_1')!.children[0]!.text.includes('agency TAM.H19.S03'));
  });

  it('writes conditions as formal expressions', () => {
    const root = parseXml(toBpmnXml(CONDITIONAL_PROCESS, meta));
    assertConsistent(root);
    const conditions = named(root, 'bpmn:conditionExpression');
    assert.deepEqual(conditions.map((c) => c.text), ['formData.building.floors > 7', 'flags.feePaid = true']);
    for (const c of conditions) assert.equal(c.attrs['xsi:type'], 'bpmn:tFormalExpression');
    assert.equal(count(root, 'bpmn:exclusiveGateway'), 2);
  });

  it('escapes markup in names and keeps Vietnamese text intact', () => {
    const def = structuredClone(SIMPLE_PROCESS) as ProcessDefinition;
    def.steps[1]!.name = 'Thẩm định <hồ sơ> & "ý kiến" \'khác\'';
    def.transitions[1]!.label = 'Trình <lãnh đạo> & ký';
    def.transitions[1]!.condition = { field: 'ghi_chu', equals: 'a<b & "c"' };
    assert.ok(validateProcessDefinition(def).ok);
    const xml = toBpmnXml(def, { key: 'thủ tục:1', version: 1, name: 'Cấp <phép> & "xây dựng"' });
    assert.ok(xml.includes('name="Thẩm định &lt;hồ sơ&gt; &amp; &quot;ý kiến&quot; &apos;khác&apos;"'));
    const root = parseXml(xml);
    assertConsistent(root);
    assert.equal(named(root, 'bpmn:process')[0]!.attrs.name, 'Cấp <phép> & "xây dựng"');
    assert.equal(named(root, 'bpmn:process')[0]!.attrs.id, 'Process_th__t_c_1_v1');
    assert.ok(named(root, 'bpmn:userTask').some((t) => t.attrs.name === def.steps[1]!.name));
    assert.ok(named(root, 'bpmn:sequenceFlow').some((f) => f.attrs.name === 'Trình <lãnh đạo> & ký'));
    assert.ok(named(root, 'bpmn:conditionExpression').some((c) => c.text === 'formData.ghi_chu = "a<b & \\"c\\""'));
    assert.equal(Buffer.from(xml, 'utf8').toString('utf8'), xml);
  });

  it('drops characters XML cannot carry', () => {
    assert.equal(escapeXml('a\u0000b\u001Fc\td'), 'abc\td');
    assert.equal(escapeXml('x\uD800y'), 'x\uFFFDy');
    assert.equal(escapeXml('Đồng Tháp 🌸'), 'Đồng Tháp 🌸');
  });

  it('renders nested conditions readably', () => {
    const text = conditionText({ any: [{ all: [{ field: 'a', equals: 1 }, { flag: 'feePaid', is: true }] }, { field: 'b', notEquals: 'x' }] });
    assert.equal(text, '(formData.a = 1 and flags.feePaid = true) or formData.b != "x"');
  });

  it('uses a checker that does catch broken XML', () => {
    const prolog = '<?xml version="1.0" encoding="UTF-8"?>';
    for (const broken of ['<a><b></a></b>', '<a x=1/>', '<a>x & y</a>', '<a x="<"/>', '<a>', '<a/><b/>', '<a x="1" x="2"/>']) {
      assert.throws(() => parseXml(prolog + broken), assert.AssertionError, broken);
    }
    assert.equal(parseXml(`${prolog}<a:b c="&amp;"><d/>t&lt;</a:b>`).text, 't<');
  });

  it('is deterministic', () => {
    assert.equal(toBpmnXml(INTER_AGENCY_PROCESS, meta), toBpmnXml(structuredClone(INTER_AGENCY_PROCESS) as ProcessDefinition, meta));
  });
});
