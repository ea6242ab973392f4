import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../../packages/platform/index.ts';
import type { AccountService } from './account.service.ts';
import { hashClientSecret } from './oidc/client-secrets.ts';
import { totpSecretContext } from './totp.ts';
import { hashPassword } from './password.ts';

/** Demo accounts for a laptop or a training instance; never loaded in production (DEMO=false). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
export const DEMO_ACCOUNTS = [
  { username: 'admin', password: 'Admin@2026!', fullName: 'Quản trị hệ thống (demo)', role: 'system_admin', scope: 'subtree', at: 'root', totp: true },
  // The demo desk, specialist and leader work province-wide (as the public administration
  // service centre does for intake), so every seeded procedure can be walked through.
  { username: 'motcua', password: 'Motcua@2026!', fullName: 'Nguyễn Thị Một Cửa (demo)', role: 'one_stop_officer', scope: 'subtree', at: 'root', totp: false },
  { username: 'chuyenvien', password: 'Chuyenvien@2026!', fullName: 'Trần Văn Xử Lý (demo)', role: 'specialist', scope: 'subtree', at: 'root', totp: false },
  { username: 'lanhdao', password: 'Lanhdao@2026!', fullName: 'Lê Văn Lãnh Đạo (demo)', role: 'leader', scope: 'subtree', at: 'root', totp: false },
] as const;

export const DEMO_SERVICE_CLIENT = { clientId: 'demo-system', secret: 'demo-system-secret-change-me', name: 'Hệ thống demo (client credentials)' };

/** Creates the demo accounts that are missing; true when it created any (the start-up banner shows their secrets then only). */
export async function seedDemoAccounts(accounts: AccountService, box: SecretBox, agencies: { root: string; desk: string }): Promise<boolean> {
  const { repo } = accounts;
  let created = false;
  for (const a of DEMO_ACCOUNTS) {
    if (await repo.userByUsername(a.username)) continue;
    created = true;
    const agencyId = a.at === 'root' ? agencies.root : agencies.desk;
    const id = randomUUID();
    const user = await repo.insertUser({
      id,
      kind: 'official',
      username: a.username,
      fullName: a.fullName,
      agencyId,
      passwordHash: await hashPassword(a.password),
      totpSecret: a.totp ? box.seal(DEMO_TOTP_SECRET, totpSecretContext(id)) : null,
      totpEnabled: a.totp,
    });
    const role = await repo.roleByCode(a.role);
    if (role) await repo.insertAssignment({ id: randomUUID(), userId: user.id, roleId: role.id, agencyId, scope: a.scope });
  }
  if (!(await repo.serviceClient(DEMO_SERVICE_CLIENT.clientId))) {
    created = true;
    await repo.insertServiceClient({
      clientId: DEMO_SERVICE_CLIENT.clientId,
      name: DEMO_SERVICE_CLIENT.name,
      secretHash: hashClientSecret(DEMO_SERVICE_CLIENT.secret),
      agencyId: agencies.root,
      permissions: ['report.read'],
    });
  }
  return created;
}
