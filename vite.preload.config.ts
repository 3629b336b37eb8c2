import { defineConfig } from 'vite';

// The preload bundle. Forge's Vite plugin builds it as one CommonJS file (.vite/build/preload.js)
// with `electron` external. A sandboxed preload can `require` only a few Electron modules, so
// everything else it uses must be bundled in: keep its imports of `shared/` type-only.
export default defineConfig({});
