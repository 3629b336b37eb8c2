import { describe, expect, it } from 'vitest';
import {
  combine,
  DEFAULT_ESCALATION_RULES,
  diffEscalation,
  dryRun,
  evaluateRules,
  evaluateRulesSync,
  firingRuleIds,
  reviseRule,
  type EscalationFacts,
  type Firing,
} from '../../src/main/rules/escalation';
import { evaluateInSlices, isQuiet } from '../../src/main/rules/escalation-batch';
import { CLASSIFICATIONS, DEFECT_CATEGORIES, SEVERITIES } from '../../src/shared/domain';
import {
  escalationRuleSchema,
  parseRuleJson,
  ruleIssues,
  SLA_CLOCK_STATES,
  type EscalationLevel,
  type EscalationRule,
  type SlaClockState,
} from '../../src/shared/schemas/rules-escalation';

/**
 * Escalation rules (issue 4): seed 000's "escalation triggers", the points at which a complaint
 * moves "beyond ordinary handling and into management review". Each default trigger, each level,
 * combining, lifting and idempotence, dry runs, versions, and malformed rules refused.
 */

type Overrides = Omit<Partial<EscalationFacts>, 'sla' | 'repeat'> & {
  sla?: Partial<Record<'response' | 'onsite' | 'resolution', [number | null, SlaClockState]>>;
  repeat?: Partial<EscalationFacts['repeat']>;
};

/** A calm case: every clock well inside its target, nothing flagged. */
function facts(o: Overrides = {}): EscalationFacts {
  const { sla = {}, repeat = {}, ...rest } = o;
  const clock = (c: 'response' | 'onsite' | 'resolution') => {
    const [percentUsed, state] = sla[c] ?? [10, 'running'];
    return { percentUsed, state };
  };
  return {
    caseId: 1,
    severity: 'normal',
    classification: 'quality',
    state: 'investigating',
    ageBusinessHours: 6,
    sla: { response: clock('response'), onsite: clock('onsite'), resolution: clock('resolution') },
    repeat: { windowDays: 90, sameCustomer: 1, sameModel: 1, sameSerial: 1, ...repeat },
    estimatedCost: 0,
    customerPressure: false,
    disputeOpen: false,
    escalated: false,
    technicalQuestion: false,
    overdueCapaActions: 0,
    defectCategory: 'leakage',
    productModel: 'SA37',
    serialNo: 'SA37A2512345',
    customerName: 'Shenzhen Huaxin',
    customerTier: 'standard',
    ...rest,
  };
}

const rules = DEFAULT_ESCALATION_RULES;
const ids = (fs: readonly Firing[]) => fs.map((f) => f.ruleId);
const withCapa = rules.map((r) => (r.id === 'capa-overdue' ? { ...r, enabled: true } : r));

/** Both evaluators, which must agree to the sentence. */
async function both(rs: readonly EscalationRule[], f: EscalationFacts): Promise<Firing[]> {
  const viaEngine = await evaluateRules(rs, f);
  expect(evaluateRulesSync(rs, f)).toEqual(viaEngine);
  expect(firingRuleIds(rs, f)).toEqual(ids(viaEngine));
  return viaEngine;
}

