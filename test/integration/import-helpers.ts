import type { ImportStatus } from '../../src/shared/data-io';
import type { TestApp } from './helpers';

/** Issue 8: waiting for an import run to end (its progress comes as events; the status answers too). */
export async function runToEnd(app: TestApp, input: Parameters<TestApp['call']>[1] & object): Promise<ImportStatus> {
  const started = await app.call('import.run', input as never);
  return waitForEnd(app, (started as ImportStatus).importId);
}

export async function waitForEnd(app: TestApp, importId: string, timeoutMs = 120_000): Promise<ImportStatus> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await app.call('import.status', { importId });
    if (s.phase === 'done' || s.phase === 'failed' || s.phase === 'cancelled') return s;
    if (Date.now() > until) throw new Error(`import ${importId} still ${s.phase} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Row counts of everything an import may write. */
export function importCounts(app: TestApp): Record<string, number> {
  const n = (t: string) => (app.store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { ...app.counts(), cost_lines: n('cost_lines'), import_batches: n('import_batches') };
}
