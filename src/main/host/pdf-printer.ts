import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiError } from '../../shared/errors';
import { printHash, PRINT_STATE_ATTRIBUTE, type FormLanguage, type FormTarget } from '../../shared/print';
import type { FormPrinter } from '../print/port';
import { TOKEN_HEADER } from './server';

/**
 * The host's PDF printer: Debian's Chromium, driven by playwright-core, opens the host's own form
 * page and prints it to PDF with the page's CSS size (A4). The browser starts on `warm()` (the report
 * page was opened; the host has been idle a few seconds since it started) or else on the first PDF,
 * and is kept for the next ones; `close()` ends it with the host. There is no `print`: the host has
 * no screen of its own, so the person's browser prints the page (`window.print()`).
 *
 * Each PDF gets a fresh context (its own cookies, the token on every request, the language's
 * locale) and page. Opening a page starts a renderer process, and the first page in it loads,
 * compiles and runs the renderer's bundle and loads the fonts: together about a second of a PDF. So
 * once the browser runs, a spare context and page wait for the next PDF in the language of the last
 * one (Chinese at first), primed with a document that draws nothing: the report of a month long before
 * any data (`PRIMER_MONTH`: a few empty index ranges). The PDF then loads its own page afresh (another
 * URL, so a fresh document with a fresh "ready"), from warm caches in a running process. A spare is
 * made again after each PDF — not while one is being made, whose page reads the report too and would
 * otherwise compete with it — and used only while its browser still runs.
 */

export interface HostPdfPrinterOptions {
  executablePath?: string;
  /** How long the form may take to draw. */
  timeoutMs?: number;
  /** After `attach`, start the browser when the host has been up this long (unset: only on `warm()` or the first PDF). */
  warmAfterMs?: number;
  /** Where failures of the warm-up go (they never reach a caller). */
  log?: (message: string, error: unknown) => void;
}

export interface HostPdfPrinter extends FormPrinter {
  /** Where the host listens and the token its pages need; known only once the host is up. */
  attach(host: { origin: string; token: string }): void;
  warm(): void;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];


interface Tab {
  context: BrowserContext;
  page: Page;
}

/** The primer's month (`YYYYMM`): a report page with nothing in it, whatever the office's data. */
export const PRIMER_MONTH = 200001;

export function createHostPdfPrinter(opts: HostPdfPrinterOptions = {}): HostPdfPrinter {
  const timeout = opts.timeoutMs ?? 30_000;
  const log = opts.log ?? ((m: string, e: unknown) => console.error(m, e));
  let host: { origin: string; token: string } | null = null;
  let browser: Promise<Browser> | null = null;
  let closed = false;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** A context and page per language, ready for the next PDF in it. */
  const spares = new Map<FormLanguage, Promise<Tab>>();
  /** The language the next PDF is likely in: the last one's. */
  let lastLang: FormLanguage = 'zh-CN';
  /** PDFs being made: no spare is made meanwhile. */
  let printing = 0;

  const launch = (): Promise<Browser> => {
    if (!browser) {
      const starting = (async () => {
        // Loaded on first use: a host that never makes a PDF never loads playwright.
        const { chromium } = await import('playwright-core');
        const b = await chromium.launch({ executablePath: opts.executablePath ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
        b.on('disconnected', () => {
          if (browser === starting) browser = null;
          spares.clear();
        });
        if (closed) {
          // close() ran while it started: it must not outlive the host.
          await b.close();
          throw new ApiError('INTERNAL', 'the PDF printer is closed');
        }
        return b;
      })();
      // A failed start is not kept: the next PDF tries again.
      starting.catch(() => {
        if (browser === starting) browser = null;
      });
      browser = starting;
    }
    return browser;
  };

  const openTab = async (lang: FormLanguage): Promise<Tab> => {
    if (!host) throw new ApiError('INTERNAL', 'the PDF printer is not attached to a host');
    const b = await launch();
    // A context per PDF: its own cookies, and the token on every request the page makes.
    const context = await b.newContext({ extraHTTPHeaders: { [TOKEN_HEADER]: host.token }, locale: lang });
    try {
      return { context, page: await context.newPage() };
    } catch (e) {
      await context.close().catch(() => {});
      throw e;
    }
  };

  /** Makes the spare of a language if there is none, and primes it; a failure is logged and forgotten. */
  const prepare = (lang: FormLanguage) => {
    if (closed || !host || spares.has(lang) || printing) return;
    const origin = host.origin;
    // Primed before it is handed out: a PDF asked for meanwhile waits for the primer's page, whose
    // navigation would otherwise interrupt the PDF's own (Playwright: "interrupted by another navigation").
    const tab = openTab(lang).then(async (t) => {
      const primer = printHash({ doc: 'monthly-report', id: PRIMER_MONTH, lang });
      await t.page
        .goto(`${origin}/?primer${primer}`, { timeout })
        .then(() => t.page.locator(`html[${PRINT_STATE_ATTRIBUTE}]`).waitFor({ state: 'attached', timeout }))
        .catch(() => {});
      return t;
    });
    spares.set(lang, tab);
    tab.catch((e: unknown) => {
      if (spares.get(lang) === tab) spares.delete(lang);
      if (!closed) log('the PDF printer could not get ready', e);
    });
  };

  /** The language's spare if it is still usable, else a new tab. */
  const takeTab = async (lang: FormLanguage): Promise<Tab> => {
    const spare = spares.get(lang);
    spares.delete(lang);
    if (spare) {
      const tab = await spare.catch(() => null);
      if (tab && !tab.page.isClosed() && tab.context.browser()?.isConnected()) return tab;
      if (tab) await tab.context.close().catch(() => {});
    }
    return openTab(lang);
  };

  const warm = () => {
    if (closed) return;
    try {
      if (!host) {
        // Not attached yet: the browser alone.
        launch().catch((e: unknown) => log('the PDF printer could not start Chromium', e));
        return;
      }
      prepare(lastLang);
    } catch (e) {
      log('the PDF printer could not get ready', e);
    }
  };

  return {
    attach(h) {
      host = h;
      if (opts.warmAfterMs !== undefined && !idleTimer) {
        idleTimer = setTimeout(warm, opts.warmAfterMs);
        idleTimer.unref?.();
      }
    },

    warm,

    async pdf(target: FormTarget) {
      if (closed) throw new ApiError('INTERNAL', 'the PDF printer is closed');
      if (!host) throw new ApiError('INTERNAL', 'the PDF printer is not attached to a host');
      lastLang = target.lang;
      printing++;
      let tab: Tab;
      try {
        tab = await takeTab(target.lang);
      } catch (e) {
        printing--;
        throw e;
      }
      const { context, page } = tab;
      try {
        await page.goto(`${host.origin}/${printHash(target)}`, { timeout });
        const html = page.locator(`html[${PRINT_STATE_ATTRIBUTE}]`);
        await html.waitFor({ state: 'attached', timeout });
        if ((await html.getAttribute(PRINT_STATE_ATTRIBUTE)) !== 'ready') {
          throw new ApiError('INTERNAL', 'the feedback form could not be drawn');
        }
        return await page.pdf({ preferCSSPageSize: true, printBackground: true });
      } finally {
        printing--;
        await context.close();
        // The next PDF in this language will not wait for a page.
        prepare(target.lang);
      }
    },

    async close() {
      closed = true;
      if (idleTimer) clearTimeout(idleTimer);
      const tabs = [...spares.values()];
      spares.clear();
      for (const t of tabs) await t.then((x) => x.context.close()).catch(() => {});
      const b = browser;
      browser = null;
      const running = await b?.catch(() => null);
      await running?.close();
    },
  };
}