describe('default triggers', () => {
  it.each<[string, Overrides, string[], string]>([
    ['a calm case', {}, [], ''],
    ['response at 80 % and running', { sla: { response: [80, 'running'] } }, ['sla-80'], 'SLA response at 80 % (≥ 80 %); SLA response clock is running'],
    ['resolution at 83.46 % and paused', { sla: { resolution: [83.46, 'paused'] } }, ['sla-80'], 'SLA resolution at 83.4 % (≥ 80 %); SLA resolution clock is paused'],
    ['resolution at 79.9 %', { sla: { resolution: [79.9, 'running'] } }, [], ''],
    ['response met at 85 %: nothing left to warn about', { sla: { response: [85, 'met'] } }, [], ''],
    ['on-site at 100 % still running', { sla: { onsite: [100, 'running'] } }, ['sla-80', 'sla-breached'], 'SLA onsite at 100 % (≥ 100 %)'],
    ['resolution breached at 120 %', { sla: { resolution: [120, 'breached'] } }, ['sla-breached'], 'SLA resolution at 120 % (≥ 100 %)'],
    ['no on-site visit needed', { sla: { onsite: [null, 'not_applicable'] } }, [], ''],
    ['a major defect', { severity: 'major' }, ['major-defect'], 'severity is major'],
    ['a safety defect', { severity: 'safety' }, ['safety-defect'], 'severity is safety'],
    ['the same serial twice', { repeat: { sameSerial: 2 } }, ['repeat-complaint'], '2 complaints on serial SA37A2512345 in 90 days (≥ 2)'],
    ['customer and model three times', { repeat: { sameModel: 3 } }, ['repeat-complaint'], '3 complaints from Shenzhen Huaxin on model SA37 in 90 days (≥ 3)'],
    ['customer and model twice', { repeat: { sameModel: 2 } }, [], ''],
    ['many complaints from one customer (no default rule)', { repeat: { sameCustomer: 9 } }, [], ''],
    ['cost exactly ¥10,000', { estimatedCost: 1_000_000 }, ['cost-threshold'], 'estimated cost ¥10,000.00 (≥ ¥10,000.00)'],
    ['cost ¥9,999.99', { estimatedCost: 999_999 }, [], ''],
    ['customer pressure', { customerPressure: true }, ['customer-pressure'], 'the customer-pressure flag is set'],
    ['a dispute', { disputeOpen: true }, ['dispute-open'], 'a dispute is open'],
    ['overdue CAPA (rule off by default)', { overdueCapaActions: 2 }, [], ''],
  ])('%s', async (_, o, expected, message) => {
    const fired = await both(rules, facts(o));
    expect(ids(fired)).toEqual(expected);
    if (expected.length) expect(fired.at(-1)!.reason.message).toBe(message);
  });

  it('names both repeat counts when both hold, and records rule, version and details', async () => {
    const [f] = await both(rules, facts({ repeat: { sameSerial: 3, sameModel: 4 } }));
    expect(f).toMatchObject({ ruleId: 'repeat-complaint', ruleVersion: 1, ruleName: 'Repeat complaint', level: 'branch_manager', deescalate: true });
    expect(f!.reason.code).toBe('repeat_serial');
    expect(f!.reason.params).toMatchObject({ count: 3, days: 90, serialNo: 'SA37A2512345', threshold: '2' });
    expect(f!.details.map((d) => d.code)).toEqual(['repeat_serial', 'repeat_model']);
  });

  it('reads a missing fact as "does not hold" rather than failing the run', async () => {
    const partial = facts();
    delete (partial as Partial<EscalationFacts>).sla;
    expect(await both(rules, partial)).toEqual([]);
  });
});

describe('levels', () => {
  it.each<[Overrides, EscalationLevel]>([
    [{ sla: { response: [90, 'running'] } }, 'sales_manager'],
    [{ severity: 'major' }, 'sales_manager'],
    [{ disputeOpen: true }, 'sales_manager'],
    [{ sla: { response: [130, 'breached'] } }, 'branch_manager'],
    [{ repeat: { sameSerial: 2 } }, 'branch_manager'],
    [{ customerPressure: true }, 'branch_manager'],
    [{ overdueCapaActions: 1 }, 'department_heads'],
    [{ severity: 'safety' }, 'chairman'],
    [{ estimatedCost: 2_000_000 }, 'chairman'],
  ])('%o → %s', async (o, level) => {
    expect(combine(await both(withCapa, facts(o))).level).toBe(level);
  });
});

