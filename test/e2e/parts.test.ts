import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/domain';
import type { Paged, Part } from '../../src/shared/service';
import { startE2E, type E2E } from './harness';
import { apiOf, bringIntoService, createPeople } from './case-in-service';
import { dialogShot, pageShot, switchTo } from './lifecycle-steps';

/**
 * Issue 5, spare parts: the production after-sales engineer creates a part, receives stock, uses it
 * on a case in service, sees the stock go down and the low-stock warning, and is refused an issue
 * beyond the stock with the way on.
 */

const PEOPLE: ReadonlyArray<readonly [string, Role]> = [
  ['李娜', 'sales_admin'],
  ['王强', 'sales_manager'],
  ['刘洋', 'production_after_sales'],
  ['孙涛', 'production_technology'],
];

describe('spare parts and stock', { timeout: 90_000 }, () => {
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
    // A case brought into service through the api, as the office would have done before.
    await as('李娜');
    const c = await bringIntoService(api, ids, {
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      customer: { name: '宁波恒远机械有限公司', region: '宁波' },
      contactName: '周工',
      contactPhone: '0574-8765 4321',
      productModel: 'SA-75B',
      serialNo: 'SA75B2409001',
      description: '主电机运行时异响，轴承部位温度偏高。',
      defectCategory: 'mechanical',
      severity: 'normal',
      investigation: { cause: '轴承装配预紧力不足', countermeasures: '更换轴承并调整预紧力' },
      option: { kind: 'repair', description: '上门更换轴承', estimatedCost: 120_000 },
      decision: '同意上门维修',
      by: { intake: '李娜', manager: '王强', investigator: '孙涛' },
    });
    caseId = c.id;
    trackingNo = c.trackingNo;
    await as('刘洋');
    await e.page.goto(e.host.url);
    await e.page.locator('#profile-switch').waitFor();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('creates a part and receives stock on the parts page', async () => {
    const { page } = e;
    await switchTo(page, ids.get('刘洋')!, '刘洋', false);
    await page.goto(`${e.host.origin}/#/parts`);
    await page.getByTestId('parts-page').waitFor();
    await page.locator('#part-new').click();
    await page.locator('#part_partNo').fill('brg-6205');
    await page.locator('#part_name').fill('轴承 深沟球 6205-2RS');
    await page.locator('#part_unitCost').fill('45.50');
    await page.locator('#part_reorderLevel').fill('2');
    await dialogShot(e, 'issue5-parts-01-new-part');
    await page.locator('#part-save').click();
    await page.getByTestId('part-row-BRG-6205').waitFor();
    // A new part has nothing on hand: it runs low at once.
    await expect.poll(() => page.getByTestId('parts-low-warning').innerText()).toContain('1 种备件库存不足');

    await page.getByTestId('part-move-BRG-6205').click();
    await page.locator('#stock-delta').fill('3');
    await page.locator('#stock-note').fill('采购入库 PO-2611-08');
    await expect.poll(() => page.getByTestId('stock-after').innerText()).toContain('3 个');
    await page.locator('#stock-save').click();
    await page.locator('#stock-save').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('part-row-BRG-6205').innerText()).toMatch(/¥45\.50[\s\S]*2[\s\S]*3/);
    await expect.poll(() => page.getByTestId('parts-low-warning').count()).toBe(0);

    // A second part, to show a short catalogue with a low one among them.
    await page.locator('#part-new').click();
    await page.locator('#part_partNo').fill('SEAL-50');
    await page.locator('#part_name').fill('密封圈 O型 Φ50 氟橡胶');
    await page.locator('#part_unitCost').fill('8');
    await page.locator('#part_reorderLevel').fill('10');
    await page.locator('#part-save').click();
    await page.getByTestId('part-row-SEAL-50').waitFor();
    // A duplicate part number is refused on its field.
    await page.locator('#part-new').click();
    await page.locator('#part_partNo').fill('Seal-50');
    await page.locator('#part_name').fill('密封圈 重复');
    await page.locator('#part_unitCost').fill('1');
    await page.locator('#part-save').click();
    await expect.poll(() => page.locator('.ant-modal .ant-form-item-explain-error').innerText()).toContain('料号 SEAL-50 已被“密封圈 O型 Φ50 氟橡胶”使用');
    await page.keyboard.press('Escape');
    await page.locator('#part-save').waitFor({ state: 'detached' });
    await pageShot(e, 'issue5-parts-02-catalogue');
  });

  it('uses the part on the case in service; an issue beyond the stock is refused with the way on', async () => {
    const { page } = e;
    await page.goto(`${e.host.origin}/#/complaints/${caseId}`);
    await page.getByTestId('case-tracking-no').waitFor();
    await page.locator('#case-part-add').click();
    await page.locator('#case-part-pick').click();
    await page.locator('#case-part-pick').fill('BRG');
    await expect.poll(() => page.getByTestId('pick-onhand-BRG-6205').innerText()).toBe('在库 3 个');
    // The option of that part, not whichever is first while the list is still being filtered.
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ has: page.getByTestId('pick-onhand-BRG-6205') }).click();
    await page.locator('#case-part-quantity').fill('2');
    await page.locator('#case-part-faulty').fill('B6205-OLD-0193');
    await page.locator('#case-part-replacement').fill('B6205-NEW-7781');
    await expect.poll(() => page.getByTestId('case-part-after').innerText()).toContain('1 个');
    await dialogShot(e, 'issue5-parts-03-add-to-case');
    await page.locator('#case-part-save').click();
    await page.locator('#case-part-save').waitFor({ state: 'detached' });
    const row = page.getByTestId('case-parts-table').locator('tbody tr.ant-table-row').first();
    await expect.poll(() => row.innerText()).toMatch(/BRG-6205[\s\S]*使用[\s\S]*2[\s\S]*B6205-OLD-0193\s*→ B6205-NEW-7781[\s\S]*¥91\.00/);

    // Five more: only one is on hand. The form warns; main refuses and says how to proceed.
    await page.locator('#case-part-add').click();
    await page.locator('#case-part-pick').click();
    await page.locator('#case-part-pick').fill('BRG');
    await expect.poll(() => page.getByTestId('pick-onhand-BRG-6205').innerText()).toBe('在库 1 个');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ has: page.getByTestId('pick-onhand-BRG-6205') }).click();
    await page.locator('#case-part-quantity').fill('5');
    await page.locator('#case-part-override').waitFor();
    await page.locator('#case-part-save').click();
    await expect
      .poll(() => page.getByTestId('case-part-refusal').innerText())
      .toContain('BRG-6205 轴承 深沟球 6205-2RS 在库仅 1 个，需要 5。请先入库，或填写原因后超库存出库。');
    await dialogShot(e, 'issue5-parts-04-refused');
    // Ticking the override asks for the reason.
    await page.locator('#case-part-override').check();
    await page.locator('#case-part-save').click();
    await expect.poll(() => page.locator('.ant-modal .ant-form-item-explain-error').first().innerText()).toBe('请说明原因');
    await page.keyboard.press('Escape');
    await page.locator('#case-part-save').waitFor({ state: 'detached' });
    expect(await page.getByTestId('case-parts-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await page.locator('#section-parts').scrollIntoViewIfNeeded();
    await pageShot(e, 'issue5-parts-05-case-section');

    const stock = await api<Paged<Part>>('parts.list', { q: 'BRG' });
    expect(stock.rows[0]).toMatchObject({ onHand: 1, low: true });
    const costs = await api<Array<{ costType: string; amount: number; source: string }>>('costs.forCase', { id: caseId });
    expect(costs).toEqual([expect.objectContaining({ costType: 'spare_parts', amount: 9_100, source: 'part' })]);
  });

  it('shows the stock gone down, the low-stock warning and the ledger with the case', async () => {
    const { page } = e;
    await page.goto(`${e.host.origin}/#/parts`);
    await expect.poll(() => page.getByTestId('parts-low-warning').innerText()).toContain('2 种备件库存不足');
    await expect.poll(() => page.getByTestId('part-low-BRG-6205').innerText()).toMatch(/不足\s*1/);
    await page.getByTestId('part-ledger-BRG-6205').click();
    const rows = page.getByTestId('ledger-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    await expect(rows.first().innerText()).resolves.toMatch(new RegExp(`案件领用[\\s\\S]*-2[\\s\\S]*1[\\s\\S]*${trackingNo}[\\s\\S]*刘洋`));
    await page.waitForTimeout(400);
    await e.shot('issue5-parts-06-ledger');
    await page.keyboard.press('Escape');
    await page.locator('#parts-low-only').click();
    await expect.poll(() => page.getByTestId('parts-table').locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(e.errors.filter((x) => x.startsWith('pageerror'))).toEqual([]);
  });
});
