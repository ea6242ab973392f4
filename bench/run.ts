// `npm run bench -- <name>`: runs one benchmark and prints its figures, as ratios against a
// baseline measured in the same run. Never used as a pass/fail test.
const benches: Record<string, () => Promise<unknown>> = {
  startup: () => import('./startup.ts').then((m) => m.run()),
  tokens: () => import('./tokens.ts').then((m) => m.run()),
  tthc: () => import('./tthc.ts').then((m) => m.run()),
  'dvcqg-sync': () => import('./dvcqg-sync.ts').then((m) => m.run()),
  lgsp: () => import('./lgsp.ts').then((m) => m.run()),
  stats: () => import('./stats.ts').then((m) => m.run()),
};

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(64);
}
await bench();
