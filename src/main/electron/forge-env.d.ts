/**
 * Globals that Electron Forge's Vite plugin defines when it bundles the main process (see
 * forge.config.ts: the renderer entry is named `main_window`). Only `src/main/index.ts` reads
 * them; the rest of `electron/` receives their values as parameters, so tests and the headless
 * host never meet an undefined global.
 */

/** The renderer's dev-server URL under `electron-forge start`; undefined in a packaged build. */
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
/** The renderer entry's name (`main_window`). */
declare const MAIN_WINDOW_VITE_NAME: string;
