import { describe, expect, it } from 'vitest';
import type { EscalationRule } from '../../src/shared/schemas/rules-escalation';
import { makeTempDir, openOffice, openTestApp, registerCase } from './helpers';
import { MONDAY_0900, movableClock } from './rule-engine-helpers';

/**
 * Rules as versioned data through the api (issue 4): the seeded defaults, saving with version
 * history, a malformed rule refused with the path and code and the old version kept, a stale editor
 * refused, who may edit which kind, the dry run ("would have fired on 3 cases"), and the business
 * calendar: its status, and day edits that move due times.
 */

const office = () => openOffice({ clock: movableClock('2026-11-23T01:05:00.000Z') });

async function escalationRule(o: Awaited<ReturnType<typeof office>>, key: string): Promise<EscalationRule> {
  return (await o.call('rules.history', { kind: 'escalation', key }))[0]!.data as EscalationRule;
}

describe('the rule documents', () => {
  it('are seeded once, with the chairman cost rule taken from the settings', async () => {
    const o = await office();
    const rules = await o.call('rules.list', { kind: 'escalation' });
    expect(rules.map((r) => [r.key, r.version, r.enabled])).toEqual([
      ['sla-80', 1, true],
      ['sla-breached', 1, true],
      ['major-defect', 1, true],
      ['safety-defect', 1, true],
      ['repeat-complaint', 1, true],
      ['cost-threshold', 1, true],
      ['customer-pressure', 1, true],
      ['dispute-open', 1, true],
      ['capa-overdue', 1, false],
    ]);
    expect(rules.find((r) => r.key === 'cost-threshold')!.data).toMatchObject({
      name: 'Cost over ¥10,000',
      conditions: { all: [{ fact: 'estimatedCost', operator: 'greaterThan', value: 1_000_000 }] },
    });
    expect(rules.every((r) => r.savedBy === null)).toBe(true);
    for (const kind of ['warranty', 'calendar', 'sla', 'repeat'] as const) {
      expect((await o.call('rules.list', { kind })).map((d) => [d.key, d.version])).toEqual([['default', 1]]);
    }
    expect((await o.call('rules.list', { kind: 'routing' })).map((d) => d.key)).toEqual(['quality', 'non-quality', 'technical-question']);
  });

  it('are not seeded again on a later start', async () => {
    const dataDir = makeTempDir();
    const first = await openTestApp({ dataDir });
    const count = (app: typeof first) => app.store.sqlite.prepare('SELECT count(*) AS docs, (SELECT count(*) FROM calendar_days) AS days FROM rule_documents').get();
    const before = count(first);
    await first.close();
    const again = await openTestApp({ dataDir });
    expect(count(again)).toEqual(before);
  });

  it('keep every version; an unchanged save writes nothing; a new rule starts at version 1', async () => {
    const o = await office();
    await o.as('sales_manager');
    const rule = await escalationRule(o, 'major-defect');
    const v2 = await o.call('rules.save', { kind: 'escalation', key: 'major-defect', data: { ...rule, name: 'Major defect (reviewed)' }, expectedVersion: 1 });
    expect(v2).toMatchObject({ bumped: true, document: { version: 2, savedBy: 'sales_manager 1', data: { name: 'Major defect (reviewed)', version: 2 } } });
    const same = await o.call('rules.save', { kind: 'escalation', key: 'major-defect', data: v2.document.data, expectedVersion: 2 });
    expect(same).toMatchObject({ bumped: false, document: { version: 2 } });
    await o.call('rules.setEnabled', { kind: 'escalation', key: 'major-defect', enabled: false });
    expect((await o.call('rules.history', { kind: 'escalation', key: 'major-defect' })).map((d) => [d.version, d.enabled])).toEqual([
      [3, false],
      [2, true],
      [1, true],
    ]);

    const vip: EscalationRule = { ...rule, id: 'key-customer', name: 'Key customer', version: 1, conditions: { all: [{ fact: 'customerTier', operator: 'equal', value: 'key' }] } };
    const created = await o.call('rules.save', { kind: 'escalation', key: 'key-customer', data: vip, expectedVersion: null });
    expect(created.document).toMatchObject({ version: 1, key: 'key-customer' });
    expect((await o.call('rules.list', { kind: 'escalation' })).at(-1)!.key).toBe('key-customer');

    // A disabled rule does not fire; the firing of a saved rule names its new version.
    const f = await registerCase(o, 'quality', { receivedAt: MONDAY_0900, severity: 'major' });
    expect(f.escalationLevel).toBeNull();
  });

  it('refuse a malformed rule with the path and code, and keep the version in use', async () => {
    const o = await office();
    await o.as('admin');
    const rule = await escalationRule(o, 'sla-80');
    const bad = { ...rule, conditions: { all: [{ fact: 'slaa', path: '$.response.percentUsed', operator: 'percentAtLeast', value: 80 }] } };
    const e = await o.fail('rules.save', { kind: 'escalation', key: 'sla-80', data: bad, expectedVersion: 1 });
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toEqual([expect.objectContaining({ path: 'data.conditions.all.0.fact', code: 'rule_unknown_fact' })]);
    expect(e.message).toMatch(/unknown fact "slaa"/);

    const empty = await o.fail('rules.save', { kind: 'escalation', key: 'sla-80', data: { ...rule, conditions: { all: [] } }, expectedVersion: 1 });
    expect(empty.issues).toEqual([expect.objectContaining({ path: 'data.conditions.all', code: 'rule_empty_group' })]);
    const policy = await o.fail('rules.save', { kind: 'sla', key: 'default', data: { tiers: [], rules: [] }, expectedVersion: 1 });
    expect(policy.issues?.map((i) => i.path)).toEqual(['data.tiers', 'data.rules']);
    const renamed = await o.fail('rules.save', { kind: 'escalation', key: 'sla-80', data: { ...rule, id: 'sla-81' }, expectedVersion: 1 });
    expect(renamed.issues).toEqual([expect.objectContaining({ path: 'data.id', code: 'rule_key_mismatch' })]);

    expect((await o.call('rules.history', { kind: 'escalation', key: 'sla-80' })).map((d) => d.version)).toEqual([1]);
    expect(await escalationRule(o, 'sla-80')).toEqual(rule);
  });

  it('refuse a stale editor, and check who may change which kind', async () => {
    const o = await office();
    await o.as('admin');
    const rule = await escalationRule(o, 'dispute-open');
    await o.call('rules.save', { kind: 'escalation', key: 'dispute-open', data: { ...rule, name: 'Dispute' }, expectedVersion: 1 });
    const stale = await o.fail('rules.save', { kind: 'escalation', key: 'dispute-open', data: { ...rule, name: 'Dispute!' }, expectedVersion: 1 });
    expect(stale).toMatchObject({ code: 'CONFLICT', issues: [expect.objectContaining({ path: 'expectedVersion', code: 'rule_stale' })] });

    const [warranty] = await o.call('rules.list', { kind: 'warranty' });
    await o.as('sales_manager');
    expect((await o.fail('rules.save', { kind: 'warranty', key: 'default', data: warranty!.data, expectedVersion: 1 })).code).toBe('FORBIDDEN');
    await o.as('finance');
    expect((await o.fail('rules.save', { kind: 'escalation', key: 'dispute-open', data: rule, expectedVersion: 2 })).code).toBe('FORBIDDEN');
    expect((await o.fail('calendar.setDay', { date: '2026-12-24', kind: 'holiday' })).code).toBe('FORBIDDEN');
    // Reading is for everyone.
    expect(await o.call('rules.list', { kind: 'sla' })).toHaveLength(1);
  });
});

