/**
 * Issue 8's import target: "importing a 50,000-row xlsx under 20 s with memory under 500 MB". A
 * tracking table of `--import-rows` rows (default 50,000) written with exceljs, imported into a fresh
 * database through the dispatcher as the import screen calls it (analyse, preview, run until done);
 * the process's resident memory sampled every 50 ms meanwhile (the worker thread's included: it is
 * the same process).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeskApp } from '../../src/main/app';
import type { ImportAnalysis, ImportPreview, ImportStatus } from '../../src/shared/data-io';
import { type BenchRow, mib, verdict } from './stats';

export type ImportRow = BenchRow;


export async function benchImport(opts: { rows: number }): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  const row = (what: string, extra: Partial<ImportRow> = {}) => rows.push({ what, n: '', median: '', p95: '', target: '', result: '', ...extra });
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-import-'));
  const app = await createDeskApp({ dataDir: dir, version: 'bench', scheduler: false, log: (m, e) => console.error(m, e) });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await app.dispatch(method, input);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  try {
    const g0 = performance.now();
    const xlsx = join(dir, 'history.xlsx');
    execFileSync(process.execPath, [require.resolve('tsx/cli'), join(__dirname, '../fixtures/import/large.ts'), String(opts.rows), xlsx], { stdio: 'inherit' });
    const file = readFileSync(xlsx);
    row(`writing the ${opts.rows.toLocaleString('en')}-row xlsx with exceljs (${mib(file.length)})`, { median: `${((performance.now() - g0) / 1000).toFixed(1)} s` });
    const data = file.toString('base64');
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t0 = performance.now();
    const a = await call<ImportAnalysis>('import.analyse', { fileName: 'history.xlsx', data });
    const t1 = performance.now();
    const p = await call<ImportPreview>('import.preview', { importId: a.importId, mapping: a.suggested });
    const t2 = performance.now();
    if (p.invalid) throw new Error(`${p.invalid} rows with problems`);
    let status = await call<ImportStatus>('import.run', { importId: a.importId, mapping: a.suggested, createMissing: true, skipBadRows: false });
    while (!['done', 'failed', 'cancelled'].includes(status.phase)) {
      await new Promise((r) => setTimeout(r, 20));
      status = await call<ImportStatus>('import.status', { importId: a.importId });
    }
    const t3 = performance.now();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (status.phase !== 'done' || status.result?.created !== opts.rows) throw new Error(`import ended ${status.phase}: ${JSON.stringify(status.result)}`);
    const total = (t3 - t0) / 1000;
    row('import.analyse (worker start, read the xlsx, header, suggestion)', { median: `${((t1 - t0) / 1000).toFixed(1)} s` });
    row('import.preview (every row checked, duplicates, new customers)', { median: `${((t2 - t1) / 1000).toFixed(1)} s` });
    row('import.run until done (one transaction, events, cost lines)', { median: `${((t3 - t2) / 1000).toFixed(1)} s` });
    row(`import of ${opts.rows.toLocaleString('en')} rows: analyse + preview + run`, { median: `${total.toFixed(1)} s`, target: '< 20 s', result: verdict(total < 20) });
    row(`peak RSS during the import (process, worker included; ${mib(base)} before)`, { median: mib(peak), target: '< 500 MB', result: verdict(peak < 500 * 1024 * 1024) });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/**
 * The import bench in a process of its own, as the app would be: the memory target is the process's
 * resident size, which the other benches' heaps would inflate if it ran in theirs.
 */
export function benchImportInChild(opts: { rows: number }): ImportRow[] {
  const out = execFileSync(process.execPath, [require.resolve('tsx/cli'), __filename, String(opts.rows), '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = out.toString('utf8').trim().split('\n').pop() ?? '[]';
  return JSON.parse(last) as ImportRow[];
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 50_000);
  const json = process.argv.includes('--json');
  benchImport({ rows: n }).then(
    (rows) => {
      if (json) console.log(JSON.stringify(rows));
      else for (const r of rows) console.log(`${r.what.padEnd(90)} ${r.median.padStart(8)} ${r.target.padStart(9)} ${r.result}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
