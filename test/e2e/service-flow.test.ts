import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDateOf } from '../../src/shared/dates';
import type { Role } from '../../src/shared/domain';
import type { CasePart, CostLine, Paged, Part, ServiceAction } from '../../src/shared/service';
import * as step from './lifecycle-steps';
import * as flow from './service-flow-steps';
import { apiOf, bringIntoService, createPeople } from './case-in-service';

const { act, blockedReason, dialogShot, expectState, pageShot, pick, savePart, stored } = step;

/**
 * Issue 5 on screen, one case from service to closure (seed 001, seed 002 §2 and §7.2): production's
 * after-sales engineer receives a spare part into stock, plans an on-site visit, reports it with its
 * travel cost, records the part fitted on that visit and saves the visit report as a PDF (read back
 * with poppler); he records the customer's acceptance; sales administration cannot close before the
 * verification, verifies by phone, names the responsible department and closes the case, which the
 * tracking table then shows closed, with the visit's travel and the part among the case's costs.
 */

const PEOPLE: ReadonlyArray<readonly [string, Role]> = [
  ['李娜', 'sales_admin'],
  ['王强', 'sales_manager'],
  ['刘洋', 'production_after_sales'],
  ['孙涛', 'production_technology'],
];
const PART_NO = 'FAN-3512';
const PART_NAME = '冷却风扇 轴流 350mm 380V';
const CUSTOMER = '常州瑞丰精工机械有限公司';

