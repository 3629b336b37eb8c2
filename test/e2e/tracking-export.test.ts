import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackingPage } from '../../src/shared/types';
import { parseCsv } from '../integration/tracking-export-csv';
import { startE2E, type E2E } from './harness';

/**
 * Issue 8 on screen: the person narrows the demo office's tracking table (severity "严重" only), hides
 * a column, moves another, sorts by customer, and exports. The downloaded workbook holds exactly the
 * rows the table holds, in its order, under the headers the table shows, in the columns' order; then
 * the same in English as a csv.
 */

const OUT = resolve('test-results');
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** The headers of the table as shown, left to right: [colId, text]. */
async function shownHeaders(page: Page): Promise<Array<[string, string]>> {
  const cells = await page.locator('.ag-header-row-column .ag-header-cell').evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('col-id') ?? '',
      index: Number(el.getAttribute('aria-colindex')),
      text: (el.querySelector('.ag-header-cell-text')?.textContent ?? '').trim(),
    })),
  );
  return cells.sort((a, b) => a.index - b.index).map((c) => [c.id, c.text]);
}

async function download(e: E2E, format: 'xlsx' | 'csv'): Promise<{ name: string; file: string }> {
  const { page } = e;
  await page.getByTestId('tracking-export').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`tracking-export-${format}`).click()]);
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `issue8-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), file };
}

describe('exporting the tracking table as the person sees it', { timeout: 180_000 }, () => {
  let e: E2E;
  /** The tracking numbers the server answers for the table's query, in its order. */
  let expected: string[] = [];

  beforeAll(async () => {
    e = await startE2E({ locale: 'zh-CN' });
    await e.page.goto(e.host.url);
  }, 120_000);
  afterAll(async () => {
    await e?.close();
  });

  it('filters to one severity, hides and moves a column, sorts by customer', async () => {
    const { page } = e;
    await page.locator('#welcome-load-demo').click();
    await expect.poll(() => page.getByTestId('tracking-count').innerText(), { timeout: 60_000 }).toMatch(/共 3,?000 条/);
    // Severity: only "严重".
    await page.locator('.ag-header-cell[col-id="severity"] .ag-header-cell-filter-button, .ag-header-cell[col-id="severity"] .ag-header-icon').first().click();
    const filter = page.getByTestId('choice-filter-severity');
    await filter.getByText('（全选）').click();
    await filter.getByText('严重', { exact: true }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('tracking-count').innerText(), { timeout: 10_000 }).toMatch(/符合条件的投诉/);
    // Hide the owner column.
    await page.getByRole('button', { name: /显示列/ }).click();
    await page.getByTestId('column-chooser').getByText('负责人').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ag-header-cell[col-id="ownerName"]').count()).toBe(0);
    // Move the state column to the left of the severity column, by dragging its header.
    const order = async () => (await shownHeaders(page)).map(([id]) => id);
    expect((await order()).indexOf('state')).toBeGreaterThan((await order()).indexOf('severity'));
    const from = (await page.locator('.ag-header-cell[col-id="state"] .ag-header-cell-text').boundingBox())!;
    const to = (await page.locator('.ag-header-cell[col-id="severity"]').boundingBox())!;
    await page.mouse.move(from.x + 10, from.y + from.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(from.x + 10 + ((to.x + 5 - from.x - 10) * i) / 20, to.y + to.height / 2);
    await page.mouse.up();
    await expect.poll(async () => (await order()).indexOf('state') < (await order()).indexOf('severity')).toBe(true);
    // Sort by customer, ascending.
    await page.locator('.ag-header-cell[col-id="customerName"] .ag-header-cell-text').click();
    await expect.poll(() => page.locator('.ag-header-cell[col-id="customerName"]').getAttribute('aria-sort')).toBe('ascending');
    // Sorting does not put the moved column back (a re-rendered grid once took its definitions again).
    expect((await order()).indexOf('state')).toBeLessThan((await order()).indexOf('severity'));
    // Back to the left edge, as the person would scroll to look at it.
    await page.locator('.ag-body-horizontal-scroll-viewport').evaluate((el) => el.scrollTo({ left: 0 }));

    expected = [];
    for (let start = 0; ; start += 500) {
      const r = await e.app.dispatch('complaints.page', {
        startRow: start,
        endRow: start + 500,
        filterModel: { severity: { filterType: 'set', values: ['major'] } },
        sortModel: [{ colId: 'customerName', sort: 'asc' }],
      });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const block = r.value as TrackingPage;
      expected.push(...block.rows.map((x) => x.trackingNo));
      if (block.lastRow !== null) break;
    }
    expect(expected.length).toBeGreaterThan(50);
    await expect.poll(() => page.getByTestId('tracking-count').innerText()).toContain(expected.length.toLocaleString('en'));
    await expect.poll(() => page.locator('.ag-row[row-index="0"] .ag-cell[col-id="trackingNo"]').innerText()).toBe(expected[0]);
  });

  it('exports an xlsx with those rows, in that order, under the headers shown', async () => {
    const { page } = e;
    const headers = await shownHeaders(page);
    expect(headers.map(([id]) => id)).not.toContain('ownerName');
    await page.getByTestId('tracking-export').click();
    await page.getByTestId('tracking-export-xlsx').waitFor();
    await e.shot('issue8-export-01-menu-zh');
    await page.keyboard.press('Escape');

    const { name, file } = await download(e, 'xlsx');
    expect(name).toBe(`客户投诉跟踪表-${today}.xlsx`);
    await expect.poll(() => page.locator('.ant-message-notice').last().innerText()).toContain(`已导出 ${expected.length} 行`);
    await e.shot('issue8-export-02-done-zh');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    // Headers: the table's, in its order (the computed next-step and age columns included).
    expect(values(1)).toEqual(headers.map(([, text]) => text));
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.rowCount - 1).toBe(expected.length);
    const noCol = headers.findIndex(([id]) => id === 'trackingNo');
    const sevCol = headers.findIndex(([id]) => id === 'severity');
    const custCol = headers.findIndex(([id]) => id === 'customerName');
    expect(headers.findIndex(([id]) => id === 'state')).toBeLessThan(sevCol);
    const body = Array.from({ length: expected.length }, (_, i) => values(i + 2));
    expect(body.map((r) => r[noCol])).toEqual(expected);
    expect(new Set(body.map((r) => r[sevCol]))).toEqual(new Set(['严重']));
    const names = body.map((r) => String(r[custCol]));
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // The row the table shows first is the file's first, cell for cell where the table shows text.
    const firstRow = page.locator('.ag-row[row-index="0"]');
    expect(body[0]![custCol]).toBe(await firstRow.locator('.ag-cell[col-id="customerName"]').innerText());
    const receivedCol = headers.findIndex(([id]) => id === 'receivedAt');
    const shown = await firstRow.locator('.ag-cell[col-id="receivedAt"]').innerText();
    expect((body[0]![receivedCol] as Date).toISOString().slice(0, 16).replace('T', ' ')).toBe(shown);
    expect(e.errors).toEqual([]);
  });

  it('in English, exports a csv with English headers and words', async () => {
    const { page } = e;
    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => page.locator('.ag-header-cell[col-id="trackingNo"]').innerText()).toContain('Tracking');
    await expect.poll(() => page.getByTestId('tracking-count').innerText()).toContain(expected.length.toLocaleString('en'));
    const headers = await shownHeaders(page);
    const { name, file } = await download(e, 'csv');
    expect(name).toBe(`complaints-${today}.csv`);
    await expect.poll(() => page.locator('.ant-message-notice').last().innerText()).toContain(`Exported ${expected.length} rows`);
    await page.getByTestId('tracking-export').click();
    await page.getByTestId('tracking-export-csv').waitFor();
    await e.shot('issue8-export-03-menu-en');
    await page.keyboard.press('Escape');
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(records[0]).toEqual(headers.map(([, text]) => text));
    const sevCol = headers.findIndex(([id]) => id === 'severity');
    const noCol = headers.findIndex(([id]) => id === 'trackingNo');
    expect(records.slice(1).map((r) => r[noCol])).toEqual(expected);
    expect(new Set(records.slice(1).map((r) => r[sevCol]))).toEqual(new Set(['Major']));
    await page.getByText('中文', { exact: true }).click();
    expect(e.errors).toEqual([]);
  });
});
