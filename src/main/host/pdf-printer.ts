import type { Browser } from 'playwright-core';
import { ApiError } from '../../shared/errors';
import { printHash, PRINT_STATE_ATTRIBUTE, type FormTarget } from '../../shared/print';
import type { FormPrinter } from '../print/port';
import { TOKEN_HEADER } from './server';

/**
 * The host's PDF printer: Debian's Chromium, driven by playwright-core, opens the host's own form
 * page and prints it to PDF with the page's CSS size (A4). The browser is started on the first PDF
 * and kept for the next ones; `close()` ends it with the host. There is no `print`: the host has no
 * screen of its own, so the person's browser prints the page (`window.print()`).
 */

export interface HostPdfPrinterOptions {
  executablePath?: string;
  /** How long the form may take to draw. */
  timeoutMs?: number;
}

export interface HostPdfPrinter extends FormPrinter {
  /** Where the host listens and the token its pages need; known only once the host is up. */
  attach(host: { origin: string; token: string }): void;
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

export function createHostPdfPrinter(opts: HostPdfPrinterOptions = {}): HostPdfPrinter {
  const timeout = opts.timeoutMs ?? 30_000;
  let host: { origin: string; token: string } | null = null;
  let browser: Promise<Browser> | null = null;
  let closed = false;

  const launch = (): Promise<Browser> => {
    if (!browser) {
      const starting = (async () => {
        // Loaded on first use: a host that never makes a PDF never loads playwright.
        const { chromium } = await import('playwright-core');
        const b = await chromium.launch({ executablePath: opts.executablePath ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
        b.on('disconnected', () => {
          if (browser === starting) browser = null;
        });
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

  return {
    attach(h) {
      host = h;
    },

    async pdf(target: FormTarget) {
      if (closed) throw new ApiError('INTERNAL', 'the PDF printer is closed');
      if (!host) throw new ApiError('INTERNAL', 'the PDF printer is not attached to a host');
      const b = await launch();
      // A context per PDF: its own cookies, and the token on every request the page makes.
      const context = await b.newContext({ extraHTTPHeaders: { [TOKEN_HEADER]: host.token }, locale: target.lang });
      try {
        const page = await context.newPage();
        await page.goto(`${host.origin}/${printHash(target)}`, { timeout });
        const html = page.locator(`html[${PRINT_STATE_ATTRIBUTE}]`);
        await html.waitFor({ state: 'attached', timeout });
        if ((await html.getAttribute(PRINT_STATE_ATTRIBUTE)) !== 'ready') {
          throw new ApiError('INTERNAL', 'the feedback form could not be drawn');
        }
        return await page.pdf({ preferCSSPageSize: true, printBackground: true });
      } finally {
        await context.close();
      }
    },

    async close() {
      closed = true;
      const b = browser;
      browser = null;
      const running = await b?.catch(() => null);
      await running?.close();
    },
  };
}
