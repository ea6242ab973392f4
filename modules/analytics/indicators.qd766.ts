/**
 * The index of Decision 766/QĐ-TTg (23 June 2022) as the national portal scores it, one record per
 * indicator. Group maxima come from the decision; the split of its group "online services" into
 * 12 + 10 points, each indicator's points and the "full from X %" rules come from third-party
 * reconstructions of the portal and are marked `secondary` (docs/service-quality-index.md).
 */
import type { IndexGroup, IndexIndicator, Scoring, SourceRef } from './indicators.types.ts';

const GROUPS_OFFICIAL: SourceRef = {
  document: 'Decision 766/QĐ-TTg, five groups and their maxima, as published by the Nam Định Department of Home Affairs',
  where: 'sonoivu.namdinh.gov.vn/cai-cach-hanh-chinh/thu-tuong-chinh-phu-phe-duyet-bo-chi-so-…-2373',
  confidence: 'official',
};
const PORTAL_SPLIT: SourceRef = {
  document: 'National portal (dichvucong.gov.vn) index page as reconstructed by provincial trackers: six groups, online services 12 + online payment 10',
  where: 'public GitHub code: a 766 tracker\'s formulaMaximums (reconciled with the portal, 08/10/2026) and its changelog (items 13–14)',
  confidence: 'secondary',
};
const PORTAL_FORMULAS: SourceRef = {
  document: 'Transcription of the portal\'s "Mô tả công thức tính chỉ số 766" (formula description)',
  where: 'public GitHub code: formulaDocument records 1.1–5.4',
  confidence: 'secondary',
};
const PORTAL_POINTS: SourceRef = {
  document: 'Per-indicator maxima reconciled with the portal\'s charts',
  where: 'public GitHub code: formulaMaximums (sums to 18/20/12/10/22/18)',
  confidence: 'secondary',
};
const SUMMARY_POINTS: SourceRef = {
  document: 'Summary of Decision 766/QĐ-TTg: 2.1 up to 20 points, 1.2 worth 4 of 18, 5.4 up to 6 of 18',
  where: 'baocaotaichinh.vn/thu-vien/quyet-dinh-766-qd-ttg-2022-…-126270',
  confidence: 'secondary',
};
const SATISFACTION_OFFICIAL: SourceRef = {
  document: 'Decision 766/QĐ-TTg, the three satisfaction ratios and their formulas, as published by the Lâm Đồng provincial party site',
  where: 'lamdong.dcs.vn/…/id/33503 (06/07/2022)',
  confidence: 'official',
};

/** Points from the portal reconstruction; full points from `fullAt` % (100 when no threshold was published: proportional). */
const scored = (maxPoints: number, fullAt = 100, fullAtKnown = false): Scoring => ({
  maxPoints, maxPointsConfidence: 'secondary', fullAt, fullAtConfidence: fullAtKnown ? 'secondary' : 'unconfirmed',
});

const NATIONAL_PROCEDURE_DATABASE = 'National procedure database (Cơ sở dữ liệu quốc gia về TTHC) and the province\'s publication decisions';
const FEEDBACK_SYSTEM = 'National portal\'s feedback system (Hệ thống tiếp nhận, trả lời phản ánh, kiến nghị)';