describe('combine', () => {
  it('is empty when nothing fires', () => {
    expect(combine([])).toMatchObject({ level: null, notify: [], requireChairman: false, chairmanReason: null, reasons: [] });
  });

  it('takes the highest level, the union of actions, and lists reasons highest first', () => {
    const e = combine(evaluateRulesSync(rules, facts({ severity: 'major', customerPressure: true, disputeOpen: true })));
    expect(e.level).toBe('branch_manager');
    expect(e.ruleIds).toEqual(['customer-pressure', 'major-defect', 'dispute-open']);
    expect(e.notify).toEqual(['sales_manager', 'branch_manager']);
    expect(e).toMatchObject({ raisePriority: true, email: true, managementReview: true, requireChairman: false });
    expect(e.reasons[0]).toMatchObject({ ruleId: 'customer-pressure', level: 'branch_manager', message: 'the customer-pressure flag is set' });
  });

  it("requires the chairman's decision when a firing asks for it, with its reason", () => {
    const e = combine(evaluateRulesSync(rules, facts({ severity: 'major', estimatedCost: 1_500_000 })));
    expect(e).toMatchObject({ level: 'chairman', requireChairman: true });
    expect(e.chairmanReason?.message).toBe('estimated cost ¥15,000.00 (≥ ¥10,000.00)');
    expect(e.notify).toEqual(['sales_manager', 'chairman']);
  });

  it('a chairman-level rule that only informs him does not require his decision', () => {
    const inform: EscalationRule = { ...rules.find((r) => r.id === 'safety-defect')!, id: 'inform', actions: { raisePriority: false, notify: ['chairman'], email: false, requireChairman: false, managementReview: false } };
    const e = combine(evaluateRulesSync([inform], facts({ severity: 'safety' })));
    expect(e).toMatchObject({ level: 'chairman', requireChairman: false, chairmanReason: null });
  });
});

describe('diffEscalation', () => {
  const tense = facts({ disputeOpen: true, sla: { resolution: [120, 'breached'] }, severity: 'major' });

  it('escalates what newly fires, and re-running with the same facts changes nothing', () => {
    const first = diffEscalation([], evaluateRulesSync(rules, tense));
    expect(ids(first.escalate)).toEqual(['sla-breached', 'major-defect', 'dispute-open']);
    expect(first).toMatchObject({ changed: true, levelChange: { from: null, to: 'branch_manager' } });
    const again = diffEscalation(first.active, evaluateRulesSync(rules, tense));
    expect(again).toMatchObject({ escalate: [], deescalate: [], revised: [], changed: false, levelChange: null });
    expect(again.unchanged).toEqual(first.active);
    expect(again.active).toEqual(first.active);
  });

  it('keeps the recorded firing when only the figures progressed (83 % → 91 %)', () => {
    const a = diffEscalation([], evaluateRulesSync(rules, facts({ sla: { response: [83, 'running'] } })));
    const b = diffEscalation(a.active, evaluateRulesSync(rules, facts({ sla: { response: [91, 'running'] } })));
    expect(b.changed).toBe(false);
    expect(b.active[0]!.reason.message).toContain('83 %');
  });

  it('lifts rules with deescalate when the cause is gone, and keeps the others', () => {
    const a = diffEscalation([], evaluateRulesSync(rules, tense));
    const calm = facts({ sla: { resolution: [120, 'met'] } }); // dispute settled, severity revised, clock stopped late
    const b = diffEscalation(a.active, evaluateRulesSync(rules, calm));
    expect(ids(b.deescalate)).toEqual(['major-defect', 'dispute-open']);
    expect(ids(b.unchanged)).toEqual(['sla-breached']); // a breach stays for management review
    expect(b.effective.level).toBe('branch_manager');
    expect(b.levelChange).toBeNull();
    expect(diffEscalation(b.active, evaluateRulesSync(rules, calm)).changed).toBe(false);
  });

  it('does not lift a rule without deescalate even when nothing fires any more', () => {
    const a = diffEscalation([], evaluateRulesSync(rules, facts({ sla: { onsite: [101, 'breached'] } })));
    const b = diffEscalation(a.active, []);
    expect(b).toMatchObject({ deescalate: [], changed: false });
    expect(ids(b.active)).toEqual(['sla-breached']);
  });

  it('lifts a rule that was disabled, if it lifts, and reports the level falling', () => {
    const a = diffEscalation([], evaluateRulesSync(rules, facts({ customerPressure: true })));
    const off = rules.map((r) => (r.id === 'customer-pressure' ? { ...r, enabled: false } : r));
    const b = diffEscalation(a.active, evaluateRulesSync(off, facts({ customerPressure: true })));
    expect(ids(b.deescalate)).toEqual(['customer-pressure']);
    expect(b.levelChange).toEqual({ from: 'branch_manager', to: null });
  });

  it('replaces a firing whose rule was revised while it still holds', () => {
    const a = diffEscalation([], evaluateRulesSync(rules, facts({ severity: 'major' })));
    const v2 = rules.map((r) => (r.id === 'major-defect' ? { ...r, version: 2, level: 'branch_manager' as const } : r));
    const b = diffEscalation(a.active, evaluateRulesSync(v2, facts({ severity: 'major' })));
    expect(b.revised).toHaveLength(1);
    expect(b.revised[0]!.next).toMatchObject({ ruleVersion: 2, level: 'branch_manager' });
    expect(b.levelChange).toEqual({ from: 'sales_manager', to: 'branch_manager' });
    expect(diffEscalation(b.active, evaluateRulesSync(v2, facts({ severity: 'major' }))).changed).toBe(false);
  });
});

