import { unprocessable } from '../../../packages/platform/index.ts';
import { PART_FORMS, type PartForm, type ProcedurePart } from '../catalogue/procedure.types.ts';
import type { Dossier } from './dossier.types.ts';

/**
 * The intake checklist (kiểm tra thành phần hồ sơ): at acceptance the desk officer goes through
 * the procedure's parts, each present or missing and, when present on paper, in which form
 * (original, certified copy, copy). A required part that is missing, or present in a weaker form
 * than the procedure asks for, blocks acceptance unless the officer overrides with a reason;
 * the checklist and the override are stored in the dossier's history. A part filed electronically
 * (online, national portal) satisfies its required form: an electronic copy filed online is
 * valid (Nghị định 45/2020/NĐ-CP).
 */
export interface ChecklistEntry {
  partCode: string;
  present: boolean;
  /**
   * How the part was handed in on paper; absent for an electronic part (e-form, uploaded file),
   * which satisfies the required form only when the dossier holds it.
   */
  form?: PartForm | undefined;
}

export interface IntakeOverride {
  reason: string;
}

export type PartProblem = 'missing' | 'weaker_form';

/** One part as checked at intake, as the history keeps it. */
export interface CheckedPart {
  partCode: string;
  name: string;
  required: boolean;
  present: boolean;
  form: PartForm | null;
  requiredForm: PartForm | null;
  problem: PartProblem | null;
}

export interface IntakeReview {
  parts: CheckedPart[];
  /** Required parts with a problem. */
  missing: CheckedPart[];
  /** `how`: the officer's checklist, or derived from what the dossier holds (no checklist sent). */
  how: 'checklist' | 'derived';
}

const strength = (form: PartForm): number => PART_FORMS.length - PART_FORMS.indexOf(form);

/** Whether a part handed in as `given` satisfies the `required` form (a stronger form always does). */
export function satisfiesForm(given: PartForm | null, required: PartForm | null): boolean {
  if (!required) return true;
  return given !== null && strength(given) >= strength(required);
}

/** What the dossier itself holds: an e-form filled in or a file uploaded for the part. */
function heldByDossier(dossier: Pick<Dossier, 'formData' | 'files'>, code: string): boolean {
  const data = (dossier.formData as Record<string, unknown>)[code];
  const filled = typeof data === 'object' && data !== null && Object.keys(data).length > 0;
  return filled || dossier.files.some((f) => f.partCode === code && (f.kind === 'input' || f.kind === 'supplement'));
}

/**
 * Checks the checklist against the procedure's parts. Without a checklist, presence is derived
 * from the dossier's e-forms and files (an online or national-portal dossier) and forms are not
 * checked. Throws 422 when the checklist names an unknown part, names a part twice or leaves out
 * a required part.
 */
export function reviewIntake(parts: readonly ProcedurePart[], dossier: Pick<Dossier, 'formData' | 'files'>, checklist: readonly ChecklistEntry[] | undefined): IntakeReview {
  if (checklist) {
    const known = new Set(parts.map((p) => p.code));
    const unknown = checklist.filter((e) => !known.has(e.partCode)).map((e) => e.partCode);
    if (unknown.length) throw unprocessable('dossier.unknown_part', 'Thành phần hồ sơ không thuộc thủ tục / Unknown dossier part', { parts: unknown });
    const codes = checklist.map((e) => e.partCode);
    const twice = codes.filter((c, i) => codes.indexOf(c) !== i);
    if (twice.length) throw unprocessable('dossier.checklist_invalid', 'Một thành phần được kê hai lần / A part is listed twice', { parts: [...new Set(twice)] });
    const unlisted = parts.filter((p) => p.required && !codes.includes(p.code)).map((p) => p.code);
    if (unlisted.length) {
      throw unprocessable('dossier.checklist_incomplete', 'Danh mục kiểm tra chưa có đủ thành phần bắt buộc / The checklist leaves out required parts', { parts: unlisted });
    }
  }
  const entries = new Map(checklist?.map((e) => [e.partCode, e]));
  const checked = parts.map((part): CheckedPart => {
    const entry = entries.get(part.code);
    const present = checklist ? entry?.present === true : heldByDossier(dossier, part.code);
    const form = present ? entry?.form ?? null : null;
    const requiredForm = part.requiredForm ?? null;
    // No form ticked: the part is electronic, which counts only if the dossier really holds it (an e-form or a file).
    const formOk = !checklist || satisfiesForm(form, requiredForm) || (form === null && heldByDossier(dossier, part.code));
    const problem: PartProblem | null = !present ? 'missing' : formOk ? null : 'weaker_form';
    return { partCode: part.code, name: part.name, required: part.required, present, form, requiredForm, problem };
  });
  return { parts: checked, missing: checked.filter((p) => p.required && p.problem !== null), how: checklist ? 'checklist' : 'derived' };
}

/**
 * Refuses acceptance of an incomplete dossier without an override, and an override given for a
 * complete one (nothing to override: the reason would mislead whoever reads the history).
 */
export function requireCompleteOrOverride(review: IntakeReview, override: IntakeOverride | undefined): void {
  if (review.missing.length > 0 && !override) {
    throw unprocessable('dossier.parts_missing', 'Hồ sơ còn thiếu thành phần bắt buộc; cần lý do nếu vẫn tiếp nhận / Required parts are missing; accepting needs an override with a reason', {
      parts: review.missing.map((p) => ({ partCode: p.partCode, name: p.name, problem: p.problem, requiredForm: p.requiredForm })),
    });
  }
  if (review.missing.length === 0 && override) {
    throw unprocessable('dossier.override_unneeded', 'Hồ sơ đã đủ thành phần, không cần lý do tiếp nhận ngoại lệ / Nothing is missing: no override needed', { field: 'override' });
  }
}
