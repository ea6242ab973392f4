// CI: a real scrape of /metrics must satisfy `promtool check metrics`. Builds the platform on an
// in-memory PGlite, puts traffic through it (OIDC discovery and token, a refused and an unmatched
// request, jobs that succeed, die and wait, outbound SMS calls), scrapes and checks.
// Run: npx node scripts/check-metrics.ts (needs promtool: Debian package `prometheus`).
import { createTestPlatform } from '../apps/server/testing.ts';
import { exercisePlatform, promtoolCheck } from '../apps/server/metrics.test-support.ts';

const EXPECTED = [
  'sen_http_request_duration_seconds', 'sen_outbound_request_duration_seconds', 'sen_jobs_finished_total',
  'sen_job_queue_depth', 'sen_job_queue_oldest_due_age_seconds', 'sen_job_queue_dead', 'sen_tthc_dossiers', 'sen_tthc_dossiers_overdue',
];

const platform = await createTestPlatform();
let failed = false;
try {
  await exercisePlatform(platform);
  const scrape = await platform.app.inject({ url: '/metrics' });
  if (scrape.statusCode !== 200) throw new Error(`/metrics answered ${scrape.statusCode}`);
  const missing = EXPECTED.filter((name) => !new RegExp(`^${name}(_count|_bucket)?[{ ]`, 'm').test(scrape.body));
  if (!/route="\/oidc\/\.well-known\/openid-configuration"/.test(scrape.body)) missing.push('an OIDC discovery request labelled with its route');
  if (missing.length) {
    failed = true;
    console.error(`metrics missing from the scrape: ${missing.join(', ')}`);
  }
  const checked = promtoolCheck(scrape.body);
  if (!checked) {
    failed = true;
    console.error('promtool is not installed (apt-get install prometheus)');
  } else if (!checked.ok) {
    failed = true;
    console.error(`promtool check metrics failed:\n${checked.output}`);
  } else {
    const families = scrape.body.split('\n').filter((line) => line.startsWith('# TYPE')).length;
    console.log(`promtool check metrics: ok (${families} metric families, ${scrape.body.length} bytes)`);
  }
} finally {
  await platform.close();
}
process.exit(failed ? 1 : 0);
