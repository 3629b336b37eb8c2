import { beforeAll, describe, expect, it } from 'vitest';
import type { ParetoDimension, ParetoResult } from '../../src/shared/analysis';
import { PARETO_DIMENSIONS } from '../../src/shared/analysis';
import { addDays, calendarDateOf, zonedParts } from '../../src/shared/dates';
import type { MethodInput } from '../../src/shared/contract';
import { openTestApp, type TestApp } from './helpers';

/**
 * Pareto diagrams and the dashboard (issue 7) on the demo office, against references worked out
 * in plain TypeScript from rows read out of the store with raw SQL: every case's received instant
 * turned into its office calendar date here, the groups counted here, the order, the "other" bar
 * and the vital few computed here. Nothing of the service's SQL or of rules/pareto is reused.
 */

const NOW = new Date('2026-11-25T06:00:00.000Z');
const TZ = 'Asia/Shanghai';

interface Case {
  id: number;
  received_at: string;
  defect_category: string;
  product_model: string;
  product_model_id: number;
  customer_id: number;
  severity: string;
  classification: string | null;
  chosen_option: number | null;
  state: string;
}

type Filters = Pick<MethodInput<'analysis.pareto'>, 'severities' | 'classifications' | 'productLine'>;

describe('analysis: Pareto diagrams and the dashboard on the demo data', { timeout: 120_000 }, () => {
  let app: TestApp;
  let cases: Case[];
  const q = <T>(s: string, ...p: unknown[]) => app.store.sqlite.prepare(s).all(...p) as T[];

  beforeAll(async () => {
    app = await openTestApp({ scope: 'file', clock: () => NOW });
    expect((await app.call('app.loadDemo', { complaints: 3000 })).complaints).toBe(3000);
    // Finance's vetting is another issue's: approve a third and reject a third of the demo's cost lines.
    app.store.sqlite.exec(`UPDATE cost_lines SET state = CASE id % 3 WHEN 0 THEN 'approved' WHEN 1 THEN 'rejected' ELSE state END, vetted_by = 1, vetted_at = '${NOW.toISOString()}'`);
    cases = q<Case>('SELECT id, received_at, defect_category, product_model, product_model_id, customer_id, severity, classification, chosen_option, state FROM complaints');
  });

  /** The reference Pareto: groups counted in TypeScript, ordered, folded past the limit, the vital few. */
  function reference(dimension: ParetoDimension, from: string, to: string, f: Filters = {}, limit = 15) {
    const lines = new Map(q<{ id: number; product_line: string | null }>('SELECT id, product_line FROM product_models').map((m) => [m.id, m.product_line]));
    const passes = (c: Case) =>
      (!f.severities?.length || f.severities.includes(c.severity as never)) &&
      (!f.classifications?.length || (c.classification !== null && f.classifications.includes(c.classification as never))) &&
      (f.productLine == null || lines.get(c.product_model_id) === f.productLine);
    const inPeriod = cases.filter((c) => {
      const d = calendarDateOf(new Date(c.received_at), TZ);
      return d >= from && d <= to && passes(c);
    });
    const counts = new Map<string, number>();
    const add = (k: string, v = 1) => counts.set(k, (counts.get(k) ?? 0) + v);
    switch (dimension) {
      case 'defect_category':
        for (const c of inPeriod) add(c.defect_category);
        break;
      case 'product_model':
        for (const c of inPeriod) add(c.product_model);
        break;
      case 'customer':
        for (const c of inPeriod) add(String(c.customer_id));
        break;
      case 'responsible_department': {
        const resp = q<{ complaint_id: number; department_id: number | null }>('SELECT complaint_id, department_id FROM responsibilities');
        const ids = new Set(inPeriod.map((c) => c.id));
        const seen = new Set<string>();
        for (const r of resp) {
          const k = `${r.complaint_id}:${r.department_id}`;
          if (r.department_id === null || !ids.has(r.complaint_id) || seen.has(k)) continue;
          seen.add(k);
          add(String(r.department_id));
        }
        break;
      }
      case 'repair_type': {
        const opts = q<{ complaint_id: number; position: number; kind: string }>('SELECT complaint_id, position, kind FROM treatment_options');
        const kind = new Map(opts.map((o) => [`${o.complaint_id}:${o.position}`, o.kind]));
        for (const c of inPeriod) {
          const k = c.chosen_option === null ? undefined : kind.get(`${c.id}:${c.chosen_option}`);
          if (k) add(k);
        }
        break;
      }
      case 'return_reason': {
        const returned = new Set(q<{ complaint_id: number; state: string }>('SELECT complaint_id, state FROM rmas').filter((r) => r.state !== 'rejected').map((r) => r.complaint_id));
        for (const c of inPeriod) if (returned.has(c.id)) add(c.defect_category);
        break;
      }
      case 'cost_type': {
        const byId = new Map(cases.map((c) => [c.id, c]));
        for (const l of q<{ complaint_id: number; cost_type: string; incurred_on: string; base_amount: number; state: string }>('SELECT * FROM cost_lines')) {
          if (l.state === 'approved' && l.incurred_on >= from && l.incurred_on <= to && passes(byId.get(l.complaint_id)!)) add(l.cost_type, l.base_amount);
        }
        break;
      }
    }
    const sorted = [...counts].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const bars = sorted.slice(0, limit).map(([key, value]) => ({ key, value }));
    if (sorted.length > limit) bars.push({ key: '__other', value: sorted.slice(limit).reduce((s, [, v]) => s + v, 0) });
    const total = bars.reduce((s, b) => s + b.value, 0);
    let cum = 0;
    let vitalFew = 0;
    bars.forEach((b, i) => {
      cum += b.value;
      if (!vitalFew && cum / total >= 0.8 - 1e-12) vitalFew = i + 1;
    });
    return { bars, total, vitalFew };
  }

  const pareto = (dimension: ParetoDimension, from: string, to: string, f: Filters = {}, limit = 15) =>
    app.call('analysis.pareto', { dimension, from, to, limit, ...f });
  const plain = (r: ParetoResult) => ({ bars: r.bars.map((b) => ({ key: b.key, value: b.value })), total: r.total, vitalFew: r.vitalFew });

  it.each(PARETO_DIMENSIONS)('%s for the last year equals the reference', async (dimension) => {
    const r = await pareto(dimension, '2025-11-25', '2026-11-25');
    const ref = reference(dimension, '2025-11-25', '2026-11-25');
    // The demo office has data behind every dimension (or this test would prove nothing).
    expect(ref.total, `the demo data has no ${dimension}`).toBeGreaterThan(0);
    expect(plain(r)).toEqual(ref);
    expect(r.unit).toBe(dimension === 'cost_type' ? 'fen' : 'cases');
    // Descending (the "other" bar aside), cumulative share non-decreasing and ending at 100 %.
    const real = r.bars.filter((b) => b.key !== '__other');
    expect(real.every((b, i) => i === 0 || real[i - 1]!.value >= b.value)).toBe(true);
    expect(r.bars.every((b, i) => i === 0 || r.bars[i - 1]!.cumulativeBp <= b.cumulativeBp)).toBe(true);
    expect(r.bars[r.bars.length - 1]!.cumulativeBp).toBe(10000);
  });

  it('counts the vital few: the bars that first reach 80 % of the whole', async () => {
    const r = await pareto('defect_category', '2024-11-25', '2026-11-25', {}, 50);
    const share = (n: number) => r.bars.slice(0, n).reduce((s, b) => s + b.value, 0) / r.total;
    expect(r.vitalFew).toBeGreaterThan(1);
    expect(share(r.vitalFew)).toBeGreaterThanOrEqual(0.8);
    expect(share(r.vitalFew - 1)).toBeLessThan(0.8);
    // The demo's spread is Pareto-like: a few of the thirteen categories make 80 %.
    expect(r.vitalFew).toBeLessThan(r.bars.length);
  });

  it('names customers and departments', async () => {
    const customers = new Map(q<{ id: number; name: string }>('SELECT id, name FROM customers').map((c) => [String(c.id), c.name]));
    const c = await pareto('customer', '2025-11-25', '2026-11-25', {}, 10);
    expect(c.bars).toHaveLength(11);
    for (const b of c.bars.slice(0, 10)) expect(b.label).toBe(customers.get(b.key));
    const departments = new Map(q<{ id: number; name: string }>('SELECT id, name FROM departments').map((d) => [String(d.id), d.name]));
    for (const b of (await pareto('responsible_department', '2024-11-25', '2026-11-25')).bars) expect(b.label).toBe(departments.get(b.key));
  });

  it.each([
    ['severities', { severities: ['major', 'safety'] }],
    ['classifications', { classifications: ['quality'] }],
    ['product line', { productLine: 'SA' }],
    ['all three', { severities: ['normal'], classifications: ['non_quality'], productLine: 'DR' }],
  ] as Array<[string, Filters]>)('filters by %s on every dimension', async (_, f) => {
    for (const dimension of PARETO_DIMENSIONS) {
      const r = await pareto(dimension, '2024-11-25', '2026-11-25', f);
      expect(plain(r), dimension).toEqual(reference(dimension, '2024-11-25', '2026-11-25', f));
    }
    const all = await pareto('defect_category', '2024-11-25', '2026-11-25');
    const some = await pareto('defect_category', '2024-11-25', '2026-11-25', f);
    expect(some.total).toBeGreaterThan(0);
    expect(some.total).toBeLessThan(all.total);
  });

  it('reads period ends as office calendar days: a case received at 23:30 Beijing time on the last day counts', async () => {
    // 2026-11-20 15:30 UTC is 23:30 on the 20th in Shanghai; 16:30 UTC is already the 21st.
    const [a, b] = q<{ id: number }>('SELECT id FROM complaints ORDER BY id LIMIT 2');
    app.store.sqlite.prepare(`UPDATE complaints SET received_at = ?, defect_category = 'documentation' WHERE id = ?`).run('2026-11-20T15:30:00.000Z', a!.id);
    app.store.sqlite.prepare(`UPDATE complaints SET received_at = ?, defect_category = 'documentation' WHERE id = ?`).run('2026-11-20T16:30:00.000Z', b!.id);
    cases = q<Case>('SELECT id, received_at, defect_category, product_model, product_model_id, customer_id, severity, classification, chosen_option, state FROM complaints');
    const day = await pareto('defect_category', '2026-11-20', '2026-11-20', {}, 50);
    expect(plain(day)).toEqual(reference('defect_category', '2026-11-20', '2026-11-20', {}, 50));
    const ids = cases.filter((c) => c.defect_category === 'documentation' && calendarDateOf(new Date(c.received_at), TZ) === '2026-11-20').length;
    expect(ids).toBeGreaterThanOrEqual(1);
    expect(day.bars.find((x) => x.key === 'documentation')?.value).toBe(ids);
  });

  it('answers an empty period with no bars, and refuses a period that ends before it starts', async () => {
    for (const dimension of PARETO_DIMENSIONS) {
      expect(await pareto(dimension, '2020-01-01', '2020-12-31')).toMatchObject({ bars: [], total: 0, vitalFew: 0 });
    }
    const err = await app.fail('analysis.pareto', { dimension: 'customer', from: '2026-02-01', to: '2026-01-01' });
    expect(err.code).toBe('VALIDATION');
  });

  it('dashboard: open cases by state and age, complaints per month, costs, decisions waiting', async () => {
    const d = await app.call('analysis.dashboard', {});
    const open = cases.filter((c) => !['closed', 'rejected'].includes(c.state));
    const today = calendarDateOf(NOW, TZ);
    const age = (c: Case) => {
      const day = calendarDateOf(new Date(c.received_at), TZ);
      let n = 0;
      while (addDays(day, n) < today) n++;
      return n;
    };
    const bucketOf = (a: number) => (a <= 2 ? 0 : a <= 7 ? 1 : a <= 30 ? 2 : 3);
    const expected = new Map<string, number[]>();
    for (const c of open) {
      const b = expected.get(c.state) ?? [0, 0, 0, 0];
      b[bucketOf(age(c))]!++;
      expected.set(c.state, b);
    }
    expect(open.length).toBeGreaterThan(0);
    expect(new Map(d.openByState.map((s) => [s.state, s.buckets]))).toEqual(expected);
    expect(d.ageBuckets).toEqual([0, 3, 8, 31]);

    const p = zonedParts(NOW, TZ);
    expect(d.perMonth).toHaveLength(12);
    expect(d.perMonth[11]!.month).toBe(`${p.year}-${String(p.month).padStart(2, '0')}`);
    expect(d.perMonth[0]!.month).toBe('2025-12');
    for (const m of d.perMonth) {
      expect(m.count, m.month).toBe(cases.filter((c) => calendarDateOf(new Date(c.received_at), TZ).startsWith(m.month)).length);
      expect(m.repeats).toBeLessThanOrEqual(m.count);
    }

    const lines = q<{ incurred_on: string; base_amount: number; state: string }>('SELECT incurred_on, base_amount, state FROM cost_lines');
    const sum = (f: (l: (typeof lines)[number]) => boolean) => lines.filter(f).reduce((s, l) => s + l.base_amount, 0);
    expect(d.costs).toEqual({
      thisMonth: sum((l) => l.state === 'approved' && l.incurred_on.startsWith('2026-11')),
      lastMonth: sum((l) => l.state === 'approved' && l.incurred_on.startsWith('2026-10')),
      pending: sum((l) => l.state === 'pending'),
    });
    expect(d.awaitingDecision.manager).toBe(cases.filter((c) => c.state === 'awaiting_decision').length);
    expect(d.awaitingDecision.chairman).toBe(cases.filter((c) => c.state === 'awaiting_chairman').length);
    expect(d.capa).toEqual(capaReference());
  });

  /** Active CAPAs, and the overdue among them: past their due date, their effectiveness check's, or an open action's. */
  function capaReference() {
    const today = calendarDateOf(NOW, TZ);
    const capas = q<{ id: number; state: string; due_on: string | null; effectiveness_due_on: string | null }>('SELECT id, state, due_on, effectiveness_due_on FROM capas');
    const actions = q<{ capa_id: number; state: string; due_on: string }>('SELECT capa_id, state, due_on FROM capa_actions');
    const active = capas.filter((c) => ['open', 'in_progress', 'effectiveness_check'].includes(c.state));
    const overdue = active.filter(
      (c) =>
        (c.due_on !== null && c.due_on < today) ||
        (c.state === 'effectiveness_check' && c.effectiveness_due_on !== null && c.effectiveness_due_on < today) ||
        actions.some((a) => a.capa_id === c.id && a.state === 'open' && a.due_on < today),
    );
    return { open: active.length, overdue: overdue.length };
  }

  it('dashboard: corrective actions open and overdue from the capas table', async () => {
    const now = NOW.toISOString();
    const was = capaReference();
    const add = app.store.sqlite.prepare(
      `INSERT INTO capas (capa_no, kind, state, title, problem, due_on, created_by, created_at, updated_at) VALUES (?, 'corrective', ?, 't', 'p', ?, 1, ?, ?)`,
    );
    add.run('CAPA-T1', 'open', '2026-12-31', now, now);
    add.run('CAPA-T2', 'in_progress', '2026-11-01', now, now); // overdue itself
    const k3 = Number(add.run('CAPA-T3', 'open', null, now, now).lastInsertRowid);
    add.run('CAPA-T4', 'closed', '2026-01-01', now, now); // closed: neither
    app.store.sqlite.prepare(`INSERT INTO capa_actions (capa_id, position, description, due_on, state) VALUES (?, 0, 'a', '2026-11-20', 'open')`).run(k3);
    const after = (await app.call('analysis.dashboard', {})).capa;
    expect(after).toEqual(capaReference());
    expect(after).toEqual({ open: was.open + 3, overdue: was.overdue + 2 });
  });
});
