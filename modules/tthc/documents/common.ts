import { FORMS, formLabel, type FormKind } from './forms.ts';
import { placeAndDate, toInstant, upper } from './format.ts';
import { bold, field, para, plain, type Block, type NoticeLayout, type Paragraph, type Run, type SignatureSlot } from './model.ts';
import type { NoticeApplicant, NoticeBase, NoticeProcedure } from './types.ts';

/** Pieces of body text that several forms share. */

export const PROSE_INDENT = 28;
export const ITEM_INDENT = 20;
export const QR_CAPTION = 'Quét mã QR để tra cứu hồ sơ';

export interface FormContent {
  form: FormKind;
  /** The PDF's Subject: the procedure's name. */
  subject: string;
  /** Lines under the title; by default the dossier code. */
  subtitle?: Run[][];
  body: Block[];
  signatures?: SignatureSlot[];
}

/** The header's agency lines: the governing agency, the agency, and the desk unless it is the agency itself. */
export function headerLines(agency: NoticeBase['agency'], desk: string): Pick<NoticeLayout, 'agencyParent' | 'agencyName' | 'deskName'> {
  return {
    ...(agency.parent ? { agencyParent: upper(agency.parent) } : {}),
    agencyName: upper(agency.name),
    ...(desk && desk !== agency.name ? { deskName: upper(desk) } : {}),
  };
}

/** A form's layout: its content under the header every form has, with metadata and QR code. */
export function baseLayout(doc: NoticeBase, { form, subject, subtitle = [codeLine(doc.dossierCode)], body, signatures = [] }: FormContent): NoticeLayout {
  const issuedAt = toInstant(doc.issuedAt);
  const title = FORMS[form].title;
  return {
    info: { title: `${title} - ${doc.dossierCode}`, author: doc.agency.name, subject, keywords: doc.dossierCode, creationDate: issuedAt },
    form: formLabel(form),
    ...headerLines(doc.agency, doc.desk),
    ...(doc.number ? { number: `Số: ${doc.number}` } : {}),
    placeDate: placeAndDate(doc.place, issuedAt),
    title,
    subtitle,
    body,
    signatures,
    ...(doc.lookupUrl ? { qr: { url: doc.lookupUrl, caption: QR_CAPTION } } : {}),
  };
}

export const codeLine = (code: string): Run[] => [plain('Mã hồ sơ: '), bold(code)];

/** Who applied, and how to reach them: name, address, then masked id number, phone and e-mail on one line. */
export function applicantBlocks(applicant: NoticeApplicant, label: string): Paragraph[] {
  const blocks = [field(label, applicant.name)];
  if (applicant.address) blocks.push(field('Địa chỉ', applicant.address));
  const details = [
    applicant.idNumber ? `Số định danh cá nhân: ${applicant.idNumber}` : '',
    applicant.phone ? `Số điện thoại: ${applicant.phone}` : '',
    applicant.email ? `Email: ${applicant.email}` : '',
  ].filter(Boolean);
  if (details.length) blocks.push(para([plain(details.join('; '))]));
  return blocks;
}

export function procedureLabel(procedure: NoticeProcedure): string {
  return procedure.code ? `${procedure.name} (mã thủ tục: ${procedure.code})` : procedure.name;
}

/** "Nội dung yêu cầu giải quyết: <procedure>". */
export const procedureBlock = (procedure: NoticeProcedure): Paragraph => field('Nội dung yêu cầu giải quyết', procedureLabel(procedure));

/** A numbered list under a heading paragraph, or a "(không có)" line for an empty list. */
export function numberedList(items: string[], style: (n: number) => string = (n) => `${n}.`): Paragraph[] {
  if (items.length === 0) return [para([plain('(không có)')], { indent: ITEM_INDENT })];
  return items.map((item, i) => para([plain(`${style(i + 1)} ${item}`)], { indent: ITEM_INDENT }));
}

export interface Section {
  runs: Run[];
  /** Blocks under the section, such as a list. */
  children?: Block[];
}

/** Paragraphs numbered in order, skipping the ones left out ("1.", "2." … as the forms number them). */
export function numberedSections(sections: (Section | undefined)[]): Block[] {
  return sections
    .filter((s): s is Section => s !== undefined)
    .flatMap((s, i) => [para([{ ...s.runs[0]!, text: `${i + 1}. ${s.runs[0]!.text}` }, ...s.runs.slice(1)]), ...(s.children ?? [])]);
}

export const officialSlot = (title: string, name: string): SignatureSlot => ({ title, hint: '(Ký và ghi rõ họ tên)', name });
