import { hashClientSecret } from '../identity/index.ts';
import type { TestPlatform } from '../../apps/server/testing.ts';

/**
 * The setting gateway tests share: the province (the root agency) and one of its departments as a
 * consumer, with a service client that takes gateway tokens (scope `lgsp`) and the department's
 * own LGSP administrator (the province's does not administer it).
 */
export async function consumerDepartment(t: TestPlatform, prefix: string) {
  const agencies = await t.modules.catalog.service.listAgencies();
  const root = agencies.find((a) => a.parentId === null)!;
  const department = agencies.find((a) => a.parentId === root.id && a.kind === 'department')!;
  const clientId = `${prefix}-consumer`;
  const secret = `${prefix}-consumer-secret-0123456789`;
  await t.modules.identity.service.repo.insertServiceClient({ clientId, name: clientId, secretHash: hashClientSecret(secret), agencyId: department.id, permissions: [], scopes: ['lgsp'] });
  const adminId = `${prefix}-dept-admin`;
  await t.modules.identity.service.repo.insertServiceClient({
    clientId: adminId, name: 'dept admin', secretHash: hashClientSecret(`${adminId}-secret`), agencyId: department.id, permissions: ['lgsp.manage'],
  });
  return {
    root, department, clientId,
    gatewayToken: await t.clientToken(clientId, secret, { scope: 'lgsp', resource: `${t.config.publicUrl}/lgsp` }),
    departmentAdmin: await t.clientToken(adminId, `${adminId}-secret`),
  };
}
