/**
 * The monthly report at scale (issue 7's target: "the monthly report's PDF under 3 s"). Its own
 * database of demo complaints (with the lifecycle, costs and the rest of the demo), the headless host
 * serving the built renderer, and the host's PDF printer (Chromium through playwright-core) — the
 * same path as `report.pdf` in the app. Times `report.get` (the figures, the four Pareto diagrams,
 * the lists), then `report.pdf` cold (the first call starts Chromium) and warm.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDeskApp } from '../../src/main/app';
import { createHostPdfPrinter } from '../../src/main/host/pdf-printer';
import { startHost } from '../../src/main/host/server';
import { loadDemoData } from '../../src/main/services/demo-data';
import type { MonthlyReport } from '../../src/shared/analysis';
import { fmtMs, measure } from './stats';

export interface ReportRow {
  what: string;
  n: string;
  median: string;
  p95: string;
  target: string;
  result: string;
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
/** The demo data ends here; the report is October's, the last full month. */
const UNTIL = new Date('2026-11-25T06:00:00.000Z');
const MONTH = '2026-10';

export async function benchReport(opts: { complaints: number }): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  const row = (what: string, extra: Partial<ReportRow> = {}) => rows.push({ what, n: '', median: '', p95: '', target: '', result: '', ...extra });
  const staticDir = resolve('dist/renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    row('monthly report PDF: skipped, run `npm run build:renderer` first');
    return rows;
  }
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-report-'));
  const printer = createHostPdfPrinter({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', timeoutMs: 60_000 });
  const app = await createDeskApp({ dataDir: dir, version: 'bench', scheduler: false, clock: () => UNTIL, printer, log: (m, e) => console.error(m, e) });
  const host = await startHost({ app, staticDir });
  printer.attach(host);
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await app.dispatch(method, input);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  try {
    const user = await app.store.db.selectFrom('users').select('id').orderBy('id').executeTakeFirstOrThrow();
    const t0 = performance.now();
    const seeded = await app.store.db.transaction().execute((trx) => loadDemoData(trx, { complaints: opts.complaints, until: UNTIL, userId: user.id, audit: false }));
    row(`seeding ${seeded.toLocaleString('en')} demo complaints`, { median: `${((performance.now() - t0) / 1000).toFixed(1)} s` });

    const report = await call<MonthlyReport>('report.get', { month: MONTH });
    const get = await measure(() => call('report.get', { month: MONTH }), { warmup: 2, iterations: 10 });
    row(`report.get ${MONTH} (${report.kpis.received.toLocaleString('en')} cases received, ${report.paretos.length} Pareto diagrams)`, {
      n: String(get.ms.length),
      median: fmtMs(get.median),
      p95: fmtMs(get.p95),
    });

    const pdf = (lang: 'zh-CN' | 'en') => call<{ fileName: string; data: string }>('report.pdf', { month: MONTH, lang });
    const c0 = performance.now();
    const first = await pdf('zh-CN');
    const cold = performance.now() - c0;
    const bytes = Buffer.from(first.data, 'base64');
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('report.pdf did not answer a PDF');
    row(`report.pdf cold (starts Chromium), ${Math.round(bytes.length / 1024)} KiB`, { n: '1', median: fmtMs(cold), target: '< 3000 ms', result: verdict(cold < 3000) });
    const warm = await measure((i) => pdf(i % 2 ? 'en' : 'zh-CN'), { warmup: 1, iterations: 6 });
    row('report.pdf warm (zh-CN and en)', { n: String(warm.ms.length), median: fmtMs(warm.median), p95: fmtMs(warm.p95), target: '< 3000 ms', result: verdict(warm.p95 < 3000) });
  } finally {
    await host.close();
    await printer.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
