import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import { RUNTIME_EXTERNALS } from './forge.packaging';

// The import worker (src/main/import/worker.ts, issue 8): a bundle of its own beside main.js in
// .vite/build, started by main as a worker thread (import/session.ts finds it by __dirname). Its own
// config because vite.main.config.ts names its output main.js. The lib entry is given here, so that
// Forge's Vite plugin keeps it (and `vite build --config` alone builds the same file).
export default defineConfig({
  build: {
    outDir: '.vite/build',
    emptyOutDir: false,
    minify: false,
    lib: { entry: 'src/main/import/worker.ts', formats: ['cjs'], fileName: () => 'import-worker.js' },
    rollupOptions: {
      // better-sqlite3 is native: required at run time from node_modules, like main's.
      external: [...RUNTIME_EXTERNALS, 'electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
    },
  },
  resolve: { conditions: ['node'], mainFields: ['module', 'jsnext:main', 'jsnext'] },
});
