import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContract } from '../../src/shared/service';
import { startE2E, type E2E } from './harness';
import { switchTo } from './lifecycle-steps';

/**
 * Issue 5, seed 001: an out-of-warranty case asks for a service contract; sales administration
 * quotes it from the case, signs it with the customer, and the case is covered; Finance invoices it
 * from the contracts page.
 */

describe('a service contract from the case page', { timeout: 90_000 }, () => {
  let e: E2E;
  const ids = new Map<string, number>();
  let caseId = 0;

  beforeAll(async () => {
    e = await startE2E({ locale: 'zh-CN' });
    e.page.setDefaultTimeout(20_000);
    const call = async (method: string, input: unknown) => {
      const r = await e.app.dispatch(method as never, input as never);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as { id: number; version: number };
    };
    await call('app.startEmpty', {});
    for (const [name, role] of [['李娜', 'sales_admin'], ['吴芳', 'finance']] as const) ids.set(name, (await call('users.create', { name, role })).id);
    await call('session.switch', { userId: ids.get('李娜') });
    const c = await call('complaints.create', {
      receivedAt: new Date(Date.now() - 3600_000).toISOString(),
      channel: 'phone',
      newCustomer: { name: '宁波恒远机械有限公司', region: '宁波' },
      contactName: '周工',
      contactPhone: '0574-8765 4321',
      productModel: 'SA-75B',
      serialNo: 'SA75B2201234',
      description: '空压机排气温度高报警停机，已超过保修期。',
      defectCategory: 'mechanical',
      severity: 'normal',
    });
    caseId = c.id;
    await call('complaints.update', { id: c.id, version: c.version, patch: { installationDate: '2022-03-01' } });
    await e.page.goto(e.host.url);
  });
  afterAll(async () => {
    await e?.close();
  });

  it('shows the case out of warranty, quotes a contract prefilled from the case, signs it, and the case is covered', async () => {
    const { page } = e;
    await page.locator('#profile-switch').waitFor();
    await switchTo(page, ids.get('李娜')!, '李娜', false);
    await page.goto(`${e.host.origin}/#/complaints/${caseId}`);
    const section = page.getByTestId('contract-section');
    await expect.poll(() => section.getByTestId('contract-needed').innerText()).toContain('已过保');
    await section.scrollIntoViewIfNeeded();
    await e.shot('issue5-contract-01-needed');

    await section.locator('#contract-quote').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '服务合同报价' });
    await expect.poll(() => modal.innerText()).toContain('宁波恒远机械有限公司');
    expect(await modal.locator('.ant-select-selection-item, .ant-select-selection-overflow-item').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('SA75B2201234')]),
    );
    await page.locator('#contract-scope').fill('过保维修：更换排气温度传感器及冷却风扇，含上门人工');
    await page.locator('#contract-fee').fill('3800');
    await e.shot('issue5-contract-02-quote-form');
    await page.locator('#contract-quote-ok').click();
    await expect.poll(() => section.getByTestId('contract-state').first().innerText()).toBe('报价');
    await expect.poll(() => section.innerText()).toContain('¥3,800.00');
    await expect.poll(() => section.getByTestId('contract-needed').innerText()).toContain('尚待签订');

    const listed = await e.app.dispatch('contracts.forCase', { id: caseId });
    if (!listed.ok) throw new Error(listed.error.message);
    const contract = (listed.value as ServiceContract[])[0];
    expect(contract?.contractNo).toMatch(/^SC-\d{4}-\d{4}$/);
    await section.getByTestId(`contract-sign-${contract!.id}`).click();
    await page.locator('#contract-signedBy').fill('周工（设备部）');
    await page.locator('#contract-step-ok').click();
    await expect.poll(() => section.getByTestId('contract-state').first().innerText()).toBe('已签订');
    await expect.poll(() => section.getByTestId('warranty-status').innerText()).toBe('服务合同');
    await expect.poll(() => section.getByTestId('contract-covered').innerText()).toContain(contract!.contractNo);
    expect(await section.getByTestId('contract-needed').count()).toBe(0);
    // Sales administration may invoice too (with Finance).
    expect(await section.getByTestId(`contract-invoice-${contract!.id}`).isEnabled()).toBe(true);
    await e.shot('issue5-contract-03-signed-covered');
    expect(e.errors).toEqual([]);
  });

  it('Finance invoices it from the contracts page, searched by customer, and the link leads back to the case', async () => {
    const { page } = e;
    await switchTo(page, ids.get('吴芳')!, '吴芳', false);
    await page.goto(`${e.host.origin}/#/contracts`);
    await page.getByTestId('contracts-page').waitFor();
    await page.locator('#contracts-search').fill('恒远');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    const row = page.locator('.ant-table-row').first();
    // Finance may not cancel (a manager's step): the button is there, disabled.
    expect(await row.getByRole('button', { name: '取消' }).isDisabled()).toBe(true);
    await row.getByRole('button', { name: '开票' }).click();
    await page.locator('#contract-invoiceNo').fill('FP-2026-11-0088');
    await page.locator('#contract-step-ok').click();
    await expect.poll(() => row.getByTestId('contract-state').innerText()).toBe('已开票');
    await expect.poll(() => row.innerText()).toContain('FP-2026-11-0088');
    await page.locator('#contracts-search').fill('没有这个客户');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(0);
    await page.locator('#contracts-search').fill('');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    await e.shot('issue5-contract-04-contracts-page');
    await page.locator('.ant-table-row a').first().click();
    await page.getByTestId('case-tracking-no').waitFor();
    expect(e.errors).toEqual([]);
  });
});
