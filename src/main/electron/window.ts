import { BrowserWindow, shell, type WebPreferences } from 'electron';
import { guardNavigation } from './navigation';
import { isOwnUrl, type RendererLocation } from './renderer-location';

/**
 * The main window: the renderer runs isolated and sandboxed, without Node, and reaches main only
 * through the preload's `desk` object. DevTools are never opened here; in development they are on
 * the View menu.
 */

export interface WindowOptions {
  location: RendererLocation;
  preloadPath: string;
  title: string;
}

/** Every window that shows our renderer, visible or not (the printer's), runs with these. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: opts.title,
    width: 1360,
    height: 860,
    // The tracking table needs room for its columns; below this the form pages wrap badly.
    minWidth: 1024,
    minHeight: 640,
    show: false,
    webPreferences: secureWebPreferences(opts.preloadPath),
  });

  guardNavigation(
    win.webContents,
    (url) => isOwnUrl(opts.location, url),
    (url) => void shell.openExternal(url).catch((e: unknown) => console.error('could not open link', e)),
  );
  // Show once painted, so the office does not watch a white window while the bundle loads.
  win.once('ready-to-show', () => win.show());

  const loading =
    opts.location.kind === 'dev-server' ? win.loadURL(opts.location.url) : win.loadFile(opts.location.indexFile);
  loading.catch((e: unknown) => console.error('could not load the renderer', e));
  return win;
}