describe('the dry run', () => {
  it('says on how many open cases a draft would fire now, with a sample, and saves nothing', async () => {
    const o = await office();
    const major: string[] = [];
    for (const [i, severity] of (['major', 'normal', 'major', 'minor', 'major', 'normal'] as const).entries()) {
      const f = await registerCase(o, 'quality', { receivedAt: MONDAY_0900, severity, serialNo: `SN-${i}` });
      if (severity === 'major') major.push(f.trackingNo);
    }
    await o.as('finance');
    const draft = { ...(await escalationRule(o, 'major-defect')), conditions: { all: [{ fact: 'severity', operator: 'in', value: ['major', 'safety'] }] } };
    const before = o.allEvents().length;
    expect(await o.call('rules.dryRun', { kind: 'escalation', data: draft })).toEqual({ wouldFire: 3, total: 6, sample: major });
    expect(await o.call('rules.dryRun', { kind: 'escalation', data: draft, sampleSize: 1 })).toMatchObject({ wouldFire: 3, sample: [major[0]] });
    expect(o.allEvents()).toHaveLength(before);
    const bad = await o.fail('rules.dryRun', { kind: 'escalation', data: { ...draft, conditions: { all: [{ fact: 'severity', operator: 'greaterThan', value: 'major' }] } } });
    expect(bad.issues).toEqual([expect.objectContaining({ path: 'data.conditions.all.0.operator', code: 'rule_operator_not_for_fact' })]);
  });
});

