import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createDeskApp, type DeskApp } from '../../src/main/app';
import { startHost, type Host } from '../../src/main/host/server';

/**
 * A person's session: a fresh data folder, the headless host serving the built renderer, and
 * Debian's Chromium driven by playwright-core. Screenshots go to test-results/screenshots.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = resolve('test-results/screenshots');
const RENDERER = resolve('dist/renderer');

export interface E2E {
  app: DeskApp;
  host: Host;
  browser: Browser;
  page: Page;
  /** Console errors and page errors seen so far: a screen that throws fails its test. */
  errors: string[];
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startE2E(opts: { locale?: 'zh-CN' | 'en-US' } = {}): Promise<E2E> {
  if (!existsSync(join(RENDERER, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` first (npm test does)');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-e2e-'));
  const app = await createDeskApp({ dataDir, version: 'e2e' });
  const host = await startHost({ app, staticDir: RENDERER });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: opts.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    app,
    host,
    browser,
    page,
    errors,
    async shot(name) {
      const file = join(SHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      await host.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
