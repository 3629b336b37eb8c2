import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { zhRow, zhWorkbook, enWorkbook } from '../fixtures/import/sheets';
import { startE2E, type E2E } from './harness';

/**
 * Issue 8 on screen: the office's old tracking table imported through `#/import` — the file dropped
 * in, the merged Chinese header read and mapped, the check with its problem rows, the customers to
 * create confirmed, the bad rows skipped, the progress bar, the result with the skipped rows as a
 * file. In Chinese and in English, screenshots of each step.
 */

describe('import of a spreadsheet on screen', { timeout: 240_000 }, () => {
  let e: E2E | null = null;
  afterEach(async () => {
    await e?.close();
    e = null;
  });

  /** The app started empty (no welcome), the import page open. */
  const open = async (x: E2E) => {
    await x.app.dispatch('app.startEmpty', {});
    await x.page.goto(x.host.url);
    await x.page.goto(`${x.host.origin}/#/import`);
  };
  /** Screenshots once the screen is still. */
  const shot = async (name: string) => {
    await expect.poll(() => e!.page.locator('.ant-spin-spinning, .ant-message-notice').count(), { timeout: 15_000 }).toBe(0);
    await e!.page.waitForTimeout(300);
    await e!.shot(name);
  };

  it('maps a Chinese sheet with merged headers, skips its bad rows and imports the rest (zh)', async () => {
    e = await startE2E({ locale: 'zh-CN' });
    const { page } = e;
    page.setDefaultTimeout(60_000);
    const rows = Array.from({ length: 4000 }, (_, i) => zhRow(i + 1));
    rows[4] = zhRow(5, { 1: '2024-02-30' });
    rows[9] = zhRow(10, { 9: null });
    rows[20] = zhRow(21, { 10: '配件缺失' });
    const data = await zhWorkbook(rows);

    await open(e);
    await page.getByTestId('import-page').waitFor();
    await shot('issue8-import-1-file-zh');
    await page.locator('input[type=file]').setInputFiles({ name: '2024投诉台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: data });

    await page.getByTestId('import-mapping').waitFor();
    // The suggestion from the merged two-row header: 客户信息 / 客户名称 fills the customer.
    await expect.poll(() => page.getByTestId('map-customerName').textContent()).toContain('客户信息 / 客户名称');
    await expect.poll(() => page.getByTestId('map-receivedAt').textContent()).toContain('投诉日期');
    await shot('issue8-import-2-mapping-zh');

    await page.getByTestId('import-to-preview').click();
    await page.getByTestId('import-preview').waitFor();
    const problems = page.getByTestId('import-problems');
    await expect.poll(() => problems.locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(await problems.textContent()).toContain('不是有效日期');
    expect(await problems.textContent()).toContain('问题描述: 缺少');
    expect(await page.getByTestId('import-warnings').textContent()).toContain('配件缺失');
    // Nothing can be imported while bad rows are in and the new customers are not confirmed.
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
    await page.getByTestId('import-create-missing').click();
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
    await shot('issue8-import-3-preview-zh');
    await page.getByTestId('import-skip').click();
    expect(await page.getByTestId('import-run').textContent()).toContain('3998');

    await page.getByTestId('import-run').click();
    // The progress bar while it writes (a short file may finish before the screen shows it).
    const first = await Promise.race([
      page.getByTestId('import-progress').waitFor().then(() => 'running'),
      page.getByTestId('import-result').waitFor().then(() => 'result'),
    ]);
    if (first === 'running') await e.shot('issue8-import-4-progress-zh');
    await page.getByTestId('import-result').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('import-result').textContent()).toContain('已导入 3998 条投诉');
    await shot('issue8-import-5-result-zh');

    const download = page.waitForEvent('download');
    await page.getByTestId('import-download-skipped').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('2024投诉台账-未导入.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await file.path())!);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(3);
    expect(String(ws.getRow(1).getCell(1).value)).toBe('行号');
    expect(String(ws.getRow(2).getCell(17).value)).toContain('投诉日期: 不是有效日期');

    const n = (e.app.store.sqlite.prepare('SELECT count(*) AS n FROM complaints').get() as { n: number }).n;
    expect(n).toBe(3998);
    await page.getByTestId('import-open-table').click();
    await page.waitForURL(/#\/complaints/);
    expect(e.errors).toEqual([]);
  });

  it('imports an English sheet and shows a failure plainly (en)', async () => {
    e = await startE2E({ locale: 'en-US' });
    const { page } = e;
    page.setDefaultTimeout(60_000);
    const data = await enWorkbook(
      ['Tracking no', 'Received', 'Customer', 'Region', 'Model', 'Serial', 'Description', 'Category', 'Severity', 'Status', 'Amount'],
      [
        ['EN-1', new Date(Date.UTC(2024, 4, 6, 2)), 'Acme Compressors', 'Shanghai', 'SA-22', 'S1', 'Oil leak at the separator', 'leakage', 'major', 'closed', '¥1,234.50'],
        ['EN-2', '2024-05-07', 'Acme Compressors', 'Shanghai', 'SA-22', 'S2', 'Loud noise on start', 'noise', 'minor', 'open', null],
        ['EN-3', 'yesterday', 'Acme Compressors', 'Shanghai', 'SA-22', 'S3', 'Display dark', 'electrical', 'normal', 'open', '12.345'],
      ],
    );
    await open(e);
    await page.getByTestId('import-page').waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'old-complaints.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: data });
    await page.getByTestId('import-mapping').waitFor();
    await expect.poll(() => page.getByTestId('map-description').textContent()).toContain('Description');
    await shot('issue8-import-2-mapping-en');
    await page.getByTestId('import-to-preview').click();
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-problems').textContent()).toContain('Received: not a date');
    expect(await page.getByTestId('import-problems').textContent()).toContain('Amount (¥): not an amount');
    await page.getByTestId('import-create-missing').click();
    await page.getByTestId('import-skip').click();
    await shot('issue8-import-3-preview-en');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain('2 complaints imported');
    await shot('issue8-import-5-result-en');
    // The same file again: its numbers are in the app now; without skipping, nothing is written.
    await page.getByText('Import another file').click();
    await page.locator('input[type=file]').setInputFiles({ name: 'old-complaints.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: data });
    await page.getByTestId('import-to-preview').click();
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-problems').textContent()).toContain('this tracking number is in the app already');
    await shot('issue8-import-6-duplicates-en');
    expect(e.errors).toEqual([]);
  });
});
