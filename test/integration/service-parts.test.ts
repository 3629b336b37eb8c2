import { describe, expect, it } from 'vitest';
import { demoParts } from '../../src/main/services/demo-parts';
import type { Part } from '../../src/shared/service';
import { driveTo, openOffice, registerCase, type Office } from './helpers';

/**
 * Spare parts (issue 5): the catalogue, the append-only stock ledger whose running total is the
 * part's quantity on hand, stock that never goes below zero without an audited override, and parts
 * sent, used, repaired or refunded on a case, issued from stock and costed by themselves.
 */

const codes = (e: { issues?: Array<{ code: string }> }) => (e.issues ?? []).map((i) => i.code);

async function newPart(o: Office, over: Partial<{ partNo: string; name: string; unitCost: number; reorderLevel: number }> = {}): Promise<Part> {
  await o.as('production_after_sales');
  return o.call('parts.save', { partId: null, version: null, partNo: 'BRG-6205', name: '轴承 深沟球 6205-2RS', unit: '个', unitCost: 4_550, reorderLevel: 5, active: true, ...over });
}

function ledgerSum(o: Office, partId: number): { sum: number; onHand: number; rows: number } {
  const s = o.store.sqlite.prepare('SELECT coalesce(sum(delta), 0) AS sum, count(*) AS rows FROM stock_moves WHERE part_id = ?').get(partId) as { sum: number; rows: number };
  const p = o.store.sqlite.prepare('SELECT on_hand AS onHand FROM parts WHERE id = ?').get(partId) as { onHand: number };
  return { ...s, onHand: p.onHand };
}