describe('the business calendar', () => {
  it('reports the years with holiday data and warns that the coming year has none', async () => {
    const o = await office();
    const status = await o.call('calendar.status', {});
    expect(status.timeZone).toBe('Asia/Shanghai');
    expect(status.yearsCovered).toEqual(expect.arrayContaining([2025, 2026]));
    expect(status.packageYears).toEqual(status.yearsCovered);
    // 23 November 2026: 2027 is 39 days away and chinese-days 1.5.7 does not know it yet.
    expect(status.warning).toMatchObject({ code: 'holiday_data_missing', years: [2027] });
    const y = await o.call('calendar.get', { year: 2026 });
    expect(y.covered).toBe(true);
    expect(y.days.find((d) => d.date === '2026-10-01')).toEqual({ date: '2026-10-01', kind: 'holiday', holiday: 'national_day', note: null, source: 'chinese-days' });
    expect(y.days.find((d) => d.date === '2026-02-14')).toMatchObject({ kind: 'workday' }); // Spring Festival's adjusted Saturday
  });

  it('takes the years a newer chinese-days knows at start, keeping the office’s own days', async () => {
    const dataDir = makeTempDir();
    const o = await openOffice({ dataDir, clock: movableClock('2026-11-23T01:05:00.000Z') });
    await o.as('admin');
    const [doc] = await o.call('rules.list', { kind: 'calendar' });
    const data = doc!.data as { holidayYears: number[] };
    // As if the app had been installed before 2025's arrangement was published.
    await o.call('rules.save', { kind: 'calendar', key: 'default', data: { ...data, holidayYears: data.holidayYears.filter((y) => y !== 2025) }, expectedVersion: 1 });
    o.store.sqlite.prepare(`DELETE FROM calendar_days WHERE date LIKE '2025-%'`).run();
    await o.call('calendar.setDay', { date: '2025-06-06', kind: 'holiday', note: '公司年会' });
    await o.close();

    const again = await openOffice({ dataDir, clock: movableClock('2026-11-23T01:05:00.000Z') });
    const [now] = await again.call('rules.list', { kind: 'calendar' });
    expect(now).toMatchObject({ version: 3, savedBy: null });
    expect((now!.data as { holidayYears: number[] }).holidayYears).toContain(2025);
    const y = await again.call('calendar.get', { year: 2025 });
    expect(y.covered).toBe(true);
    expect(y.days.find((d) => d.date === '2025-10-01')).toMatchObject({ kind: 'holiday', source: 'chinese-days' });
    expect(y.days.find((d) => d.date === '2025-06-06')).toMatchObject({ kind: 'holiday', source: 'office', note: '公司年会' });
  });

  it('moves due times when a day is made a holiday, and back when it is removed', async () => {
    const o = await office();
    const f = await registerCase(o, 'quality', { receivedAt: MONDAY_0900 });
    // 8 business hours from Monday 09:00: Tuesday 09:00 in Shanghai.
    const due = async () => (await o.call('complaints.engine', { id: f.id })).sla.clocks.find((c) => c.clock === 'response')!.due;
    expect(await due()).toBe('2026-11-24T01:00:00.000Z');
    await o.as('admin');
    await o.call('calendar.setDay', { date: '2026-11-24', kind: 'holiday', note: '公司庆典' });
    expect(await due()).toBe('2026-11-25T01:00:00.000Z');
    // The stored due time follows with the next evaluation (the scheduler's, here run by hand).
    await o.scheduler.runOnce();
    expect((await o.call('complaints.get', { id: f.id })).slaDueAt).toBe('2026-11-25T01:00:00.000Z');
    expect(await o.call('calendar.removeDay', { date: '2026-11-24' })).toEqual({ removed: true });
    expect(await o.call('calendar.removeDay', { date: '2026-11-24' })).toEqual({ removed: false });
    expect(await due()).toBe('2026-11-24T01:00:00.000Z');
  });
});
