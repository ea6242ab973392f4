import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { parseClientId, parseServiceId, soapEnvelope } from '../../../packages/xroad/index.ts';
import { civilSoapSandbox, CIVIL_NAMESPACE } from '../civil/sandbox.ts';
import { DEFAULT_ADMIN_TOKEN, startSandbox, type RunningSandbox } from '../server.ts';
import { ndxpSandbox, NDXP_PROVINCE_LGSP_ID } from './sandbox.ts';

/** The NDXP sandbox's SOAP entry (PR-MESS 4.0): authentication, rights, relay with requestHash, SOAP faults, the hub's log. */

const CIVIL = 'VN/GOV/000.00.00.G12/CSDLHT/civil-status';
const KEYS = { [NDXP_PROVINCE_LGSP_ID]: 'sandbox-ndxp-key-h19-lgsp', 'VN/GOV/000.00.00.H29/LGSP': 'sandbox-ndxp-key-h29-lgsp' } as Record<string, string>;

describe('NDXP sandbox: SOAP services at POST /ndxp/soap', () => {
  let sandbox: RunningSandbox;
  let bare: RunningSandbox;
  const echo = (client = NDXP_PROVINCE_LGSP_ID, service = CIVIL, id = `ndxp-soap-${Math.random().toString(36).slice(2)}`) => soapEnvelope(
    { client: parseClientId(client)!, service: parseServiceId(service)!, id, protocolVersion: '4.0' },
    `<c:echo xmlns:c="${CIVIL_NAMESPACE}"><c:text>xin chào</c:text></c:echo>`,
  );
  const post = async (body: string, init: { client?: string; key?: string; contentType?: string; base?: string } = {}) => {
    const client = init.client ?? NDXP_PROVINCE_LGSP_ID;
    const response = await fetch(`${init.base ?? sandbox.url}/ndxp/soap`, {
      method: 'POST', headers: { 'content-type': init.contentType ?? 'text/xml; charset=utf-8', 'x-road-client-key': init.key ?? KEYS[client] ?? 'none' }, body,
    });
    return { status: response.status, error: response.headers.get('x-road-error'), text: await response.text() };
  };

  before(async () => {
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [ndxpSandbox(), civilSoapSandbox()] });
    // A hub whose SOAP provider is not there: whatever answers at its address is no SOAP.
    bare = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [ndxpSandbox()] });
  });
  after(async () => {
    await sandbox.close();
    await bare.close();
  });

  it('relays an allowed client\'s message byte for byte and answers with the provider\'s message and the request hash; logged', async () => {
    const sent = echo(NDXP_PROVINCE_LGSP_ID, CIVIL, 'ndxp-soap-ok');
    const answer = await post(sent);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.error, null);
    assert.match(answer.text, /<civil:text>xin chào<\/civil:text>/);
    const hash = createHash('sha512').update(sent).digest('base64');
    assert.ok(answer.text.includes(`>${hash}</xrd:requestHash>`), answer.text);
    const log = (await (await fetch(`${sandbox.url}/ndxp/_admin/messages?service=${encodeURIComponent(CIVIL)}`, { headers: { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` } })).json()) as {
      messages: { id: string; client: string; path: string; status: number; requestHash: string }[];
    };
    const record = log.messages.find((m) => m.id === 'ndxp-soap-ok')!;
    assert.deepEqual([record.client, record.path, record.status, record.requestHash], [NDXP_PROVINCE_LGSP_ID, '/echo', 200, hash]);
  });

  it('answers X-Road SOAP faults (HTTP 500, X-Road-Error) for bad messages, unknown clients and services, missing rights', async () => {
    const cases: [string, Awaited<ReturnType<typeof post>>][] = [
      ['Client.InvalidContentType', await post(echo(), { contentType: 'application/json' })],
      ['Client.InvalidSoap', await post('<not-soap/>')],
      ['Client.MissingHeader', await post('<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><x/></s:Body></s:Envelope>')],
      ['Server.ClientProxy.SslAuthenticationFailed', await post(echo(), { key: 'wrong' })],
      ['Server.ServerProxy.AccessDenied', await post(echo('VN/GOV/000.00.00.H29/LGSP'), { client: 'VN/GOV/000.00.00.H29/LGSP' })],
      ['Server.ServerProxy.UnknownService', await post(echo(NDXP_PROVINCE_LGSP_ID, 'VN/GOV/000.00.00.G12/CSDLHT/nothing'))],
      // A REST service of the hub is not served over SOAP.
      ['Server.ServerProxy.UnknownService', await post(echo(NDXP_PROVINCE_LGSP_ID, 'VN/GOV/000.00.00.G02/CSDLDC/citizen-lookup'))],
      ['Server.ServerProxy.ServiceFailed', await post(echo(), { base: bare.url })],
    ];
    for (const [code, answer] of cases) {
      assert.deepEqual([answer.status, answer.error], [500, code], `${code}: ${answer.text}`);
      assert.match(answer.text, new RegExp(`<faultcode>${code.replace(/\./g, '\\.')}</faultcode>`));
      assert.match(answer.text, /<faultDetail xmlns="">[0-9a-f-]{36}<\/faultDetail>/);
    }
  });
});
