import path from 'node:path';
import { app } from 'electron';
import handledSquirrelEvent from 'electron-squirrel-startup';
import { createDeskApp } from './app';
import { startShell } from './electron/shell';

/**
 * The Electron entry (bundled by Forge's Vite plugin to `.vite/build/main.js`). It only wires the
 * real pieces together; the life cycle lives in `electron/shell.ts`, the app itself in `app.ts`.
 */

if (handledSquirrelEvent) {
  // The Windows installer starts the app once to create or remove shortcuts: nothing else to do.
  app.quit();
} else {
  startShell({
    createDeskApp,
    // Defined by Forge at build time; `typeof` keeps a missing define from throwing.
    devServerUrl: typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined,
    mainDir: __dirname,
    rendererName: MAIN_WINDOW_VITE_NAME,
    preloadPath: path.join(__dirname, 'preload.js'),
  });
}
