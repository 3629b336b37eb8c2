import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParetoResult } from '../../src/shared/analysis';
import { driveTo, openOffice, registerCase, type Office } from './helpers';

/**
 * The copies the Pareto diagrams read (issue 7): complaints.chosen_kind (the kind of the chosen
 * treatment option) and responsibilities.received_at (the case's received_at) stay in step with
 * what they copy through every path the api offers: the decision, options saved again after a
 * reopen, responsibilities saved, the intake's received time corrected. Checked against the rows
 * they copy, read with raw SQL, and through analysis.pareto.
 */
describe('analysis: the denormalised copies stay in step', { timeout: 60_000 }, () => {
  let o: Office;
  const one = <T>(s: string, ...p: unknown[]) => o.store.sqlite.prepare(s).get(...p) as T;
  const pareto = (dimension: string, from: string, to: string) => o.call('analysis.pareto', { dimension, from, to } as never) as Promise<ParetoResult>;

  beforeAll(async () => {
    o = await openOffice({ scope: 'file' });
  });
  afterAll(async () => {
    await o.close();
  });

  it('chosen_kind follows the decision and the options saved again; received_at follows the intake', async () => {
    const f = await registerCase(o);
    expect(one<{ k: string | null }>('SELECT chosen_kind AS k FROM complaints WHERE id = ?', f.id).k).toBeNull();

    await driveTo(o, f.id, 'closed');
    expect(one<{ k: string | null }>('SELECT chosen_kind AS k FROM complaints WHERE id = ?', f.id).k).toBe('repair');
    const production = (await o.call('departments.list', {})).find((d) => d.code === 'production')!;
    const resp = () => one<{ r: string; c: string }>('SELECT r.received_at AS r, c.received_at AS c FROM responsibilities r JOIN complaints c ON c.id = r.complaint_id WHERE r.complaint_id = ?', f.id);
    expect(resp().r).toBe('2026-11-20T02:30:00.000Z');

    let r = await pareto('repair_type', '2026-11-20', '2026-11-20');
    expect(r.total).toBe(1);
    expect(r.bars.map((b) => b.key)).toEqual(['repair']);
    r = await pareto('responsible_department', '2026-11-20', '2026-11-20');
    expect(r.bars.map((b) => [b.key, b.value])).toEqual([[String(production.id), 1]]);

    // Reopened, the case is investigated again: its options are saved anew, the decision stands.
    await o.step('sales_manager', f.id, 'reopen', { reason: '客户再次投诉同一故障' });
    await o.edit('production_technology', 'complaints.saveOptions', f.id, {
      options: [{ kind: 'replacement', description: '更换整机', estimatedCost: 900_000, payer: 'company' }],
    });
    expect(one<{ o: number; k: string }>('SELECT chosen_option AS o, chosen_kind AS k FROM complaints WHERE id = ?', f.id)).toEqual({ o: 0, k: 'replacement' });

    // The intake's received time corrected by a day: the responsibilities move with it.
    await o.as('sales_admin');
    const { version } = await o.file(f.id);
    await o.call('complaints.update', { id: f.id, version, patch: { receivedAt: '2026-11-19T02:30:00.000Z' } });
    expect(resp()).toEqual({ r: '2026-11-19T02:30:00.000Z', c: '2026-11-19T02:30:00.000Z' });
    expect((await pareto('responsible_department', '2026-11-20', '2026-11-20')).total).toBe(0);
    expect((await pareto('responsible_department', '2026-11-19', '2026-11-19')).bars.map((b) => [b.key, b.value])).toEqual([[String(production.id), 1]]);
    expect((await pareto('repair_type', '2026-11-19', '2026-11-19')).bars.map((b) => b.key)).toEqual(['replacement']);

    // Responsibilities saved again take the case's (corrected) received time.
    await o.edit('sales_admin', 'complaints.saveResponsibility', f.id, { entries: [{ departmentId: production.id, shareBp: 6000 }, { departmentId: null, personName: '张工', shareBp: 4000 }] });
    const rows = o.store.sqlite.prepare('SELECT received_at AS r FROM responsibilities WHERE complaint_id = ?').all(f.id) as Array<{ r: string }>;
    expect(rows.map((x) => x.r)).toEqual(['2026-11-19T02:30:00.000Z', '2026-11-19T02:30:00.000Z']);
  });
});
