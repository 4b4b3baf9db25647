import tseslint from 'typescript-eslint';

const lib = (name) => [`@rapport/${name}`, `@rapport/${name}/*`];
const nest = { group: ['@nestjs/*'], message: 'Only apps/ import NestJS (style.md §2).' };
const deep = {
  group: ['@rapport/*/*', '**/libs/*/src/*', '**/dist/**'],
  message: "Import a lib through its index, never another lib's internals.",
};
const adapters = { group: ['**/adapters/**'], message: 'Only apps/*/src/wiring imports adapters (style.md §2).' };
const sqlite = { group: ['@rapport/sqlite', 'better-sqlite3'], message: 'Only SQLite adapters (and libs/sqlite) use SQLite.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/peers/**', 'scripts/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [deep] }],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/**/*.spec.ts', 'libs/**/contract/**', 'libs/testing/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deep, nest, sqlite] }] },
  },
  {
    // swc (which compiles the tests, the benches and the build alike) turns `export *` into one shared
    // getter, `from[k]`, for every name, and every call into a lib paid for it: the segment projections
    // spent a fifth of their time there. A named re-export gets a getter of its own with a fixed name
    // (tsc's output measured the same both ways; bench/results/2026-12-07).
    files: ['libs/*/src/index.ts'],
    ignores: ['libs/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ExportAllDeclaration[exportKind='value']",
          message: 'Re-export values by name: `export type * from` and `export { ... } from`.',
        },
      ],
    },
  },
  {
    files: ['libs/*/src/adapters/**/*.ts', 'libs/sqlite/**/*.ts'],
    ignores: ['libs/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deep, nest] }] },
  },
  {
    files: ['libs/customer-domain/**/*.ts'],
    ignores: ['libs/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deep,
            nest,
            {
              group: ['@rapport/*', '!@rapport/kernel', 'node:*', 'fs', 'crypto', 'http'],
              message: 'customer-domain may import kernel only: no I/O (style.md §2).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/audit/**/*.ts'],
    ignores: ['libs/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deep,
            nest,
            {
              group: ['@rapport/*', '!@rapport/kernel', '!@rapport/customer-domain'],
              message: 'audit may import kernel and customer-domain only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/*/src/*.port.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deep, nest, adapters] }] },
  },
  {
    files: ['apps/**/*.ts'],
    ignores: ['apps/*/src/wiring/**', 'apps/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [deep],
          paths: [
            {
              name: '@rapport/event-store',
              importNames: ['SqliteEventStore', 'InMemoryEventStore', 'EsdbEventStore'],
              message: 'Only wiring/ picks adapters.',
            },
            { name: '@rapport/privacy', importNames: ['SqliteKeyStore', 'InMemoryKeyStore'], message: 'Only wiring/ picks adapters.' },
          ],
        },
      ],
    },
  },
);
