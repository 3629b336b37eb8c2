import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createDeskApp } from '../../src/main/app';
import { CHROMIUM_ARGS, createHostPdfPrinter } from '../../src/main/host/pdf-printer';
import { startHost } from '../../src/main/host/server';
import { calendarDateOf } from '../../src/shared/dates';
import { CHROMIUM, type E2E } from './harness';

/** The moves of test/e2e/service-flow.test.ts: a session whose host makes PDFs, dates typed into pickers, poppler. */

export const TZ = 'Asia/Shanghai';
export const SHOTS = resolve('test-results/screenshots');

export interface PrintingE2E extends E2E {
  /** The person's own folder: downloads land here. */
  dataDir: string;
}

/**
 * As `startE2E` of the harness, with the host's PDF printer attached (the harness starts the app
 * without one, and "save as PDF" needs it), and downloads accepted by the person's browser.
 */
export async function startWithPrinter(opts: { clock?: () => Date } = {}): Promise<PrintingE2E> {
  const staticDir = resolve('dist/renderer');
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer` first');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-service-flow-'));
  const printer = createHostPdfPrinter({ executablePath: CHROMIUM, timeoutMs: 60_000 });
  const app = await createDeskApp({ dataDir, version: 'e2e', printer, ...(opts.clock ? { clock: opts.clock } : {}) });
  const host = await startHost({ app, staticDir });
  printer.attach(host);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    timezoneId: TZ,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (x) => errors.push(`pageerror: ${x.message}`));
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
    dataDir,
    async shot(name) {
      const file = join(SHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      await host.close();
      await printer.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An instant as the office's pickers show it: `YYYY-MM-DD HH:mm` in Shanghai. */
export function pickerText(d: Date): string {
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return `${calendarDateOf(d, TZ)} ${hm}`;
}

/** Whole five minutes, as the pickers step. */
export const fiveMinutes = (ms: number) => new Date(Math.floor(ms / 300_000) * 300_000);

/**
 * Types a value into an antd DatePicker and waits until the picker shows it. A picker with a time
 * is confirmed with Enter; a date alone is taken as typed and confirmed by leaving the field (Enter
 * would also submit a form that has its own submit button), here by clicking `leaveTo`.
 */
export async function typeDate(page: Page, selector: string, value: string, leaveTo?: string): Promise<void> {
  const input = page.locator(selector);
  await input.click();
  await input.press('Control+A');
  await input.fill(value);
  if (leaveTo) {
    await input.press('Tab');
    await page.locator(leaveTo).click();
  } else await input.press('Enter');
  await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
  await expect.poll(() => input.inputValue()).toBe(value);
}

/** The text of a PDF as poppler reads it, laid out. */
export const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

/** The number of pages poppler counts. */
export function pdfPages(file: string): number {
  const m = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return m ? Number(m[1]) : 0;
}

/** Page 1 of a PDF as a PNG at 60 dpi in the screenshots folder; answers the PNG's path. */
export function pdfFirstPagePng(file: string, name: string): string {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(SHOTS, name)]);
  return join(SHOTS, `${name}.png`);
}

/** The cells of the tracking table's row for a case (ag-grid may split a row between pinned parts). */
export async function trackingCell(page: Page, trackingNo: string, colId: string): Promise<string> {
  const row = page.locator('.ag-row').filter({ hasText: trackingNo }).first();
  const index = await row.getAttribute('row-index');
  return page.locator(`.ag-row[row-index="${index}"] [col-id="${colId}"]`).first().innerText();
}
