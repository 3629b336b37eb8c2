import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthlyReport } from '../../src/shared/analysis';
import { apiOf, type Api } from './feedback-form-case';
import { pdfPages, pdfText, SHOTS, startWithPrinter, type PrintingE2E } from './service-flow-steps';

/**
 * Issue 7, the monthly report for the chairman on the demo office: the previous month's report as
 * the host's printer makes it (Chromium, the print route with its chart.js Pareto charts), read back
 * with poppler — the key figures and the Chinese words are in it — and turned into PNG pages to look
 * at; then the report page in the person's browser: the month, the preview with its charts drawn,
 * the PDF saved from the page.
 */

/** The previous month of the office's (Shanghai) current month, as the report page defaults to it. */
function previousMonth(now = new Date()): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const zhNumber = (n: number) => n.toLocaleString('zh-CN');
const yuan = (fen: number, lang: string) => (fen / 100).toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('monthly report', () => {
  let e: PrintingE2E;
  let api: Api;
  const month = previousMonth();
  let report: MonthlyReport;

  beforeAll(async () => {
    e = await startWithPrinter();
    api = apiOf(e.app);
    await api('app.loadDemo', { complaints: 1500 });
    report = await api('report.get', { month });
    // The demo office has a month worth reporting: without cases the test would prove little.
    expect(report.kpis.received).toBeGreaterThan(20);
    expect(report.paretos[0]!.bars.length).toBeGreaterThan(2);
  }, 240_000);

  afterAll(async () => {
    await e?.close();
  });

  it('prints the report to PDF with its figures and Chinese text, and in English', async () => {
    const zh = await api('report.pdf', { month, lang: 'zh-CN' });
    expect(zh.fileName).toBe(`月度报告-${month}.pdf`);
    const file = join(e.dataDir, zh.fileName);
    writeFileSync(file, Buffer.from(zh.data, 'base64'));
    const text = pdfText(file);
    expect(text).toContain('售后服务月度报告');
    expect(text).toContain('一、主要指标');
    expect(text).toContain('二、柏拉图分析');
    const k = report.kpis;
    const line = (label: string) => text.split('\n').find((l) => l.includes(label)) ?? '';
    expect(line('受理投诉数')).toContain(zhNumber(k.received));
    expect(line('受理投诉数')).toContain(zhNumber(k.receivedPrev));
    expect(line('结案数')).toContain(zhNumber(k.closed));
    expect(line('月末未结案件数')).toContain(zhNumber(k.open));
    expect(line('已审批费用')).toContain(yuan(k.costs, 'zh-CN'));
    if (k.slaMetBp !== null) expect(line('SLA 达成率')).toContain(`${(k.slaMetBp / 100).toFixed(1)}%`);
    // The main issues and the chairman's decisions: their tracking numbers.
    for (const c of report.mainIssues.slice(0, 3)) expect(text).toContain(c.trackingNo);
    for (const c of report.awaitingChairman.slice(0, 3)) expect(text).toContain(c.trackingNo);
    // A chart's caption with its total.
    expect(text).toContain(`合计 ${zhNumber(report.paretos[0]!.total)} 件`);
    const pages = pdfPages(file);
    expect(pages).toBeGreaterThanOrEqual(1);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, join(SHOTS, 'issue7-monthly-report-pdf-zh')]);

    const en = await api('report.pdf', { month, lang: 'en' });
    expect(en.fileName).toBe(`monthly-report-${month}.pdf`);
    const enFile = join(e.dataDir, en.fileName);
    writeFileSync(enFile, Buffer.from(en.data, 'base64'));
    const enText = pdfText(enFile);
    expect(enText).toContain('After-Sales Monthly Report');
    expect(enText.split('\n').find((l) => l.includes('Complaints received'))).toContain(k.received.toLocaleString('en'));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', enFile, join(SHOTS, 'issue7-monthly-report-pdf-en')]);
  }, 120_000);

  it('shows the report page with the previous month, its preview and charts, and saves the PDF', async () => {
    const { page } = e;
    await page.goto(`${e.host.url}#/report`);
    const preview = page.getByTestId('report-preview');
    await preview.getByTestId('monthly-report').waitFor();
    await expect.poll(() => page.locator('.report-page-controls .ant-picker input').inputValue()).toBe(month);
    await expect.poll(() => preview.getByTestId('mr-kpi-received').innerText()).toContain(zhNumber(report.kpis.received));
    // Every chart with bars is drawn: its canvas has pixels that are not blank.
    const drawn = await preview.locator('canvas.mr-chart').evaluateAll((cs) =>
      (cs as HTMLCanvasElement[]).map((c) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) ink++;
        return ink;
      }),
    );
    expect(drawn.length).toBe(report.paretos.filter((p) => p.bars.length > 0).length);
    expect(drawn.every((n) => n > 1000)).toBe(true);
    await e.shot('issue7-report-page');

    // The report in English, in the same preview.
    await page.getByTestId('report-page').getByText('English', { exact: true }).click();
    await expect.poll(() => preview.getByTestId('mr-kpi-received').innerText()).toContain('Complaints received');
    await e.shot('issue7-report-page-en');

    const download = page.waitForEvent('download');
    await page.getByTestId('report-save-pdf').click();
    const d = await download;
    expect(d.suggestedFilename()).toBe(`monthly-report-${month}.pdf`);
    const saved = join(e.dataDir, 'saved.pdf');
    await d.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(e.errors).toEqual([]);
  }, 120_000);
});
