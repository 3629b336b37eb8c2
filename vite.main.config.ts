import { defineConfig } from 'vite';
import { RUNTIME_EXTERNALS } from './forge.packaging';

// The main process bundle. Forge's Vite plugin supplies the rest (CommonJS, Node built-ins and
// `electron` external, output in .vite/build).
export default defineConfig({
  build: {
    rollupOptions: {
      // better-sqlite3 is native: it is required at run time from node_modules (see forge.packaging.ts).
      external: [...RUNTIME_EXTERNALS],
      // package.json "main" points at .vite/build/main.js; the entry file is src/main/index.ts.
      output: { entryFileNames: 'main.js' },
    },
  },
});
