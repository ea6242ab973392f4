import { hashClientSecret } from '../../modules/identity/index.ts';
import { MANAGE_PERMISSION } from '../../modules/lgsp/index.ts';
import { NATIONAL_SUBSYSTEM, TTHC_SUBSYSTEM } from '../../modules/tthc/index.ts';
import type { Config, Principal } from '../../packages/platform/index.ts';
import type { Platform } from './app.ts';

/** The national services' ids at NDXP (docs/lgsp.md, "National services through NDXP"). */
export const NATIONAL_SERVICES = [
  { code: 'population', name: 'CSDL quốc gia về dân cư', nationalService: 'VN/GOV/000.00.00.G02/CSDLDC/citizen-lookup', method: 'POST', pathPattern: '/citizens/lookup' },
  { code: 'business', name: 'CSDL quốc gia về đăng ký doanh nghiệp', nationalService: 'VN/GOV/000.00.00.G06/CSDLDN/enterprise-lookup', method: 'GET', pathPattern: '/enterprises/{code}' },
] as const;

/**
 * Wires the one-stop system to LGSP as a consumer of the national services, registering what is
 * missing and nothing else (safe at every start and for replicas starting together under the seed
 * lock): tthc's service client (scope `lgsp`), the province's member, its subsystems `NDXP` (the
 * national services, forwarded through NDXP) and `TTHC` (the one-stop system, bound to the client),
 * the population and business services (published) and the one-stop system's rights on them.
 */
export async function registerOnceOnly(platform: Pick<Platform, 'modules'>, config: Pick<Config, 'onceOnly'>): Promise<void> {
  const { catalog, identity, lgsp } = platform.modules;
  const root = await catalog.service.rootAgency();
  const principal: Principal = { kind: 'system', clientId: 'sen-seed', grants: [{ agencyId: root.id, scope: 'subtree', permissions: [MANAGE_PERMISSION] }] };
  const options = config.onceOnly;

  if (!(await identity.service.repo.serviceClient(options.clientId))) {
    await identity.service.repo.insertServiceClient({
      clientId: options.clientId, name: 'Hệ thống thông tin giải quyết TTHC (kết nối LGSP)', secretHash: hashClientSecret(options.clientSecret), agencyId: root.id, permissions: [], scopes: ['lgsp'],
    });
  }
  const member = (await lgsp.registry.listMembers()).find((m) => m.agencyId === root.id && m.memberClass === 'GOV')
    ?? await lgsp.registry.createMember(principal, { agencyCode: root.code, memberClass: 'GOV' });
  const subsystems = (await lgsp.registry.listSubsystems()).filter((s) => s.memberId === member.id);
  const national = subsystems.find((s) => s.code === NATIONAL_SUBSYSTEM)
    ?? await lgsp.registry.createSubsystem(principal, member.id, { code: NATIONAL_SUBSYSTEM, name: 'Kết nối hệ thống quốc gia qua NDXP' });
  const tthc = subsystems.find((s) => s.code === TTHC_SUBSYSTEM)
    ?? await lgsp.registry.createSubsystem(principal, member.id, { code: TTHC_SUBSYSTEM, name: 'Hệ thống thông tin giải quyết thủ tục hành chính', clientId: options.clientId });

  const services = (await lgsp.registry.listServices()).filter((s) => s.subsystemId === national.id);
  for (const wanted of NATIONAL_SERVICES) {
    let service = services.find((s) => s.code === wanted.code);
    service ??= await lgsp.registry.registerService(principal, national.id, {
      code: wanted.code, name: wanted.name, nationalService: wanted.nationalService,
      openApiUrl: wanted.code === 'population' ? options.populationOpenApiUrl : options.businessOpenApiUrl,
    });
    if (service.status === 'draft') service = await lgsp.registry.setStatus(principal, service.id, 'published');
    const rights = await lgsp.access.rights(principal, service.id);
    if (!rights.some((r) => r.subsystemId === tthc.id && r.expiresAt === null)) {
      await lgsp.access.grant(principal, service.id, { subsystemId: tthc.id, method: wanted.method, pathPattern: wanted.pathPattern });
    }
  }
}
