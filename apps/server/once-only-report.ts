import { formShare, percent, type PrefillAnswer } from '../../modules/tthc/index.ts';
import type { Principal } from '../../packages/platform/index.ts';
import type { Platform } from './app.ts';

/**
 * The once-only share report: per procedure of the catalogue, the share of its e-form fields that
 * arrive prefilled from the national databases (through LGSP → NDXP, as the prefill API answers a
 * synthetic citizen, and the representative of a synthetic enterprise where organisations apply).
 */
export interface ShareRow {
  nationalCode: string;
  name: string;
  applicant: 'citizen' | 'enterprise';
  forms: string[];
  fields: number;
  bound: number;
  prefilled: number;
  /** Per cent, null when the procedure has no e-form. */
  share: number | null;
  note: string;
}

/** Why the rest of a seeded form cannot come from the national databases (by form key). */
export const FORM_NOTES: Record<string, string> = {
  'to-khai-dang-ky-khai-sinh': 'Most fields describe the child, who is not in the population database before this registration. The requester is taken to be a parent: their side (mother or father, by the sex in their record) is prefilled, and the other parent\'s name and id come from the spouse in their record (x-national-otherwise); the other parent\'s other fields need that parent\'s own lookup and consent.',
  'to-khai-dang-ky-ket-hon': 'Each side is bound (x-national-if): the signed-in person\'s side, found by the sex in their record, is prefilled; the other party\'s record needs their own lookup and consent, so their six fields stay empty, as do the two "kết hôn lần thứ" numbers and the copies requested.',
  'to-khai-cap-giay-xac-nhan-tinh-trang-hon-nhan': 'The person the certificate is for is taken to be the signed-in person (a request for oneself; a request for someone else overwrites those fields). Unbound: the relationship to that person, the earlier residence (place, from, to; the record keeps no residence history), the purpose. The marital status is prefilled only when the record says never married (otherwise the declaration must name the spouse, judgment or death record, which the record does not hold).',
  'to-khai-dang-ky-khai-tu': 'Only the requester is the signed-in person (name, residence, id; not the relationship). The deceased is in the population database, but their record is another person\'s: this lookup is only of the signed-in person, and the death notice, time, place and cause of death are in no national database reachable here.',
  'to-khai-yeu-cau-cap-phieu-ly-lich-tu-phap': 'Bound: name, sex, birth date, place of birth, nationality, permanent and temporary residence, the card\'s number, issue date and place, the parents\' and spouse\'s names (Luật Căn cước 2023 art. 9(1)); each stays empty where the record has none (no spouse, no temporary residence, no card under 14). Not in the record: other names and the residence history since age 14; the certificate number, purpose, extra copies and fee-exemption category are the request itself.',
  'giay-de-nghi-dang-ky-ho-kinh-doanh': 'The owner\'s fields come from the population database; the household business is being registered, so no registry holds its name, address, lines or capital yet.',
  'don-de-nghi-cap-giay-phep-xay-dung': 'The applicant\'s name, id, address and mobile number come from the population database (the number only where the record holds one); the land and building fields belong to the land and construction databases, which are not reachable through NDXP here.',
};

export async function prefillShares(platform: Pick<Platform, 'modules'>, applicants: { citizen: Principal; enterprise?: Principal }): Promise<ShareRow[]> {
  const { tthc } = platform.modules;
  const page = await tthc.procedures.list({ limit: 200, offset: 0 });
  const rows: ShareRow[] = [];
  for (const procedure of [...page.items].sort((a, b) => a.nationalCode.localeCompare(b.nationalCode))) {
    const formKeys = [...new Set(procedure.parts.flatMap((p) => (p.formKey ? [p.formKey] : [])))];
    const as: ('citizen' | 'enterprise')[] = ['citizen', ...(procedure.applicantTypes.includes('organisation') && applicants.enterprise ? ['enterprise' as const] : [])];
    for (const applicant of as) {
      const base = { nationalCode: procedure.nationalCode, name: procedure.name, applicant, forms: formKeys };
      if (formKeys.length === 0) {
        rows.push({ ...base, fields: 0, bound: 0, prefilled: 0, share: null, note: 'No e-form: the parts are uploaded documents.' });
        continue;
      }
      let fields = 0;
      let bound = 0;
      let prefilled = 0;
      const notes: string[] = [];
      for (const key of formKeys) {
        const form = await tthc.procedures.publishedForm(key);
        if (!form) { notes.push(`${key}: not published`); continue; }
        let answer: PrefillAnswer | undefined;
        try {
          answer = await tthc.prefill.prefill(applicant === 'citizen' ? applicants.citizen : applicants.enterprise!, { formKey: key });
        } catch (error) {
          notes.push(`${key}: ${(error as { code?: string }).code ?? (error as Error).message}`);
        }
        const share = formShare(form.schema, answer?.fields.map((f) => f.pointer) ?? []);
        fields += share.fields;
        bound += share.bound;
        prefilled += share.prefilled;
        if (FORM_NOTES[key]) notes.push(FORM_NOTES[key]);
      }
      rows.push({ ...base, fields, bound, prefilled, share: percent(prefilled, fields), note: notes.join(' ') });
    }
  }
  return rows;
}

/** The report as a Markdown table. */
export function shareTable(rows: ShareRow[]): string {
  const lines = [
    '| Procedure | Applicant | E-form | Fields | Bound to a national source | Arrived prefilled | Share | Why not more |',
    '|---|---|---|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.nationalCode} ${r.name.replaceAll('|', '/')} | ${r.applicant} | ${r.forms.join(', ') || '—'} | ${r.fields} | ${r.bound} | ${r.prefilled} | ${r.share === null ? '—' : `${r.share} %`} | ${r.note} |`),
  ];
  return lines.join('\n');
}