describe('dryRun', () => {
  const cases = SEVERITIES.flatMap((severity, i) => [facts({ caseId: i * 2 + 1, severity }), facts({ caseId: i * 2 + 2, severity })]);
  const draft = { conditions: { all: [{ fact: 'severity', operator: 'in' as const, value: ['major', 'safety'] }] } };

  it.each([
    [draft, 20, 4, [5, 6, 7, 8]],
    [draft, 2, 4, [5, 6]],
    [{ conditions: { not: { fact: 'severity', operator: 'equal' as const, value: 'minor' } } }, 20, 6, [3, 4, 5, 6, 7, 8]],
    [{ conditions: { all: [{ fact: 'disputeOpen', operator: 'equal' as const, value: true }] } }, 20, 0, []],
  ])('counts the cases a draft would fire on (%#)', (rule, sampleSize, wouldFire, sample) => {
    expect(dryRun(rule, cases, sampleSize)).toEqual({ wouldFire, sample });
  });

  it('ignores enabled: a disabled draft is still tried', () => {
    const off = { ...rules.find((r) => r.id === 'major-defect')!, enabled: false };
    expect(dryRun(off, cases).wouldFire).toBe(2);
  });
});

describe('reviseRule', () => {
  const v1 = rules.find((r) => r.id === 'cost-threshold')!;
  const draft: Partial<EscalationRule> = { ...v1 };
  delete draft.version;

  it.each<[string, EscalationRule | null, unknown, number, boolean]>([
    ['a new rule starts at version 1', null, { ...draft, id: 'new-rule' }, 1, false],
    ['a change bumps the version', v1, { ...draft, conditions: { all: [{ fact: 'estimatedCost', operator: 'greaterThanInclusive', value: 2_000_000 }] } }, 2, true],
    ['saving unchanged keeps the version', v1, draft, 1, false],
    ['key order does not count as a change', v1, Object.fromEntries(Object.entries(draft).reverse()), 1, false],
    ['disabling is a change', v1, { ...draft, enabled: false }, 2, true],
  ])('%s', (_, previous, input, version, bumped) => {
    const r = reviseRule(previous, input);
    expect(r.ok && { version: r.rule.version, bumped: r.bumped }).toEqual({ version, bumped });
  });

  it('refuses a malformed draft and keeps the version in use', () => {
    const r = reviseRule(v1, { ...draft, conditions: { all: [] } });
    expect(r).toMatchObject({ ok: false, kept: v1 });
    expect(!r.ok && r.issues).toEqual([
      { path: 'conditions.all', code: 'rule_empty_group', params: { group: 'all' }, message: 'conditions.all: "all" takes a non-empty list of conditions' },
    ]);
  });

  it('refuses a change of id', () => {
    const r = reviseRule(v1, { ...draft, id: 'other' });
    expect(!r.ok && r.issues[0]).toMatchObject({ path: 'id', code: 'rule_id_changed' });
  });

  it('refuses a save from an editor opened on an older version, and accepts one from the current', () => {
    const v2 = { ...v1, version: 2 };
    const stale = reviseRule(v2, { ...draft, enabled: false, version: 1 });
    expect(stale).toMatchObject({ ok: false, kept: v2 });
    expect(!stale.ok && stale.issues[0]).toMatchObject({ path: 'version', code: 'rule_stale', params: { version: 2, seen: 1 } });
    expect(reviseRule(v2, { ...draft, enabled: false, version: 2 })).toMatchObject({ ok: true, rule: { version: 3, enabled: false } });
  });
});

