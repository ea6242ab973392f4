// `npm test`: every test file in the repository, on PGlite by default or on PostgreSQL when
// TEST_DATABASE_URL is set. Browser journeys (*.browser.test.ts) need Debian's chromium; replica
// tests (*.replicas.test.ts: several Sen processes on one database, nginx in front) need
// PostgreSQL and Debian's nginx, and run only when TEST_DATABASE_URL is set.
import { existsSync, globSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';
const NGINX = '/usr/sbin/nginx';
const all = globSync('{apps,modules,packages,scripts}/**/*.test.ts').filter((f) => !f.includes('node_modules'));
const isSpecial = (f: string) => f.endsWith('.browser.test.ts') || f.endsWith('.replicas.test.ts');
const browser = all.filter((f) => f.endsWith('.browser.test.ts'));
const replicas = all.filter((f) => f.endsWith('.replicas.test.ts'));
const files = all.filter((f) => !isSpecial(f));
const only = process.argv.slice(2);

function run(list: string[], concurrency: number): number {
  if (list.length === 0) return 0;
  const result = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...list], {
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

const selected = only.length ? all.filter((f) => only.some((o) => f.includes(o))) : files;
let status = run(selected.filter((f) => !isSpecial(f)), 2);
if (!only.length || selected.some((f) => f.endsWith('.browser.test.ts'))) {
  const journeys = only.length ? selected.filter((f) => f.endsWith('.browser.test.ts')) : browser;
  if (existsSync(CHROMIUM)) {
    // Journeys start whole servers: one at a time.
    status = run(journeys, 1) || status;
  } else if (journeys.length) {
    console.warn(`\n${journeys.length} browser journey file(s) NOT run: ${CHROMIUM} is missing (apt-get install chromium).`);
  }
}
const replicaFiles = only.length ? selected.filter((f) => f.endsWith('.replicas.test.ts')) : replicas;
if (replicaFiles.length && !process.env.TEST_DATABASE_URL) {
  console.warn(`\n${replicaFiles.length} replica test file(s) NOT run: they need PostgreSQL (set TEST_DATABASE_URL), not PGlite.`);
} else if (replicaFiles.length && !existsSync(NGINX)) {
  console.warn(`\n${replicaFiles.length} replica test file(s) NOT run: ${NGINX} is missing (apt-get install nginx-light).`);
  status ||= 1;
} else {
  // Each starts several servers: one file at a time.
  status = run(replicaFiles, 1) || status;
}
process.exit(status);
