import { X509Certificate } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server.ts';
import type { SandboxClient } from '../kit.ts';
import { caSandbox, DEFAULT_CA_CLIENTS } from './sandbox.ts';

/** Helpers shared by the CA sandbox's test files (real HTTP against a started server). */

export const OTHER_CLIENT: SandboxClient = { id: 'other-ra', secret: 'other-ra-key' };

export interface StartedCa {
  sandbox: RunningSandbox;
  /** `http://127.0.0.1:<port>/ca` */
  base: string;
}

export async function startCa(): Promise<StartedCa> {
  const sandbox = await startSandbox({
    port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [caSandbox({ clients: [...DEFAULT_CA_CLIENTS, OTHER_CLIENT] })],
  });
  return { sandbox, base: `http://127.0.0.1:${sandbox.port}/ca` };
}

export function raHeaders(client: SandboxClient = DEFAULT_CA_CLIENTS[0]!): Record<string, string> {
  return { 'content-type': 'application/json', 'x-client-id': client.id, 'x-api-key': client.secret };
}

export interface Issued {
  serialNumber: string;
  certificatePem: string;
  chainPem: string;
  notBefore: string;
  notAfter: string;
  privateKeyPem?: string;
}

export function requestCertificate(base: string, body: unknown, headers = raHeaders()): Promise<Response> {
  return fetch(`${base}/api/v1/certificates`, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** Issues a certificate that must succeed. */
export async function issue(base: string, body: unknown): Promise<Issued> {
  const response = await requestCertificate(base, body);
  if (response.status !== 201) throw new Error(`issue failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Issued;
}

export function revoke(base: string, serial: string, reason: string, headers = raHeaders()): Promise<Response> {
  return fetch(`${base}/api/v1/certificates/${serial}/revoke`, { method: 'POST', headers, body: JSON.stringify({ reason }) });
}

export async function fetchDer(url: string, init?: RequestInit): Promise<{ response: Response; der: Uint8Array<ArrayBuffer> }> {
  const response = await fetch(url, init);
  return { response, der: new Uint8Array(await response.arrayBuffer()) };
}

/** A CA certificate from the repository, as Node's X509Certificate. */
export async function caCertificate(base: string, name: 'root' | 'issuing' | 'ocsp' | 'tsa'): Promise<X509Certificate> {
  return new X509Certificate((await fetchDer(`${base}/certs/${name}.crt`)).der);
}
