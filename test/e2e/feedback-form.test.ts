import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskApp, type DeskApp } from '../../src/main/app';
import { CHROMIUM_ARGS, createHostPdfPrinter, type HostPdfPrinter } from '../../src/main/host/pdf-printer';
import { startHost, type Host } from '../../src/main/host/server';
import { feedbackFormHash, type FormLanguage } from '../../src/shared/print';
import type { CaseFile } from '../../src/shared/types';
import { apiOf, makePeople, registerCase, runQualityCase, type Api } from './feedback-form-case';
import { CHROMIUM } from './harness';

/**
 * Issue 3, the printable customer feedback processing form: a quality case filled in by each role
 * through the api, the form page in Chromium (zh-CN and en), and its PDF made by the host's printer,
 * read back with poppler: A4, the tracking number, the Chinese labels. Page 1 is rendered to PNG.
 */

const OUT = resolve('test-results');

/** pdfinfo's page size within a point of A4 (595.28 × 841.89 pt; Chromium writes 594.96 × 841.92). */
function expectA4(info: string): void {
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  expect(m, info).not.toBeNull();
  expect(Math.abs(Number(m![1]) - 595.28)).toBeLessThan(1);
  expect(Math.abs(Number(m![2]) - 841.89)).toBeLessThan(1);
}
const SHOTS = join(OUT, 'screenshots');

