import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskApp, type DeskApp } from '../../src/main/app';
import { createHostPdfPrinter, CHROMIUM_ARGS, type HostPdfPrinter } from '../../src/main/host/pdf-printer';
import { startHost, type Host } from '../../src/main/host/server';
import { memorySecretStore } from '../../src/main/secrets/memory';
import { CHROMIUM } from './harness';

/**
 * Issue 7, sending the monthly report with the real PDF: the host's printer draws the report page,
 * the mail carries it to a real SMTP server (smtp-server on 127.0.0.1, login required), and pdftotext
 * reads the Chinese title back. Then the send panel on screen: a server that is down says so plainly,
 * the draft instead downloads an .eml with X-Unsent: 1, and after correcting the port, retry sends it.
 */

const SHOTS = resolve('test-results/screenshots');
const USER = 'desk@hengda.example.com';
const PASSWORD = 'e2e-SMTP-密码-0815';

function previousMonth(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number);
  return m === 1 ? `${y! - 1}-12` : `${y}-${String(m! - 1).padStart(2, '0')}`;
}

describe('sending the monthly report', () => {
  let dataDir: string;
  let app: DeskApp;
  let printer: HostPdfPrinter;
  let host: Host;
  let browser: Browser;
  let page: Page;
  let smtp: SMTPServer;
  let port: number;
  const received: ParsedMail[] = [];
  const errors: string[] = [];
  const month = previousMonth();
  const api = async (method: string, input: unknown) => {
    const r = await app.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as never;
  };

  beforeAll(async () => {
    if (!existsSync(resolve('dist/renderer/index.html'))) throw new Error('run `npm run build:renderer` first');
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'desk-mail-'));
    printer = createHostPdfPrinter({ executablePath: CHROMIUM });
    app = await createDeskApp({ dataDir, version: 'e2e', printer, mail: { secrets: memorySecretStore() } });
    host = await startHost({ app, staticDir: resolve('dist/renderer') });
    printer.attach(host);
    await api('app.startEmpty', {});
    smtp = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (a, _s, cb) => (a.username === USER && a.password === PASSWORD ? cb(null, { user: USER }) : cb(new Error('Invalid login'))),
      onData: (stream, _s, cb) => {
        simpleParser(stream).then((m) => {
          received.push(m);
          cb();
        }, cb);
      },
    });
    await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', ok));
    port = (smtp.server.address() as { port: number }).port;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((ok) => (smtp ? smtp.close(() => ok()) : ok()));
    await host?.close();
    await printer?.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends the real report PDF by SMTP', async () => {
    await api('report.saveMailSettings', {
      host: '127.0.0.1',
      port,
      secure: false,
      user: USER,
      password: PASSWORD,
      from: USER,
      recipients: ['chairman@hengda.example.com'],
      schedule: false,
    });
    const r = (await api('report.send', { month, lang: 'zh-CN', channel: 'smtp' })) as { status: string; error: string | null };
    expect(r).toMatchObject({ status: 'sent', error: null });
    expect(received).toHaveLength(1);
    const pdf = received[0]!.attachments[0]!;
    expect(pdf.filename).toBe(`月度报告-${month}.pdf`);
    expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(dataDir, 'received.pdf');
    writeFileSync(file, pdf.content);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('售后服务月度报告');
    expect(text).toContain(month);
  }, 120_000);

  it('on screen: a server that is down, the draft instead, then retry after correcting the port', async () => {
    // The port of a server that is gone.
    const dead = await new Promise<number>((ok) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => ok(p));
      });
    });
    await api('report.saveMailSettings', { host: '127.0.0.1', port: dead, secure: false, user: USER, from: USER, recipients: ['chairman@hengda.example.com'], schedule: false });
    await page.goto(host.url);
    await page.evaluate(() => (location.hash = '#/report'));
    const panel = page.getByTestId('send-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('mail-send-log').textContent()).toContain('已发送');

    await page.getByTestId('mail-send').click();
    const failure = page.getByTestId('mail-failure');
    await expect.poll(() => failure.textContent()).toContain('无法连接邮件服务器');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SHOTS, 'mail-send-failed.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('mail-draft-instead').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^monthly-report-${month}-zh-CN-.*\\.eml$`));
    const eml = await simpleParser(readFileSync(await download.path()));
    expect(eml.headers.get('x-unsent')).toBe('1');
    expect(eml.attachments[0]!.filename).toBe(`月度报告-${month}.pdf`);
    expect(eml.attachments[0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The settings form: the password is kept (never shown), the port corrected.
    await page.getByTestId('mail-settings').click();
    const form = page.getByTestId('mail-settings-form');
    await expect.poll(() => form.isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('mail-password-store').textContent()).toContain('系统钥匙串中已保存密码');
    expect(await page.getByTestId('mail-password').inputValue()).toBe('');
    await page.getByTestId('mail-port').fill(String(port));
    await page.screenshot({ path: join(SHOTS, 'mail-settings.png') });
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => form.isVisible()).toBe(false);

    await page.getByTestId('mail-send').click();
    await expect.poll(() => received.length).toBe(2);
    await expect.poll(() => failure.isVisible()).toBe(false);
    const log = page.getByTestId('mail-send-log');
    await expect.poll(async () => (await log.locator('tbody tr').count())).toBe(4);
    await panel.screenshot({ path: join(SHOTS, 'mail-send-log.png') });
    expect(errors).toEqual([]);
  }, 120_000);
});
