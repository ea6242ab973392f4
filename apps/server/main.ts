// Sen's command line: `start`, `migrate`, `audit:verify`, `openapi:write [--check]`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, migrate, openConfiguredDatabase, openDatabase, verifyAudit } from '../../packages/platform/index.ts';
import { buildApp } from './app.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
export const openapiFile = path.join(repoRoot, 'openapi.json');

async function generateOpenapi(): Promise<string> {
  const config = loadConfig({ LOG_LEVEL: 'silent', SANDBOX: 'false' });
  const database = await openDatabase({ pgliteDir: 'memory://' });
  try {
    const { app } = await buildApp(config, database);
    await app.ready();
    const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return doc;
  } finally {
    await database.close();
  }
}

async function openapiCommand(check: boolean): Promise<number> {
  const doc = await generateOpenapi();
  if (!check) {
    writeFileSync(openapiFile, doc);
    console.log(`wrote ${path.relative(process.cwd(), openapiFile)}`);
    return 0;
  }
  const committed = existsSync(openapiFile) ? readFileSync(openapiFile, 'utf8') : '';
  if (committed === doc) {
    console.log('openapi.json is up to date');
    return 0;
  }
  console.error('openapi.json is out of date: run `npm run openapi` and commit the result');
  return 1;
}

async function auditVerifyCommand(): Promise<number> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const result = await verifyAudit(database.db);
    if (result.ok) {
      console.log(`audit trail intact: ${result.records} records verified`);
      return 0;
    }
    console.error(`audit trail TAMPERED at record ${result.seq} (${result.problem}): ${result.message}; ${result.records} records verified before it`);
    return 2;
  } finally {
    await database.close();
  }
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
    case 'openapi:write':
      return openapiCommand(rest.includes('--check'));
    default:
      console.error(`unknown command "${command}"; use start, migrate, audit:verify or openapi:write [--check]`);
      return 64;
  }
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
