import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../src/shared/contract';
import type { CostLineDetail } from '../../src/shared/costs';
import type { CaseFile } from '../../src/shared/types';
import { apiOf, makePeople, registerCase, runQualityCase, type Api } from './feedback-form-case';
import { startE2E, type E2E } from './harness';
import { switchTo } from './lifecycle-steps';

/**
 * Issue 6 on screen: Finance vets the cost lines of a case (approves one, rejects one with a
 * comment), the amortisation view shows the split by the responsibility decision (66.67 % production,
 * 33.33 % a person; a case without a decision stays unallocated), a cell opens its entries, the
 * export opens as a valid xlsx, the case's feedback form carries its cost summary on A4, and a
 * closed month is marked. Everyone but Finance sees the vetting page read-only.
 */

type AddInput = Omit<MethodInput<'costs.add'>, 'id' | 'version'>;

const OUT = resolve('test-results');
const SHOTS = join(OUT, 'screenshots');
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const year = Number(today.slice(0, 4));
const month = Number(today.slice(5, 7));

describe('costs: vetting and amortisation on screen', { timeout: 120_000 }, () => {
  let e: E2E;
  let api: Api;
  let people: Record<string, number>;
  let financeId = 0;
  let quality: CaseFile;
  let early: CaseFile;
  let productionId = 0;
  const lines: Record<'travel' | 'hotel' | 'freight' | 'early', CostLineDetail> = {} as never;

  const asApi = (role: string) => api('session.switch', { userId: role === 'finance' ? financeId : people[role]! });
  const detail = async (id: number) => api('costs.caseDetail', { id });
  /** Screenshots once the screen is still: no table loading, no message toast, no dialog opening. */
  const shot = async (name: string) => {
    await expect.poll(() => e.page.locator('.ant-spin-spinning, .ant-message-notice').count(), { timeout: 8_000 }).toBe(0);
    await e.page.waitForTimeout(400);
    await e.shot(name);
  };

  beforeAll(async () => {
    e = await startE2E({ locale: 'zh-CN' });
    e.page.setDefaultTimeout(20_000);
    api = apiOf(e.app);
    await api('app.startEmpty', {});
    people = await makePeople(api);
    financeId = (await api('users.create', { name: '刘芳', role: 'finance' })).id;
    productionId = (await api('departments.list', {})).find((d) => d.code === 'production')!.id;

    // A quality case through to verification, its responsibility decided: 66.67 % production, 33.33 % 王海峰.
    quality = await runQualityCase(api, people, await registerCase(api, people, '杭州测试精工有限公司'));
    // A case just registered: no responsibility decision yet.
    early = await registerCase(api, people, '宁波新材料科技有限公司');

    await asApi('sales_admin');
    const receipt = quality.attachments.find((a) => a.purpose === 'receipt')!;
    const add = async (c: CaseFile, input: AddInput) => {
      const fresh = await api('complaints.file', { id: c.id });
      await api('costs.add', { id: c.id, version: fresh.version, ...input });
      const all = await detail(c.id);
      return all[all.length - 1]!;
    };
    const base = { incurredOn: today, currency: 'CNY', fxRate: null, payer: 'company' as const, receiptAttachmentId: null };
    lines.travel = await add(quality, { ...base, costType: 'travel', amount: 123450, description: '上门维修往返高铁及市内交通', receiptAttachmentId: receipt.id });
    lines.hotel = await add(quality, { ...base, costType: 'accommodation', amount: 68000, description: '杭州两晚住宿' });
    lines.freight = await add(quality, { ...base, costType: 'transport', amount: 10000, currency: 'USD', fxRate: '7.1234', description: '温控阀进口件空运费' });
    lines.early = await add(early, { ...base, costType: 'other', amount: 30000, description: '客户现场临时检测费' });
    expect(lines.freight.baseAmount).toBe(71234);

    // The early case's line is approved through the api: it has no decision, so it stays unallocated.
    await asApi('finance');
    await api('costs.vet', { lineId: lines.early.id, decision: 'approve', comment: null });

    await e.page.goto(e.host.url);
  });
  afterAll(async () => {
    await e?.close();
  });

  it('Finance approves one line and rejects another with a comment', async () => {
    const { page } = e;
    await page.locator('#profile-switch').waitFor();
    await switchTo(page, financeId, '刘芳', false);
    await page.goto(`${e.host.origin}/#/costs/vetting`);
    const table = page.getByTestId('vetting-table');
    await page.getByTestId(`cost-row-${lines.travel.id}`).waitFor();
    const text = await table.innerText();
    for (const s of [quality.trackingNo, '杭州测试精工有限公司', '¥1,234.50', '¥680.00', '¥712.34', '100.00 USD × 7.1234', '公司', '查看']) {
      expect(text, s).toContain(s);
    }
    await expect(page.getByTestId('vetting-read-only').count()).resolves.toBe(0);
    await shot('issue6-vetting-queue');

    await page.getByTestId(`cost-approve-${lines.travel.id}`).click();
    await page.locator('#vet_comment').fill('票据齐全，同意报销。');
    await page.locator('#vet-ok').click();
    await page.getByTestId(`cost-row-${lines.travel.id}`).waitFor({ state: 'detached' });
    // The approval's dialog is gone before the rejection's opens: its OK button is not the one clicked next.
    await page.locator('#vet-ok').waitFor({ state: 'detached' });

    await page.getByTestId(`cost-reject-${lines.hotel.id}`).click();
    await page.locator('#vet_comment').waitFor();
    // A rejection says why: the dialog stays open until it does. On a loaded machine a click can land
    // while the dialog is still opening and be lost: OK again (it writes nothing without a comment).
    for (let attempt = 0; ; attempt++) {
      await page.locator('#vet-ok').click();
      try {
        await expect.poll(() => page.locator('.ant-modal .ant-form-item-explain-error').innerText(), { timeout: 5_000 }).toContain('请说明原因');
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    await page.locator('#vet_comment').fill('住宿超出差旅标准，请按标准重新填报。');
    await shot('issue6-vetting-reject-dialog');
    await page.locator('#vet-ok').click();
    await page.getByTestId(`cost-row-${lines.hotel.id}`).waitFor({ state: 'detached' });

    const after = await detail(quality.id);
    const byId = new Map(after.map((l) => [l.id, l]));
    expect(byId.get(lines.travel.id)).toMatchObject({ state: 'approved', vettedBy: '刘芳', vetComment: '票据齐全，同意报销。', costClass: 'after_sales_expense' });
    expect(byId.get(lines.hotel.id)).toMatchObject({ state: 'rejected', vetComment: '住宿超出差旅标准，请按标准重新填报。' });
    expect(byId.get(lines.freight.id)!.state).toBe('pending');

    // All states: the approved line offers a reversal, the rejected one shows Finance's comment.
    await page.getByTestId('vetting-filter').getByText('全部').click();
    await page.getByTestId(`cost-reverse-${lines.travel.id}`).waitFor();
    await expect(page.getByTestId(`cost-state-${lines.hotel.id}`).innerText()).resolves.toBe('已驳回');
    await expect(page.getByTestId(`cost-row-${lines.hotel.id}`).innerText()).resolves.toContain('住宿超出差旅标准');
    await shot('issue6-vetting-all');
  });

  it('the amortisation view splits the approved cost by the responsibility decision', async () => {
    const { page } = e;
    await page.goto(`${e.host.origin}/#/costs/amortisation`);
    const cell = (key: string, m: number | 'total') => page.getByTestId(`pivot-cell-${key}-${m}`);
    await cell(String(productionId), month).waitFor();
    // 1,234.50 × 66.67 % and 33.33 % by largest remainder: 823.04 + 411.46, to the fen.
    await expect(cell(String(productionId), month).innerText()).resolves.toBe('823.04');
    await expect(cell('person:王海峰', month).innerText()).resolves.toBe('411.46');
    await expect(cell('unallocated', month).innerText()).resolves.toBe('300.00');
    await expect(page.getByTestId('pivot-grand-total').innerText()).resolves.toBe('1,534.50');
    const rows = await page.getByTestId('pivot-table').innerText();
    for (const s of ['生产部', '王海峰', '未分配', '合计']) expect(rows, s).toContain(s);
    await shot('issue6-amortisation-pivot');

    // Printed: the pivot alone on an A4 landscape sheet, without the app's frame.
    const printed = join(OUT, 'issue6-amortisation-print.pdf');
    await page.pdf({ path: printed, preferCSSPageSize: true, printBackground: true });
    const info = execFileSync('pdfinfo', [printed], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+84\d\.\d+ x 59\d\.\d+ pts/);
    expect(info).toMatch(/Pages:\s+1\n/);
    const printedText = execFileSync('pdftotext', ['-layout', printed, '-'], { encoding: 'utf8' });
    for (const s of ['费用分摊', '生产部', '823.04', '1,534.50']) expect(printedText, s).toContain(s);
    expect(printedText).not.toContain('客户投诉跟踪表');
    execFileSync('pdftoppm', ['-png', '-r', '60', printed, join(SHOTS, 'issue6-amortisation-print')]);

    await cell(String(productionId), month).click();
    const drawer = page.getByTestId('drill-table');
    await drawer.locator(`a[href="#/complaints/${quality.id}"]`).first().waitFor();
    const drill = await drawer.innerText();
    for (const s of [quality.trackingNo, '杭州测试精工有限公司', '差旅', '66.67 %', '823.04', '分摊']) expect(drill, s).toContain(s);
    await expect(page.getByTestId('drill-title').innerText()).resolves.toContain('生产部');
    await shot('issue6-amortisation-drawer');
    await page.locator('.ant-drawer-close').click();

    // By cost type: one row for travel and one for "other".
    await page.getByTestId('amort-tab-cost_type').click();
    await cell('travel', 'total').waitFor();
    await expect(cell('travel', 'total').innerText()).resolves.toBe('1,234.50');
    await expect(cell('other', 'total').innerText()).resolves.toBe('300.00');
    await page.getByTestId('amort-tab-department').click();
    await cell(String(productionId), month).waitFor();
  });

  it('exports the pivot as an xlsx that opens and holds the split', async () => {
    const { page } = e;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('amort-export').click()]);
    expect(download.suggestedFilename()).toBe(`amortisation-department-${year}.xlsx`);
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, `issue6-${download.suggestedFilename()}`);
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toHaveLength(14);
    expect(String(values(1)[month])).toContain(`${year}-${String(month).padStart(2, '0')}`);
    const body = Array.from({ length: ws.rowCount - 1 }, (_, i) => values(i + 2));
    const find = (label: string) => body.find((r) => String(r[0]).includes(label));
    expect(find('王海峰')![month]).toBe(411.46);
    expect(find('Unallocated')![month]).toBe(300);
    expect(find('Production')![13]).toBe(823.04);
    const total = body[body.length - 1]!;
    expect(String(total[0])).toContain('合计');
    expect(total[13]).toBe(1534.5);
    expect(ws.getRow(2).getCell(month + 1).numFmt).toBe('#,##0.00');
  });

  it("the case's feedback form carries its cost summary, on A4", async () => {
    const { page } = e;
    await page.goto(`${e.host.origin}/#/print/feedback-form/${quality.id}?lang=zh-CN`);
    await page.locator('html[data-print-state="ready"]').waitFor({ state: 'attached' });
    const section = page.getByTestId('ff-costs');
    await expect.poll(() => section.innerText()).toContain('¥1,234.50');
    const text = await section.innerText();
    for (const s of ['十一、服务费用', '差旅', '运输', '¥712.34', '公司', '另有 1 条被财务驳回']) expect(text, s).toContain(s);
    await expect(page.getByTestId('ff-costs-approved').innerText()).resolves.toBe('¥1,234.50');

    // The form with its costs stays within two A4 pages, in Chinese and in English (longer words).
    for (const lang of ['zh-CN', 'en'] as const) {
      if (lang === 'en') {
        await page.goto(`${e.host.origin}/#/print/feedback-form/${quality.id}?lang=en`);
        await page.locator('html[data-print-state="ready"]').waitFor({ state: 'attached' });
        await expect.poll(() => section.innerText()).toContain('Service costs');
      }
      const pdf = join(OUT, `issue6-feedback-form-costs-${lang}.pdf`);
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts/);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pages, lang).toBeLessThanOrEqual(2);
      expect(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })).toContain(lang === 'en' ? 'Service costs' : '服务费用');
      execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(SHOTS, `issue6-feedback-form-costs-${lang}`)]);
      expect(existsSync(join(SHOTS, `issue6-feedback-form-costs-${lang}-${pages}.png`))).toBe(true);
    }
  });

  it('Finance closes the month: final, and marked on the pivot', async () => {
    const { page } = e;
    const period = today.slice(0, 7);
    await page.goto(`${e.host.origin}/#/costs/vetting`);
    await page.getByRole('tab', { name: '会计期间' }).click();
    await page.getByTestId(`period-close-${period}`).click();
    await expect.poll(() => page.locator('.ant-modal-confirm').innerText()).toContain('不能撤销');
    await shot('issue6-period-close-confirm');
    await page.locator('#period-close-ok').click();
    await expect.poll(() => page.getByTestId(`period-${period}`).innerText()).toContain('已结账');
    expect((await api('periods.list', { year })).find((p) => p.period === period)!.closed).toBe(true);

    await page.goto(`${e.host.origin}/#/costs/amortisation`);
    await page.getByRole("columnheader").getByTestId(`pivot-closed-${month}`).first().waitFor();
    await expect(page.getByTestId(`pivot-cell-${productionId}-${month}`).innerText()).resolves.toBe('823.04');
  });

  it('others see the vetting page read-only', async () => {
    const { page } = e;
    await switchTo(page, people.sales_admin!, '张敏', false);
    await page.goto(`${e.host.origin}/#/costs/vetting`);
    await page.getByTestId('vetting-read-only').waitFor();
    await page.getByTestId(`cost-row-${lines.freight.id}`).waitFor();
    await expect(page.locator('[data-testid^="cost-approve-"]').count()).resolves.toBe(0);
    await shot('issue6-vetting-read-only');
    expect(e.errors.join('\n')).toBe('');
  });
});