// ---------------------------------------------------------------- both evaluators on random cases

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

function randomFacts(n: number, seed = 7): EscalationFacts[] {
  const r = rng(seed);
  const pick = <T,>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const clock = (): [number | null, SlaClockState] => {
    const s = pick(SLA_CLOCK_STATES);
    return [s === 'not_applicable' ? null : Math.round(r() * 1300) / 10, s];
  };
  return Array.from({ length: n }, (_, i) =>
    facts({
      caseId: i + 1,
      severity: pick(SEVERITIES),
      classification: pick([...CLASSIFICATIONS, null]),
      sla: { response: clock(), onsite: clock(), resolution: clock() },
      repeat: { sameCustomer: 1 + Math.floor(r() * 6), sameModel: 1 + Math.floor(r() * 4), sameSerial: Math.floor(r() * 3) },
      estimatedCost: Math.floor(r() * 2_000_000),
      customerPressure: r() < 0.1,
      disputeOpen: r() < 0.1,
      defectCategory: pick(DEFECT_CATEGORIES),
      productModel: pick(['SA37', 'sa37-200', 'KB12']),
      customerTier: pick(['standard', 'key', null]),
    }),
  );
}

const extra: EscalationRule[] = [
  {
    ...rules[0]!,
    id: 'mixed',
    name: 'Mixed operators',
    conditions: {
      any: [
        { all: [{ fact: 'productModel', operator: 'startsWith', value: 'SA37' }, { not: { fact: 'customerTier', operator: 'in', value: ['key'] } }] },
        { all: [{ fact: 'classification', operator: 'equal', value: null }, { fact: 'defectCategory', operator: 'notIn', value: ['leakage', 'other'] }] },
        { fact: 'repeat', path: '$.sameCustomer', operator: 'greaterThan', value: 4 },
      ],
    },
  },
];

describe('json-rules-engine and the compiled conditions', () => {
  it('agree on 400 random cases, to the sentence', async () => {
    const set = [...withCapa, ...extra];
    let fired = 0;
    for (const f of randomFacts(400)) fired += (await both(set, f)).length;
    expect(fired).toBeGreaterThan(400);
  });

  it('give the same answers when runs overlap on the shared engine', async () => {
    const cases = randomFacts(200, 11);
    const together = await Promise.all(cases.map((f) => evaluateRules(rules, f)));
    expect(together).toEqual(cases.map((f) => evaluateRulesSync(rules, f)));
  });
});

describe('the shared json-rules-engine', () => {
  // Unqueued, a run that starts while another finishes loses its events: json-rules-engine keeps
  // one run status per engine. Here at every offset up to 40 microtasks.
  it('does not drop a run that starts while another one finishes', async () => {
    const f = facts({ severity: 'safety', disputeOpen: true });
    const expected = evaluateRulesSync(rules, f);
    for (let n = 0; n < 40; n++) {
      const later = (async () => {
        for (let i = 0; i < n; i++) await Promise.resolve();
        return evaluateRules(rules, f);
      })();
      expect(await Promise.all([evaluateRules(rules, f), later])).toEqual([expected, expected]);
    }
  });
});

