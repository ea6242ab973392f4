/**
 * Sample process definitions: starting points for administrators, seed data and fixtures for
 * tests. Each one passes validateProcessDefinition (the tests check it).
 *
 * Agency codes are the catalog's provisional `TAM.` codes (see modules/catalog/seed/agencies.ts)
 * until the official list is imported: S03 = Sở Xây dựng, S05 = Sở Nông nghiệp và Môi trường,
 * T02 = Công an tỉnh (fire safety appraisal).
 */
import type { ProcessDefinition, ProcessStep, ProcessTransition } from './process.definition.ts';

const task = (id: string, name: string, nameEn: string, permission: string, durationDays: number, agency: ProcessStep['agency'] = { kind: 'owner' }): ProcessStep => ({
  id,
  name,
  nameEn,
  kind: 'task',
  permission,
  agency,
  durationDays,
});

// Factories rather than shared constants, so no two samples share (and could mutate) one object.
const receive = () => task('tiep_nhan', 'Chuyển hồ sơ từ bộ phận một cửa', 'Hand over from the one-stop desk', 'dossier.receive', 0);
const review = () => task('tham_dinh', 'Thẩm định hồ sơ', 'Review the dossier', 'dossier.process', 7);
const approval = () => task('phe_duyet', 'Phê duyệt kết quả', 'Approve the result', 'dossier.approve', 2);
const handOver = (): ProcessTransition => ({ from: 'tiep_nhan', action: 'forward', label: 'Chuyển thẩm định', labelEn: 'Forward for review', to: 'tham_dinh' });

/** The leader's three choices; a refusal must give reasons to the applicant, a send-back tells the specialist what to fix. */
function decisions(sendBackTo: string): ProcessTransition[] {
  return [
    { from: 'phe_duyet', action: 'approve', label: 'Phê duyệt', labelEn: 'Approve', to: 'end:approved' },
    { from: 'phe_duyet', action: 'deny', label: 'Từ chối giải quyết', labelEn: 'Deny', to: 'end:denied', requiresComment: true },
    { from: 'phe_duyet', action: 'send_back', label: 'Trả lại chuyên viên', labelEn: 'Send back to the specialist', to: sendBackTo, requiresComment: true },
  ];
}

/** Samples are shared module state: freeze them so a caller cannot change them for everyone. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

/** One-stop desk → specialist review → leader approval. */
export const SIMPLE_PROCESS: ProcessDefinition = frozen({
  start: 'tiep_nhan',
  steps: [receive(), review(), approval()],
  transitions: [
    handOver(),
    { from: 'tham_dinh', action: 'submit', label: 'Trình lãnh đạo', labelEn: 'Submit for approval', to: 'phe_duyet' },
    ...decisions('tham_dinh'),
  ],
});

/**
 * Review, then the opinions of other agencies gathered in parallel (one branch per agency code,
 * each answered by that agency), then the specialist consolidates them for approval.
 */
export function interAgencyProcess(agencyCodes: string[]): ProcessDefinition {
  if (agencyCodes.length < 2) throw new RangeError('A parallel consultation needs at least two agencies');
  const branches = agencyCodes.map((code, i) =>
    task(`y_kien_${i + 1}`, 'Cho ý kiến', 'Give an opinion', 'dossier.process', 5, { kind: 'other', agencyCode: code }),
  );
  return {
    start: 'tiep_nhan',
    steps: [
      receive(),
      review(),
      {
        id: 'lay_y_kien',
        name: 'Lấy ý kiến cơ quan liên quan',
        nameEn: 'Consult the agencies concerned',
        kind: 'parallel',
        permission: 'dossier.process',
        agency: { kind: 'owner' },
        durationDays: 5,
        branches: branches.map((b) => b.id),
        join: 'tong_hop',
      },
      ...branches,
      task('tong_hop', 'Tổng hợp ý kiến', 'Consolidate the opinions', 'dossier.process', 2),
      approval(),
    ],
    transitions: [
      handOver(),
      { from: 'tham_dinh', action: 'consult', label: 'Gửi lấy ý kiến', labelEn: 'Request opinions', to: 'lay_y_kien' },
      ...branches.map((b): ProcessTransition => ({ from: b.id, action: 'reply', label: 'Gửi ý kiến', labelEn: 'Send the opinion', to: '$join' })),
      { from: 'tong_hop', action: 'submit', label: 'Trình lãnh đạo', labelEn: 'Submit for approval', to: 'phe_duyet' },
      ...decisions('tong_hop'),
    ],
  };
}

export const INTER_AGENCY_PROCESS: ProcessDefinition = frozen(interAgencyProcess(['TAM.H19.S03', 'TAM.H19.S05']));

/**
 * Building permit: a building of more than 7 floors also needs a fire safety appraisal (the
 * first `submit` whose condition holds wins; the one without condition is the "otherwise"),
 * and the permit is approved only once the fee is paid.
 */
export const CONDITIONAL_PROCESS: ProcessDefinition = frozen({
  start: 'tiep_nhan',
  steps: [
    receive(),
    task('tham_dinh', 'Thẩm định hồ sơ cấp phép xây dựng', 'Review the building permit application', 'dossier.process', 7),
    task('tham_dinh_pccc', 'Thẩm định an toàn PCCC', 'Fire safety appraisal', 'dossier.process', 5, { kind: 'other', agencyCode: 'TAM.H19.T02' }),
    approval(),
  ],
  transitions: [
    handOver(),
    {
      from: 'tham_dinh',
      action: 'submit',
      label: 'Chuyển thẩm định PCCC',
      labelEn: 'Send for fire safety appraisal',
      to: 'tham_dinh_pccc',
      condition: { field: 'building.floors', greaterThan: 7 },
    },
    { from: 'tham_dinh', action: 'submit', label: 'Trình lãnh đạo', labelEn: 'Submit for approval', to: 'phe_duyet' },
    { from: 'tham_dinh_pccc', action: 'reply', label: 'Gửi kết quả thẩm định', labelEn: 'Send the appraisal', to: 'phe_duyet' },
    { ...decisions('tham_dinh')[0]!, condition: { flag: 'feePaid', is: true } },
    ...decisions('tham_dinh').slice(1),
  ],
});
