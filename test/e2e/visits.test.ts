import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskApp, type DeskApp } from '../../src/main/app';
import { CHROMIUM_ARGS, createHostPdfPrinter, type HostPdfPrinter } from '../../src/main/host/pdf-printer';
import { startHost, type Host } from '../../src/main/host/server';
import { calendarDateOf } from '../../src/shared/dates';
import type { CaseFile } from '../../src/shared/types';
import { apiOf, type Api } from './feedback-form-case';
import { CHROMIUM } from './harness';
import { mondayOf } from '../../src/renderer/visits/calendar-layout';

/**
 * Issue 5, on-site visits: the production after-sales engineer plans a visit on a case in service,
 * reports it with the travel expenses, finds it on the field calendar next to a double booking, and
 * prints the visit report — the PDF from the host's printer read back with poppler (Chinese text).
 */

const SHOTS = resolve('test-results/screenshots');
const TZ = 'Asia/Shanghai';

describe('service visits', () => {
  let dataDir: string;
  let app: DeskApp;
  let printer: HostPdfPrinter;
  let host: Host;
  let browser: Browser;
  let page: Page;
  let api: Api;
  let f: CaseFile;
  const people: Record<string, number> = {};
  const errors: string[] = [];

  const shot = async (name: string) => {
    const height = await page.evaluate(() => {
      const c = document.querySelector('.shell-content');
      return c ? c.getBoundingClientRect().top + c.scrollHeight : document.body.scrollHeight;
    });
    await page.setViewportSize({ width: 1400, height: Math.max(900, Math.ceil(height)) });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    await page.setViewportSize({ width: 1400, height: 900 });
  };

  beforeAll(async () => {
    if (!existsSync(resolve('dist/renderer/index.html'))) throw new Error('run `npm run build:renderer` first');
    dataDir = mkdtempSync(join(tmpdir(), 'desk-visits-'));
    printer = createHostPdfPrinter({ executablePath: CHROMIUM });
    app = await createDeskApp({ dataDir, version: 'e2e', printer });
    host = await startHost({ app, staticDir: resolve('dist/renderer') });
    printer.attach(host);
    api = apiOf(app);
    await api('app.startEmpty', {});
    for (const [role, name] of [
      ['sales_admin', '张敏'],
      ['sales_manager', '李建国'],
      ['production_technology', '王海峰'],
      ['production_after_sales', '刘洋'],
    ] as const) {
      people[role] = (await api('users.create', { name, role })).id;
    }
    people.second = (await api('users.create', { name: '赵强', role: 'production_after_sales' })).id;

    // A quality case decided for a repair on site: in service.
    const as = (role: string) => api('session.switch', { userId: people[role]! });
    await as('sales_admin');
    const created = await api('complaints.create', {
      receivedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      channel: 'phone',
      newCustomer: { name: '苏州恒达机械有限公司', region: '苏州' },
      contactName: '王伟',
      contactPhone: '+86 512 6688 1234',
      productModel: 'SA-37A',
      serialNo: 'SA37A2512345',
      description: '设备开机后主控板报过载故障，无法正常启动。',
      defectCategory: 'electrical',
      severity: 'normal',
    });
    f = await api('complaints.file', { id: created.id });
    const ref = () => ({ id: f.id, version: f.version });
    f = await api('complaints.classify', { ...ref(), classification: 'quality' });
    await as('sales_manager');
    f = await api('complaints.transition', { ...ref(), action: 'accept', reason: null });
    await as('production_technology');
    f = await api('complaints.saveInvestigation', { ...ref(), method: 'free', cause: '主控板电容批次不良', countermeasures: '上门更换主控板' });
    f = await api('complaints.saveOptions', { ...ref(), options: [{ kind: 'repair', description: '上门更换主控板', estimatedCost: 180_000, payer: 'company' }] });
    f = await api('complaints.transition', { ...ref(), action: 'submit_for_decision', reason: null });
    await as('sales_manager');
    f = await api('complaints.transition', { ...ref(), action: 'decide', optionIndex: 0, reason: '同意上门维修' });
    expect(f.state).toBe('in_service');
    await as('production_after_sales');

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: TZ, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await printer?.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Types a date and time into an antd DatePicker and confirms it. */
  async function typeDate(selector: string, value: string) {
    const input = page.locator(selector);
    await input.click();
    await input.press('Control+A');
    await input.fill(value);
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe(value);
  }

  const fmt = (d: Date) => `${calendarDateOf(d, TZ)} ${new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d)}`;
  // The visit really happened this morning: three hours ago to one hour ago, to the five minutes.
  const five = (ms: number) => new Date(Math.floor(ms / 300_000) * 300_000);
  const arrived = five(Date.now() - 3 * 3_600_000);
  const left = five(Date.now() - 3_600_000);

  it('plans a visit and reports it from the case page', async () => {
    await page.goto(`${host.url}#/complaints/${f.id}`);
    await page.locator('#section-service').waitFor();
    await page.locator('#visit-plan').click();
    await page.locator('#visit_summary').fill('上门更换主控板并试机');
    await page.locator('#visit_engineerIds').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '刘洋' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '赵强' }).click();
    await page.keyboard.press('Escape');
    await page.locator('#visit_travelFrom').fill('杭州');
    await page.locator('#visit_travelTo').fill('苏州');
    await page.waitForTimeout(300);
    await shot('visits-plan-dialog');
    await page.locator('#visit-save').click();
    await page.locator('#visit-save').waitFor({ state: 'detached' });

    const [planned] = await api('service.forCase', { id: f.id });
    expect(planned).toMatchObject({ mode: 'onsite_visit', state: 'planned', travelTo: '苏州' });
    expect(planned!.engineers.map((e) => e.name).sort()).toEqual(['刘洋', '赵强'].sort());
    await page.getByTestId(`visit-row-${planned!.id}`).waitFor();

    await page.getByTestId(`visit-report-${planned!.id}`).click();
    await typeDate('#visit_actualStart', fmt(arrived));
    await typeDate('#visit_actualEnd', fmt(left));
    await page.locator('#visit_workDone').fill('更换主控板，试机运行两小时正常，已向客户说明保养要点。');
    await page.locator('#visit_travelCost').fill('860');
    await page.locator('#visit_accommodationCost').fill('320.50');
    await page.locator('#visit_allowanceCost').fill('200');
    await page.locator('#visit_customerSignoff').fill('王伟');
    await page.locator('#visit-save').click();
    await page.locator('#visit-save').waitFor({ state: 'detached' });

    const [done] = await api('service.forCase', { id: f.id });
    expect(done).toMatchObject({ state: 'done', result: 'resolved', travelCost: 86_000, accommodationCost: 32_050, allowanceCost: 20_000, customerSignoff: '王伟' });
    expect(done!.actualStart).toBe(arrived.toISOString());
    const costs = await api('costs.forCase', { id: f.id });
    expect(costs.map((c) => [c.costType, c.amount, c.state])).toEqual([
      ['travel', 86_000, 'pending'],
      ['accommodation', 32_050, 'pending'],
      ['allowance', 20_000, 'pending'],
    ]);
    await expect.poll(() => page.getByTestId(`visit-row-${done!.id}`).innerText()).toContain('已完成');
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 5_000 }).toBe(0);
    await shot('visits-section');
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows the visit on the field calendar, with an engineer booked twice in red', async () => {
    // Another visit for 刘洋 overlapping the one just reported.
    const cur = await api('complaints.file', { id: f.id });
    await api('service.save', {
      id: f.id,
      version: cur.version,
      actionId: null,
      mode: 'onsite_training',
      state: 'planned',
      summary: '现场操作培训',
      plannedStart: new Date(arrived.getTime() + 3_600_000).toISOString(),
      plannedEnd: new Date(left.getTime() + 3_600_000).toISOString(),
      engineerIds: [people.production_after_sales!],
    });
    await page.goto(`${host.url}#/field-calendar`);
    await page.getByTestId('fc-grid').waitFor();
    // Early on a Monday the visit may have been last week.
    if (mondayOf(calendarDateOf(arrived, TZ)) !== mondayOf(calendarDateOf(new Date(), TZ))) await page.getByTestId('fc-prev').click();
    await expect.poll(() => page.getByTestId('fc-conflicts').innerText()).toContain('1 处时间冲突');
    const row = page.getByTestId(`fc-row-${people.production_after_sales}`);
    await expect.poll(() => row.locator('[data-conflict="1"]').count()).toBeGreaterThanOrEqual(2);
    const other = page.getByTestId(`fc-row-${people.second}`);
    await expect.poll(() => other.locator('[data-conflict="0"]').count()).toBeGreaterThanOrEqual(1);
    expect(await other.innerText()).toContain(f.trackingNo);
    await shot('visits-field-calendar');
    // A card opens its case.
    await other.locator('.fc-card').first().click();
    await page.getByTestId('case-tracking-no').waitFor();
    expect(page.url()).toContain(`#/complaints/${f.id}`);
  }, 120_000);

  it('prints the visit report: the page in Chinese, and its PDF read back', async () => {
    const [done] = await api('service.forCase', { id: f.id });
    await page.getByTestId(`visit-print-${done!.id}`).hover();
    await page.getByTestId(`visit-print-${done!.id}-zh-CN`).click();
    await page.locator('html[data-print-state="ready"]').waitFor({ state: 'attached', timeout: 15_000 });
    const sheet = await page.getByTestId('visit-report').innerText();
    for (const s of ['售后服务报告', f.trackingNo, '苏州恒达机械有限公司', 'SA37A2512345', '刘洋', '更换主控板', '¥860.00', '¥1,380.50', '客户签收人：王伟']) {
      expect(sheet).toContain(s);
    }
    await page.screenshot({ path: join(SHOTS, 'visits-report-page.png'), fullPage: true });

    const zh = await api('print.visitReportPdf', { actionId: done!.id, lang: 'zh-CN' });
    expect(zh.fileName).toBe(`服务报告-${f.trackingNo}-${done!.id}.pdf`);
    const pdf = join(dataDir, 'visit-report.pdf');
    writeFileSync(pdf, Buffer.from(zh.data, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const s of ['售后服务报告', f.trackingNo, '苏州恒达机械有限公司', '上门服务', '已解决', '本次服务未使用备件', '服务人员签字', '客户签字']) {
      expect(text).toContain(s);
    }
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\b/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(SHOTS, 'visits-report-pdf')]);

    const en = await api('print.visitReportPdf', { actionId: done!.id, lang: 'en' });
    const enPdf = join(dataDir, 'visit-report-en.pdf');
    writeFileSync(enPdf, Buffer.from(en.data, 'base64'));
    const enText = execFileSync('pdftotext', ['-layout', enPdf, '-'], { encoding: 'utf8' });
    expect(enText).toContain('After-Sales Service Visit Report');
    expect(enText).toContain('Resolved');
    expect(errors).toEqual([]);
  }, 120_000);
});
