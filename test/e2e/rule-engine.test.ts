import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleDocument } from '../../src/shared/engine';
import { startE2E, type E2E } from './harness';
import { choose, daysAgo, history, MAJOR_OR_SAFETY_OPEN, registerSafetyCase, settle, switchToRole } from './rule-engine-steps';

/**
 * Issue 4 on screen: the administrator edits an escalation rule's conditions in the form, tries it
 * on the open cases (dry run), saves version 2 and finds it in the history; a malformed rule is
 * refused with the reason and the version in use stays; the business calendar shows Spring Festival
 * 2026 with its adjusted working days; a safety defect registered now shows its warranty sentence,
 * SLA clocks and the escalation to the chairman with the reason on the case page; the chairman's
 * bell counts it; the tracking table shows the SLA column and the management review view.
 */

describe('the rule engine on screen', { timeout: 90_000 }, () => {
  let e: E2E;
  let caseId = 0;
  let trackingNo = '';

  beforeAll(async () => {
    e = await startE2E({ locale: 'zh-CN' });
    e.page.setDefaultTimeout(20_000);
    await e.page.goto(e.host.url);
  });
  afterAll(async () => {
    await e?.close();
  });

  it('starts with the demo office', async () => {
    await e.page.locator('#welcome-load-demo').click();
    await expect.poll(() => e.page.getByTestId('tracking-count').innerText(), { timeout: 60_000 }).toMatch(/共 3,?000 条/);
    // The package knows holidays up to this year only: the administrator is told the coming year has none.
    const status = await e.app.dispatch('calendar.status', {});
    const missing = status.ok ? (status.value as { warning: { years: number[] } | null }).warning : null;
    if (missing) {
      await expect
        .poll(() => e.page.getByTestId('calendar-warning').innerText())
        .toContain(`缺少 ${missing.years.join('、')} 年的法定节假日数据`);
      await settle(e.page);
      await e.shot('issue4-00-tracking-calendar-warning-zh');
    }
  });

  it('edits a rule condition in the form, dry-runs it and saves version 2', async () => {
    const { page } = e;
    await page.getByRole('menuitem', { name: /设置/ }).click();
    await page.getByRole('tab', { name: '规则' }).click();
    const table = page.getByTestId('escalation-rules');
    await table.locator('.ant-table-row', { hasText: '安全缺陷' }).waitFor();
    await expect(table.innerText()).resolves.toContain('董事长');
    await settle(page);
    await e.shot('issue4-01-rules-list-zh');

    // "Major defect": severity equals major → severity is one of major, safety.
    await page.getByTestId('rule-edit-major-defect').click();
    await page.getByTestId('condition-editor').waitFor();
    await page.getByTestId('cond-0-op').click();
    await choose(page, '属于');
    await page.getByTestId('cond-0-value').locator('.ant-select').click();
    await choose(page, '安全');
    await page.keyboard.press('Escape');
    await page.locator('#cond-add-row').click();
    await page.getByTestId('cond-1-field').click();
    await page.keyboard.type('处理状态');
    await choose(page, '处理状态');
    await page.getByTestId('cond-1-op').click();
    await choose(page, '不等于');
    await page.getByTestId('cond-1-value').locator('.ant-select').click();
    await choose(page, '已结案');

    await page.locator('#rule-dry-run').click();
    const dry = page.getByTestId('dry-run-result');
    await expect.poll(() => dry.innerText(), { timeout: 30_000 }).toMatch(/将对 \d+ 件投诉触发/);
    const shown = Number(/将对 (\d+) 件/.exec(await dry.innerText())![1]);
    expect(shown).toBeGreaterThan(0);
    // The count is the api's: the same draft against the same open cases.
    const api = await e.app.dispatch('rules.dryRun', { kind: 'escalation', data: MAJOR_OR_SAFETY_OPEN });
    expect(api).toMatchObject({ ok: true, value: { wouldFire: shown } });
    await expect(dry.locator('[data-testid="case-link"]').count()).resolves.toBeGreaterThan(0);
    await settle(page);
    await e.shot('issue4-02-rule-form-dry-run-zh');

    await page.locator('#rule-save').click();
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain('已保存为第 2 版');
    await expect.poll(() => page.getByTestId('rule-version-of-major-defect').innerText()).toBe('v2');
    expect(await history(e, 'major-defect')).toEqual([2, 1]);

    await page.getByTestId('rule-history-major-defect').click();
    const drawer = page.getByTestId('rule-history-drawer');
    await drawer.getByTestId('rule-version-2').waitFor();
    await expect(drawer.getByTestId('rule-version-1').innerText()).resolves.toContain('系统初始设置');
    await expect(drawer.getByTestId('rule-version-2').innerText()).resolves.toContain('正在使用');
    await expect(drawer.innerText()).resolves.toContain('严重程度 属于 严重、安全');
    await settle(page);
    await e.shot('issue4-03-rule-history-zh');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('refuses malformed JSON and a malformed rule, keeping version 2', async () => {
    const { page } = e;
    await page.getByTestId('rule-edit-major-defect').click();
    await page.getByTestId('cond-tab-json').click();
    const json = page.locator('#rule-json');
    await json.fill('{"all": [{"fact": "severity", "operator": "equal", "value": "major"}');
    await expect.poll(() => page.getByTestId('rule-json-error').innerText()).toContain('JSON 格式错误');
    await page.locator('#rule-save').click();
    await expect.poll(() => page.getByTestId('rule-issues').innerText()).toMatch(/JSON 格式错误：.+/);

    // Valid JSON, but "greater than" does not apply to a choice list.
    await json.fill('{"all": [{"fact": "severity", "operator": "greaterThan", "value": "major"}]}');
    await page.locator('#rule-save').click();
    await expect.poll(() => page.getByTestId('rule-issues').innerText()).toContain('不适用于此条件项');
    await settle(page);
    await e.shot('issue4-04-malformed-rule-refused-zh');
    expect(await history(e, 'major-defect')).toEqual([2, 1]);

    // Main refuses the same rule itself, naming the path and the code, and keeps version 2.
    const refused = await e.app.dispatch('rules.save', {
      kind: 'escalation',
      key: 'major-defect',
      expectedVersion: 2,
      data: {
        id: 'major-defect',
        name: 'Major defect',
        description: null,
        enabled: true,
        level: 'sales_manager',
        deescalate: true,
        actions: { raisePriority: true, notify: ['sales_manager'], email: false, requireChairman: false, managementReview: false },
        conditions: { all: [{ fact: 'severity', operator: 'greaterThan', value: 'major' }] },
      },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'data.conditions.all.0.operator', code: 'rule_operator_not_for_fact' }] },
    });
    expect(await history(e, 'major-defect')).toEqual([2, 1]);
    await page.locator('#rule-cancel').click();
    await page.locator('#rule-cancel').waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.ant-drawer-mask:visible').count()).toBe(0);
  });

  it('edits the SLA targets and shows the warranty policies', async () => {
    const { page } = e;
    await page.getByTestId('rules-tab-sla').click();
    const targets = page.getByTestId('sla-targets');
    await targets.locator('.ant-table-row', { hasText: '轻微缺陷' }).waitFor();
    // Minor defects: first response within 12 business hours instead of 16.
    const hours = page.locator('#sla-minor-response input').first();
    await hours.fill('12');
    await page.locator('#sla-save').click();
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain('已保存为第 2 版');
    const sla = await e.app.dispatch('rules.list', { kind: 'sla' });
    const doc = sla.ok ? (sla.value as RuleDocument[])[0] : null;
    expect(doc?.version).toBe(2);
    expect(doc?.kind === 'sla' ? doc.data.rules.find((r) => r.id === 'minor')?.targets.response : null).toBe(12 * 60);
    await settle(page);
    await e.shot('issue4-04b-sla-targets-zh');

    await page.getByTestId('rules-tab-warranty').click();
    const policies = page.getByTestId('warranty-policies');
    await policies.locator('.ant-table-row', { hasText: '安装之日起 12 个月' }).waitFor();
    await expect(policies.innerText()).resolves.toContain('使用不当');
    await settle(page);
    await e.shot('issue4-04c-warranty-policies-zh');
  });

  it('shows Spring Festival 2026 and its adjusted working days in the business calendar', async () => {
    const { page } = e;
    await page.getByRole('tab', { name: '工作日历' }).click();
    await page.getByTestId('calendar-settings').waitFor();
    await page.locator('#calendar-year').click();
    await choose(page, '2026 年');
    const grid = page.getByTestId('calendar-grid');
    await expect.poll(() => grid.locator('[data-date="2026-02-17"]').getAttribute('class')).toContain('cal-holiday');
    await expect(grid.locator('[data-date="2026-02-14"]').getAttribute('class')).resolves.toContain('cal-workday');
    await expect(grid.locator('[data-date="2026-02-28"]').getAttribute('class')).resolves.toContain('cal-workday');
    await expect(page.getByTestId('calendar-covered').innerText()).resolves.toContain('2026 年节假日数据完整');
    await settle(page);
    await e.shot('issue4-05-calendar-2026-zh');

    await page.getByTestId('calendar-view-list').click();
    const days = page.getByTestId('calendar-days');
    await days.locator('.ant-table-row', { hasText: '2026-02-17' }).waitFor();
    await expect(days.locator('.ant-table-row', { hasText: '2026-02-17' }).innerText()).resolves.toContain('春节');
    await expect(days.locator('.ant-table-row', { hasText: '2026-02-14' }).innerText()).resolves.toContain('调休上班（春节）');
    await settle(page);
    await e.shot('issue4-06-calendar-list-zh');
  });

  it('shows the warranty sentence, SLA clocks and the escalation to the chairman on a safety case', async () => {
    const { page } = e;
    ({ id: caseId, trackingNo } = await registerSafetyCase(e));

    await page.goto(`${e.host.origin}/#/complaints/${caseId}`);
    const panel = page.getByTestId('case-engine-panel');
    await expect.poll(() => panel.getByTestId('warranty-sentence').innerText()).toContain('保修期内');
    await expect(panel.getByTestId('warranty-sentence').innerText()).resolves.toMatch(
      new RegExp(`安装日期 ${daysAgo(150)}.*保修至 \\d{4}-\\d{2}-\\d{2}`),
    );
    await expect(panel.getByTestId('sla-clock-response').innerText()).resolves.toMatch(/首次响应[\s\S]*到期[\s\S]*剩余/);
    await expect(panel.getByTestId('sla-clock-resolution').innerText()).resolves.toContain('解决');
    const chairman = panel.getByTestId('engine-chairman');
    await expect(chairman.innerText()).resolves.toContain('须董事长决定');
    await expect(chairman.innerText()).resolves.toContain('严重程度为“安全”');
    await expect(panel.getByTestId('firing-safety-defect').innerText()).resolves.toMatch(/董事长[\s\S]*安全缺陷[\s\S]*第 1 版/);
    await settle(page);
    await e.shot('issue4-07-case-engine-panel-zh');
    await panel.getByTestId('engine-repeat').scrollIntoViewIfNeeded();
    await e.shot('issue4-07b-case-engine-escalation-zh');
  });

  it("counts the escalation on the chairman's bell and lists it in the drawer", async () => {
    const { page } = e;
    await switchToRole(e, 'chairman');
    await expect.poll(() => page.getByTestId('current-user').innerText()).toContain('董事长');
    const bell = page.locator('#notification-bell');
    await expect.poll(async () => Number(await bell.getAttribute('data-unread')), { timeout: 70_000 }).toBeGreaterThan(0);
    await bell.click();
    const drawer = page.getByTestId('notification-drawer');
    const item = drawer.locator('.notice', { hasText: trackingNo });
    await item.first().waitFor();
    await expect(item.first().innerText()).resolves.toContain('升级至董事长');
    await settle(page);
    await e.shot('issue4-08-notifications-zh');
    await item.first().getByTestId('notification-case').click();
    await expect.poll(() => page.getByTestId('case-tracking-no').innerText()).toBe(trackingNo);
  });

  it('lets the sales manager pause the clocks, flag customer pressure and review the case', async () => {
    const { page } = e;
    await switchToRole(e, 'sales_manager');
    await expect.poll(() => page.getByTestId('current-user').innerText()).toContain('销售经理');

    const panel = page.getByTestId('case-engine-panel');
    await panel.locator('#engine-waiting').click();
    await expect.poll(() => panel.getByTestId('sla-paused').innerText()).toContain('等待客户');
    await expect.poll(() => panel.getByTestId('sla-clock-response').innerText()).toContain('已暂停');
    await panel.locator('#engine-pressure').click();
    await page.locator('#engine-note_note').fill('客户来电称本周不解决将暂停后续订单并拒付尾款');
    await page.locator('#engine-dialog-ok').click();
    await expect.poll(() => panel.getByTestId('firing-customer-pressure').innerText()).toContain('已标记客户压力');
    await expect(panel.getByTestId('engine-pressure').innerText()).resolves.toContain('拒付尾款');
    await panel.getByTestId('engine-escalation').scrollIntoViewIfNeeded();
    await settle(page);
    await e.shot('issue4-08b-case-waiting-pressure-zh');

    await page.getByRole('menuitem', { name: /管理评审清单/ }).click();
    const review = page.getByTestId('review-page');
    await review.locator('.ant-table-row').first().waitFor();
    // The list runs oldest escalation first; the newest complaint first is one click on its column.
    await review.locator('.ant-table-column-has-sorters', { hasText: '接收时间' }).click();
    await review.locator('.ant-table-column-has-sorters', { hasText: '接收时间' }).click();
    const row = review.locator('.ant-table-row', { hasText: trackingNo });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('董事长');
    await settle(page);
    await e.shot('issue4-08c-management-review-list-zh');
    await page.getByTestId(`review-mark-${caseId}`).click();
    await page.locator('#review_note').fill('同意安排技术支持明日上门排查电气柜，费用暂由公司承担。');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => row.count()).toBe(0);
    const file = await e.app.dispatch('complaints.file', { id: caseId });
    expect(file).toMatchObject({ ok: true, value: { managementReview: false } });
  });

  it('shows the SLA columns and the management review view on the tracking table', async () => {
    const { page } = e;
    await page.goto(`${e.host.origin}/#/complaints`);
    await expect.poll(() => page.locator('.ag-header-cell[col-id="slaDueAt"]').innerText()).toContain('SLA 到期');
    await expect.poll(() => page.locator('.ag-row .ag-cell[col-id="slaDueAt"]').count()).toBeGreaterThan(5);
    await expect(page.locator('.ag-header-cell[col-id="escalationLevel"]').innerText()).resolves.toContain('升级级别');
    await settle(page);
    await e.shot('issue4-09-tracking-sla-zh');

    await page.getByTestId('view-management_review').click();
    await expect.poll(() => page.getByTestId('tracking-count').innerText()).toMatch(/符合条件的投诉 [\d,]+ 条/);
    const counted = await e.app.dispatch('complaints.count', { view: 'management_review' });
    expect(counted.ok).toBe(true);
    const n = counted.ok ? (counted.value as { count: number }).count : -1;
    await expect.poll(() => page.getByTestId('tracking-count').innerText()).toContain(n.toLocaleString('en-US'));
    await settle(page);
    await e.shot('issue4-10-tracking-management-review-zh');
  });

  it('reads the same in English', async () => {
    const { page } = e;
    await page.goto(`${e.host.origin}/#/complaints/${caseId}`);
    await page.getByText('English', { exact: true }).click();
    const panel = page.getByTestId('case-engine-panel');
    await expect.poll(() => panel.getByTestId('warranty-sentence').innerText()).toContain('In warranty');
    await expect(panel.getByTestId('engine-chairman').innerText()).resolves.toContain('Severity is Safety');
    await panel.getByTestId('engine-escalation').scrollIntoViewIfNeeded();
    await settle(page);
    await e.shot('issue4-11-case-engine-panel-en');
    await page.getByText('中文', { exact: true }).click();
    expect(e.errors).toEqual([]);
  });
});