describe('service work on one case: visit, part, report, acceptance, verification, closure', { timeout: 180_000 }, () => {
  let e: flow.PrintingE2E;
  const ids = new Map<string, number>();
  let caseId = 0;
  let trackingNo = '';
  let visitId = 0;

  const api = apiOf(() => e.app);
  const as = (name: string, onCase = true) => step.switchTo(e.page, ids.get(name)!, name, onCase);
  const openCase = async () => {
    await e.page.goto(`${e.host.origin}/#/complaints/${caseId}`);
    await e.page.getByTestId('case-tracking-no').waitFor();
  };

  // The visit took place after the decision (six hours ago, see the clock): planned for three and a
  // half hours, the engineer arrived a little late and left an hour ago.
  const plannedStart = flow.fiveMinutes(Date.now() - 4 * 3_600_000);
  const plannedEnd = flow.fiveMinutes(Date.now() - 30 * 60_000);
  const arrived = flow.fiveMinutes(Date.now() - 3.5 * 3_600_000);
  const left = flow.fiveMinutes(Date.now() - 3_600_000);

  // The office's clock: the early steps (through the api) were taken six hours ago; the screens are now.
  let clockShift = -6 * 3_600_000;

  beforeAll(async () => {
    e = await flow.startWithPrinter({ clock: () => new Date(Date.now() + clockShift) });
    e.page.setDefaultTimeout(30_000);
    await api('app.startEmpty', {});
    for (const [name, id] of await createPeople(api, PEOPLE)) ids.set(name, id);
    // The early steps as the office took them (issue 3's screens are tested elsewhere): a quality case
    // decided for a repair on site, in service.
    const switchApi = (name: string) => api('session.switch', { userId: ids.get(name) });
    const c = await bringIntoService(api, ids, {
      receivedAt: new Date(Date.now() - 7 * 3_600_000).toISOString(),
      customer: { name: CUSTOMER, region: '常州' },
      contactName: '周建明',
      contactPhone: '0519-8577 2310',
      productModel: 'SA-55A',
      serialNo: 'SA55A2404117',
      description: '空压机运行一小时后排气温度过高报警停机，冷却风扇转动时有异响。',
      defectCategory: 'mechanical',
      severity: 'normal',
      investigation: { cause: '冷却风扇轴承磨损，风量不足导致排气温度过高', countermeasures: '上门更换冷却风扇；风扇供应商增加轴承寿命抽检' },
      option: { kind: 'repair', description: '派工程师上门更换冷却风扇', estimatedCost: 150_000 },
      decision: '同意上门更换风扇',
      by: { intake: '李娜', manager: '王强', investigator: '孙涛' },
    });
    caseId = c.id;
    trackingNo = c.trackingNo;
    // The part is in the catalogue, with nothing on hand yet.
    await switchApi('刘洋');
    await api('parts.save', { partId: null, version: null, partNo: PART_NO, name: PART_NAME, unit: '台', unitCost: 126_000, reorderLevel: 1, active: true });
    clockShift = 0;
    await e.page.goto(e.host.url);
    await e.page.locator('#profile-switch').waitFor();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('the engineer receives the fan into stock on the parts page', async () => {
    const { page } = e;
    await as('刘洋', false);
    await page.goto(`${e.host.origin}/#/parts`);
    await page.getByTestId('parts-page').waitFor();
    await expect.poll(() => page.getByTestId(`part-row-${PART_NO}`).innerText()).toContain(PART_NAME);
    await page.getByTestId(`part-move-${PART_NO}`).click();
    await page.locator('#stock-delta').fill('2');
    await page.locator('#stock-note').fill('采购入库 PO-2611-21');
    await expect.poll(() => page.getByTestId('stock-after').innerText()).toContain('2 台');
    await dialogShot(e, 'issue5-flow-01-receive-stock');
    await page.locator('#stock-save').click();
    await page.locator('#stock-save').waitFor({ state: 'detached' });
    await expect.poll(async () => (await api<Paged<Part>>('parts.list', { q: PART_NO })).rows[0]?.onHand).toBe(2);
    await expect.poll(() => page.getByTestId('parts-low-warning').count()).toBe(0);
    await pageShot(e, 'issue5-flow-02-parts-page');
  });

  it('plans an on-site visit with the production after-sales engineer and reports it with the travel cost', async () => {
    const { page } = e;
    await openCase();
    await expectState(page, '服务中');
    await page.locator('#visit-plan').click();
    // On-site visit is the first choice of a plan.
    await expect.poll(() => page.locator('form#visit label.ant-radio-button-wrapper-checked').innerText()).toBe('上门服务');
    await page.locator('#visit_summary').fill('上门更换冷却风扇并试机');
    await page.locator('#visit_engineerIds').click();
    // Production's after-sales staff are offered first (seed 002 §7.2).
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().innerText()).toBe('刘洋（生产部售后）');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '刘洋' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await flow.typeDate(page, '#visit_plannedStart', flow.pickerText(plannedStart));
    await flow.typeDate(page, '#visit_plannedEnd', flow.pickerText(plannedEnd));
    await page.locator('#visit_travelFrom').fill('杭州');
    await page.locator('#visit_travelTo').fill('常州');
    await dialogShot(e, 'issue5-flow-03-plan-visit');
    await page.locator('#visit-save').click();
    await page.locator('#visit-save').waitFor({ state: 'detached' });

    const [planned] = await api<ServiceAction[]>('service.forCase', { id: caseId });
    expect(planned).toMatchObject({ mode: 'onsite_visit', state: 'planned', travelFrom: '杭州', travelTo: '常州', plannedStart: plannedStart.toISOString() });
    expect(planned!.engineers.map((x) => x.name)).toEqual(['刘洋']);
    visitId = planned!.id;
    const row = page.getByTestId(`visit-row-${visitId}`);
    await expect.poll(() => row.innerText()).toMatch(/上门服务[\s\S]*已计划[\s\S]*刘洋/);

    await page.getByTestId(`visit-report-${visitId}`).click();
    await flow.typeDate(page, '#visit_actualStart', flow.pickerText(arrived));
    await flow.typeDate(page, '#visit_actualEnd', flow.pickerText(left));
    await page.locator('#visit_workDone').fill('拆下磨损的冷却风扇，更换新风扇；清理冷却器，试机两小时排气温度稳定在 86 ℃。');
    await page.locator('form#visit label:has(input[value="resolved"])').click();
    await page.locator('#visit_travelCost').fill('650');
    await page.locator('#visit_customerSignoff').fill('周建明');
    await dialogShot(e, 'issue5-flow-04-report-visit');
    await page.locator('#visit-save').click();
    await page.locator('#visit-save').waitFor({ state: 'detached' });

    await expect.poll(() => row.innerText()).toMatch(/已完成[\s\S]*已解决[\s\S]*¥650\.00/);
    const [done] = await api<ServiceAction[]>('service.forCase', { id: caseId });
    expect(done).toMatchObject({ state: 'done', result: 'resolved', travelCost: 65_000, customerSignoff: '周建明', actualStart: arrived.toISOString(), actualEnd: left.toISOString() });
  });

  it('records the fan fitted on that visit, from stock', async () => {
    const { page } = e;
    await page.locator('#case-part-add').click();
    await page.locator('#case-part-pick').click();
    await page.locator('#case-part-pick').fill('FAN');
    await expect.poll(() => page.getByTestId(`pick-onhand-${PART_NO}`).innerText()).toBe('在库 2 台');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: PART_NO }).click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await page.locator('#case-part-quantity').fill('1');
    await page.locator('#case-part-faulty').fill('FN35-2309-0412');
    await page.locator('#case-part-replacement').fill('FN35-2610-1187');
    await expect.poll(() => page.getByTestId('case-part-after').innerText()).toContain('1 台');
    // The visit it was fitted on.
    await page.locator('#case-part_actionId').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '上门更换冷却风扇并试机' }).click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await dialogShot(e, 'issue5-flow-05-part-on-visit');
    await page.locator('#case-part-save').click();
    await page.locator('#case-part-save').waitFor({ state: 'detached' });

    const row = page.getByTestId('case-parts-table').locator('tbody tr.ant-table-row').first();
    await expect.poll(() => row.innerText()).toMatch(new RegExp(`${PART_NO}[\\s\\S]*使用[\\s\\S]*1[\\s\\S]*FN35-2309-0412[\\s\\S]*FN35-2610-1187[\\s\\S]*上门更换冷却风扇并试机[\\s\\S]*¥1,260\\.00`));
    const lines = await api<CasePart[]>('parts.forCase', { id: caseId });
    expect(lines).toMatchObject([{ partNo: PART_NO, usage: 'used', quantity: 1, fromStock: true, actionId: visitId }]);
    expect((await api<Paged<Part>>('parts.list', { q: PART_NO })).rows[0]).toMatchObject({ onHand: 1 });
    await page.locator('#section-service').scrollIntoViewIfNeeded();
    await pageShot(e, 'issue5-flow-06-case-visit-and-part');
  });

  it('saves the visit report as a PDF from the report page, and poppler reads it back', async () => {
    const { page } = e;
    await page.getByTestId(`visit-print-${visitId}`).hover();
    await page.getByTestId(`visit-print-${visitId}-zh-CN`).click();
    await page.locator('html[data-print-state="ready"]').waitFor({ state: 'attached' });
    const sheet = page.getByTestId('visit-report');
    await expect.poll(() => sheet.innerText()).toContain(PART_NAME);
    for (const s of ['售后服务报告', trackingNo, CUSTOMER, '刘洋', PART_NO, 'FN35-2610-1187', '¥650.00', '客户签收人：周建明']) {
      expect(await sheet.innerText()).toContain(s);
    }
    await e.shot('issue5-flow-07-report-page');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByTestId('vr-save-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`服务报告-${trackingNo}-${visitId}.pdf`);
    await expect.poll(() => page.locator('.ant-message-notice').last().innerText()).toContain(`已保存 服务报告-${trackingNo}`);
    const pdf = join(e.dataDir, download.suggestedFilename());
    await download.saveAs(pdf);
    const text = flow.pdfText(pdf);
    for (const s of ['售后服务报告', trackingNo, CUSTOMER, '刘洋', PART_NO, PART_NAME, 'FN35-2309-0412', '上门服务', '已解决', '杭州 → 常州', '拆下磨损的冷却风扇', '服务人员签字', '客户签字']) {
      expect(text).toContain(s);
    }
    expect(flow.pdfPages(pdf)).toBe(1);
    flow.pdfFirstPagePng(pdf, 'issue5-flow-08-report-pdf');

    await page.getByRole('link', { name: '返回案件' }).click();
    await page.getByTestId('case-tracking-no').waitFor();
  });

  it('the engineer records the customer’s acceptance; closing now is refused until the verification', async () => {
    const { page } = e;
    await page.locator('#acceptance-edit').click();
    await page.locator('#acceptance_acceptedBy').fill('周建明');
    await flow.typeDate(page, '#acceptance_acceptedOn', calendarDateOf(left, flow.TZ), '#acceptance_note');
    await page.locator('#acceptance_note').fill('风扇更换后试机正常，客户签收服务报告。');
    await savePart(page, 'acceptance');
    await expect.poll(() => page.getByTestId('acceptance-view').innerText()).toMatch(/周建明[\s\S]*\d{4}-\d{2}-\d{2}/);
    await act(page, 'record_acceptance');
    await expectState(page, '待回访验证');

    await as('李娜');
    // Too early: the screen offers only the verification, and main refuses closing whatever it shows.
    await expect.poll(() => page.locator('[data-testid="action-bar"] button').evaluateAll((bs) => bs.map((b) => b.id))).toEqual(['action-verify']);
    await expect.poll(() => page.getByTestId('next-step-hint').innerText()).toContain('请先通过电话或邮件回访客户并记录结果');
    expect(await step.refusedCodes(e, caseId, 'close')).toEqual(['wrong_state']);
    await pageShot(e, 'issue5-flow-09-accepted-awaiting-verification');
  });

  it('sales administration verifies by phone (satisfaction 4), names the responsible department and closes', async () => {
    const { page } = e;
    await page.locator('#verification-edit').click();
    await page.locator('form#verification label:has(input[value="phone"])').click();
    await page.locator('form#verification .ant-rate-star').nth(3).click();
    await page.locator('#verification_note').fill('电话回访周建明：设备运行正常，排气温度未再报警。');
    await savePart(page, 'verification');
    await act(page, 'verify');
    await expectState(page, '已验证');
    expect((await stored(e, caseId)).verifications).toMatchObject([{ channel: 'phone', resolved: true, satisfaction: 4 }]);

    // Still too early for a quality case: the responsibility is not named yet.
    await page.locator('.case-action-wrap:has(#action-close)').hover();
    await page.locator('.ant-tooltip:visible').first().waitFor();
    await e.shot('issue5-flow-10-close-needs-responsibility');
    expect(await blockedReason(page, 'close')).toContain('请先确定责任部门或责任人');
    await page.locator('#responsibility-edit').click();
    await pick(page, '#responsibility_entries_0_departmentId', '生产部');
    await page.locator('#responsibility_entries_0_share').fill('100');
    await expect.poll(() => page.getByTestId('responsibility-total').innerText()).toBe('合计 100 %');
    await savePart(page, 'responsibility');
    await act(page, 'close');
    await expectState(page, '已结案');

    // The case's costs: the visit's travel and the fan, each from its record, without a second entry.
    const costs = await api<CostLine[]>('costs.forCase', { id: caseId });
    expect(costs.map((c) => [c.costType, c.amount, c.source]).sort()).toEqual(
      [
        ['spare_parts', 126_000, 'part'],
        ['travel', 65_000, 'visit'],
      ].sort(),
    );
    const section = page.locator('#section-costs');
    await expect.poll(() => section.innerText()).toMatch(/差旅费[\s\S]*¥650\.00/);
    await expect.poll(() => section.innerText()).toMatch(/备件[\s\S]*¥1,260\.00/);
    await section.scrollIntoViewIfNeeded();
    await pageShot(e, 'issue5-flow-11-closed');
    const f = await stored(e, caseId);
    expect(f).toMatchObject({ state: 'closed', acceptance: { acceptedBy: '周建明', acceptedOn: calendarDateOf(left, flow.TZ) } });
  });

  it('shows the case closed on the tracking table', async () => {
    const { page } = e;
    await page.goto(`${e.host.origin}/#/complaints`);
    await expect.poll(() => flow.trackingCell(page, trackingNo, 'state')).toBe('已结案');
    await e.shot('issue5-flow-12-tracking-table');
    expect(e.errors).toEqual([]);
  });
});
