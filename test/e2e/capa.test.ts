import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capa } from '../../src/shared/analysis';
import { startE2E, type E2E } from './harness';
import { switchTo } from './lifecycle-steps';

/**
 * Issue 7, seed 001: a Pareto bar (electrical defects this year) becomes a corrective action; an
 * action is planned with its owner and due date, a case linked by its tracking number, and the CAPA
 * is in the list; the case page shows it and offers a CAPA of its own; the work is started, done,
 * and the sales manager records the effectiveness check.
 */

const BAR = { dimension: 'defect_category', key: 'electrical', label: 'electrical', from: '2026-01-01', to: '2026-11-30', count: 2 };

/** Types a date into an antd DatePicker and confirms it. */
async function pickDate(page: Page, selector: string, date: string) {
  await page.locator(selector).click();
  await page.locator(selector).fill(date);
  await page.locator(selector).press('Enter');
}

describe('a corrective action from a Pareto bar', { timeout: 120_000 }, () => {
  let e: E2E;
  const ids = new Map<string, number>();
  const cases: Array<{ id: number; trackingNo: string }> = [];

  beforeAll(async () => {
    e = await startE2E({ locale: 'zh-CN' });
    e.page.setDefaultTimeout(20_000);
    const call = async (method: string, input: unknown) => {
      const r = await e.app.dispatch(method as never, input as never);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as { id: number; version: number; trackingNo: string };
    };
    await call('app.startEmpty', {});
    for (const [name, role] of [
      ['王强', 'production_technology'],
      ['赵敏', 'sales_manager'],
      ['李娜', 'sales_admin'],
    ] as const) {
      ids.set(name, (await call('users.create', { name, role })).id);
    }
    await call('session.switch', { userId: ids.get('李娜') });
    for (const [customer, serial] of [
      ['苏州恒达机械有限公司', 'SA37A2512345'],
      ['无锡华光精密制造有限公司', 'SA37A2512399'],
    ]) {
      const c = await call('complaints.create', {
        receivedAt: new Date(Date.now() - 3600_000).toISOString(),
        channel: 'phone',
        newCustomer: { name: customer, region: '江苏' },
        contactName: '王工',
        contactPhone: '0512-6688 1234',
        productModel: 'SA-37A',
        serialNo: serial,
        description: '设备开机后主控板报过载故障，无法正常启动。',
        defectCategory: 'electrical',
        severity: 'normal',
      });
      cases.push({ id: c.id, trackingNo: c.trackingNo });
    }
    await e.page.goto(e.host.url);
  });
  afterAll(async () => {
    await e?.close();
  });

  it('opens the new-CAPA dialog prefilled from the bar, creates it, plans an action, links a case, and lists it', async () => {
    const { page } = e;
    await page.locator('#profile-switch').waitFor();
    await switchTo(page, ids.get('王强')!, '王强', false);
    await page.goto(`${e.host.origin}/#/capa?new=${encodeURIComponent(JSON.stringify(BAR))}`);
    const modal = page.locator('.ant-modal').filter({ hasText: '新建 CAPA' });
    await expect.poll(() => page.locator('#capa-title').inputValue()).toBe('缺陷类别：电气 (2026-01-01 – 2026-11-30)');
    expect(await page.locator('#capa-problem').inputValue()).toContain('受理 2 起');
    await page.locator('#capa-owner').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '王强' }).click();
    await pickDate(page, '#capa-dueOn', '2026-12-31');
    await e.shot('issue7-capa-01-create-from-pareto');
    await modal.locator('#capa-create-ok').click();

    const drawer = page.getByTestId('capa-drawer');
    await drawer.waitFor();
    const no = await page.getByTestId('capa-drawer-no').innerText();
    expect(no).toMatch(/^CAPA-\d{4}-001$/);
    expect(await drawer.innerText()).toContain('缺陷类别：电气');

    // An action: what, who (defaults to the CAPA's owner), by when (defaults to its due date).
    await page.locator('#capa-add-action').click();
    await drawer.getByTestId('capa-action-description-0').fill('更换电容供应商，来料做 85 ℃ 高温老化抽检');
    // A case by its tracking number; an unknown number says so.
    await page.locator('#capa-case-no').fill('CC-000000-9999');
    await page.locator('#capa-case-add').click();
    await expect.poll(() => drawer.innerText()).toContain('没有跟踪号为 CC-000000-9999 的案件');
    await page.locator('#capa-case-no').fill(cases[0]!.trackingNo);
    await page.locator('#capa-case-add').click();
    await expect.poll(() => page.getByTestId('capa-cases').innerText()).toContain(cases[0]!.trackingNo);
    await page.locator('#capa-save').click();
    await expect.poll(() => page.locator('#capa-save').isDisabled()).toBe(true);
    await e.shot('issue7-capa-02-drawer-action-case');

    const saved = await e.app.dispatch('capa.list', { q: no });
    if (!saved.ok) throw new Error(saved.error.message);
    const capa = (saved.value as { rows: Capa[] }).rows[0]!;
    expect(capa.actions).toMatchObject([{ description: '更换电容供应商，来料做 85 ℃ 高温老化抽检', ownerName: '王强', dueOn: '2026-12-31', state: 'open' }]);
    expect(capa.trackingNos).toEqual([cases[0]!.trackingNo]);
    expect(capa.source).toMatchObject({ dimension: 'defect_category', key: 'electrical' });

    // Back to the list: the CAPA with its action count and the linked case.
    await page.locator('.ant-drawer-close').click();
    await expect.poll(() => page.getByTestId('capa-drawer').count()).toBe(0);
    const row = page.locator('.ant-table-row').filter({ hasText: no });
    await expect.poll(() => row.innerText()).toContain('0 / 1');
    expect(await row.innerText()).toContain(cases[0]!.trackingNo);
    expect(await row.innerText()).toContain('待处理');
    await e.shot('issue7-capa-03-list');
    expect(e.errors).toEqual([]);
  });

  it('shows the CAPA on the linked case, offers one from the case, and goes through the work to the effectiveness check', async () => {
    const { page } = e;
    await page.goto(`${e.host.origin}/#/complaints/${cases[0]!.id}`);
    const section = page.locator('#section-capa');
    await expect.poll(() => section.innerText()).toContain('CAPA-');
    await section.scrollIntoViewIfNeeded();
    // The case's timeline says it was linked.
    await expect.poll(() => page.locator('.case-side').innerText()).toMatch(/CAPA-\d{4}-001/);
    await section.locator('#case-capa-create').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新建 CAPA' });
    await expect.poll(() => modal.getByTestId('capa-create-case').innerText()).toBe(cases[0]!.trackingNo);
    expect(await page.locator('#capa-problem').inputValue()).toContain('主控板报过载故障');
    await page.waitForTimeout(400); // the dialog's opening animation, for the screenshot
    await e.shot('issue7-capa-04-case-section-create');
    await modal.getByRole('button', { name: /取\s*消/ }).click();

    // Into the CAPA from the case; start, finish the action with the root cause, submit for the check.
    await section.locator('a').first().click();
    const drawer = page.getByTestId('capa-drawer');
    await drawer.waitFor();
    await page.getByTestId('capa-step-start').click();
    await page.locator('#capa-step-ok').click();
    // The step's dialog closes before the next step's opens: its OK is not clicked again.
    await page.locator('#capa-step-ok').waitFor({ state: 'detached' });
    await expect.poll(() => drawer.page().getByTestId('capa-state').first().innerText()).toBe('整改中');
    await page.locator('#capa-edit-rootCause').fill('主控板电容批次耐温不足，高温工况下容量衰减导致过载误报');
    await drawer.getByTestId('capa-action-done-0').check();
    await page.locator('#capa-save').click();
    await expect.poll(() => page.locator('#capa-save').isDisabled()).toBe(true);
    await page.getByTestId('capa-step-to_check').click();
    await page.locator('#capa-step-ok').click();
    // The step's dialog closes before the next step's opens: its OK is not clicked again.
    await page.locator('#capa-step-ok').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.ant-drawer').getByTestId('capa-state').first().innerText()).toBe('有效性验证');
    // Production may not judge effectiveness: the button says who may.
    expect(await page.getByTestId('capa-step-close').isDisabled()).toBe(true);

    await page.locator('.ant-drawer-close').click();
    await expect.poll(() => page.getByTestId('capa-drawer').count()).toBe(0);
    await switchTo(page, ids.get('赵敏')!, '赵敏', false);
    await page.getByTestId('capa-page').waitFor();
    await page.locator('.ant-table-row').first().click();
    await page.getByTestId('capa-drawer').waitFor();
    await page.getByTestId('capa-step-close').click();
    await page.locator('#capa-effectiveness').getByText('有效', { exact: true }).click();
    await page.locator('#capa-step-note').fill('12 月至次年 2 月同型号无电气类投诉');
    await e.shot('issue7-capa-05-effectiveness-check');
    await page.locator('#capa-step-ok').click();
    // The step's dialog closes before the next step's opens: its OK is not clicked again.
    await page.locator('#capa-step-ok').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.ant-drawer').getByTestId('capa-state').first().innerText()).toBe('已关闭');
    await expect.poll(() => page.getByTestId('capa-drawer').innerText()).toContain('12 月至次年 2 月同型号无电气类投诉');
    await e.shot('issue7-capa-06-closed');
    expect(e.errors).toEqual([]);
  });

  it("opens an overdue CAPA from the sales manager's notification, with its drawer", async () => {
    const { page } = e;
    const dispatch = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await e.app.dispatch(method as never, input as never);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as T;
    };
    // Due yesterday in Shanghai: the scheduler's next pass finds it overdue and tells the sales manager.
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 86_400_000));
    await dispatch('session.switch', { userId: ids.get('王强') });
    const late = await dispatch<Capa>('capa.create', {
      kind: 'corrective',
      title: '来料检验规程修订',
      problem: '电容来料未做高温老化抽检',
      rootCause: null,
      ownerId: ids.get('王强'),
      dueOn: yesterday,
      effectivenessDueOn: null,
      actions: [],
      caseIds: [],
      source: null,
    });
    await dispatch('session.switch', { userId: ids.get('赵敏') });
    await e.app.scheduler.runOnce();

    await page.goto(`${e.host.origin}/#/complaints`);
    const bell = page.locator('#notification-bell');
    await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBeGreaterThan(0);
    await bell.click();
    const link = page.getByTestId('notification-drawer').getByTestId('notification-capa').filter({ hasText: late.capaNo });
    await link.click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/capa?id=${late.id}`);
    await expect.poll(() => page.getByTestId('capa-drawer-no').innerText()).toBe(late.capaNo);
    expect(e.errors).toEqual([]);
  });
});
