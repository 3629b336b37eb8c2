import { describe, expect, it } from 'vitest';
import { createBusinessCalendar, withChineseHolidays } from '../../src/main/rules/business-calendar';
import { selectSlaRule, slaClock, slaStatus, type SlaClockFacts } from '../../src/main/rules/sla';
import {
  DEFAULT_BUSINESS_CALENDAR_SETTINGS,
  DEFAULT_SLA_POLICY,
  slaPolicySchema,
  type SlaPolicy,
  type SlaRule,
} from '../../src/shared/schemas/rules-policies';

/**
 * SLA clocks on the office calendar (08:30–12:00, 13:00–17:30, Monday–Friday, China 2026). Default
 * targets in business time: safety 2 h / 1 day / 3 days, major 4 h / 2 days / 5 days, normal
 * 8 h / 3 days / 10 days, minor 16 h / — / 15 days (a day = 8 business hours).
 */

const cal = createBusinessCalendar(withChineseHolidays(DEFAULT_BUSINESS_CALENDAR_SETTINGS, [2026]));
const sh = (local: string) => new Date(`${local}:00+08:00`).toISOString();

const facts = (over: Partial<SlaClockFacts> = {}): SlaClockFacts => ({
  severity: 'normal',
  customerTier: 'standard',
  contractId: null,
  receivedAt: sh('2026-03-06T14:00'),
  visitNeeded: false,
  respondedAt: null,
  onSiteAt: null,
  resolvedAt: null,
  pauses: [],
  ...over,
});
const clock = (f: SlaClockFacts, now: string, kind = 'response', policy: SlaPolicy = DEFAULT_SLA_POLICY) => {
  const c = slaStatus(policy, f, now, cal).clocks.find((x) => x.clock === kind);
  if (!c) throw new Error(`no ${kind} clock`);
  return c;
};

describe('due times', () => {
  it('runs over a weekend: received Friday 14:00, 8 h → Monday 14:00', () => {
    expect(clock(facts(), sh('2026-03-06T16:00'))).toEqual({
      clock: 'response',
      target: 480,
      startedAt: sh('2026-03-06T14:00'),
      due: sh('2026-03-09T14:00'),
      warningAt: sh('2026-03-09T11:24'),
      elapsedBusinessMinutes: 120,
      remainingBusinessMinutes: 360,
      percentUsed: 25,
      state: 'running',
      stoppedAt: null,
      breachedAt: null,
      pausedBusinessMinutes: 0,
    });
  });

  it('runs over Spring Festival: a safety defect on Thursday 12 February 10:00', () => {
    const f = facts({ severity: 'safety', receivedAt: sh('2026-02-12T10:00'), visitNeeded: true });
    const s = slaStatus(DEFAULT_SLA_POLICY, f, sh('2026-02-12T10:30'), cal);
    expect(s.reason).toEqual({
      code: 'sla_rule',
      params: { rule: 'safety defect', ruleId: 'safety' },
      message: 'targets of SLA rule «safety defect»: response 2 h, on site 8 h, resolution 24 h of business time',
    });
    expect(s.clocks.map((c) => [c.clock, c.due])).toEqual([
      // Used up exactly at noon: due at 12:00, not after lunch.
      ['response', sh('2026-02-12T12:00')],
      ['onsite', sh('2026-02-13T10:00')],
      // Thursday 6.5 h + Friday 8 h + the worked Saturday 8 h, then 1.5 h on Tuesday 24 February.
      ['resolution', sh('2026-02-24T10:00')],
    ]);
  });

  it('starts the on-site clock when the visit was asked for, and only when a visit is needed', () => {
    const f = facts({ severity: 'major', visitNeeded: true, visitRequestedAt: sh('2026-03-09T08:30') });
    expect(clock(f, sh('2026-03-09T09:00'), 'onsite')).toMatchObject({ target: 960, startedAt: sh('2026-03-09T08:30'), due: sh('2026-03-10T17:30') });
    expect(slaStatus(DEFAULT_SLA_POLICY, { ...f, visitNeeded: false }, sh('2026-03-09T09:00'), cal).clocks.map((c) => c.clock)).toEqual(['response', 'resolution']);
    expect(slaStatus(DEFAULT_SLA_POLICY, { ...f, severity: 'minor' }, sh('2026-03-09T09:00'), cal).clocks.map((c) => c.clock)).toEqual(['response', 'resolution']);
  });
});