describe('evaluateInSlices', () => {
  it('visits every case in order and yields when a slice has used its time', async () => {
    const cases = randomFacts(1000, 3);
    let t = 0;
    let pauses = 0;
    const seen: Array<[number, Firing[]]> = [];
    const stats = await evaluateInSlices(rules, cases, (f, fs) => seen.push([f.caseId, fs]), {
      sliceMs: 20,
      now: () => (t += 5), // each clock read "takes" 5 ms: a slice every few reads
      pause: async () => void pauses++,
    });
    expect(seen.map(([id]) => id)).toEqual(cases.map((f) => f.caseId));
    expect(seen.map(([, fs]) => fs)).toEqual(cases.map((f) => evaluateRulesSync(rules, f)));
    expect(stats.cases).toBe(1000);
    expect(pauses).toBeGreaterThan(0);
    expect(stats.slices).toBe(pauses + 1);
  });

  it('skips exactly the cases whose diff would be empty (isQuiet agrees with diffEscalation)', async () => {
    const before = randomFacts(300, 5);
    const after = randomFacts(300, 5).map((f, i) => (i % 3 === 0 ? randomFacts(1, 100 + i)[0]! : f));
    const v2 = rules.map((r) => (r.id === 'major-defect' ? { ...r, version: 2 } : r));
    for (const now of [rules, v2]) {
      const recorded = new Map(before.map((f) => [f.caseId, diffEscalation([], evaluateRulesSync(rules, f)).active]));
      const expected = after.filter((f) => diffEscalation(recorded.get(f.caseId)!, evaluateRulesSync(now, f)).changed).map((f) => f.caseId);
      for (const f of after) expect(isQuiet(now, recorded.get(f.caseId)!, firingRuleIds(now, f))).toBe(!expected.includes(f.caseId));
      const handed: number[] = [];
      const stats = await evaluateInSlices(now, after, (f) => handed.push(f.caseId), { recorded: (f) => recorded.get(f.caseId) });
      expect(handed).toEqual(expected);
      expect(stats).toMatchObject({ cases: 300, changed: expected.length });
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(300);
    }
  });
});

// ------------------------------------------------------------------------------ malformed rules

