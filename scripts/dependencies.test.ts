// Every runtime dependency in package.json is imported (or resolved) by the code: a package
// nothing uses is only attack surface and upgrade work.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

describe('dependencies', () => {
  it('lists no runtime dependency that nothing imports', () => {
    const sources = globSync('{apps,modules,packages,scripts,bench}/**/*.{ts,tsx}', { cwd: root })
      .filter((f) => !f.includes('node_modules') && !f.includes('/dist/'))
      .map((f) => readFileSync(path.join(root, f), 'utf8'))
      .join('\n');
    // `from 'x'`, `import 'x'`, `import('x')`, `resolve('x/…')`, each also with a subpath.
    const used = (name: string) => new RegExp(`(from|import|\\(|resolve\\()\\s*['"]${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/[^'"]*)?['"]`).test(sources);
    assert.deepEqual(Object.keys(manifest.dependencies).filter((name) => !used(name)), []);
  });
});
