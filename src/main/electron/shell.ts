import { app, BrowserWindow, dialog, session } from 'electron';
import type { AppOptions, DeskApp } from '../app';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { createMainWindow } from './window';
import { devServerLocation, isOwnUrl, packagedLocation } from './renderer-location';
import { installSessionPolicy } from './session-policy';
import { openWithSystemViewer } from './open-attachment';
import { electronMailPorts } from './secret-store';
import { createElectronPrinter, type ElectronPrinter } from './print';

/**
 * The Electron life cycle around the headless app: one instance, the store opened once the app is
 * ready, one window per activation, and the store closed before the process exits so that the
 * WAL is checkpointed and no committed complaint waits in a journal.
 */

export interface ShellOptions {
  createDeskApp(opts: AppOptions): Promise<DeskApp>;
  /** Set under `electron-forge start`; absent in a packaged app. */
  devServerUrl?: string;
  /** The folder of the main bundle (`.vite/build`), where the preload and the renderer are found. */
  mainDir: string;
  rendererName: string;
  preloadPath: string;
}

export function startShell(opts: ShellOptions): void {
  // Every renderer sandboxed, whatever a window's options say.
  app.enableSandbox();
  // A second start (double-click on the shortcut) focuses the running window instead of opening
  // the same database from two processes.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const location = opts.devServerUrl
    ? devServerLocation(opts.devServerUrl)
    : packagedLocation(opts.mainDir, opts.rendererName);
  const windows: BrowserWindow[] = [];
  /** Hidden windows the printer has open: their api calls are ours too, but they are no one's window. */
  const printWindows: BrowserWindow[] = [];
  let desk: DeskApp | undefined;
  let closing: Promise<void> | undefined;
  let closed = false;
  let disposeIpc: (() => void) | undefined;
  let printer: ElectronPrinter | undefined;

  const openWindow = () => {
    const win = createMainWindow({ location, preloadPath: opts.preloadPath, title: app.getName() });
    windows.push(win);
    win.on('closed', () => {
      windows.splice(windows.indexOf(win), 1);
      // The printer's spare hidden window must not keep the app from quitting with its last window.
      if (!windows.length) printer?.dispose();
    });
  };

  app.on('second-instance', () => {
    const win = windows[0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  // Windows and Linux quit with the last window; macOS keeps the app in the dock.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (desk && windows.length === 0) openWindow();
  });

  app.on('before-quit', (event) => {
    if (!desk || closed) return;
    // Hold the quit until the store is closed, then quit again (this handler then lets it pass).
    event.preventDefault();
    if (closing) return;
    disposeIpc?.();
    printer?.dispose();
    closing = desk
      .close()
      .catch((e: unknown) => console.error('closing the store failed', e))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(async () => {
      installSessionPolicy(session.defaultSession, { csp: location.kind === 'file' });
      installMenu({ locale: app.getLocale(), isMac: process.platform === 'darwin', isDev: !app.isPackaged });
      printer = createElectronPrinter({
        location,
        preloadPath: opts.preloadPath,
        track: (win) => {
          printWindows.push(win);
          return () => {
            const i = printWindows.indexOf(win);
            if (i >= 0) printWindows.splice(i, 1);
          };
        },
      });
      desk = await opts.createDeskApp({
        dataDir: app.getPath('userData'),
        version: app.getVersion(),
        printer,
        openAttachment: (file) => openWithSystemViewer(file, app.getPath('temp')),
        mail: electronMailPorts(app.getPath('userData')),
        // Issue 8: the backup folder is chosen in the system's dialog; a staged restore restarts the app.
        shell: {
          chooseFolder: () => chooseFolder(BrowserWindow.getFocusedWindow() ?? windows[0] ?? null),
          restart: () => {
            // The store closed first (the WAL checkpointed), then a new instance applies the restore.
            disposeIpc?.();
            closing ??= (desk ? desk.close() : Promise.resolve())
              .catch((e: unknown) => console.error('closing the store failed', e))
              .finally(() => {
                closed = true;
                app.relaunch();
                app.exit(0);
              });
          },
        },
      });
      disposeIpc = registerIpc({
        dispatch: desk.dispatch,
        subscribe: desk.subscribe,
        windows: () => [...windows, ...printWindows],
        isOwnUrl: (url) => isOwnUrl(location, url),
      });
      openWindow();
    })
    .catch((e: unknown) => {
      // Typically a database written by a newer version, or a data folder we may not write.
      dialog.showErrorBox(app.getName(), e instanceof Error ? e.message : String(e));
      app.exit(1);
    });
}

/** The system's folder dialog, on the person's window; null when cancelled. */
async function chooseFolder(parent: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = { properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] };
  const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}
