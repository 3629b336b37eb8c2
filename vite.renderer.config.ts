import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer, built once for both shells: Electron Forge loads it through its Vite plugin,
// and the headless host serves the same files from dist/renderer.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
