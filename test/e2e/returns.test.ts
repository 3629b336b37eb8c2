import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/domain';
import { startE2E, type E2E } from './harness';
import { apiOf, bringIntoService, createPeople } from './case-in-service';
import { dialogShot, pageShot, switchTo } from './lifecycle-steps';

/**
 * Issue 5, returns: sales administration asks for a return, the sales manager approves it (the RMA
 * number appears), production's after-sales team records shipment, receipt and inspection, and
 * only Finance may close the refund, whose cost line then shows in the case's cost lines; the
 * tracking table's "退货" column follows.
 */

const PEOPLE: ReadonlyArray<readonly [string, Role]> = [
  ['李娜', 'sales_admin'],
  ['王强', 'sales_manager'],
  ['刘洋', 'production_after_sales'],
  ['孙涛', 'production_technology'],
  ['吴芳', 'finance'],
];

describe('a return from request to refund', { timeout: 120_000 }, () => {
  let e: E2E;
  const ids = new Map<string, number>();
  let caseId = 0;
  let trackingNo = '';

  const api = apiOf(() => e.app);
  const as = (name: string) => api('session.switch', { userId: ids.get(name) });

  beforeAll(async () => {
    e = await startE2E({ locale: 'zh-CN' });
    e.page.setDefaultTimeout(20_000);
    await api('app.startEmpty', {});
    for (const [name, id] of await createPeople(api, PEOPLE)) ids.set(name, id);
    await as('李娜');
    const c = await bringIntoService(api, ids, {
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      customer: { name: '无锡华晟精密机械有限公司', region: '无锡' },
      contactName: '陈工',
      contactPhone: '0510-8123 4567',
      productModel: 'SA-37A',
      serialNo: 'SA37A2503088',
      description: '控制器反复报通讯故障，现场重启无效。',
      defectCategory: 'electrical',
      severity: 'major',
      investigation: { cause: '控制器通讯芯片批次不良', countermeasures: '退货检测，更换供应商批次' },
      option: { kind: 'replacement', description: '退货退款', estimatedCost: 350_000 },
      decision: '同意退货退款',
      by: { intake: '李娜', manager: '王强', investigator: '孙涛' },
    });
    caseId = c.id;
    trackingNo = c.trackingNo;
    await as('李娜');
    await e.page.goto(e.host.url);
    await e.page.locator('#profile-switch').waitFor();
  });
  afterAll(async () => {
    await e?.close();
  });

  const rmaNo = () => e.page.getByTestId('rma-no').first().innerText();
  const confirm = async () => {
    await e.page.locator('#rma-confirm').click();
    await e.page.locator('#rma-confirm').waitFor({ state: 'detached' });
  };

  it('is requested by sales administration and approved by the sales manager, who issues the RMA number', async () => {
    const { page } = e;
    await page.goto(`${e.host.origin}/#/complaints/${caseId}`);
    await page.getByTestId('case-tracking-no').waitFor();
    await expect.poll(() => page.locator('#section-returns').innerText()).toContain('本案没有退货');
    await page.locator('#rma-request').click();
    await page.locator('#rma-reason').fill('控制器通讯芯片损坏，客户要求退货退款。');
    await dialogShot(e, 'issue5-returns-01-request');
    await confirm();
    await expect.poll(rmaNo).toContain('批准后发放编号');
    // Sales administration may not approve: the button says who may.
    const approve = page.locator('[id^="rma-"][id$="-approve"]');
    await expect.poll(() => approve.isDisabled()).toBe(true);

    await switchTo(page, ids.get('王强')!, '王强');
    await expect.poll(() => approve.isDisabled()).toBe(false);
    await approve.click();
    await confirm();
    await expect.poll(rmaNo).toMatch(/^RMA-\d{6}-0001$/);
  });

  it('is shipped, received and inspected by production after-sales; only Finance closes the refund', async () => {
    const { page } = e;
    await switchTo(page, ids.get('刘洋')!, '刘洋');
    await page.locator('[id$="-ship"]').click();
    await page.locator('#rma-carrier').fill('顺丰速运');
    await page.locator('#rma-waybill').fill('SF1402236591');
    await confirm();
    await page.locator('[id^="rma-"][id$="-receive"]').click();
    await confirm();
    await page.locator('[id$="-inspect"]').click();
    await page.locator('#rma-inspection').fill('通讯芯片击穿，非人为损坏，无法经济修复。');
    // (The shared `pick` presses Escape first, which would close the dialog.)
    await page.locator('#rma-disposition').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="退款"]').click();
    await confirm();
    await expect.poll(() => page.getByTestId('rma-state-tag').first().innerText()).toBe('已检验');
    const close = page.locator('[id$="-close"]');
    await expect.poll(() => close.isDisabled()).toBe(true);
    await close.hover({ force: true });
    await expect.poll(() => page.locator('.ant-tooltip:visible').innerText()).toContain('退款的退货只能由财务关闭');

    await switchTo(page, ids.get('吴芳')!, '吴芳');
    await close.click();
    // The amount is refused until it is one.
    await page.locator('#rma-refund').fill('3500.505');
    await page.locator('#rma-confirm').click();
    await expect.poll(() => page.locator('.ant-modal .ant-form-item-explain-error').innerText()).toContain('最多两位小数');
    await page.locator('#rma-refund').fill('3500.50');
    await dialogShot(e, 'issue5-returns-02-close-refund');
    await confirm();
    await expect.poll(() => page.getByTestId('rma-state-tag').first().innerText()).toBe('已关闭');
    // The refund arrives on the case's cost lines by itself, waiting for Finance (issue 6's card).
    await expect.poll(() => page.getByTestId('case-cost-lines').innerText()).toMatch(/其他[\s\S]*退货[\s\S]*¥3,500\.50[\s\S]*待审核/);
    await expect.poll(() => page.getByTestId('cost-summary').innerText()).toContain('3,500.50');
    await expect.poll(() => page.locator('#section-returns').innerText()).toMatch(/顺丰速运[\s\S]*SF1402236591[\s\S]*¥3,500\.50/);
    await page.locator('#section-returns').scrollIntoViewIfNeeded();
    await pageShot(e, 'issue5-returns-03-case-page');
  });

  it('shows the return on the tracking table, filterable by its state', async () => {
    const { page } = e;
    await page.goto(`${e.host.origin}/#/complaints`);
    const row = page.locator(`.ag-row:has-text("${trackingNo}")`).first();
    await expect.poll(() => row.locator('[col-id="rmaState"]').innerText()).toBe('已关闭');
    await page.locator('.ag-header-cell[col-id="rmaState"]').scrollIntoViewIfNeeded();
    await e.shot('issue5-returns-04-tracking-table');
    expect(e.errors).toEqual([]);
  });
});
