// Runs the sandboxes on their own: `node apps/sandbox/main.ts --port 4000`.
// Flags only (no environment): the platform starts them with startSandbox() and its own config.
import { parseArgs } from 'node:util';
import { DEFAULT_VNEID_CLIENT, startSandbox } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4000' },
    host: { type: 'string', default: 'localhost' },
    'public-url': { type: 'string' },
    seed: { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    'client-id': { type: 'string', default: DEFAULT_VNEID_CLIENT.clientId },
    'client-secret': { type: 'string', default: DEFAULT_VNEID_CLIENT.clientSecret },
    'redirect-uri': { type: 'string', multiple: true },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got ${values.port}`);

const sandbox = await startSandbox({
  port,
  host: values.host,
  publicUrl: values['public-url'],
  seed: values.seed,
  logLevel: values['log-level'],
  clients: [{
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    redirectUris: values['redirect-uri'] ?? DEFAULT_VNEID_CLIENT.redirectUris,
    postLogoutRedirectUris: DEFAULT_VNEID_CLIENT.postLogoutRedirectUris,
  }],
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void sandbox.close().then(() => process.exit(0)));
}
