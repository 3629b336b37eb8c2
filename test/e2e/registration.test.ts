import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';

/**
 * Issue 2, a person's path: first start with the demo office, register a complaint through the form,
 * find it with the quick search and with a column filter, open it, switch the language.
 */

async function pick(page: Page, fieldId: string, optionTitle: string): Promise<void> {
  await page.locator(`#${fieldId}`).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${optionTitle}"]`).click();
}

describe('registering a complaint and finding it on the tracking table', () => {
  let e: E2E;
  const serial = 'E2E-SN-20261125';
  let trackingNo = '';

  beforeAll(async () => {
    e = await startE2E({ locale: 'zh-CN' });
    await e.page.goto(e.host.url);
  });
  afterAll(async () => {
    await e?.close();
  });

  it('offers the demo office on first start and shows it on the tracking table', async () => {
    const { page } = e;
    await page.locator('#welcome-load-demo').click();
    await expect.poll(() => page.getByTestId('tracking-count').innerText(), { timeout: 30_000 }).toMatch(/共 3,?000 条/);
    await expect.poll(() => page.locator('.ag-row').count()).toBeGreaterThan(10);
    await expect(page.locator('.ag-header-cell[col-id="trackingNo"]').innerText()).resolves.toContain('跟踪编号');
    await e.shot('issue2-01-tracking-table-zh');
  });

  it('registers a complaint through the form and gives it the next tracking number', async () => {
    const { page } = e;
    await page.getByRole('button', { name: /登记投诉/ }).click();
    await page.locator('#register_description').waitFor();
    await pick(page, 'register_channel', '电话');
    await page.locator('#register_customerId').click();
    await page.locator('#register_customerId').fill('杭州测试精工有限公司');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="杭州测试精工有限公司"]').click();
    await page.locator('#register_contactName').fill('周工');
    await page.locator('#register_contactPhone').fill('0571-8888 6666');
    await page.locator('#register_productModel').fill('SA-55A');
    await page.locator('#register_serialNo').fill(serial);
    await page.locator('#register_description').fill('设备运行两小时后排气温度过高，自动停机。');
    await pick(page, 'register_defectCategory', '性能');
    await page.getByText('严重', { exact: true }).click();
    await e.shot('issue2-02-register-form-zh');
    await page.locator('#register-submit').click();

    const no = page.getByTestId('case-tracking-no');
    await no.waitFor({ timeout: 15_000 });
    trackingNo = (await no.innerText()).trim();
    expect(trackingNo).toMatch(/^CC-\d{6}-\d{4}$/);
    await expect(page.getByTestId('case-details').innerText()).resolves.toContain('杭州测试精工有限公司');
    await e.shot('issue2-03-case-page-zh');
    // The store holds what the person typed, under the number the page shows.
    const stored = await e.app.dispatch('complaints.page', { startRow: 0, endRow: 5, quickSearch: serial });
    expect(stored).toMatchObject({ ok: true, value: { rows: [{ trackingNo, severity: 'major', defectCategory: 'performance', channel: 'phone' }] } });
  });

  it('finds the case with the quick search', async () => {
    const { page } = e;
    await page.goto(`${e.host.origin}/#/complaints`);
    await page.locator('#tracking-search').fill(serial.toLowerCase());
    await expect.poll(() => page.getByTestId('tracking-count').innerText(), { timeout: 10_000 }).toMatch(/ 1 条/);
    await expect.poll(() => page.locator('.ag-row .ag-cell[col-id="trackingNo"]').first().innerText()).toBe(trackingNo);
    await e.shot('issue2-04-quick-search-zh');
  });

  it('finds the case with a column filter and opens it with a double-click', async () => {
    const { page } = e;
    await page.locator('#tracking-search').fill('');
    await expect.poll(() => page.getByTestId('tracking-count').innerText(), { timeout: 10_000 }).toMatch(/共 3,?001 条/);
    await page.locator('.ag-header-cell[col-id="customerName"] .ag-header-cell-filter-button, .ag-header-cell[col-id="customerName"] .ag-header-icon').first().click();
    const input = page.locator('.ag-filter input[type="text"]').first();
    await input.fill('测试精工');
    await expect.poll(() => page.getByTestId('tracking-count').innerText(), { timeout: 10_000 }).toMatch(/ 1 条/);
    await e.shot('issue2-05-column-filter-zh');
    await page.keyboard.press('Escape');
    await page.locator('.ag-row .ag-cell[col-id="trackingNo"]', { hasText: trackingNo }).dblclick();
    await expect.poll(() => page.getByTestId('case-tracking-no').innerText()).toBe(trackingNo);
  });

  it('switches the labels to English and back', async () => {
    const { page } = e;
    await page.goto(`${e.host.origin}/#/complaints`);
    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => page.locator('.ag-header-cell[col-id="trackingNo"]').innerText()).toContain('Tracking');
    await expect(page.getByRole('button', { name: /Register complaint/ }).count()).resolves.toBeGreaterThan(0);
    await e.shot('issue2-06-tracking-table-en');
    await page.getByText('中文', { exact: true }).click();
    await expect.poll(() => page.locator('.ag-header-cell[col-id="trackingNo"]').innerText()).toContain('跟踪编号');
    expect(e.errors).toEqual([]);
  });
});
