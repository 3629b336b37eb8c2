import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';
import { printHash, PRINT_STATE_ATTRIBUTE, type FormTarget } from '../../shared/print';
import type { FormPrinter } from '../print/port';
import { guardNavigation } from './navigation';
import { isOwnUrl, type RendererLocation } from './renderer-location';
import { secureWebPreferences } from './window';

/**
 * The Electron printer: a hidden window loads the form's route of our own renderer, waits until the
 * page says it is drawn, then prints it — to PDF (`printToPDF` with the page's CSS size, A4) or
 * through the system print dialog (`webContents.print`). Printing a hidden window rather than the
 * person's own keeps the case page where it was, and the same path serves the case page's button
 * and the form page's toolbar. The window is destroyed when done.
 *
 * `warm()` (the report page was opened) creates the hidden window ahead of need: creating a window
 * starts its renderer process, a few hundred milliseconds the next PDF or print then does not wait
 * for. It stays blank — the form is loaded per target, so each print is a fresh page with a fresh
 * "ready" — and is used once. A spare no one uses is destroyed after a minute, and at once by
 * `dispose()`: a hidden window counts as a window, so while one lives closing the last visible window
 * would not quit the app (the shell disposes of it when the last visible window closes and before quitting).
 */

export interface ElectronPrinterDeps {
  location: RendererLocation;
  preloadPath: string;
  /**
   * Lets the hidden window's api calls through IPC while it lives (it reads the case like any page
   * of ours); answers the function that takes it off again.
   */
  track(win: BrowserWindow): () => void;
  timeoutMs?: number;
  /** Polling interval while waiting for the page; tests shorten it. */
  pollMs?: number;
  /** How long a spare window made by `warm()` waits to be used (default a minute). */
  spareMs?: number;
  /** Where a failed warm-up is reported (it never reaches a caller). */
  log?: (message: string, error: unknown) => void;
}

export interface ElectronPrinter extends FormPrinter {
  warm(): void;
  /** Destroys the spare window, if any (the app is quitting, or has no visible window left). */
  dispose(): void;
}

export function formUrl(location: RendererLocation, target: FormTarget): string {
  const base = location.kind === 'dev-server' ? location.url : pathToFileURL(location.indexFile).href;
  return base.replace(/#.*$/, '') + printHash(target);
}

export function createElectronPrinter(deps: ElectronPrinterDeps): ElectronPrinter {
  const timeout = deps.timeoutMs ?? 30_000;
  const poll = deps.pollMs ?? 100;

  async function waitUntilDrawn(win: BrowserWindow): Promise<void> {
    const until = Date.now() + timeout;
    const probe = `document.documentElement.getAttribute(${JSON.stringify(PRINT_STATE_ATTRIBUTE)})`;
    for (;;) {
      const state: unknown = await win.webContents.executeJavaScript(probe);
      if (state === 'ready') return;
      if (state === 'error') throw new Error('the feedback form could not be drawn');
      if (Date.now() > until) throw new Error('the feedback form took too long to draw');
      await new Promise((ok) => setTimeout(ok, poll));
    }
  }

  function hiddenWindow(): BrowserWindow {
    const win = new BrowserWindow({
      show: false,
      // About an A4 sheet at 96 dpi; the PDF takes its size from the page's CSS, not from this.
      width: 900,
      height: 1200,
      webPreferences: secureWebPreferences(deps.preloadPath),
    });
    guardNavigation(
      win.webContents,
      (url) => isOwnUrl(deps.location, url),
      () => {},
    );
    return win;
  }

  let spare: BrowserWindow | null = null;
  let spareTimer: ReturnType<typeof setTimeout> | null = null;
  const dropSpare = () => {
    if (spareTimer) clearTimeout(spareTimer);
    spareTimer = null;
    const win = spare;
    spare = null;
    if (win && !win.isDestroyed()) win.destroy();
  };
  /** The spare window if there is a usable one (it is then no longer spare), else a new one. */
  const takeWindow = (): BrowserWindow => {
    const win = spare;
    spare = null;
    if (spareTimer) clearTimeout(spareTimer);
    spareTimer = null;
    return win && !win.isDestroyed() ? win : hiddenWindow();
  };

  /** Prints under way: their own pages read the report, which must not make a spare meanwhile. */
  let busy = 0;

  async function withForm<T>(target: FormTarget, use: (win: BrowserWindow) => Promise<T>): Promise<T> {
    const win = takeWindow();
    const untrack = deps.track(win);
    busy++;
    try {
      await win.loadURL(formUrl(deps.location, target));
      await waitUntilDrawn(win);
      return await use(win);
    } finally {
      busy--;
      untrack();
      if (!win.isDestroyed()) win.destroy();
    }
  }

  return {
    warm() {
      if (busy) return;
      try {
        if (!spare || spare.isDestroyed()) spare = hiddenWindow();
        if (spareTimer) clearTimeout(spareTimer);
        spareTimer = setTimeout(dropSpare, deps.spareMs ?? 60_000);
      } catch (e) {
        (deps.log ?? ((m: string, err: unknown) => console.error(m, err)))('the printer could not get a window ready', e);
      }
    },
    dispose: dropSpare,
    pdf: (target) =>
      withForm(target, (win) => win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true })),
    print: (target) =>
      withForm(
        target,
        (win) =>
          new Promise<void>((ok, fail) => {
            win.webContents.print({ silent: false, printBackground: true }, (success, reason) => {
              // Cancelling the dialog is the person's choice, not a failure.
              if (success || reason === 'cancelled') ok();
              else fail(new Error(`printing failed: ${reason}`));
            });
          }),
      ),
  };
}