describe('the feedback form', () => {
  let dataDir: string;
  let app: DeskApp;
  let printer: HostPdfPrinter;
  let host: Host;
  let browser: Browser;
  let page: Page;
  let api: Api;
  let full: CaseFile;
  let blank: CaseFile;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(resolve('dist/renderer/index.html'))) throw new Error('run `npm run build:renderer` first');
    dataDir = mkdtempSync(join(tmpdir(), 'desk-form-'));
    printer = createHostPdfPrinter({ executablePath: CHROMIUM });
    app = await createDeskApp({ dataDir, version: 'e2e', printer });
    host = await startHost({ app, staticDir: resolve('dist/renderer') });
    printer.attach(host);
    api = apiOf(app);
    const people = await makePeople(api);
    blank = await registerCase(api, people, '宁波新材料科技有限公司');
    full = await runQualityCase(api, people, await registerCase(api, people, '杭州测试精工有限公司'));

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1000, height: 1200 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    await page.goto(host.url);
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await printer?.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function openForm(c: CaseFile, lang: FormLanguage): Promise<void> {
    await page.goto(`${host.origin}/${feedbackFormHash(c.id, lang)}`);
    await page.locator('html[data-print-state="ready"]').waitFor({ state: 'attached', timeout: 15_000 });
  }

  it('shows every part of the case on the form, in Chinese, without the app frame', async () => {
    await openForm(full, 'zh-CN');
    const form = page.getByTestId('feedback-form');
    await expect(page.getByTestId('ff-tracking-no').innerText()).resolves.toBe(full.trackingNo);
    const text = await form.innerText();
    for (const s of [
      '客户反馈处理单', '跟踪编号', '杭州测试精工有限公司', '周工', 'SA-55A', 'SN-2026-0042', '性能', '质量问题', '张敏',
      '为什么 5', '温控阀', '¥1,234.50', '¥23,456.78', '供应商', '董事长决定', '陈志远', '66.67 %', '33.33 %', '100 %',
      '验收', 'receipt-signed.png', '现场照片-温控阀.png', '5 / 5', '客户签字', '销售', '生产', '经理',
    ]) {
      expect(text, s).toContain(s);
    }
    await expect(page.locator('.shell-sider, .shell-header').count()).resolves.toBe(0);
    await expect(page.getByTestId('ff-qr').count()).resolves.toBe(1);
    await page.screenshot({ path: join(SHOTS, 'issue3-feedback-form-zh.png'), fullPage: true });
  });

  it('prints in the language asked for, whatever the app language', async () => {
    await openForm(full, 'en');
    const text = await page.getByTestId('feedback-form').innerText();
    for (const s of ['Customer Feedback Processing Form', 'Tracking number', 'Quality problem', "Chairman's decision", 'Production Department', 'Customer', 'Manager']) {
      expect(text, s).toContain(s);
    }
    // The toolbar stays in the app's language (zh-CN here).
    await expect(page.getByTestId('ff-toolbar').innerText()).resolves.toContain('打印');
    await page.screenshot({ path: join(SHOTS, 'issue3-feedback-form-en.png'), fullPage: true });
  });

  it('prints an early case with blank lines to fill in by hand', async () => {
    await openForm(blank, 'zh-CN');
    await expect(page.locator('.ff-blank-line').count()).resolves.toBeGreaterThan(5);
    await page.screenshot({ path: join(SHOTS, 'issue3-feedback-form-blank-zh.png'), fullPage: true });
  });

  it('makes an A4 PDF holding the tracking number and the Chinese labels', async () => {
    const { fileName, data } = await api('print.feedbackFormPdf', { id: full.id, lang: 'zh-CN' });
    expect(fileName).toBe(`客户反馈处理单-${full.trackingNo}.pdf`);
    const pdf = join(OUT, `issue3-feedback-form-${full.trackingNo}-zh.pdf`);
    writeFileSync(pdf, Buffer.from(data, 'base64'));

    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expectA4(info);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const s of [full.trackingNo, '客户反馈处理单', '跟踪编号', '问题描述', '原因分析', '处理方案', '责任判定', '客户签字', '¥1,234.50']) {
      expect(text, s).toContain(s);
    }
    // The toolbar is not printed.
    expect(text).not.toContain('保存为 PDF');

    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', String(pages), pdf, join(SHOTS, 'issue3-feedback-form-pdf-zh')]);
    expect(existsSync(join(SHOTS, `issue3-feedback-form-pdf-zh-1.png`))).toBe(true);
  });

  it('makes the English PDF and the blank one, each on at most two A4 pages', async () => {
    for (const [c, lang, name] of [
      [full, 'en', 'en'],
      [blank, 'zh-CN', 'blank-zh'],
    ] as const) {
      const { data } = await api('print.feedbackFormPdf', { id: c.id, lang });
      const pdf = join(OUT, `issue3-feedback-form-${name}.pdf`);
      writeFileSync(pdf, Buffer.from(data, 'base64'));
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expectA4(info);
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeLessThanOrEqual(2);
      expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain(c.trackingNo);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(SHOTS, `issue3-feedback-form-pdf-${name}`)]);
    }
  });

  it('saves the PDF from the form page toolbar as a download', async () => {
    await openForm(full, 'zh-CN');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('ff-save-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`客户反馈处理单-${full.trackingNo}.pdf`);
    const saved = join(OUT, 'issue3-feedback-form-download.pdf');
    await download.saveAs(saved);
    expectA4(execFileSync('pdfinfo', [saved], { encoding: 'utf8' }));
  });

  it('prints from the toolbar with the browser, and switches the form language there', async () => {
    await openForm(full, 'zh-CN');
    await page.evaluate(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => void (w.printed += 1);
    });
    await page.getByTestId('ff-print').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    await page.getByTestId('ff-toolbar').getByText('English', { exact: true }).click();
    await expect.poll(() => page.locator('.ff-title').innerText()).toBe('Customer Feedback Processing Form');
    expect(page.url()).toContain(feedbackFormHash(full.id, 'en'));
  });

  it('opened to print by the host Print button of another page, prints once drawn, and not again on reload', async () => {
    const p = await page.context().newPage();
    await p.addInitScript(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => void (w.printed += 1);
    });
    await p.goto(`${host.origin}/${feedbackFormHash(full.id, 'zh-CN', { autoprint: true })}`);
    await expect.poll(() => p.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    expect(p.url()).not.toContain('autoprint');
    await p.reload();
    await p.locator('html[data-print-state="ready"]').waitFor({ state: 'attached' });
    await expect(p.evaluate(() => (window as unknown as { printed: number }).printed)).resolves.toBe(0);
    await p.close();
  });

  it('leaves printing to the browser in the host, and answers NOT_FOUND for a case that does not exist', async () => {
    await expect(api('print.feedbackForm', { id: full.id, lang: 'zh-CN' })).resolves.toEqual({ dialog: false });
    const r = await app.dispatch('print.feedbackFormPdf', { id: 999_999, lang: 'en' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(errors).toEqual([]);
  });
});