export const INDEX_GROUPS: readonly IndexGroup[] = [
  { id: 'transparency', name: { vi: 'Công khai, minh bạch', en: 'Transparency' }, maxPoints: 18, decisionGroup: 1, sources: [GROUPS_OFFICIAL] },
  { id: 'progress', name: { vi: 'Tiến độ, kết quả giải quyết', en: 'Progress and results' }, maxPoints: 20, decisionGroup: 2, sources: [GROUPS_OFFICIAL] },
  { id: 'online_services', name: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' }, maxPoints: 12, decisionGroup: 4, sources: [GROUPS_OFFICIAL, PORTAL_SPLIT] },
  { id: 'online_payment', name: { vi: 'Thanh toán trực tuyến', en: 'Online payment' }, maxPoints: 10, decisionGroup: 4, sources: [GROUPS_OFFICIAL, PORTAL_SPLIT] },
  { id: 'digitisation', name: { vi: 'Số hóa hồ sơ', en: 'Digitisation of dossiers' }, maxPoints: 22, decisionGroup: 3, sources: [GROUPS_OFFICIAL] },
  { id: 'satisfaction', name: { vi: 'Mức độ hài lòng', en: 'Satisfaction' }, maxPoints: 18, decisionGroup: 5, sources: [GROUPS_OFFICIAL, SATISFACTION_OFFICIAL] },
];

export const INDEX_INDICATORS: readonly IndexIndicator[] = [
  {
    id: '766.1.1', group: 'transparency', unit: '%', scoring: scored(6),
    name: { vi: 'Tỷ lệ TTHC công bố đúng hạn', en: 'Procedures published on time' },
    formula: 'Procedures whose publication decision is dated at least 5 working days (ministries: 20) before their legal basis takes effect / procedures published (added, amended, repealed) in the period.',
    observation: { observable: false, feeder: NATIONAL_PROCEDURE_DATABASE, feederInSen: false, why: 'Publication decisions are recorded in the national procedure database, not in the one-stop system.' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.1.2', group: 'transparency', unit: '%', scoring: scored(4),
    name: { vi: 'Tỷ lệ TTHC được cập nhật, công khai đúng hạn', en: 'Procedures updated and made public on time' },
    formula: 'Procedures made public on the national procedure database within 5 working days (ministries: 10) of their publication decision / procedures to be made public in the period.',
    observation: { observable: false, feeder: NATIONAL_PROCEDURE_DATABASE, feederInSen: false, why: 'The date a procedure is made public is the national database\'s.' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS, SUMMARY_POINTS],
  },
  {
    id: '766.1.3', group: 'transparency', unit: '%', scoring: scored(2),
    name: { vi: 'Tỷ lệ TTHC công khai đầy đủ nội dung', en: 'Procedures published with every required part' },
    formula: 'Procedures public on the national database with name, steps, methods, dossier parts, time limit, applicants and agency (Decree 63/2010 art. 8(2)) / procedures public there, now.',
    observation: { observable: false, feeder: NATIONAL_PROCEDURE_DATABASE, feederInSen: false, why: 'Judged on the national database\'s record; Sen holds a copy, not the published record.' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.1.4', group: 'transparency', unit: '%', scoring: scored(6),
    name: { vi: 'Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia', en: 'Dossiers synchronised to the national portal' },
    formula: 'Dossiers received in the period and synchronised to the national portal / dossiers received in the period (the larger of the national reporting system\'s and the portal\'s count).',
    observation: { observable: true, measure: 'syncedShare', approximation: 'The denominator is Sen\'s own received count; needs the synchronised count from tthc\'s national sync (DossierCounts.syncedToNationalPortal).' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.2.1', group: 'progress', unit: '%', scoring: scored(20),
    name: { vi: 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn', en: 'Dossiers handled early or on time' },
    formula: 'Dossiers finished early or on time, or still in processing within their due date / dossiers received or processed in the period; a dossier is on time when its end of processing (minus the applicant\'s supplement time) is on or before the promised date.',
    observation: { observable: true, measure: 'portalOnTimeRate', approximation: 'Rejected and withdrawn dossiers are left out (Sen does not judge them against a due date); supplement time is not subtracted, the due date already moves with it.' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS, SUMMARY_POINTS],
  },
  {
    id: '766.2.2', group: 'progress', unit: 'working days', scoring: null,
    name: { vi: 'Thời gian giải quyết TTHC trung bình', en: 'Average processing time' },
    formula: 'Total processing time of the dossiers finished / their number; the portal shows it per procedure only.',
    observation: { observable: true, measure: 'processingDaysAverage', approximation: 'Working days from receipt to return of dossiers returned in the period.' },
    sources: [PORTAL_FORMULAS],
  },
  {
    id: '766.3.1', group: 'online_services', unit: '%', scoring: null,
    name: { vi: 'Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến', en: 'Procedures offered as an online service' },
    formula: 'Procedures with a partly or fully online service public on the portal / procedures of the province (or agency). The formula description gives full points from 80 %; the portal\'s tree shows it unscored.',
    observation: { observable: true, measure: 'onlineProcedureShare', approximation: 'Counted on Sen\'s catalogue (ProcedureCounts.online / total), not on what the portal has published.' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.3.2', group: 'online_services', unit: '%', scoring: null,
    name: { vi: 'Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ', en: 'Online services with dossiers' },
    formula: 'Online services of a procedure that received at least one online dossier in the period / online services of the procedure.',
    observation: { observable: false, feeder: 'Sen: the facts by procedure joined with the catalogue\'s online services', feederInSen: true, why: 'Needs a per-service count the one-stop figures do not carry yet.' },
    sources: [PORTAL_FORMULAS],
  },
  {
    id: '766.3.3', group: 'online_services', unit: '%', scoring: null,
    name: { vi: 'Tỷ lệ hồ sơ TTHC theo hình thức nộp', en: 'Dossiers by filing channel (online share)' },
    formula: 'Dossiers received online in the period / dossiers received in the period (also shown: counter, post). The formula description gives full points from 50 %; the portal\'s tree shows it unscored.',
    observation: { observable: true, measure: 'onlineShare', approximation: 'Sen counts Sen\'s own online filings and the national portal\'s; the portal also requires an electronic result where the procedure returns a paper one.' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.3.4', group: 'online_services', unit: '%', scoring: scored(12),
    name: { vi: 'Tỷ lệ hồ sơ DVCTT toàn trình trên tổng hồ sơ TTHC đủ điều kiện toàn trình', en: 'Fully-online dossiers of procedures eligible for full online service' },
    formula: 'Dossiers filed and handled fully online / dossiers of procedures eligible for a fully-online service, received in the period. (Number 3.4 is Sen\'s: the portal shows this row without a number.)',
    observation: { observable: true, measure: 'fullyOnlineShare', approximation: 'The denominator is every dossier received, not only those of eligible procedures: a lower bound of the portal\'s value.' },
    sources: [PORTAL_POINTS],
  },
  {
    id: '766.3.5', group: 'online_payment', unit: '%', scoring: scored(2, 80, true),
    name: { vi: 'Tỷ lệ TTHC có nghĩa vụ tài chính được tích hợp thanh toán trực tuyến', en: 'Fee-bearing procedures payable online' },
    formula: 'Procedures with fees whose dossiers carry fee data to the portal (payable online) / procedures with a fee above zero in the national procedure database.',
    observation: { observable: true, measure: 'feeProceduresPayableOnlineShare', approximation: 'Counted on Sen\'s catalogue and fee schedules (ProcedureCounts.withFeesPayableOnline / withFees).' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.3.5b', group: 'online_payment', unit: '%', scoring: scored(2),
    name: { vi: 'Tỷ lệ TTHC có giao dịch thanh toán trực tuyến', en: 'Fee-bearing procedures with an online payment' },
    formula: 'Procedures with fees that had at least one dossier paid online in the period / procedures with fees.',
    observation: { observable: true, measure: 'feeProceduresPaidOnlineShare', approximation: 'Needs ProcedureCounts.withFeesPaidOnline from the facts by procedure.' },
    sources: [PORTAL_POINTS],
  },
  {
    id: '766.3.6', group: 'online_payment', unit: '%', scoring: scored(6),
    name: { vi: 'Tỷ lệ hồ sơ thanh toán trực tuyến', en: 'Dossiers paid online' },
    formula: 'Dossiers paid online (on the national portal or the province\'s payment gateway) started in the period / dossiers of fee-bearing procedures, less those whose fees are all zero.',
    observation: { observable: true, measure: 'onlinePaymentShare', approximation: 'Of the dossiers received that paid a fee, those paid online.' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.4.1', group: 'digitisation', unit: '%', scoring: scored(6),
    name: { vi: 'Tỷ lệ hồ sơ có cấp kết quả giải quyết TTHC điện tử', en: 'Dossiers with an electronic result' },
    formula: 'Dossiers whose result was synchronised with an attached result file / dossiers of procedures whose result is a document.',
    observation: { observable: true, measure: 'electronicResultShare', approximation: 'Denominator: every dossier returned in the period; needs DossierCounts.withElectronicResult (result files of kind "result").' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.4.2', group: 'digitisation', unit: '%', scoring: scored(4, 80, true),
    name: { vi: 'Tỷ lệ hồ sơ TTHC thực hiện số hóa hồ sơ', en: 'Dossiers digitised' },
    formula: 'Dossiers whose parts were digitised (online, counter or post) and, where the result is a document, issued an electronic result / dossiers received.',
    observation: { observable: true, measure: 'digitisedShare', approximation: null },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.4.3', group: 'digitisation', unit: '%', scoring: scored(2, 80, true),
    name: { vi: 'Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa', en: 'Dossiers reusing digitised data' },
    formula: 'Dossiers received with at least one part marked as reused digitised data / dossiers received.',
    observation: { observable: true, measure: 'reusedDataShare', approximation: 'Needs DossierCounts.reusingDigitisedData (parts taken from the e-data store).' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.4.4', group: 'digitisation', unit: '%', scoring: scored(4),
    name: { vi: 'Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng', en: 'Digitised dossiers shared with the national personal document store' },
    formula: 'Dossiers with a part taken from the national portal\'s personal document store or whose electronic result was pushed to it / dossiers received.',
    observation: { observable: false, feeder: 'National portal: its personal document store (Kho quản lý dữ liệu điện tử trên Cổng DVCQG)', feederInSen: false, why: 'The flag is set by the portal\'s store; Sen\'s sync would have to carry it back.' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.4.5a', group: 'digitisation', unit: '%', scoring: scored(2),
    name: { vi: 'Tỷ lệ TTHC kết nối, chia sẻ dữ liệu dân cư', en: 'Procedures connected to the population database' },
    formula: 'Procedures with a synchronised dossier whose account was verified with VNeID or whose data came from the population database / procedures for citizens.',
    observation: { observable: false, feeder: 'Sen: identity (VNeID sign-in) and the facts by procedure', feederInSen: true, why: 'A per-procedure count not carried by the one-stop figures yet.' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.4.5b', group: 'digitisation', unit: '%', scoring: scored(2),
    name: { vi: 'Tỷ lệ hồ sơ sử dụng thông tin từ CSDL quốc gia về dân cư', en: 'Dossiers using population-database data' },
    formula: 'Dossiers synchronised with a VNeID-verified account or population-database data / dossiers.',
    observation: { observable: true, measure: 'populationDataShare', approximation: 'Needs DossierCounts.usingPopulationData.' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.4.6', group: 'digitisation', unit: '%', scoring: scored(2),
    name: { vi: 'Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính', en: 'Electronic certified copies offered' },
    formula: 'Whether (and how much) the agency issues electronic certified copies from originals. (Number 4.6 is Sen\'s: the portal shows this row without a number; its formula was not found.)',
    observation: { observable: false, feeder: 'The electronic certification service (chứng thực bản sao điện tử) on the national portal', feederInSen: false, why: 'Certification is not a one-stop dossier in Sen; the formula itself is unconfirmed.' },
    sources: [PORTAL_POINTS],
  },
  {
    id: '766.5.1', group: 'satisfaction', unit: '%', scoring: null,
    name: { vi: 'Tỷ lệ phản ánh, kiến nghị theo phân loại', en: 'Feedback by category' },
    formula: 'Feedback about regulations and procedures, or about officials\' conduct / feedback received in the period (monitored, 0 points).',
    observation: { observable: false, feeder: FEEDBACK_SYSTEM, feederInSen: false, why: 'Citizens\' feedback is handled on the national portal.' },
    sources: [PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.5.2', group: 'satisfaction', unit: '%', scoring: scored(6),
    name: { vi: 'Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn', en: 'Feedback handled on time' },
    formula: 'Feedback handled on or before its due date / feedback within the agency\'s competence received or handled in the period.',
    observation: { observable: false, feeder: FEEDBACK_SYSTEM, feederInSen: false, why: 'Citizens\' feedback is handled on the national portal.' },
    sources: [SATISFACTION_OFFICIAL, PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.5.3', group: 'satisfaction', unit: '%', scoring: scored(6),
    name: { vi: 'Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị', en: 'Satisfaction with feedback handling' },
    formula: '(Feedback − feedback rated not satisfied, raised again about its outcome, or handled late) / feedback.',
    observation: { observable: false, feeder: FEEDBACK_SYSTEM, feederInSen: false, why: 'Citizens\' feedback is handled on the national portal.' },
    sources: [SATISFACTION_OFFICIAL, PORTAL_FORMULAS, PORTAL_POINTS],
  },
  {
    id: '766.5.4', group: 'satisfaction', unit: '%', scoring: scored(6, 90, true),
    name: { vi: 'Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC', en: 'Satisfaction with receiving and resolving procedures' },
    formula: '(Dossiers − dossiers rated not satisfied, complained about or late) / dossiers within the agency\'s competence; the portal computes 100 % − (late share + share with feedback or a "dislike").',
    observation: { observable: true, measure: 'dossierSatisfaction', approximation: 'Late share from Sen\'s figures (as in 2.1); the dissatisfied or complained share counts only when DossierCounts.dissatisfiedOrComplained is supplied, so without it the value is an upper bound.' },
    sources: [SATISFACTION_OFFICIAL, PORTAL_FORMULAS, PORTAL_POINTS, SUMMARY_POINTS],
  },
];
