// Lint for the whole repository, and the guard of the process borders in ../shared/DESIGN.md:
// only the Electron shell imports `electron`, `rules/` does no I/O, the renderer reaches main only
// through the typed client, and `shared/` depends on neither side. test/unit/lint-borders.test.ts
// proves each border with a sample import.
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** @param {string[]} names @param {string} message */
const paths = (names, message) => names.map((name) => ({ name, message }));

const NO_ELECTRON = 'Only src/main/index.ts, src/main/electron/ and src/main/preload.ts import electron.';
const electron = {
  paths: paths(['electron'], NO_ELECTRON),
  patterns: [{ group: ['electron/*'], message: NO_ELECTRON }],
};

// Every Node built-in, bare (`fs`, `fs/promises`) and prefixed (`node:fs`).
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));
const nodeBuiltins = (message) => ({
  paths: paths(NODE_BUILTINS, message),
  patterns: [{ group: ['node:*'], message }],
});

// Flat config replaces (does not merge) a rule's options when a later block matches the same
// file, so each folder's block states its whole list, electron included.
/** @param {...{paths?: object[], patterns?: object[]}} parts */
const restrict = (...parts) => [
  'error',
  {
    paths: parts.flatMap((p) => p.paths ?? []),
    patterns: parts.flatMap((p) => p.patterns ?? []),
  },
];

const NO_IO = 'rules/ is pure domain logic: data in, decision and reason out; no I/O.';
const rulesIo = {
  paths: paths(
    ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'child_process', 'worker_threads',
      'cluster', 'readline', 'better-sqlite3', 'kysely', 'nodemailer'],
    NO_IO,
  ),
  patterns: [
    { group: ['node:*'], message: NO_IO },
    { group: ['**/db', '**/db/**', '**/services', '**/services/**', '**/api', '**/api/**', '**/host', '**/host/**'], message: NO_IO },
  ],
};

const NO_MAIN = 'The renderer talks to main only through the typed client (src/renderer/api); it never imports main.';
const rendererBorders = {
  paths: paths(['better-sqlite3', 'kysely'], NO_MAIN),
  // Relative imports climbing out to a folder `main` (src/main from here), or any `src/main` path;
  // a sibling `./main` (the renderer's own entry) stays allowed.
  patterns: [{ regex: '^(\\.\\./)+main(/|$)|(^|/)src/main(/|$)', message: NO_MAIN }],
};

const NO_SIDES = 'shared/ is the contract between both sides: it imports nothing from main or renderer.';
const sharedBorders = {
  paths: paths(['better-sqlite3', 'kysely'], NO_SIDES),
  patterns: [{ regex: '^(\\.\\./)+(main|renderer)(/|$)|(^|/)src/(main|renderer)(/|$)', message: NO_SIDES }],
};

export default defineConfig(
  globalIgnores(['node_modules/', 'dist/', 'out/', '.vite/', 'test-results/', '.tmp/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Everything but the renderer runs under Node (main, tests, build configs).
    ignores: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-restricted-imports': restrict(electron),
    },
  },
  {
    // The Electron shell: the only code allowed to import `electron`.
    files: ['src/main/index.ts', 'src/main/electron/**', 'src/main/preload.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/main/rules/**'],
    rules: { 'no-restricted-imports': restrict(electron, rulesIo) },
  },
  {
    files: ['src/renderer/**'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'no-restricted-imports': restrict(
        electron,
        nodeBuiltins('The renderer runs in a sandboxed page: no Node built-ins.'),
        rendererBorders,
      ),
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': restrict(
        electron,
        nodeBuiltins('shared/ runs on both sides: no Node built-ins.'),
        sharedBorders,
      ),
    },
  },
);