const count = (o: Office, table: string) => (o.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** A visit on the case, written as the visits part stores it (its own handlers are tested elsewhere). */
function insertVisit(o: Office, complaintId: number, userId: number): number {
  const at = '2026-11-21T02:00:00.000Z';
  const r = o.store.sqlite
    .prepare(
      `INSERT INTO service_actions (complaint_id, mode, state, summary, created_by, created_at, updated_by, updated_at, version)
       VALUES (?, 'onsite_visit', 'done', '上门更换轴承', ?, ?, ?, ?, 0)`,
    )
    .run(complaintId, userId, at, userId, at);
  return Number(r.lastInsertRowid);
}

describe('the parts catalogue', () => {
  it('creates and edits parts, with unique part numbers and a version check', async () => {
    const o = await openOffice();
    const p = await newPart(o, { partNo: ' brg-6205 ' });
    expect(p).toMatchObject({ partNo: 'BRG-6205', onHand: 0, low: true, active: true, version: 0, unitCost: 4_550 });

    const dup = await o.fail('parts.save', { partId: null, version: null, partNo: 'Brg-6205', name: '另一个', unit: '个', unitCost: 1, reorderLevel: 0 });
    expect(dup).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'partNo', code: 'part_no_taken', params: { partNo: 'BRG-6205' } }] });
    expect(count(o, 'parts')).toBe(1);

    const edited = await o.call('parts.save', { partId: p.id, version: 0, partNo: 'BRG-6205', name: '轴承 深沟球 6205-2RS', unit: '个', unitCost: 4_800, reorderLevel: 2 });
    expect(edited).toMatchObject({ version: 1, unitCost: 4_800, reorderLevel: 2 });
    const stale = await o.fail('parts.save', { partId: p.id, version: 0, partNo: 'BRG-6205', name: 'x', unit: '个', unitCost: 1, reorderLevel: 0 });
    expect(stale.code).toBe('CONFLICT');

    const other = await newPart(o, { partNo: 'SEAL-50', name: '密封圈 O型 Φ50' });
    const clash = await o.fail('parts.save', { partId: other.id, version: 0, partNo: 'BRG-6205', name: '密封圈 O型 Φ50', unit: '个', unitCost: 1, reorderLevel: 0 });
    expect(codes(clash)).toEqual(['part_no_taken']);
    expect(o.allEvents().filter((e) => e.kind === 'part_saved')).toHaveLength(3);

    // Only the parts keepers change the catalogue and the stock.
    await o.as('sales_admin');
    expect((await o.fail('parts.save', { partId: null, version: null, partNo: 'X-1', name: 'x', unit: '个', unitCost: 1, reorderLevel: 0 })).code).toBe('FORBIDDEN');
    expect((await o.fail('stock.move', { partId: p.id, kind: 'receipt', delta: 5 })).code).toBe('FORBIDDEN');
  });

  it('searches by part-number or name prefix through the indexes, pages, and lists what runs low', async () => {
    const o = await openOffice();
    const a = await newPart(o, { partNo: 'BRG-6205', name: '轴承 深沟球 6205', reorderLevel: 2 });
    const b = await newPart(o, { partNo: 'BRG-6305', name: '轴承 深沟球 6305', reorderLevel: 2 });
    await newPart(o, { partNo: 'SEAL-50', name: '密封圈 O型 Φ50', reorderLevel: 0 });
    await o.call('stock.move', { partId: a.id, kind: 'receipt', delta: 10 });
    await o.call('stock.move', { partId: b.id, kind: 'receipt', delta: 2 });

    const byNo = await o.call('parts.list', { q: 'brg' });
    expect(byNo.rows.map((p) => p.partNo)).toEqual(['BRG-6205', 'BRG-6305']);
    expect((await o.call('parts.list', { q: '密封' })).rows.map((p) => p.partNo)).toEqual(['SEAL-50']);
    expect((await o.call('parts.list', { q: '6205' })).total).toBe(0);
    const low = await o.call('parts.list', { lowOnly: true });
    // By name: 密封圈 sorts before 轴承.
    expect(low.rows.map((p) => [p.partNo, p.onHand, p.low])).toEqual([
      ['SEAL-50', 0, true],
      ['BRG-6305', 2, true],
    ]);
    const page = await o.call('parts.list', { limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 3, rows: [{ partNo: 'BRG-6305' }] });

    // The search reads index ranges, never the whole table.
    const plan = (o.store.sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM parts WHERE active = 1 AND ((part_no >= ? AND part_no < ?) OR (name >= ? AND name < ?)) ORDER BY name, id LIMIT 100`,
      )
      .all('BRG', 'BRG\u{10ffff}', 'BRG', 'BRG\u{10ffff}') as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/INDEX/);
    expect(plan.some((d) => /^SCAN parts$/.test(d))).toBe(false);
  });
});

describe('the stock ledger', () => {
  it('keeps on hand equal to the sum of the ledger, and refuses to go below zero without an override', async () => {
    const o = await openOffice();
    const p = await newPart(o);
    expect((await o.call('stock.move', { partId: p.id, kind: 'receipt', delta: 12, note: '采购入库 PO-2611' })).onHand).toBe(12);
    expect((await o.call('stock.move', { partId: p.id, kind: 'adjustment', delta: -2, note: '盘点损耗' })).onHand).toBe(10);
    expect(ledgerSum(o, p.id)).toEqual({ sum: 10, onHand: 10, rows: 2 });

    const before = { moves: count(o, 'stock_moves'), events: count(o, 'events') };
    const refused = await o.fail('stock.move', { partId: p.id, kind: 'adjustment', delta: -11, note: '报废' });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.issues).toEqual([
      {
        path: 'workflow',
        code: 'stock_below_zero',
        params: { partNo: 'BRG-6205', name: '轴承 深沟球 6205-2RS', unit: '个', onHand: 10, asked: 11 },
        message: 'only 10 个 of BRG-6205 轴承 深沟球 6205-2RS on hand, 11 asked: receive stock first, or override with a reason',
      },
    ]);
    expect({ moves: count(o, 'stock_moves'), events: count(o, 'events') }).toEqual(before);
    expect(ledgerSum(o, p.id).onHand).toBe(10);

    // An override needs a reason (the schema), then is flagged and audited.
    expect(codes(await o.fail('stock.move', { partId: p.id, kind: 'adjustment', delta: -11, override: true }))).toContain('reason_required');
    const over = await o.call('stock.move', { partId: p.id, kind: 'adjustment', delta: -11, note: '账实不符，先出后补', override: true });
    expect(over).toMatchObject({ onHand: -1, low: true });
    const ledger = await o.call('stock.ledger', { partId: p.id });
    expect(ledger.total).toBe(3);
    expect(ledger.rows.map((m) => [m.kind, m.delta, m.onHandAfter, m.override])).toEqual([
      ['adjustment', -11, -1, true],
      ['adjustment', -2, 10, false],
      ['receipt', 12, 12, false],
    ]);
    expect(ledger.rows[0]!.by).toBe('production_after_sales 1');
    const audit = o.allEvents().filter((e) => e.kind === 'stock_override');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ complaintId: null, actorId: o.staff.production_after_sales, before: { onHand: 10 }, after: { onHand: -1, delta: -11, note: '账实不符，先出后补' } });
    // A receipt brings it back; paging the ledger.
    await o.call('stock.move', { partId: p.id, kind: 'receipt', delta: 5 });
    expect((await o.call('stock.ledger', { partId: p.id, limit: 2, offset: 2 })).rows.map((m) => m.delta)).toEqual([-2, 12]);
    expect(ledgerSum(o, p.id)).toEqual({ sum: 4, onHand: 4, rows: 4 });
  });

  it('refuses to rewrite the ledger', async () => {
    const o = await openOffice();
    const p = await newPart(o);
    await o.call('stock.move', { partId: p.id, kind: 'receipt', delta: 3 });
    expect(() => o.store.sqlite.prepare('UPDATE stock_moves SET delta = 300').run()).toThrow(/append-only/);
    expect(() => o.store.sqlite.prepare('DELETE FROM stock_moves').run()).toThrow(/append-only/);
    expect(ledgerSum(o, p.id)).toEqual({ sum: 3, onHand: 3, rows: 1 });
  });

  it('holds on hand = sum of the ledger and never below zero unasked, over random sequences of moves', async () => {
    const o = await openOffice();
    const parts = [await newPart(o, { partNo: 'A-1' }), await newPart(o, { partNo: 'A-2' }), await newPart(o, { partNo: 'A-3' })];
    // A small seeded generator (mulberry32): the same sequence on every run.
    let seed = 20261125;
    const rnd = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const model = new Map(parts.map((p) => [p.id, 0]));
    let refusals = 0;
    let overrides = 0;
    for (let n = 0; n < 150; n++) {
      const p = parts[Math.floor(rnd() * parts.length)]!;
      const receipt = rnd() < 0.4;
      const delta = receipt ? 1 + Math.floor(rnd() * 8) : -(1 + Math.floor(rnd() * 8));
      const override = !receipt && rnd() < 0.1;
      const input = receipt ? { partId: p.id, kind: 'receipt' as const, delta } : { partId: p.id, kind: 'adjustment' as const, delta, note: '随机', override };
      const have = model.get(p.id)!;
      if (have + delta < 0 && delta < 0 && !override) {
        const e = await o.fail('stock.move', input);
        expect(codes(e)).toEqual(['stock_below_zero']);
        refusals++;
      } else {
        if (have + delta < 0 && delta < 0) overrides++;
        expect((await o.call('stock.move', input)).onHand).toBe(have + delta);
        model.set(p.id, have + delta);
      }
    }
    expect(refusals).toBeGreaterThan(0);
    for (const p of parts) {
      const s = ledgerSum(o, p.id);
      expect(s.onHand).toBe(model.get(p.id));
      expect(s.sum).toBe(s.onHand);
      // Each move's on_hand_after is the running total; a move below zero is exactly an override.
      const moves = o.store.sqlite.prepare('SELECT delta, on_hand_after AS after, override FROM stock_moves WHERE part_id = ? ORDER BY id').all(p.id) as Array<{ delta: number; after: number; override: number }>;
      let run = 0;
      for (const m of moves) {
        const prev = run;
        run += m.delta;
        expect(m.after).toBe(run);
        expect(m.override === 1).toBe(run < 0 && m.delta < 0);
        if (run < 0 && m.delta > 0) expect(prev).toBeLessThan(0);
      }
    }
    expect(o.allEvents().filter((e) => e.kind === 'stock_override')).toHaveLength(overrides);
  });
});

describe('parts on a case', () => {
  async function caseInService(o: Office) {
    const f = await registerCase(o);
    return driveTo(o, f.id, 'in_service');
  }

  it('issues a used part from stock, costs it, and cancelling gives the stock back', async () => {
    const o = await openOffice();
    const p = await newPart(o, { unitCost: 4_550, reorderLevel: 3 });
    await o.call('stock.move', { partId: p.id, kind: 'receipt', delta: 5 });
    const f = await caseInService(o);
    const visit = insertVisit(o, f.id, o.staff.production_after_sales);

    const after = await o.edit('production_after_sales', 'parts.addToCase', f.id, {
      partId: p.id,
      actionId: visit,
      usage: 'used',
      quantity: 2,
      faultySerial: 'B-OLD-001',
      replacementSerial: 'B-NEW-778',
      note: '现场更换',
    });
    expect(after.version).toBe(f.version + 1);
    const [line] = await o.call('parts.forCase', { id: f.id });
    expect(line).toMatchObject({ partNo: 'BRG-6205', usage: 'used', quantity: 2, fromStock: true, actionId: visit, faultySerial: 'B-OLD-001', replacementSerial: 'B-NEW-778', unitCost: 4_550, cancelledAt: null, by: 'production_after_sales 1' });
    const part = (await o.call('parts.list', { q: 'BRG' })).rows[0]!;
    expect(part).toMatchObject({ onHand: 3, low: true });
    const issue = (await o.call('stock.ledger', { partId: p.id })).rows[0]!;
    expect(issue).toMatchObject({ kind: 'issue', delta: -2, onHandAfter: 3, complaintId: f.id, trackingNo: f.trackingNo, override: false });
    expect(o.store.sqlite.prepare('SELECT case_part_id AS id FROM stock_moves WHERE kind = ?').get('issue')).toEqual({ id: line!.id });

    const raw = o.store.sqlite.prepare("SELECT cost_type, amount, payer, source, source_id, state FROM cost_lines WHERE source = 'part'").all();
    expect(raw).toEqual([{ cost_type: 'spare_parts', amount: 9_100, payer: 'company', source: 'part', source_id: line!.id, state: 'pending' }]);
    expect(await o.call('costs.forCase', { id: f.id })).toEqual(
      expect.arrayContaining([expect.objectContaining({ costType: 'spare_parts', amount: 9_100, payer: 'company', source: 'part', sourceId: line!.id })]),
    );
    expect(o.allEvents().filter((e) => e.complaintId === f.id && e.kind === 'case_part')).toHaveLength(1);

    await o.edit('production_after_sales', 'parts.cancelOnCase', f.id, { casePartId: line!.id, note: '录错，未使用' });
    const [cancelled] = await o.call('parts.forCase', { id: f.id });
    expect(cancelled!.cancelledAt).not.toBeNull();
    expect(ledgerSum(o, p.id)).toEqual({ sum: 5, onHand: 5, rows: 3 });
    expect((await o.call('stock.ledger', { partId: p.id })).rows[0]).toMatchObject({ kind: 'return', delta: 2, onHandAfter: 5, complaintId: f.id });
    expect(o.store.sqlite.prepare("SELECT count(*) AS n FROM cost_lines WHERE source = 'part'").get()).toEqual({ n: 0 });
    const events = o.allEvents().filter((e) => e.complaintId === f.id && e.kind === 'case_part');
    expect(events[1]).toMatchObject({ before: { cancelled: false }, after: { cancelled: true, note: '录错，未使用', returnedToStock: true } });

    const again = await o.refuse('production_after_sales', 'parts.cancelOnCase', f.id, { casePartId: line!.id, note: '再取消' });
    expect(codes(again)).toEqual(['part_line_cancelled']);
    expect(ledgerSum(o, p.id).onHand).toBe(5);
  });

  it('costs sent and refunded parts, not repaired ones, and leaves stock alone when not from stock', async () => {
    const o = await openOffice();
    const p = await newPart(o, { unitCost: 120_000, partNo: 'PCB-37A', name: '控制板 主控 SA-37A' });
    await o.call('stock.move', { partId: p.id, kind: 'receipt', delta: 2 });
    const f = await caseInService(o);
    await o.edit('sales_admin', 'parts.addToCase', f.id, { partId: p.id, usage: 'sent', quantity: 1 });
    await o.edit('branch_manager', 'parts.addToCase', f.id, { partId: p.id, usage: 'repaired', quantity: 1, fromStock: false, faultySerial: 'PCB-9' });
    await o.edit('production_after_sales', 'parts.addToCase', f.id, { partId: p.id, usage: 'refunded', quantity: 1, fromStock: false });
    const lines = await o.call('parts.forCase', { id: f.id });
    const byUsage = (u: string) => lines.find((l) => l.usage === u)!.id;
    const costs = o.store.sqlite.prepare("SELECT source_id AS id, amount FROM cost_lines WHERE source = 'part' ORDER BY id").all();
    expect(costs).toEqual([
      { id: byUsage('sent'), amount: 120_000 },
      { id: byUsage('refunded'), amount: 120_000 },
    ]);
    expect(ledgerSum(o, p.id)).toEqual({ sum: 1, onHand: 1, rows: 2 });
  });

  it('refuses an issue beyond the stock with the numbers, writes nothing, and audits an override on the case', async () => {
    const o = await openOffice();
    const p = await newPart(o);
    await o.call('stock.move', { partId: p.id, kind: 'receipt', delta: 1 });
    const f = await caseInService(o);
    const before = { lines: count(o, 'case_parts'), moves: count(o, 'stock_moves'), costs: count(o, 'cost_lines'), events: count(o, 'events'), version: (await o.file(f.id)).version };
    const e = await o.refuse('production_after_sales', 'parts.addToCase', f.id, { partId: p.id, usage: 'used', quantity: 3 });
    expect(e).toMatchObject({ code: 'FORBIDDEN', issues: [{ path: 'workflow', code: 'stock_below_zero', params: { partNo: 'BRG-6205', onHand: 1, asked: 3 } }] });
    expect({ lines: count(o, 'case_parts'), moves: count(o, 'stock_moves'), costs: count(o, 'cost_lines'), events: count(o, 'events'), version: (await o.file(f.id)).version }).toEqual(before);

    await o.edit('production_after_sales', 'parts.addToCase', f.id, { partId: p.id, usage: 'used', quantity: 3, override: true, note: '客户停机，先用样机库存' });
    const audit = o.allEvents().filter((x) => x.kind === 'stock_override');
    expect(audit).toEqual([expect.objectContaining({ complaintId: f.id, after: expect.objectContaining({ onHand: -2, delta: -3, kind: 'issue' }) })]);
    expect((await o.call('stock.ledger', { partId: p.id })).rows[0]).toMatchObject({ kind: 'issue', override: true, onHandAfter: -2, note: '客户停机，先用样机库存' });
    expect(ledgerSum(o, p.id)).toEqual({ sum: -2, onHand: -2, rows: 2 });
  });

  it('refuses the wrong role, another case’s visit, a stale version, and a case not yet in progress', async () => {
    const o = await openOffice();
    const p = await newPart(o);
    await o.call('stock.move', { partId: p.id, kind: 'receipt', delta: 10 });
    const f = await caseInService(o);
    const g = await caseInService(o);
    const otherVisit = insertVisit(o, g.id, o.staff.production_after_sales);
    const before = { lines: count(o, 'case_parts'), moves: count(o, 'stock_moves') };

    const finance = await o.refuse('finance', 'parts.addToCase', f.id, { partId: p.id, usage: 'used', quantity: 1 });
    expect(finance).toMatchObject({ code: 'FORBIDDEN', issues: [expect.objectContaining({ path: 'workflow', code: 'wrong_role' })] });

    const foreign = await o.refuse('production_after_sales', 'parts.addToCase', f.id, { partId: p.id, usage: 'used', quantity: 1, actionId: otherVisit });
    expect(foreign).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'actionId', code: 'action_not_on_case' }] });

    const seen = (await o.file(f.id)).version;
    await o.edit('production_after_sales', 'parts.addToCase', f.id, { partId: p.id, usage: 'used', quantity: 1 });
    await o.as('production_after_sales');
    const stale = await o.fail('parts.addToCase', { id: f.id, version: seen, partId: p.id, usage: 'used', quantity: 1 });
    expect(stale.code).toBe('CONFLICT');
    expect({ lines: count(o, 'case_parts'), moves: count(o, 'stock_moves') }).toEqual({ lines: before.lines + 1, moves: before.moves + 1 });

    const registered = await registerCase(o);
    const early = await o.refuse('production_after_sales', 'parts.addToCase', registered.id, { partId: p.id, usage: 'used', quantity: 1 });
    expect(codes(early)).toEqual(['wrong_state']);

    // A part taken out of the catalogue is not offered on cases any more.
    await o.call('parts.save', { partId: p.id, version: 0, partNo: p.partNo, name: p.name, unit: p.unit, unitCost: p.unitCost, reorderLevel: 5, active: false });
    expect(codes(await o.refuse('production_after_sales', 'parts.addToCase', f.id, { partId: p.id, usage: 'used', quantity: 1 }))).toEqual(['part_inactive']);
    expect((await o.call('parts.list', {})).total).toBe(0);
    expect((await o.call('parts.list', { includeInactive: true })).total).toBe(1);
  });
});

describe('the demo parts', () => {
  it('builds a catalogue whose quantities are the ledger’s totals, with some parts low and parts used on cases in service', async () => {
    const o = await openOffice();
    await o.as('admin');
    // Loading the demo office builds the parts (services/demo-service.ts calls demoParts); a second
    // run finds the catalogue there and adds nothing: no part, no move, no line counted twice.
    await o.call('app.loadDemo', { complaints: 1500 });
    const tables = ['parts', 'stock_moves', 'case_parts', 'cost_lines', 'events'] as const;
    const loaded = tables.map((t) => count(o, t));
    expect(loaded.slice(0, 3).every((n) => n > 0)).toBe(true);
    await o.store.db.transaction().execute((trx) => demoParts(trx, { until: new Date(), userId: o.staff.admin }));
    expect(tables.map((t) => count(o, t))).toEqual(loaded);
    const all = await o.call('parts.list', { limit: 100 });
    expect(all.total).toBeGreaterThanOrEqual(20);
    expect(all.total).toBeLessThanOrEqual(40);
    for (const p of all.rows) {
      const s = ledgerSum(o, p.id);
      expect(s.sum).toBe(s.onHand);
      expect(p.onHand).toBeGreaterThanOrEqual(0);
    }
    const low = (await o.call('parts.list', { lowOnly: true })).total;
    expect(low).toBeGreaterThan(0);
    expect(low).toBeLessThan(all.total / 2);
    const lines = o.store.sqlite.prepare('SELECT l.complaint_id AS id, c.state FROM case_parts l JOIN complaints c ON c.id = l.complaint_id').all() as Array<{ id: number; state: string }>;
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(['in_service', 'awaiting_verification', 'verified', 'closed']).toContain(l.state);
    const [first] = await o.call('parts.forCase', { id: lines[0]!.id });
    expect(first!.by).toBeTruthy();
    expect(count(o, 'cost_lines')).toBeGreaterThan(0);
  });
});