describe('a malformed rule is refused with the path and a clear message', () => {
  const base = rules.find((r) => r.id === 'major-defect')!;
  const leaf = (l: Record<string, unknown>) => ({ ...base, conditions: { all: [{ fact: 'severity', operator: 'equal', value: 'major', ...l }] } });
  const cond = (conditions: unknown) => ({ ...base, conditions });
  const sla = (path?: string) => ({ fact: 'sla', operator: 'percentAtLeast', value: 80, ...(path === undefined ? {} : { path }) });

  it.each<[string, unknown, string, string, RegExp]>([
    ['unknown fact', leaf({ fact: 'severty' }), 'conditions.all.0.fact', 'rule_unknown_fact', /unknown fact "severty"; known facts: severity, classification/],
    ['unknown operator', leaf({ operator: 'greaterThanOrEqual' }), 'conditions.all.0.operator', 'rule_unknown_operator', /unknown operator "greaterThanOrEqual"/],
    ['operator not for the fact', leaf({ operator: 'percentAtLeast' }), 'conditions.all.0.operator', 'rule_operator_not_for_fact', /does not apply to severity; use one of equal, notEqual, in, notIn/],
    ['wrong value type (money as text)', leaf({ fact: 'estimatedCost', operator: 'greaterThan', value: '10000' }), 'conditions.all.0.value', 'rule_value_type', /whole fen.*got "10000"/],
    ['value outside the enum', leaf({ value: 'critical' }), 'conditions.all.0.value', 'rule_value_type', /severity takes one of minor, normal, major, safety; got "critical"/],
    ['a boolean fact compared with a text', leaf({ fact: 'disputeOpen', value: 'yes' }), 'conditions.all.0.value', 'rule_value_type', /disputeOpen takes true or false/],
    ['in without a list', leaf({ operator: 'in' }), 'conditions.all.0.value', 'rule_value_type', /takes a list/],
    ['an ordering against null', cond({ all: [{ ...sla('$.onsite.percentUsed'), value: null }] }), 'conditions.all.0.value', 'rule_value_type', /percentage ≥ 0.*got null/],
    ['startsWith an empty text', leaf({ fact: 'productModel', operator: 'startsWith', value: '' }), 'conditions.all.0.value', 'rule_value_type', /non-empty text/],
    ['a bad entry in a list', leaf({ operator: 'in', value: ['major', 'fatal'] }), 'conditions.all.0.value.1', 'rule_value_type', /got "fatal"/],
    ['a value taken from another fact', leaf({ value: { fact: 'classification' } }), 'conditions.all.0.value', 'rule_fact_reference', /fixed value/],
    ['a missing value', { ...base, conditions: { all: [{ fact: 'severity', operator: 'equal' }] } }, 'conditions.all.0.value', 'rule_value_missing', /has no value/],
    ['a misspelt key', leaf({ operater: 'equal' }), 'conditions.all.0.operater', 'rule_unknown_key', /unknown key "operater"/],
    ['empty all[] (json-rules-engine would fire on every case)', cond({ all: [] }), 'conditions.all', 'rule_empty_group', /non-empty list/],
    ['empty any[] nested', cond({ all: [{ any: [] }] }), 'conditions.all.0.any', 'rule_empty_group', /"any" takes a non-empty list/],
    ['not with a list', cond({ not: [{ fact: 'severity', operator: 'equal', value: 'major' }] }), 'conditions.not', 'rule_not_single', /one condition/],
    ['a bare condition at the top', cond({ fact: 'severity', operator: 'equal', value: 'major' }), 'conditions', 'rule_top_level_group', /start with all, any or not/],
    ['sla without a path', cond({ all: [sla()] }), 'conditions.all.0.path', 'rule_unknown_path', /needs a path, one of \$\.response\.percentUsed/],
    ['sla with an unknown path', cond({ all: [sla('$.resolution.percent')] }), 'conditions.all.0.path', 'rule_unknown_path', /got "\$\.resolution\.percent"/],
    ['a path on a single-value fact', leaf({ path: '$.x' }), 'conditions.all.0.path', 'rule_path_not_allowed', /takes no path/],
    ['a named condition reference', cond({ all: [{ condition: 'shared' }] }), 'conditions.all.0', 'rule_condition_reference', /not supported/],
    ['nesting too deep', cond({ not: { not: { not: { not: { not: { not: { all: [] } } } } } } }), 'conditions.not.not.not.not.not.not', 'rule_too_deep', /at most 6 levels/],
    ['an unknown level', { ...base, level: 'ceo' }, 'level', 'rule_invalid_value', /level/],
    ['an unknown role to notify', { ...base, actions: { ...base.actions, notify: ['boss'] } }, 'actions.notify.0', 'rule_invalid_value', /notify/],
    ['a bad id', { ...base, id: 'Major Defect' }, 'id', 'rule_id', /lower-case/],
  ])('%s', (_, rule, path, code, message) => {
    const r = parseRuleJson(escalationRuleSchema, JSON.stringify(rule));
    expect(r.ok).toBe(false);
    const issue = !r.ok ? r.issues[0]! : null;
    expect(issue).toMatchObject({ path, code });
    expect(issue!.message).toMatch(message);
    expect(issue!.message.startsWith(`${path}: `)).toBe(true);
  });

  it('refuses text that is not JSON', () => {
    const r = parseRuleJson(escalationRuleSchema, '{"id": "x", conditions: }');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]).toMatchObject({ path: '', code: 'rule_json_syntax', message: expect.stringMatching(/^not valid JSON: /) });
  });

  it('reports every bad condition at once', () => {
    const r = escalationRuleSchema.safeParse(cond({ any: [{ fact: 'x', operator: 'equal', value: 1 }, { fact: 'severity', operator: 'is', value: 'major' }] }));
    expect(!r.success && ruleIssues(r.error).map((i) => [i.path, i.code])).toEqual([
      ['conditions.any.0.fact', 'rule_unknown_fact'],
      ['conditions.any.1.operator', 'rule_unknown_operator'],
    ]);
  });

  it('accepts every default rule as it is, and a path without "$." in canonical form', () => {
    for (const r of withCapa) expect(escalationRuleSchema.parse(r)).toEqual(r);
    const parsed = escalationRuleSchema.parse(cond({ all: [sla('resolution.percentUsed')] }));
    expect(parsed.conditions).toEqual({ all: [{ fact: 'sla', path: '$.resolution.percentUsed', operator: 'percentAtLeast', value: 80 }] });
  });
});
