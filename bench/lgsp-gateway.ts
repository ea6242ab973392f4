// Sen's gateway for `npm run bench -- lgsp`: the whole platform on a fresh database (PostgreSQL
// when TEST_DATABASE_URL names a server), one provider service at `providerUrl` published and
// granted to one consumer subsystem (and the same provider again as a service logging bodies in
// full), listening on `port`.
import { hashClientSecret } from '../modules/identity/index.ts';
import { adminToken, createTestPlatform } from '../apps/server/testing.ts';

const CONSUMER = { clientId: 'lgsp-bench-consumer', secret: 'lgsp-bench-consumer-secret-0123456789' };

export async function startBenchGateway(port: number, providerUrl: string, env: Record<string, string> = {}) {
  const t = await createTestPlatform({ PUBLIC_URL: `http://127.0.0.1:${port}`, ...env });
  const admin = await adminToken(t);
  const api = async (url: string, payload: unknown) => {
    const answer = await t.app.inject({ method: url.endsWith('/status') || url.endsWith('/body-logging') ? 'PUT' : 'POST', url: `/api/lgsp${url}`, headers: { authorization: `Bearer ${admin}` }, payload: payload as object });
    if (answer.statusCode >= 300) throw new Error(`${url}: ${answer.statusCode} ${answer.body}`);
    return answer.json() as { id: string; xroadId: string };
  };
  const root = (await t.modules.catalog.service.listAgencies()).find((a) => a.parentId === null)!;
  await t.modules.identity.service.repo.insertServiceClient({
    clientId: CONSUMER.clientId, name: CONSUMER.clientId, secretHash: hashClientSecret(CONSUMER.secret), agencyId: root.id, permissions: [], scopes: ['lgsp'],
  });
  const member = await api('/members', { agencyCode: root.code, memberClass: 'GOV' });
  const provider = await api(`/members/${member.id}/subsystems`, { code: 'DATA', name: 'Provider' });
  const consumer = await api(`/members/${member.id}/subsystems`, { code: 'CLIENT', name: 'Consumer', clientId: CONSUMER.clientId });
  const service = await api(`/subsystems/${provider.id}/services`, {
    code: 'echo', name: 'Echo', baseUrl: `${providerUrl}/v1`, openApi: { openapi: '3.0.3', info: { title: 'Echo', version: '1' }, paths: { '/echo': { get: {}, post: {} } } },
  });
  // (5): the same provider as a second service whose bodies the message log keeps in full.
  const logged = await api(`/subsystems/${provider.id}/services`, {
    code: 'echo-logged', name: 'Echo, bodies logged', baseUrl: `${providerUrl}/v1`, openApi: { openapi: '3.0.3', info: { title: 'Echo', version: '1' }, paths: { '/echo': { get: {}, post: {} } } },
  });
  await api(`/services/${logged.id}/body-logging`, { mode: 'full' });
  for (const s of [service, logged]) {
    await api(`/services/${s.id}/status`, { status: 'published' });
    await api(`/services/${s.id}/rights`, { subsystemId: consumer.id, pathPattern: '/echo' });
  }
  const token = await t.clientToken(CONSUMER.clientId, CONSUMER.secret, { scope: 'lgsp', resource: `${t.config.publicUrl}/lgsp` });
  await t.app.listen({ port, host: '127.0.0.1' });
  const close = async () => {
    await t.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());
  return {
    token, client: consumer.xroadId, path: `/lgsp/r1/${provider.xroadId}/echo/echo`, loggedPath: `/lgsp/r1/${provider.xroadId}/echo-logged/echo`,
    // For the `--role gateway` process on the same database (bench/lgsp.ts).
    databaseUrl: (t.database as { url?: string }).url ?? '', publicUrl: t.config.publicUrl,
  };
}
