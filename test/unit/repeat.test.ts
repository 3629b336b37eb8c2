import { describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION_RULES, DEFAULT_REPEAT_SETTINGS, evaluateRulesSync, type EscalationFacts } from '../../src/main/rules/escalation';
import { detectRepeats, normalizeKey, repeatFacts, repeatWindowStart, type ComplaintKey } from '../../src/main/rules/repeat';
import { repeatSettingsSchema } from '../../src/shared/schemas/rules-escalation';

/**
 * Repeat complaints (issue 4; seed 000 lists them among the escalation triggers): the same customer,
 * the same customer and model, or the same serial number N times in D days. Windows are counted in
 * office calendar days (Asia/Shanghai here, UTC+8) and include their first day whole.
 */

const settings = DEFAULT_REPEAT_SETTINGS; // 90 days; customer 5, customer+model 3, serial 2
/** 30 November 2026, 10:00 in Shanghai. */
const current: ComplaintKey = { id: 100, receivedAt: '2026-11-30T02:00:00Z', customerId: 7, productModel: 'SA37', serialNo: 'SA37A2512345' };
const earlier = (id: number, receivedAt: string, o: Partial<ComplaintKey> = {}): ComplaintKey => ({ ...current, id, receivedAt, ...o });

describe('the window', () => {
  it('starts at 00:00 office time on the day D days before', () => {
    expect(repeatWindowStart(current.receivedAt, 90)).toBe('2026-08-31T16:00:00.000Z'); // 1 September, 00:00 +08:00
    expect(repeatWindowStart(current.receivedAt, 30)).toBe('2026-10-30T16:00:00.000Z'); // 31 October
    expect(repeatWindowStart(current.receivedAt, 90, 'UTC')).toBe('2026-09-01T00:00:00.000Z');
    // 23:30 on 30 November in Shanghai: still the 30th, the same window.
    expect(repeatWindowStart('2026-11-30T15:30:00Z', 90)).toBe('2026-08-31T16:00:00.000Z');
    // 00:30 on 1 December in Shanghai: a day later.
    expect(repeatWindowStart('2026-11-30T16:30:00Z', 90)).toBe('2026-09-01T16:00:00.000Z');
  });

  it.each<[string, ComplaintKey, boolean]>([
    ['the first instant of the boundary day (1 Sep 00:00 local)', earlier(1, '2026-08-31T16:00:00Z'), true],
    ['the last instant of the boundary day (1 Sep 23:59:59 local)', earlier(1, '2026-09-01T15:59:59Z'), true],
    ['the day before the boundary (31 Aug 23:59:59 local)', earlier(1, '2026-08-31T15:59:59Z'), false],
    ['the same day, earlier', earlier(1, '2026-11-30T01:00:00Z'), true],
    ['the same instant, registered first (lower id)', earlier(99, current.receivedAt), true],
    ['the same instant, registered after (higher id)', earlier(101, current.receivedAt), false],
    ['a later complaint', earlier(1, '2026-11-30T02:00:01Z'), false],
    ['the case itself', { ...current }, false],
    ['an instant written with an offset', earlier(1, '2026-09-01T00:00:00+08:00'), true],
  ])('%s → counted: %s', (_, c, counted) => {
    const r = detectRepeats(current, [c], settings);
    expect(r.sameSerial).toEqual(counted ? { count: 2, ids: [c.id] } : { count: 1, ids: [] });
    expect(r.sameCustomer.count).toBe(counted ? 2 : 1);
  });

  it('follows windowDays: 30 days reach back to 31 October', () => {
    const thirty = { ...settings, windowDays: 30 };
    const c = [earlier(1, '2026-10-30T16:00:00Z'), earlier(2, '2026-10-30T15:59:59Z')];
    expect(detectRepeats(current, c, thirty).sameSerial.ids).toEqual([1]);
  });
});

describe('the keys', () => {
  const otherCustomerSameUnit = earlier(1, '2026-11-01T00:00:00Z', { customerId: 8 });
  const sameCustomerOtherModel = earlier(2, '2026-11-02T00:00:00Z', { productModel: 'KB12', serialNo: 'KB12X1' });
  const sameCustomerSameModel = earlier(3, '2026-11-03T00:00:00Z', { productModel: ' sa37 ', serialNo: 'SA37A9999999' });
  const sameEverything = earlier(4, '2026-11-04T00:00:00Z', { serialNo: 'sa37a 2512345' });
  const all = [otherCustomerSameUnit, sameCustomerOtherModel, sameCustomerSameModel, sameEverything];

  it('counts each key on its own, the current case included, the ids newest first', () => {
    const r = detectRepeats(current, all, settings);
    expect(r.sameCustomer).toEqual({ count: 4, ids: [4, 3, 2] });
    expect(r.sameModel).toEqual({ count: 3, ids: [4, 3] });
    expect(r.sameSerial).toEqual({ count: 3, ids: [4, 1] }); // the unit, whoever owns it now
  });

  it.each<[string, ComplaintKey[], string[]]>([
    ['nothing earlier', [], []],
    ['the same unit once before', [sameEverything], ['sameSerial']],
    ['the same customer and model twice before', [sameEverything, sameCustomerSameModel], ['sameModel', 'sameSerial']],
    ['the same customer, other models', [sameCustomerOtherModel, { ...sameCustomerOtherModel, id: 5 }], []],
  ])('flags a repeat by the settings: %s', (_, c, reached) => {
    const r = detectRepeats(current, c, settings);
    expect(r.reached).toEqual(reached);
    expect(r.isRepeat).toBe(reached.length > 0);
  });

  it('does not match a case without a serial number on serial numbers', () => {
    const noSerial = { ...current, serialNo: null };
    const r = detectRepeats(noSerial, [earlier(1, '2026-11-01T00:00:00Z', { serialNo: null }), earlier(2, '2026-11-02T00:00:00Z', { serialNo: '  ' })], settings);
    expect(r.sameSerial).toEqual({ count: 0, ids: [] });
    expect(r.sameModel.count).toBe(3);
  });

  it('normalises hand-typed keys', () => {
    expect(normalizeKey(' sa37a 2512 345\t')).toBe('SA37A2512345');
    expect(normalizeKey(null)).toBe('');
  });
});

describe('into the escalation facts', () => {
  it('fires the default repeat rule with the serial number and the window in the sentence', () => {
    const r = detectRepeats(current, [earlier(1, '2026-10-01T03:00:00Z', { customerId: 9 })], settings);
    expect(repeatFacts(r)).toEqual({ windowDays: 90, sameCustomer: 1, sameModel: 1, sameSerial: 2 });
    const facts = { repeat: repeatFacts(r), serialNo: current.serialNo, customerName: 'Shenzhen Huaxin', productModel: 'SA37' } as Partial<EscalationFacts>;
    const rule = DEFAULT_ESCALATION_RULES.filter((x) => x.id === 'repeat-complaint');
    const [f] = evaluateRulesSync(rule, facts as EscalationFacts);
    expect(f?.reason.message).toBe('2 complaints on serial SA37A2512345 in 90 days (≥ 2)');
  });

  it('validates the settings', () => {
    expect(repeatSettingsSchema.safeParse(settings).success).toBe(true);
    expect(repeatSettingsSchema.safeParse({ ...settings, windowDays: 0 }).success).toBe(false);
    expect(repeatSettingsSchema.safeParse({ ...settings, minSameSerial: 1 }).success).toBe(false);
  });
});
