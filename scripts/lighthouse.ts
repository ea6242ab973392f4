// `npm run lighthouse`: the performance budget of the citizen pages. Builds the web app when it
// has not been built, starts a fresh Sen (in-memory PGlite, demo data, sandboxes, random ports, as
// the browser journeys do), runs Lighthouse 12 in its default mobile profile (simulated slow 4G,
// 4× slower CPU) in Debian's Chromium on the home page, the procedure search, one procedure's page
// and the dossier look-up, RUNS times each, and takes the median of every figure. Writes the
// figures to bench/lighthouse.json and exits 1 when a page misses the budget.
//
// Options: --runs N (default 3), --no-write (print only), --label NAME (stored with the figures).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { ensureWebBuilt, startEphemeralPlatform } from '../apps/server/start.ts';

/** What every citizen page must reach (issue 13): median of the runs. */
export const BUDGET = { performance: 90, accessibility: 100, lcpMs: 2500, homeTransferBytes: 250 * 1024 };

const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const OUT = path.resolve(import.meta.dirname, '../bench/lighthouse.json');
/**
 * Lighthouse sometimes fails to record Chromium's trace (runtime errors such as NO_NAVSTART, "please
 * run Lighthouse again"): that is the measurement failing, not the page, and yields no figures at
 * all. Such a run is repeated, at most MEASUREMENT_ATTEMPTS times in all; a page that loads but
 * misses the budget is never re-run. (Declared before the top-level awaits below use it.)
 */
const MEASUREMENT_ATTEMPTS = 5;

interface Figures {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  transferBytes: number;
  requests: number;
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'no-write': { type: 'boolean', default: false }, label: { type: 'string', default: 'current' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive whole number');

const started = Date.now();
await ensureWebBuilt((line) => console.log(line));
const platform = await startEphemeralPlatform();
const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
let failures: string[];
try {
  const origin = new URL(platform.url).origin;
  const procedureId = await firstProcedureId(origin);
  const pages: Record<string, string> = {
    home: '/',
    'procedure search': '/services',
    'procedure page': `/services/${procedureId}`,
    'look-up': '/tra-cuu',
  };
  const results: Record<string, Figures & { path: string }> = {};
  for (const [name, pathname] of Object.entries(pages)) {
    const samples: Figures[] = [];
    for (let i = 0; i < runs; i++) samples.push(await auditRetryingBrokenTraces(`${origin}${pathname}`, chrome.port));
    results[name] = { path: pathname.replace(procedureId, ':id'), ...median(samples) };
    console.log(`${name.padEnd(17)} ${line(results[name])}`);
  }
  failures = checkBudget(results);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`${runs} run(s) per page, median; ${seconds} s in all`);
  if (!values['no-write']) {
    writeFileSync(OUT, `${JSON.stringify({ label: values.label, lighthouse: '12.2.3', profile: 'mobile (simulated slow 4G, 4x CPU)', runs, budget: BUDGET, pages: results }, null, 2)}\n`);
    console.log(`figures written to ${path.relative(process.cwd(), OUT)}`);
  }
} finally {
  chrome.kill();
  await platform.close();
}
for (const failure of failures) console.error(`over budget: ${failure}`);
process.exit(failures.length ? 1 : 0);

async function firstProcedureId(origin: string): Promise<string> {
  const response = await fetch(`${origin}/api/tthc/procedures?limit=1`);
  const page = (await response.json()) as { items: { id: string }[] };
  const id = page.items[0]?.id;
  if (!id) throw new Error('the demo data has no procedure to measure');
  return id;
}

async function auditRetryingBrokenTraces(url: string, port: number): Promise<Figures> {
  for (let attempt = 1; ; attempt++) {
    const figures = await audit(url, port);
    if (!('runtimeError' in figures)) return figures;
    if (attempt === MEASUREMENT_ATTEMPTS) throw new Error(`Lighthouse failed on ${url} ${attempt} times: ${figures.runtimeError}`);
    console.warn(`Lighthouse could not measure ${url} (${figures.runtimeError}); measuring again`);
  }
}

async function audit(url: string, port: number): Promise<Figures | { runtimeError: string }> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories, audits } = result.lhr;
  if (result.lhr.runtimeError) return { runtimeError: `${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}` };
  const numeric = (id: string) => audits[id]?.numericValue ?? Number.NaN;
  const requests = audits['network-requests']?.details;
  return {
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    fcpMs: Math.round(numeric('first-contentful-paint')),
    lcpMs: Math.round(numeric('largest-contentful-paint')),
    tbtMs: Math.round(numeric('total-blocking-time')),
    cls: Math.round(numeric('cumulative-layout-shift') * 1000) / 1000,
    transferBytes: Math.round(numeric('total-byte-weight')),
    requests: requests && 'items' in requests ? requests.items.length : 0,
  };
}

function median(samples: Figures[]): Figures {
  const pick = (key: keyof Figures) => {
    const sorted = samples.map((s) => s[key]).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  return {
    performance: pick('performance'),
    accessibility: pick('accessibility'),
    fcpMs: pick('fcpMs'),
    lcpMs: pick('lcpMs'),
    tbtMs: pick('tbtMs'),
    cls: pick('cls'),
    transferBytes: pick('transferBytes'),
    requests: pick('requests'),
  };
}

function checkBudget(results: Record<string, Figures>): string[] {
  const failures: string[] = [];
  for (const [name, f] of Object.entries(results)) {
    if (f.performance < BUDGET.performance) failures.push(`${name}: performance ${f.performance} < ${BUDGET.performance}`);
    if (f.accessibility < BUDGET.accessibility) failures.push(`${name}: accessibility ${f.accessibility} < ${BUDGET.accessibility}`);
    if (f.lcpMs > BUDGET.lcpMs) failures.push(`${name}: largest contentful paint ${f.lcpMs} ms > ${BUDGET.lcpMs} ms`);
  }
  const home = results.home;
  if (home && home.transferBytes > BUDGET.homeTransferBytes) failures.push(`home: first visit transfers ${kb(home.transferBytes)} > ${kb(BUDGET.homeTransferBytes)}`);
  return failures;
}

function line(f: Figures): string {
  return `performance ${f.performance}, accessibility ${f.accessibility}, FCP ${f.fcpMs} ms, LCP ${f.lcpMs} ms, TBT ${f.tbtMs} ms, CLS ${f.cls}, ${kb(f.transferBytes)} in ${f.requests} requests`;
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}
