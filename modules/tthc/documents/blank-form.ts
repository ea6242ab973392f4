import { bold, para, plain, type Block, type NoticeLayout } from './model.ts';
import { renderLayout } from './render.ts';

/**
 * A blank e-form to print and fill by hand (mẫu đơn, tờ khai): the form's own title and every
 * field of its schema, in its layout's order, with a dotted line to write on. Generated from
 * the published e-form, so the paper and the online form never disagree.
 */
type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Dots that fill a line after a label (a dot is some 40 % of a letter's width in the condensed serif). */
const DOTS_PER_LINE = 100;
const dotted = (label: string, depth = 0) => `${label}: ${'.'.repeat(Math.max(16, DOTS_PER_LINE - label.length * 1.6 - depth * 6) | 0)}`;

function fieldBlocks(key: string, field: Schema, depth: number): Block[] {
  const label = typeof field.title === 'string' ? field.title : key;
  const indent = depth * 14;
  if (field.type === 'object' && isSchema(field.properties)) {
    return [para([bold(label)], { indent }), ...Object.entries(field.properties).flatMap(([k, f]) => (isSchema(f) ? fieldBlocks(k, f, depth + 1) : []))];
  }
  if (field.type === 'array') {
    const item = isSchema(field.items) ? field.items : {};
    const columns = isSchema(item.properties) ? Object.entries(item.properties).map(([k, f]) => (isSchema(f) && typeof f.title === 'string' ? f.title : k)).join('; ') : '';
    return [para([bold(label), plain(columns ? ` (${columns})` : '')], { indent }), ...[1, 2, 3].map((n) => para([plain(dotted(`${n}`, depth + 1))], { indent: indent + 14 }))];
  }
  if (field.type === 'boolean') return [para([plain(`□ ${label}`)], { indent })];
  if (Array.isArray(field.enum)) return [para([plain(`${label}: `), plain(field.enum.map((o) => `□ ${String(o)}`).join('    '))], { indent })];
  return [para([plain(dotted(label, depth))], { indent })];
}

/** The top-level field keys as the layout lists them (sections first, then any the layout forgot). */
function orderedKeys(schema: Schema, layout: Schema): { title?: string; keys: string[] }[] {
  const all = isSchema(schema.properties) ? Object.keys(schema.properties) : [];
  const sections = Array.isArray(layout.sections) ? layout.sections.filter(isSchema) : [];
  if (sections.length > 0) {
    const listed = sections.map((s) => ({ title: typeof s.title === 'string' ? s.title : undefined, keys: (Array.isArray(s.fields) ? s.fields : []).filter((k): k is string => typeof k === 'string' && all.includes(k)) }));
    const rest = all.filter((k) => !listed.some((s) => s.keys.includes(k)));
    return rest.length ? [...listed, { keys: rest }] : listed;
  }
  const order = Array.isArray(layout.order) ? layout.order.filter((k): k is string => typeof k === 'string' && all.includes(k)) : [];
  return [{ keys: [...order, ...all.filter((k) => !order.includes(k))] }];
}

export function blankFormLayout(form: { key: string; version: number; title: string; schema: Schema; layout: Schema }, issuedAt: Date): NoticeLayout {
  const properties = isSchema(form.schema.properties) ? form.schema.properties : {};
  const body: Block[] = [para([plain(dotted('Kính gửi'))]), { type: 'spacer', height: 6 }];
  for (const section of orderedKeys(form.schema, form.layout)) {
    if (section.title) body.push({ type: 'spacer', height: 4 }, para([bold(section.title.toUpperCase())]));
    for (const key of section.keys) if (isSchema(properties[key])) body.push(...fieldBlocks(key, properties[key], 0));
  }
  body.push({ type: 'spacer', height: 8 }, para([plain('Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.')], { firstLineIndent: 28, align: 'justify' }));
  return {
    info: { title: form.title, author: 'Sen', subject: `Mẫu để trống: ${form.title}`, keywords: `${form.key} v${form.version}`, creationDate: issuedAt },
    // Not one of the one-stop forms of Circular 03/2025: no form number, no agency.
    form: '',
    agencyName: '',
    placeDate: '…………, ngày …… tháng …… năm ……',
    title: form.title.toUpperCase(),
    subtitle: [],
    body,
    signatures: [{ title: 'NGƯỜI KHAI', hint: '(Ký, ghi rõ họ, chữ đệm và tên)', name: '' }],
  };
}

/** The blank form as an A4 PDF; `issuedAt` (the form version's date) keeps the bytes reproducible. */
export function renderBlankForm(form: Parameters<typeof blankFormLayout>[0], issuedAt: Date): Promise<Buffer> {
  return renderLayout(blankFormLayout(form, issuedAt));
}