describe('pauses while the case waits for the customer', () => {
  const f = facts({ receivedAt: sh('2026-03-09T08:30') });
  const unpaused = clock(f, sh('2026-03-09T09:00'), 'resolution');

  it('extend the due time by exactly the paused business time', () => {
    expect(unpaused.due).toBe(sh('2026-03-20T17:30'));
    const paused = clock({ ...f, pauses: [{ from: sh('2026-03-10T10:00'), to: sh('2026-03-10T15:00') }] }, sh('2026-03-11T09:00'), 'resolution');
    expect(paused.pausedBusinessMinutes).toBe(240);
    expect(paused.due).toBe(cal.addBusinessTime(unpaused.due, 240));
    expect(paused.due).toBe(sh('2026-03-23T13:30'));
    expect(cal.businessMinutesBetween(unpaused.due, paused.due)).toBe(240);
    expect(paused.elapsedBusinessMinutes).toBe(2 * 480 + 30 - 240);
  });

  it('count only business time: a pause from Friday 17:00 to Monday 09:00 is one hour', () => {
    const c = clock({ ...f, pauses: [{ from: sh('2026-03-13T17:00'), to: sh('2026-03-16T09:00') }] }, sh('2026-03-16T10:00'), 'resolution');
    expect(c.pausedBusinessMinutes).toBe(60);
    expect(c.due).toBe(cal.addBusinessTime(unpaused.due, 60));
  });

  it('count overlapping pauses once and ignore time before the clock started', () => {
    const c = clock(
      {
        ...f,
        pauses: [
          { from: sh('2026-03-06T09:00'), to: sh('2026-03-09T09:30') },
          { from: sh('2026-03-10T10:00'), to: sh('2026-03-10T11:00') },
          { from: sh('2026-03-10T10:30'), to: sh('2026-03-10T11:30') },
          { from: sh('2026-03-10T14:00'), to: sh('2026-03-10T13:00') },
        ],
      },
      sh('2026-03-12T09:00'),
      'resolution',
    );
    expect(c.pausedBusinessMinutes).toBe(60 + 90);
    expect(c.due).toBe(cal.addBusinessTime(unpaused.due, 150));
  });

  it('show paused while a pause is open, the due time moving on with it', () => {
    const open = { ...f, pauses: [{ from: sh('2026-03-10T10:00'), to: null }] };
    const at11 = clock(open, sh('2026-03-10T11:00'), 'resolution');
    const at16 = clock(open, sh('2026-03-10T16:00'), 'resolution');
    expect(at11.state).toBe('paused');
    expect(at16.state).toBe('paused');
    expect(at11.elapsedBusinessMinutes).toBe(at16.elapsedBusinessMinutes);
    expect(cal.businessMinutesBetween(at11.due, at16.due)).toBe(cal.businessMinutesBetween(sh('2026-03-10T11:00'), sh('2026-03-10T16:00')));
    expect(clock({ ...f, pauses: [{ from: sh('2026-03-10T10:00'), to: sh('2026-03-10T11:00') }] }, sh('2026-03-10T10:30'), 'resolution').state).toBe('paused');
  });
});

describe('met and breached', () => {
  it('is met when the response came before the due time, and stays met later', () => {
    const c = clock(facts({ respondedAt: sh('2026-03-06T16:00') }), sh('2026-03-20T10:00'));
    expect(c).toMatchObject({ state: 'met', stoppedAt: sh('2026-03-06T16:00'), breachedAt: null, elapsedBusinessMinutes: 120, remainingBusinessMinutes: 360, percentUsed: 25 });
  });

  it('is met on the due instant itself', () => {
    expect(clock(facts({ respondedAt: sh('2026-03-09T14:00') }), sh('2026-03-20T10:00')).state).toBe('met');
  });

  it('is breached at the due time when nothing happened, with breachedAt', () => {
    const c = clock(facts(), sh('2026-03-09T15:00'));
    expect(c).toMatchObject({ state: 'breached', breachedAt: sh('2026-03-09T14:00'), elapsedBusinessMinutes: 540, remainingBusinessMinutes: -60, percentUsed: 112.5 });
    expect(clock(facts(), sh('2026-03-09T14:00')).state).toBe('breached');
    expect(clock(facts(), sh('2026-03-09T13:59')).state).toBe('running');
  });

  it('is breached when the response came late', () => {
    const c = clock(facts({ respondedAt: sh('2026-03-09T14:30') }), sh('2026-03-20T10:00'));
    expect(c).toMatchObject({ state: 'breached', breachedAt: sh('2026-03-09T14:00'), stoppedAt: sh('2026-03-09T14:30'), elapsedBusinessMinutes: 510 });
  });

  it('is breached before a pause that starts after the due time', () => {
    const c = clock(facts({ pauses: [{ from: sh('2026-03-09T15:00'), to: null }] }), sh('2026-03-09T16:00'));
    expect(c).toMatchObject({ state: 'breached', breachedAt: sh('2026-03-09T14:00') });
  });
});

