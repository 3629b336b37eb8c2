import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskApp, type DeskApp } from '../../src/main/app';
import { startHost, type Host } from '../../src/main/host/server';
import { CHROMIUM } from './harness';

/**
 * Backup and restore from the page (issue 8), in the headless host, which restarts the app in its
 * process after a restore as the desktop app relaunches: the administrator chooses the backup folder
 * (typed: the browser has no folder dialog), backs up, a colleague is added afterwards, the backup
 * is verified and restored from the page; the page reloads on the restored data and the colleague
 * is gone. The page in Chinese and English is photographed.
 */

const SHOTS = resolve('test-results/screenshots');
const RENDERER = resolve('dist/renderer');

describe('backup and restore from the page', () => {
  let dir: string;
  let host: Host;
  let browser: Browser;
  const opened: DeskApp[] = [];
  const errors: string[] = [];
  const hosting: { host?: Host } = {};
  let folder: string;

  const app = () => host.app;
  async function api<T>(method: string, input: unknown): Promise<T> {
    const r = await app().dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  }
  async function newPage(locale: 'zh-CN' | 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale, timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // The event stream breaks for a moment while the host restarts the app: expected, not an error.
      if (m.type() === 'error' && !/api\/events|ERR_INCOMPLETE_CHUNKED_ENCODING|net::ERR/.test(m.text())) errors.push(`console: ${m.text()}`);
    });
    await page.goto(host.url);
    await page.goto(`${host.origin}/#/backup`);
    await page.getByTestId('backup-page').waitFor();
    return { context, page };
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer` first');
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-backup-'));
    folder = join(dir, 'U盘', 'backups');
    mkdirSync(folder, { recursive: true });
    const open = async () => {
      const a = await createDeskApp({
        dataDir: join(dir, 'data'),
        version: 'e2e',
        scheduler: false,
        log: () => undefined,
        shell: { restart: () => void hosting.host!.restart(open) },
      });
      opened.push(a);
      return a;
    };
    host = await startHost({ app: await open(), staticDir: RENDERER });
    hosting.host = host;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'] });
    mkdirSync(SHOTS, { recursive: true });
    await api('app.loadDemo', { complaints: 300 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await host?.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up, verifies, restores; the app comes back with the old data', async () => {
    const { context, page } = await newPage('en-US');
    // The host has no folder dialog: the folder is typed, and saved with the daily backups on.
    await expect.poll(() => page.getByTestId('backup-data-dir').innerText()).toBe(join(dir, 'data'));
    await page.getByTestId('backup-folder').fill(folder);
    await page.getByTestId('backup-daily').click();
    await page.getByTestId('backup-save-settings').click();
    await expect.poll(async () => (await api<{ folder: string; daily: boolean }>('backup.settings', {})).folder).toBe(folder);

    await page.getByTestId('backup-now').click();
    const made = page.getByTestId('backup-made');
    await made.waitFor({ timeout: 60_000 });
    expect(await made.innerText()).toContain(folder);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(1);

    // A colleague joins after the backup.
    await api('users.create', { name: 'Added After Backup', role: 'finance' });
    const names = async () => (await api<Array<{ name: string }>>('users.list', {})).map((u) => u.name);
    expect(await names()).toContain('Added After Backup');

    await page.getByTestId('backup-verify').first().click();
    await expect.poll(() => page.getByTestId('backup-status').first().innerText()).toBe('Checked, good');
    await shot(page, 'backup-page-en');

    await page.getByTestId('backup-restore').first().click();
    const confirm = page.getByTestId('backup-restore-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('safety backup');
    expect(await confirm.innerText()).toContain('restarts');
    await shot(page, 'backup-restore-confirm-en');
    await page.getByTestId('backup-restore-ok').click();
    await page.getByTestId('backup-restarting').waitFor();
    // The app restarts in the host; the page reloads by itself once it answers.
    await expect.poll(() => opened.length, { timeout: 60_000 }).toBe(2);
    await page.getByTestId('backup-page').waitFor({ timeout: 60_000 });
    expect(await names()).not.toContain('Added After Backup');
    // The settings stayed (where backups go is this computer's), and the safety backup is listed.
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 20_000 }).toBe(2);
    expect(await page.locator('.ant-table-row', { hasText: 'Safety' }).count()).toBe(1);
    expect(await page.getByTestId('backup-folder').inputValue()).toBe(folder);
    await shot(page, 'backup-page-after-restore-en');
    await context.close();
    expect(errors).toEqual([]);
  });

  it('shows the page in Chinese', async () => {
    const { context, page } = await newPage('zh-CN');
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.getByTestId('backup-page').innerText()).toContain('备份与恢复');
    await page.getByTestId('backup-verify').first().click();
    await expect.poll(() => page.getByTestId('backup-status').first().innerText()).toBe('已校验，完好');
    await shot(page, 'backup-page-zh');
    await page.getByTestId('backup-restore').first().click();
    await page.getByTestId('backup-restore-confirm').waitFor();
    await shot(page, 'backup-restore-confirm-zh');
    await context.close();
    expect(errors).toEqual([]);
  });
});
