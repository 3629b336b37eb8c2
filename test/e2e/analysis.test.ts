import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParetoResult } from '../../src/shared/analysis';
import { addDays } from '../../src/shared/dates';
import { apiOf, type Api } from './feedback-form-case';
import { startE2E, type E2E } from './harness';

/**
 * Issue 7 on screen: the demo office's dashboard (KPI cards, open cases by state and age,
 * complaints per month, costs), then the Pareto of defect categories for the last twelve months;
 * a click on the tallest bar opens its menu, "open these cases" lands on the tracking table filtered
 * to exactly that bar's cases (every row of that category, as many as the bar counts); "create
 * corrective action" hands the bar to the CAPA page. Screenshots in test-results/screenshots.
 */

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
/** The Pareto page's default period: the last twelve months, today included. */
function last12Months(): [string, string] {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const back = new Date(Date.UTC(y - 1, m - 1, d));
  // dayjs' subtract(12, 'month') clamps to the month's end, as this does.
  if (back.getUTCMonth() !== (m - 1) % 12) back.setUTCDate(0);
  return [addDays(back.toISOString().slice(0, 10), 1), today];
}

describe('analysis: from the dashboard to a Pareto bar to the filtered tracking table', { timeout: 180_000 }, () => {
  let e: E2E;
  let api: Api;
  const shot = async (name: string) => {
    await expect.poll(() => e.page.locator('.ant-spin-spinning, .ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await e.page.waitForTimeout(300);
    await e.shot(name);
  };

  beforeAll(async () => {
    e = await startE2E({ locale: 'zh-CN' });
    e.page.setDefaultTimeout(20_000);
    api = apiOf(e.app);
    await api('app.loadDemo', { complaints: 2000 });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('shows the dashboard with its cards and charts', async () => {
    const { page } = e;
    // The first visit carries the host's token (it becomes a cookie); then the app's own navigation.
    await page.goto(e.host.url);
    await page.evaluate(() => {
      window.location.hash = '#/analysis';
    });
    await page.getByTestId('dashboard-view').waitFor();
    const d = await api('analysis.dashboard', {});
    const open = d.openByState.reduce((s, x) => s + x.buckets.reduce((a, b) => a + b, 0), 0);
    expect(open).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('kpi-open').locator('.ant-statistic-content').innerText()).toBe(open.toLocaleString('en-US'));
    for (const id of ['chart-open-by-state', 'chart-per-month', 'chart-costs']) {
      // Drawn: the canvas has its size and some non-blank pixels.
      await expect
        .poll(() =>
          page
            .getByTestId(id)
            .locator('canvas')
            .evaluate((c: HTMLCanvasElement) => {
              const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
              let ink = 0;
              for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) ink++;
              return ink;
            }),
        )
        .toBeGreaterThan(1000);
    }
    await shot('issue7-01-dashboard');
  });

  it('draws the Pareto of defect categories, clicks the tallest bar and lands on its cases', async () => {
    const { page } = e;
    await page.getByTestId('dashboard-to-pareto').click();
    await page.getByTestId('pareto-view').waitFor();
    const [from, to] = last12Months();
    const expected: ParetoResult = await api('analysis.pareto', { dimension: 'defect_category', from, to });
    expect(expected.bars.length).toBeGreaterThan(3);
    await expect.poll(() => page.getByTestId('pareto-summary').innerText()).toContain(`${from} 至 ${to}`);
    await expect.poll(() => page.getByTestId('pareto-summary').innerText()).toContain(`共 ${expected.total} 件`);
    const canvas = page.getByTestId('pareto-chart').locator('canvas');
    await expect.poll(() => canvas.getAttribute('data-bars')).toBeTruthy();
    const centres = JSON.parse((await canvas.getAttribute('data-bars'))!) as Array<[number, number]>;
    expect(centres).toHaveLength(expected.bars.length);
    // The table below lists the same bars, the tallest first, named in Chinese.
    const first = expected.bars[0]!;
    const name = (await page.getByTestId('pareto-table').locator('tbody tr').first().locator('td').nth(1).innerText()).trim();
    expect(name).toMatch(/[\u4e00-\u9fff]/);
    await shot('issue7-02-pareto');

    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + centres[0]![0], box.y + centres[0]![1]);
    const menu = page.getByTestId('pareto-bar-menu');
    await menu.waitFor();
    await expect(menu.innerText()).resolves.toContain(`${name} · ${first.value} 件`);
    await shot('issue7-03-pareto-bar-menu');
    await page.getByTestId('pareto-open-cases').click();

    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toContain('#/complaints?filter=');
    await expect.poll(() => page.getByTestId('tracking-count').innerText(), { timeout: 30_000 }).toBe(`符合条件的投诉 ${first.value.toLocaleString('en-US')} 条`);
    await expect.poll(() => page.locator('.ag-row .ag-cell[col-id="defectCategory"]').count()).toBeGreaterThan(5);
    const cells = await page.locator('.ag-row .ag-cell[col-id="defectCategory"]').allInnerTexts();
    expect(new Set(cells.map((c) => c.trim()))).toEqual(new Set([name]));
    await shot('issue7-04-tracking-filtered');
  });

  it('starts a corrective action from a bar: the CAPA page gets the bar and its period', async () => {
    const { page } = e;
    await page.evaluate(() => {
      window.location.hash = '#/analysis?tab=pareto';
    });
    const canvas = page.getByTestId('pareto-chart').locator('canvas');
    await expect.poll(() => canvas.getAttribute('data-bars')).toBeTruthy();
    const centres = JSON.parse((await canvas.getAttribute('data-bars'))!) as Array<[number, number]>;
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + centres[1]![0], box.y + centres[1]![1]);
    await page.getByTestId('pareto-create-capa').click();
    const [from, to] = last12Months();
    const second = (await api('analysis.pareto', { dimension: 'defect_category', from, to })).bars[1]!;
    await expect.poll(() => new URL(page.url()).hash.startsWith('#/capa?new=')).toBe(true);
    const source = JSON.parse(decodeURIComponent(new URL(page.url()).hash.slice('#/capa?new='.length))) as Record<string, string>;
    expect(source).toMatchObject({ dimension: 'defect_category', key: second.key, from, to });
    expect(source.label).toMatch(/[\u4e00-\u9fff]/);
    // The CAPA page opens its create dialog from the bar.
    await expect.poll(() => page.locator('.ant-modal:visible').innerText()).toContain(source.label);
    await shot('issue7-05-capa-from-pareto');
  });

  it('threw nothing on the way', () => {
    expect(e.errors).toEqual([]);
  });
});
