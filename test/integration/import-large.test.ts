import { describe, expect, it } from 'vitest';
import { largeWorkbook } from '../fixtures/import/large';
import { b64 } from '../fixtures/import/sheets';
import { openTestApp } from './helpers';
import { runToEnd } from './import-helpers';

/** Issue 8: a 50,000-row tracking table imports in one transaction (the bench times it: test/bench/import.ts). */
describe('import of a large tracking table', () => {
  it('imports 50,000 rows', async () => {
    const app = await openTestApp();
    const data = await largeWorkbook(50_000);
    const t0 = Date.now();
    const a = await app.call('import.analyse', { fileName: 'history.xlsx', data: b64(data) });
    expect(a.rowCount).toBe(50_000);
    const preview = await app.call('import.preview', { importId: a.importId, mapping: a.suggested });
    expect(preview).toMatchObject({ total: 50_000, valid: 50_000, invalid: 0 });
    const end = await runToEnd(app, { importId: a.importId, mapping: a.suggested, createMissing: true, skipBadRows: false });
    expect(end.phase).toBe('done');
    expect(end.result).toMatchObject({ created: 50_000, skipped: 0, customersCreated: 400, productsCreated: 40, costLines: 5000 });
    expect(app.counts().complaints).toBe(50_000);
    const numbered = app.store.sqlite.prepare("SELECT count(*) AS n FROM complaints WHERE tracking_no LIKE 'CC-%'").get() as { n: number };
    expect(numbered.n).toBe(16_667);
    const events = app.store.sqlite.prepare("SELECT count(*) AS n FROM events WHERE kind = 'imported'").get() as { n: number };
    expect(events.n).toBe(50_000);
    // A loaded two-core machine: the bench holds the 20 s target, this the order of magnitude.
    expect(Date.now() - t0).toBeLessThan(90_000);
  }, 240_000);
});
