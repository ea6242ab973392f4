// The client side of the fault-injection API (faults.ts), for tests and tools that make a running
// sandbox misbehave: PUT a subset of the settings, or DELETE for back to normal.
import type { FaultSettings } from './faults.ts';
import { DEFAULT_ADMIN_TOKEN } from './server.ts';

/** Sets `settings` on the sandbox named `sandbox` of the server at `baseUrl` (`null` restores it); throws unless it answers 200. */
export async function setSandboxFaults(baseUrl: string, sandbox: string, settings: Partial<FaultSettings> | null): Promise<void> {
  const authorization = `Bearer ${DEFAULT_ADMIN_TOKEN}`;
  const response = await fetch(`${baseUrl}/_admin/faults/${sandbox}`, settings
    ? { method: 'PUT', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(settings) }
    : { method: 'DELETE', headers: { authorization } });
  if (response.status !== 200) throw new Error(`faults of ${sandbox}: HTTP ${response.status} ${await response.text()}`);
}
