/**
 * The framework's KPIs (seed lines 3653–3658: "measured automatically from the system's real-time
 * data"): the digital-transformation rows of the province's 2025–2045 target table (action plan
 * 01-KH/BCĐ of 13/8/2025, quoted at seed lines 1326–1450) and the 2030 targets of lines 8996–8998
 * and 9264–9270. Targets are as the seed writes them; "≥ 70" and "100" both read "at least".
 */
import type { FrameworkKpi, KpiTarget, SourceRef } from './indicators.types.ts';

const seed = (where: string): SourceRef => ({ document: 'Dong Thap digital architecture framework (seed)', where: `lines ${where}`, confidence: 'official' });
const TABLE = (rows: string) => seed(`${rows} (table "V. Phát triển chuyển đổi số", plan 01-KH/BCĐ 13/8/2025)`);
const atLeast = (value: number): KpiTarget => ({ kind: 'at_least', value });

export const FRAMEWORK_KPIS: readonly FrameworkKpi[] = [
  {
    id: 'kpi.1', unit: 'index', target2025: atLeast(0.7), target2030: atLeast(0.75),
    name: { vi: 'Chỉ số chuyển đổi số cấp tỉnh (DTI)', en: 'Provincial digital-transformation index (DTI)' },
    formula: 'The yearly DTI score the Ministry of Science and Technology publishes for the province.',
    observation: { observable: false, feeder: 'Ministry of Science and Technology, yearly DTI assessment', feederInSen: false, why: 'A national assessment of many sources; Sen can only record the published score.' },
    sources: [TABLE('1328–1332'), seed('659')],
  },
  {
    id: 'kpi.2', unit: '%', target2025: atLeast(70), target2030: atLeast(100),
    name: { vi: 'Tỉ lệ TTHC được tiếp nhận, giải quyết phi địa giới hành chính', en: 'Procedures received and resolved regardless of administrative boundaries' },
    formula: 'Procedures any one-stop desk of the province may receive / procedures offered.',
    observation: { observable: false, feeder: 'Sen: tthc catalogue (offerings at desks of other agencies and communes)', feederInSen: true, why: 'The catalogue has no "receivable anywhere" mark per procedure yet.' },
    sources: [TABLE('1334–1344'), seed('762–763')],
  },
  {
    id: 'kpi.3', unit: '%', target2025: atLeast(100), target2030: atLeast(100),
    name: { vi: 'Tỉ lệ TTHC liên quan đến đào tạo, nghiên cứu, sản xuất, kinh doanh thực hiện trực tuyến', en: 'Procedures on training, research, production and business offered online' },
    formula: 'Such procedures offered online / such procedures.',
    observation: { observable: false, feeder: 'Sen: tthc catalogue, once procedures are classified by subject', feederInSen: true, why: 'No classification says which procedures concern training, research, production or business.' },
    sources: [TABLE('1345–1350'), seed('764–765')],
  },
  {
    id: 'kpi.4', unit: '%', target2025: atLeast(70), target2030: atLeast(100),
    name: { vi: 'Tỉ lệ giao dịch hành chính thuộc diện "phi tiếp xúc"', en: 'Contactless administrative transactions' },
    formula: 'Dossiers received online, through the national portal or by post / dossiers received.',
    observation: { observable: true, measure: 'contactlessShare', approximation: 'A transaction is a dossier; a result collected at the desk is not counted as contact.' },
    sources: [TABLE('1352–1353'), seed('765–766')],
  },
  {
    id: 'kpi.5', unit: '%', target2025: atLeast(70), target2030: atLeast(100),
    name: { vi: 'Tỉ lệ hồ sơ, kết quả giải quyết TTHC được số hóa', en: 'Dossiers and results digitised' },
    formula: 'Dossiers whose parts are electronic files and, once returned, whose result is too / dossiers received.',
    observation: { observable: true, measure: 'digitisedShare', approximation: null },
    sources: [TABLE('1355–1356'), seed('766'), seed('9264–9266 (task 10: 100 % of dossiers and results digitised)')],
  },
  {
    id: 'kpi.6', unit: '%', target2025: atLeast(100), target2030: atLeast(100),
    name: { vi: 'Tỉ lệ DVCTT toàn trình trên tổng số TTHC có đủ điều kiện', en: 'Fully-online services among eligible procedures' },
    formula: 'Procedures offered fully online / procedures eligible for a fully-online service.',
    observation: { observable: true, measure: 'fullyOnlineProcedureShare', approximation: 'Needs ProcedureCounts (tthc catalogue: eligible and fully-online procedures).' },
    sources: [TABLE('1358–1363'), seed('766–767'), seed('8996–8998')],
  },
  {
    id: 'kpi.7', unit: '%', target2025: atLeast(70), target2030: atLeast(85),
    name: { vi: 'Tỉ lệ hồ sơ TTHC xử lý trực tuyến', en: 'Dossiers handled online' },
    formula: 'Dossiers filed online (Sen or the national portal) / dossiers received.',
    observation: { observable: true, measure: 'onlineShare', approximation: 'Counts the filing channel; a dossier filed online and finished at the desk counts as online.' },
    sources: [TABLE('1365–1366')],
  },
  {
    id: 'kpi.8', unit: '%', target2025: atLeast(40), target2030: atLeast(70),
    name: { vi: 'Tỉ lệ hệ thống thông tin của tỉnh vận hành trên nền tảng điện toán đám mây', en: 'Provincial information systems running on cloud' },
    formula: 'Information systems running on the cloud platform / information systems of the province.',
    observation: { observable: false, feeder: 'Department of Science and Technology: inventory of information systems and the data centre', feederInSen: false, why: 'An infrastructure inventory, not one-stop data.' },
    sources: [TABLE('1368–1369'), seed('750–752')],
  },
  {
    id: 'kpi.9', unit: '%', target2025: atLeast(50), target2030: atLeast(80),
    name: { vi: 'Tỉ lệ cơ sở dữ liệu của tỉnh được số hóa và liên thông với Trung ương', en: 'Provincial databases digitised and connected to central systems' },
    formula: 'Provincial databases digitised and connected to ministries\' systems / provincial databases in the catalogue of databases.',
    observation: { observable: false, feeder: 'Sen: data module (later) with the catalogue of provincial databases; LGSP registry for the connections', feederInSen: true, why: 'No catalogue of provincial databases exists in Sen yet.' },
    sources: [TABLE('1371–1372'), seed('757–758')],
  },
  {
    id: 'kpi.10', unit: '%', target2025: atLeast(60), target2030: atLeast(85),
    name: { vi: 'Tỉ lệ dữ liệu của các sở, ban, ngành được tích hợp với LGSP', en: 'Departments\' data integrated with the provincial platform (LGSP)' },
    formula: 'Data of departments integrated with LGSP / data of departments.',
    observation: { observable: true, measure: 'lgspDepartmentShare', approximation: 'Counted per department: departments publishing at least one service on LGSP / departments (LgspCounts); the plan does not say how "data" is counted.' },
    sources: [TABLE('1374–1378'), seed('755–757')],
  },
  {
    id: 'kpi.11', unit: '%', target2025: atLeast(30), target2030: atLeast(60),
    name: { vi: 'Tỉ lệ doanh nghiệp vừa và nhỏ địa phương ứng dụng công nghệ số', en: 'Local SMEs using digital technology' },
    formula: 'SMEs using digital technology / SMEs of the province.',
    observation: { observable: false, feeder: 'Enterprise surveys (Department of Finance, provincial statistics office)', feederInSen: false, why: 'Not government service data.' },
    sources: [TABLE('1381–1382')],
  },
  {
    id: 'kpi.12', unit: '%', target2025: atLeast(60), target2030: atLeast(80),
    name: { vi: 'Tỉ lệ người dân có tài khoản định danh điện tử (VNeID)', en: 'Residents with a VNeID account' },
    formula: 'Residents with an electronic identification account / residents.',
    observation: { observable: false, feeder: 'Ministry of Public Security: VNeID and the population database', feederInSen: false, why: 'Sen sees only the residents who sign in to Sen.' },
    sources: [TABLE('1384–1385'), seed('767–768')],
  },
  {
    id: 'kpi.13', unit: '%', target2025: atLeast(60), target2030: atLeast(90),
    name: { vi: 'Tỉ lệ đảng ủy, chính quyền xã, phường sử dụng phần mềm quản trị điều hành thống nhất', en: 'Communes using the unified management software' },
    formula: 'Commune party committees and governments using the unified management software / communes (102).',
    observation: { observable: false, feeder: 'Department of Science and Technology: deployment records of the management software', feederInSen: false, why: 'A deployment count of another system.' },
    sources: [TABLE('1387–1392')],
  },
  {
    id: 'kpi.14', unit: '%', target2025: atLeast(15), target2030: atLeast(30),
    name: { vi: 'Quy mô kinh tế số trong tổng GRDP', en: 'Digital economy share of GRDP' },
    formula: 'Value added of the digital economy / GRDP.',
    observation: { observable: false, feeder: 'Provincial statistics office', feederInSen: false, why: 'An economic statistic.' },
    sources: [TABLE('1394'), seed('658')],
  },
  {
    id: 'kpi.15', unit: '%', target2025: null, target2030: atLeast(10),
    name: { vi: 'Tỉ lệ người dân có chữ ký số', en: 'Residents with a digital signature' },
    formula: 'Residents holding a digital-signature certificate / residents.',
    observation: { observable: false, feeder: 'Trust-service providers and the national root CA (NEAC)', feederInSen: false, why: 'Certificates are issued outside Sen.' },
    sources: [TABLE('1396'), seed('768')],
  },
  {
    id: 'kpi.16', unit: 'milestone', target2025: null, target2030: { kind: 'milestone', text: 'Có (built)' },
    name: { vi: 'Trung tâm điều hành thông minh cấp tỉnh', en: 'Provincial intelligent operations centre' },
    formula: 'Whether the provincial IOC is in service (2030: built; 2035: acting as the province\'s "digital brain").',
    observation: { observable: false, feeder: 'Project milestone (Office of the People\'s Committee, Department of Science and Technology); Sen\'s IOC dashboards are part of it', feederInSen: true, why: 'A milestone, not a measure.' },
    sources: [TABLE('1398–1427')],
  },
  {
    id: 'kpi.online-payment-services', unit: '%', target2025: null, target2030: atLeast(100),
    name: { vi: 'Tỉ lệ DVCTT có xác thực một lần và thanh toán điện tử', en: 'Online services with single sign-on and e-payment' },
    formula: 'Online services with fees that can be paid online / online services with fees (every Sen service signs in through Sen\'s single sign-on by construction).',
    observation: { observable: true, measure: 'feeProceduresPayableOnlineShare', approximation: 'Needs ProcedureCounts (fee-bearing procedures payable online); single sign-on is not measured, it is how Sen is built.' },
    sources: [seed('8996–8998')],
  },
  {
    id: 'kpi.prefill', unit: '%', target2025: null, target2030: atLeast(100),
    name: { vi: 'Tỉ lệ DVCTT tự động điền sẵn dữ liệu đã cung cấp', en: 'Online services pre-filling data given before' },
    formula: 'Online services whose forms pre-fill data the user or a national database already gave / online services.',
    observation: { observable: false, feeder: 'Sen: tthc e-forms (which fields are pre-filled)', feederInSen: true, why: 'E-forms do not yet declare their pre-filled fields as data.' },
    sources: [seed('8996–8998')],
  },
  {
    id: 'kpi.online-users', unit: '%', target2025: null, target2030: atLeast(80),
    name: { vi: 'Tỷ lệ người dân, doanh nghiệp sử dụng DVCTT', en: 'Residents and businesses using online public services' },
    formula: 'Residents and businesses who used an online public service / residents and businesses.',
    observation: { observable: false, feeder: 'National portal and provincial statistics (population of users)', feederInSen: false, why: 'Needs the population as denominator and use of every portal.' },
    sources: [seed('664–665'), seed('768–769')],
  },
  {
    id: 'kpi.national-sync', unit: '%', target2025: null, target2030: null,
    name: { vi: 'Tỷ lệ hồ sơ, kết quả đồng bộ lên Cổng DVCQG', en: 'Dossiers and results synchronised to the national portal' },
    formula: 'Dossiers received in the period and synchronised to the national portal / dossiers received (as index indicator 766.1.4).',
    observation: { observable: true, measure: 'syncedShare', approximation: 'Needs DossierCounts.syncedToNationalPortal from tthc\'s national sync; the seed sets no number (step 4 at line 7650 requires every result synchronised).' },
    sources: [seed('3136–3142'), seed('7650–7652')],
  },
];
