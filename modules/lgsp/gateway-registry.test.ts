import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Listen, ListenHandlers } from '../../packages/platform/index.ts';
import type { AccessService } from './access.service.ts';
import { createGatewayCache } from './gateway-cache.ts';
import { createGatewayRegistry } from './gateway-registry.ts';
import type { LgspRepository } from './lgsp.repository.ts';
import type { Endpoint } from './lgsp.types.ts';

/**
 * A SOAP serviceCode naming an operation (PR-MESS §2.3, decision 0046) is found through the
 * gateway cache like a service code: one read of the provider's services, then memory, until a
 * change signal empties the cache.
 */

const PROVIDER = { instance: 'VN', memberClass: 'GOV', memberCode: '000.00.00.H01', subsystemCode: 'HOTICH' };
const post = (...operations: string[]): Endpoint[] => operations.map((o) => ({ method: 'POST', path: `/${o}` }));

interface Registered { id: string; code: string; kind: 'rest' | 'soap'; endpoints: Endpoint[] }

function registryOver(services: Registered[]) {
  const reads = { services: 0 };
  const repo = {
    memberByIdParts: async () => ({ id: 'member' }),
    subsystemByCode: async () => ({ id: 'subsystem' }),
    listServices: async () => {
      reads.services++;
      return services.map((s) => ({
        id: s.id, code: s.code, kind: s.kind, status: 'published', baseUrl: 'http://provider.example/soap', timeoutMs: 10_000, nationalService: null,
        bodyLogging: 'metadata', validateRequests: false, validateResponses: false,
      }));
    },
    currentVersions: async (ids: string[]) => ids.map((id) => ({ serviceId: id, endpoints: services.find((s) => s.id === id)!.endpoints })),
  };
  let handlers: ListenHandlers | undefined;
  const listen: Listen = async (_channel, h) => {
    handlers = h;
    return { connected: true, close: async () => {} };
  };
  const cache = createGatewayCache();
  const registry = createGatewayRegistry(repo as unknown as LgspRepository, {} as AccessService, 'VN', cache, () => new Date());
  return { registry, cache, reads, start: () => cache.start(listen), signal: () => handlers?.message('*') };
}

test('a serviceCode naming an operation is read once per provider, then from the cache; a change signal makes a changed registration seen', async () => {
  const services: Registered[] = [{ id: 's1', code: 'civil', kind: 'soap', endpoints: post('getBirthRecord', 'echo') }];
  const { registry, cache, reads, start, signal } = registryOver(services);
  await start();
  const codes = async (operation: string) => (await registry.soapServicesWith(PROVIDER, operation))?.map((s) => s.code);

  assert.deepEqual(await codes('getBirthRecord'), ['civil']);
  assert.deepEqual(await codes('echo'), ['civil']);
  assert.deepEqual(await codes('noSuchOperation'), []);
  assert.equal(reads.services, 1, 'one read of the provider, whatever the operation');
  assert.equal(cache.size(), 1, 'made-up operations add no entries');
  assert.equal(await registry.soapServicesWith({ ...PROVIDER, instance: 'XX' }, 'echo'), undefined, 'another instance is no provider');

  // A refresh brings getDeathRecord, and a REST service with a POST /getDeathRecord (not an operation) is registered.
  services[0]!.endpoints = post('getBirthRecord', 'getDeathRecord');
  services.push({ id: 's2', code: 'rest', kind: 'rest', endpoints: post('getDeathRecord') });
  assert.deepEqual(await codes('getDeathRecord'), [], 'until the signal, the cached index answers');
  signal();
  assert.deepEqual(await codes('getDeathRecord'), ['civil'], 'the changed registration is seen after the signal');
  assert.deepEqual(await codes('echo'), [], 'and an operation the refresh removed is gone');
  assert.equal(reads.services, 2);

  // A second SOAP service with the same operation: the lookup sees both (the gateway answers "name the service").
  services.push({ id: 's3', code: 'civil2', kind: 'soap', endpoints: post('getDeathRecord') });
  cache.clear();
  assert.deepEqual(await codes('getDeathRecord'), ['civil', 'civil2']);
  await cache.stop();
});
