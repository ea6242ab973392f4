// Sen's command line: `start [--role gateway [--workers N]]`, `migrate`, `audit:verify`, `audit:checkpoint`, `analytics:backfill`, `lgsp:verify-log`, `lgsp:archive-log`, `lgsp:export-evidence`, `lgsp:verify-evidence`, `openapi:write [--check]`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, migrate, openConfiguredDatabase, safeErrorMessage } from '../../packages/platform/index.ts';
import { auditCheckpointCommand, auditVerifyCommand } from './audit.cli.ts';
import { withPlatform } from './cli-platform.ts';
import { lgspArchiveLogCommand, lgspExportEvidenceCommand, lgspVerifyEvidenceCommand, lgspVerifyLogCommand } from './lgsp.cli.ts';
import { platformOpenapi, sandboxOpenapi, webApiTypes } from './openapi.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
export const openapiFile = path.join(repoRoot, 'openapi.json');
const sandboxOpenapiDir = path.join(repoRoot, 'apps/sandbox/openapi');
const webTypesFile = path.join(repoRoot, 'apps/web/src/api/schema.d.ts');

const asJson = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;

/** Writes Sen's `openapi.json`, the web app's types generated from it and the sandboxes' documents, or (`--check`) reports any that drifted. */
async function openapiCommand(check: boolean): Promise<number> {
  const sandboxes = Object.entries(await sandboxOpenapi()).map(([name, doc]) => [path.join(sandboxOpenapiDir, `${name}.json`), asJson(doc)] as const);
  const platform = await platformOpenapi();
  const files = new Map([[openapiFile, asJson(platform)], [webTypesFile, await webApiTypes(platform)], ...sandboxes]);
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

/** Rewrites the statistics' fact of every dossier from the dossiers themselves (after an upgrade, or to repair). */
async function analyticsBackfillCommand(): Promise<number> {
  return withPlatform(async (platform) => {
    const started = Date.now();
    const dossiers = await platform.modules.analytics.backfill({
      onProgress: (s) => process.stdout.write(`\ranalytics: ${s.written.toLocaleString('en')} / ${s.total.toLocaleString('en')} dossier facts written (${((Date.now() - started) / 1000).toFixed(0)} s)`),
    });
    console.log(`\nanalytics: ${dossiers} dossier facts written in ${Date.now() - started} ms`);
    return 0;
  });
}

/** `--name value` or `--name=value`. */
function option(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i]!.includes('=') ? args[i]!.slice(name.length + 1) : args[i + 1];
}

async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  switch (command) {
    case 'start': {
      const role = option(rest, '--role') ?? 'all';
      if (role === 'gateway') {
        const workers = Number(option(rest, '--workers') ?? '1');
        if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
          console.error('--workers takes a whole number from 1 to 64');
          return 64;
        }
        const { startGateway } = await import('./gateway-role.ts');
        await startGateway(loadConfig(), workers);
        return -1;
      }
      if (role !== 'all') {
        console.error(`unknown role "${role}"; use --role gateway (the LGSP data plane alone) or no --role (everything)`);
        return 64;
      }
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
    case 'analytics:backfill':
      return analyticsBackfillCommand();
    case 'lgsp:verify-log':
      return lgspVerifyLogCommand(rest);
    case 'lgsp:archive-log':
      return lgspArchiveLogCommand();
    case 'lgsp:export-evidence':
      return lgspExportEvidenceCommand(rest);
    case 'lgsp:verify-evidence':
      return lgspVerifyEvidenceCommand(rest);
    case 'openapi:write':
      return openapiCommand(rest.includes('--check'));
    default:
      console.error(`unknown command "${command}"; use start, migrate, audit:verify, audit:checkpoint, analytics:backfill, lgsp:verify-log, lgsp:archive-log, lgsp:export-evidence, lgsp:verify-evidence or openapi:write [--check]`);
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
