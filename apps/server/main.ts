// Sen's command line: `start`, `migrate`, `audit:verify`, `audit:checkpoint`, `openapi:write [--check]`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, migrate, openConfiguredDatabase, openDatabase, safeErrorMessage } from '../../packages/platform/index.ts';
import { auditCheckpointCommand, auditVerifyCommand } from './audit.cli.ts';
import { startSandbox } from '../sandbox/index.ts';
import { buildApp } from './app.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
export const openapiFile = path.join(repoRoot, 'openapi.json');
const sandboxOpenapiDir = path.join(repoRoot, 'apps/sandbox/openapi');

const asJson = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;

async function generateOpenapi(): Promise<string> {
  const config = loadConfig({ LOG_LEVEL: 'silent', SANDBOX: 'false' });
  const database = await openDatabase({ pgliteDir: 'memory://' });
  try {
    const { app } = await buildApp(config, database);
    await app.ready();
    const doc = asJson(app.swagger());
    await app.close();
    return doc;
  } finally {
    await database.close();
  }
}

/** Each sandbox's own document, from a throw-away sandbox server on a random port. */
async function generateSandboxOpenapi(): Promise<Map<string, string>> {
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  try {
    return new Map(Object.entries(sandbox.openapi()).map(([name, doc]) => [path.join(sandboxOpenapiDir, `${name}.json`), asJson(doc)]));
  } finally {
    await sandbox.close();
  }
}

/** Writes Sen's `openapi.json` and the sandboxes' documents, or (`--check`) reports any that drifted. */
async function openapiCommand(check: boolean): Promise<number> {
  const files = new Map([[openapiFile, await generateOpenapi()], ...await generateSandboxOpenapi()]);
  if (!check) mkdirSync(sandboxOpenapiDir, { recursive: true });
  const stale: string[] = [];
  for (const [file, doc] of files) {
    const name = path.relative(repoRoot, file);
    if (check) {
      if ((existsSync(file) ? readFileSync(file, 'utf8') : '') !== doc) stale.push(name);
    } else {
      writeFileSync(file, doc);
      console.log(`wrote ${name}`);
    }
  }
  if (!check) return 0;
  if (stale.length === 0) {
    console.log(`${files.size} OpenAPI documents are up to date`);
    return 0;
  }
  console.error(`out of date: ${stale.join(', ')}; run \`npm run openapi\` and commit the result`);
  return 1;
}

async function migrateCommand(): Promise<number> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const applied = await migrate(database.db);
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
    return 0;
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  switch (command) {
    case 'start': {
      const { start } = await import('./start.ts');
      await start(loadConfig());
      return -1;
    }
    case 'migrate':
      return migrateCommand();
    case 'audit:verify':
      return auditVerifyCommand();
    case 'audit:checkpoint':
      return auditCheckpointCommand();
    case 'openapi:write':
      return openapiCommand(rest.includes('--check'));
    default:
      console.error(`unknown command "${command}"; use start, migrate, audit:verify, audit:checkpoint or openapi:write [--check]`);
      return 64;
  }
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: unknown) => {
      // A failed start may be a failed statement: its message never carries the statement's values.
      console.error(safeErrorMessage(err));
      process.exit(1);
    },
  );
}
