/**
 * Timing helpers of the benchmark: run a function after a warm-up, keep every sample, report
 * median and p95 in milliseconds. Nothing here knows about the app.
 */

export interface Sample {
  /** Milliseconds per call, in run order. */
  ms: number[];
  median: number;
  p95: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return Number.NaN;
  // Nearest rank: the value at or above which q of the samples lie.
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(ms: number[]): Sample {
  const sorted = [...ms].sort((a, b) => a - b);
  return { ms, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

/**
 * Calls `fn(i)` `warmup` times unmeasured, then `iterations` times measured. `i` counts from 0 in each
 * phase, so a caller varying its input by `i` sees the same inputs in every measured run.
 */
export async function measure(
  fn: (i: number) => unknown,
  opts: { warmup: number; iterations: number },
): Promise<Sample> {
  for (let i = 0; i < opts.warmup; i++) await fn(i);
  const ms: number[] = [];
  for (let i = 0; i < opts.iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  return summarize(ms);
}

/** Deterministic pseudo-random numbers (mulberry32), so every run pages through the same offsets. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const fmtMs = (v: number): string => (Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 1) : '—');

/** Prints rows as an aligned text table (console.table quotes strings and shows an index column). */
export function printTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, rightAlign: ReadonlySet<number>): void {
  // CJK characters take two terminal columns.
  const width = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const cell = (s: string, i: number) => {
    const pad = ' '.repeat(widths[i]! - width(s));
    return rightAlign.has(i) ? pad + s : s + pad;
  };
  const line = (r: readonly string[]) => r.map((s, i) => cell(s, i)).join(' │ ');
  console.log(line(headers));
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const r of rows) console.log(line(r));
}

/** A row of a bench's result table: what was measured, how often, the figures, the target and PASS or MISS. */
export interface BenchRow {
  what: string;
  n: string;
  median: string;
  p95: string;
  target: string;
  result: string;
}

export const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
