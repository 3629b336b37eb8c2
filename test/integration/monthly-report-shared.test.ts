import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeskApp, DB_FILE, type DeskApp } from '../../src/main/app';
import type { FormPrinter } from '../../src/main/print/port';
import type { MonthlyReport } from '../../src/shared/analysis';
import { complaintInput } from './helpers';

/**
 * Issue 7's PDF target: `report.get` asks the printer to get ready (the PDF is likely next), and a
 * report read again within a minute on unchanged data — the print page's read after the report page's
 * — is the one already computed; any change to the store, through this connection or another, and
 * the next office day compute it again.
 */

let dirs: string[] = [];
let apps: DeskApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  apps = [];
  dirs = [];
});

async function open(now: { t: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'desk-report-shared-'));
  dirs.push(dir);
  const warm = vi.fn<() => void>();
  const printer: FormPrinter = { pdf: vi.fn<FormPrinter['pdf']>(), warm };
  const app = await createDeskApp({ dataDir: dir, version: 'test', scheduler: false, clock: () => new Date(now.t), printer, log: () => {} });
  apps.push(app);
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await app.dispatch(method, input);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  return { app, warm, call, dir };
}

describe('the monthly report, read twice', () => {
  it('warms the printer and answers unchanged data from the report just computed, and changed data afresh', async () => {
    const now = { t: '2026-11-03T02:00:00.000Z' };
    const { app, warm, call, dir } = await open(now);
    await call('complaints.create', complaintInput({ receivedAt: '2026-10-08T02:00:00.000Z' }));
    const get = () => call<MonthlyReport>('report.get', { month: '2026-10' });

    const first = await get();
    expect(first.kpis.received).toBe(1);
    expect(warm).toHaveBeenCalledTimes(1);

    // Unchanged: the same figures, the same objects (not computed again), stamped with this call's instant.
    now.t = '2026-11-03T02:00:30.000Z';
    const spy = vi.spyOn(app.store.sqlite, 'prepare');
    const second = await get();
    const statements = spy.mock.calls.map(([s]) => s).filter((s) => /from "?complaints"?/i.test(s));
    spy.mockRestore();
    expect(statements).toEqual([]);
    expect(second.paretos).toBe(first.paretos);
    expect(second.generatedAt).toBe('2026-11-03T02:00:30.000Z');
    expect(warm).toHaveBeenCalledTimes(2);

    // A change through the api.
    await call('complaints.create', complaintInput({ receivedAt: '2026-10-09T02:00:00.000Z', newCustomer: { name: '无锡华宇电子有限公司' } }));
    expect((await get()).kpis.received).toBe(2);

    // A change on the same connection outside the api.
    app.store.sqlite.prepare(`UPDATE complaints SET severity = 'safety'`).run();
    expect((await get()).mainIssues.map((i) => i.severity)).toEqual(['safety', 'safety']);

    // A change by another connection to the same file.
    const other = new Database(join(dir, DB_FILE));
    other.prepare(`UPDATE complaints SET defect_category = 'leakage'`).run();
    other.close();
    expect((await get()).paretos[0]!.bars.map((b) => b.key)).toEqual(['leakage']);
  });

  it('computes again on the next office day, and for another month', async () => {
    const now = { t: '2026-11-03T15:00:00.000Z' };
    const { call } = await open(now);
    const oct = await call<MonthlyReport>('report.get', { month: '2026-10' });
    const sep = await call<MonthlyReport>('report.get', { month: '2026-09' });
    expect(sep.month).toBe('2026-09');
    expect(sep.kpis).not.toBe(oct.kpis);
    // 23:30 in Shanghai is still November 3rd; 00:30 is the 4th.
    now.t = '2026-11-03T15:30:00.000Z';
    expect((await call<MonthlyReport>('report.get', { month: '2026-10' })).kpis).toBe(oct.kpis);
    now.t = '2026-11-03T16:30:00.000Z';
    expect((await call<MonthlyReport>('report.get', { month: '2026-10' })).kpis).not.toBe(oct.kpis);
  });
});
