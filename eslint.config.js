// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import path from 'node:path';

const root = import.meta.dirname;

/** Top-level units whose insides are private: only the listed entry files may be imported from outside. */
function unitOf(file) {
  const rel = path.relative(root, file).split(path.sep);
  if (rel[0] === 'modules' && rel[1]) return { name: `modules/${rel[1]}`, doors: ['index.ts'] };
  if (rel[0] === 'packages' && rel[1]) return { name: `packages/${rel[1]}`, doors: ['index.ts', 'testing.ts'] };
  if (rel[0] === 'apps' && rel[1] === 'sandbox') return { name: 'apps/sandbox', doors: ['index.ts'] };
  return undefined;
}

/** A module is a room with one door: import another unit only through its index.ts. */
const oneDoor = {
  meta: { type: 'problem', messages: { internal: "Import {{unit}} through its door ({{doors}}), not '{{source}}'." } },
  create(context) {
    const from = unitOf(context.filename);
    function check(node) {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), source);
      const unit = unitOf(target);
      if (!unit || unit.name === from?.name) return;
      const inside = path.relative(path.join(root, unit.name), target);
      if (!unit.doors.includes(inside)) {
        context.report({ node: node.source, messageId: 'internal', data: { unit: unit.name, doors: unit.doors.join(' or '), source } });
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'apps/web/dist/**', 'var/**', 'migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { sen: { rules: { 'one-door': oneDoor } } },
    rules: {
      'sen/one-door': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through packages/platform/config.ts only.' },
      ],
    },
  },
  // Tests and tools that start child processes pass the environment on.
  { files: ['packages/platform/config.ts', 'apps/web/vite.config.ts', 'scripts/**', 'bench/**', '**/*.test.ts', 'apps/server/cli.testing.ts'], rules: { 'no-restricted-syntax': 'off' } },
);
