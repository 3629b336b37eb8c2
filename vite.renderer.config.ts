import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer, built once for both shells: Electron Forge loads it through its Vite plugin,
// and the headless host serves the same files from dist/renderer.
/**
 * The dev server (electron-forge start) injects React Refresh as an inline script, which the page's
 * CSP (`script-src 'self'`) refuses. Only while serving, allow inline scripts; builds keep the strict CSP.
 */
const devCsp = (): Plugin => ({
  name: 'desk-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
});

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
