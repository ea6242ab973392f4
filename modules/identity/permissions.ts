/**
 * The enumerated permissions of Sen. Routes declare one of these; roles bundle them; an
 * official holds roles within an agency. Anything not granted is denied.
 */
export const PERMISSIONS = {
  'identity.manage': 'Quản lý tài khoản cán bộ và phân quyền / Manage official accounts and roles',
  'identity.clients': 'Quản lý hệ thống kết nối (client credentials) / Manage service clients',
  'identity.keys': 'Xoay vòng khóa ký của SSO / Rotate SSO signing keys',
  'catalog.edit': 'Cập nhật cơ quan và danh mục dùng chung / Edit agencies and shared catalogues',
  'calendar.edit': 'Cập nhật lịch làm việc / Edit the working calendar',
  'audit.read': 'Xem nhật ký kiểm toán / Read the audit trail',
  'procedure.edit': 'Cập nhật thủ tục hành chính / Edit procedures',
  'dossier.receive': 'Tiếp nhận hồ sơ tại bộ phận một cửa / Receive dossiers at the one-stop desk',
  'dossier.process': 'Xử lý hồ sơ / Process dossiers',
  'dossier.approve': 'Phê duyệt kết quả / Approve results',
  'dossier.read': 'Tra cứu hồ sơ của cơ quan / Read the agency’s dossiers',
  'result.manage': 'Quản lý sổ kết quả: đính chính, thay thế, thu hồi / Manage the results registry: amend, replace, revoke',
  'lgsp.manage': 'Quản trị nền tảng LGSP / Administer the LGSP',
  'dvcqg.sync': 'Theo dõi và gửi lại đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia / Monitor and retry dossier synchronisation with the national portal',
  'report.read': 'Xem báo cáo, chỉ số / Read reports and KPIs',
  'payment.collect': 'Thu phí, lệ phí tại quầy / Collect fees and charges at the desk',
  'payment.reconcile': 'Đối soát thanh toán, xem báo cáo đối soát / Reconcile payments and read the reports',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const permissionCodes = Object.keys(PERMISSIONS) as Permission[];

export const isPermission = (value: string): value is Permission => value in PERMISSIONS;

/** Holding any of these makes an account an administrator, which must sign in with TOTP. */
export const ADMIN_PERMISSIONS: readonly Permission[] = ['identity.manage', 'identity.clients', 'identity.keys', 'catalog.edit', 'calendar.edit', 'audit.read', 'lgsp.manage', 'dvcqg.sync', 'payment.reconcile'];

export interface BuiltInRole {
  code: string;
  name: string;
  permissions: Permission[];
}

export const BUILT_IN_ROLES: BuiltInRole[] = [
  { code: 'system_admin', name: 'Quản trị hệ thống', permissions: permissionCodes },
  { code: 'agency_admin', name: 'Quản trị cơ quan', permissions: ['identity.manage', 'catalog.edit', 'calendar.edit', 'audit.read', 'report.read'] },
  { code: 'one_stop_officer', name: 'Cán bộ bộ phận một cửa', permissions: ['dossier.receive', 'dossier.read', 'payment.collect'] },
  { code: 'specialist', name: 'Chuyên viên xử lý', permissions: ['dossier.process', 'dossier.read'] },
  { code: 'leader', name: 'Lãnh đạo phê duyệt', permissions: ['dossier.approve', 'dossier.read', 'report.read', 'result.manage'] },
  { code: 'auditor', name: 'Kiểm toán viên', permissions: ['audit.read', 'report.read'] },
];