describe('the 80 % crossing (the escalation trigger)', () => {
  it('is when 80 % of the target is used, pauses included', () => {
    expect(clock(facts(), sh('2026-03-06T14:00')).warningAt).toBe(sh('2026-03-09T11:24'));
    const paused = clock(facts({ pauses: [{ from: sh('2026-03-09T08:30'), to: sh('2026-03-09T09:30') }] }), sh('2026-03-09T10:00'));
    expect(paused.warningAt).toBe(sh('2026-03-09T13:24'));
  });

  it('can be asked at another share', () => {
    const half = slaClock('response', 480, sh('2026-03-06T14:00'), null, [], sh('2026-03-06T14:00'), cal, { warnPercent: 50 });
    // 240 min: Friday 14:00–17:30 is 210, then 30 on Monday.
    expect(half.warningAt).toBe(sh('2026-03-09T09:00'));
  });
});

describe('which targets apply', () => {
  const rule = (id: string, over: Partial<SlaRule>): SlaRule => ({
    id,
    name: id,
    severity: null,
    customerTier: null,
    contractId: null,
    targets: { response: 60, onsite: null, resolution: 600 },
    ...over,
  });
  const policy: SlaPolicy = {
    tiers: DEFAULT_SLA_POLICY.tiers,
    rules: [
      ...DEFAULT_SLA_POLICY.rules,
      rule('key_any', { customerTier: 'key' }),
      rule('key_major', { severity: 'major', customerTier: 'key' }),
      rule('contract_c7', { contractId: 'SC-7' }),
    ],
  };

  it.each([
    ['severity alone', { severity: 'major' as const, customerTier: 'standard' }, 'major'],
    ['severity over tier', { severity: 'normal' as const, customerTier: 'key' }, 'normal'],
    ['severity and tier over severity', { severity: 'major' as const, customerTier: 'key' }, 'key_major'],
    ['a contract over everything', { severity: 'safety' as const, customerTier: 'key', contractId: 'SC-7' }, 'contract_c7'],
    ['another contract: the usual rules', { severity: 'safety' as const, customerTier: 'key', contractId: 'SC-8' }, 'safety'],
  ])('%s', (_, f, id) => {
    expect(selectSlaRule(policy, { contractId: null, ...f })?.id).toBe(id);
  });

  it('gives no clocks, and says why, when no rule matches', () => {
    const s = slaStatus({ tiers: DEFAULT_SLA_POLICY.tiers, rules: [rule('key_only', { customerTier: 'key' })] }, facts(), sh('2026-03-06T16:00'), cal);
    expect(s).toEqual({
      ruleId: null,
      clocks: [],
      reason: { code: 'no_sla_rule', params: { severity: 'normal', customerTier: 'standard', contractId: '' }, message: 'no SLA rule matches severity normal, customer tier standard' },
    });
  });
});

describe('slaPolicySchema and the defaults', () => {
  const codes = (p: unknown) => {
    const r = slaPolicySchema.safeParse(p);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')} ${(i as { params?: { code?: string } }).params?.code ?? i.code}`);
  };

  it('has the agreed default targets, and they are valid', () => {
    expect(codes(DEFAULT_SLA_POLICY)).toEqual([]);
    expect(Object.fromEntries(DEFAULT_SLA_POLICY.rules.map((r) => [r.severity, r.targets]))).toEqual({
      safety: { response: 120, onsite: 480, resolution: 1440 },
      major: { response: 240, onsite: 960, resolution: 2400 },
      normal: { response: 480, onsite: 1440, resolution: 4800 },
      minor: { response: 960, onsite: null, resolution: 7200 },
    });
  });

  it('refuses targets in an impossible order, unknown tiers and two rules for the same criteria', () => {
    const safety = DEFAULT_SLA_POLICY.rules[3]!;
    expect(safety.severity).toBe('safety');
    expect(
      codes({
        tiers: DEFAULT_SLA_POLICY.tiers,
        rules: [
          { ...safety, targets: { response: 600, onsite: 480, resolution: 300 } },
          { ...safety, id: 'safety_2', customerTier: 'vip' },
          { ...safety, id: 'safety_3' },
        ],
      }).sort(),
    ).toEqual(['rules.0.targets.onsite sla_order', 'rules.0.targets.resolution sla_order', 'rules.1.customerTier unknown_code', 'rules.2 duplicate']);
  });
});
