import { beforeAll, describe, expect, it } from 'vitest';
import { TRACKING_COLUMNS, type DateCondition, type FilterModel, type TextCondition } from '../../src/shared/schemas/grid';
import type { ComplaintDetail, ComplaintRow } from '../../src/shared/types';
import { complaintInput, openTestApp, type TestApp } from './helpers';
import { readAllRows, reference, referenceFilter, shanghaiDay, type Query } from './tracking-reference';

/**
 * The tracking table pages, sorts and filters in SQL; here every answer is compared with the same
 * query done in TypeScript over all rows (tracking-reference.ts), on 1,500 demo cases plus a few
 * awkward ones: empty fields, `%`, `_` and `\` in the text, and times either side of midnight in Shanghai.
 */

const NOW = new Date('2026-11-25T04:00:00Z');
let app: TestApp;
let all: ComplaintRow[];
let extra: Record<'boundaryBefore' | 'boundaryAfter' | 'newYear', ComplaintDetail>;

interface Derived {
  customer: string;
  deliveryDate: string;
  contactName: string;
}
let d: Derived;

beforeAll(async () => {
  app = await openTestApp({ scope: 'file', clock: () => NOW });
  expect(await app.call('app.loadDemo', { complaints: 1500 })).toEqual({ complaints: 1500 });
  const none = { contactName: null, contactPhone: null, contactEmail: null, deliveryDate: null };
  const boundaryBefore = await app.call('complaints.create', {
    ...complaintInput({ ...none, receivedAt: '2026-11-10T15:59:59Z', channel: 'other', severity: 'safety', defectCategory: 'other' }),
    newCustomer: { name: 'ACME_Test GmbH' },
    serialNo: 'X_1-%',
    description: 'Pressure drop 50% after service_visit; see C:\\temp\\log',
  });
  const boundaryAfter = await app.call('complaints.create', {
    ...complaintInput({ receivedAt: '2026-11-10T16:00:00Z', deliveryDate: '2026-11-10', contactName: 'Hans Mueller', serialNo: null }),
    newCustomer: { name: 'acme test gmbh' },
    description: 'Noise 100 dB at SA_37 (abc)',
  });
  const newYear = await app.call('complaints.create', {
    ...complaintInput({ ...none, receivedAt: '2024-12-31T16:00:00Z', serialNo: 'SA37A%X' }),
    description: 'Leak: 50 percent loss',
  });
  extra = { boundaryBefore, boundaryAfter, newYear };
  // The rule engine's columns (issue 4) for every open demo case, as the scheduler's first pass fills them.
  expect((await app.scheduler.runOnce()).changed).toBeGreaterThan(0);
  all = readAllRows(app.store.sqlite);
  expect(all).toHaveLength(1503);

  const byCustomer = new Map<string, number>();
  for (const r of all) byCustomer.set(r.customerName, (byCustomer.get(r.customerName) ?? 0) + 1);
  const byId = [...all].sort((a, b) => a.id - b.id);
  d = {
    customer: [...byCustomer].sort((a, b) => b[1] - a[1])[0]![0],
    deliveryDate: byId[10]!.deliveryDate!,
    contactName: byId[5]!.contactName!,
  };
}, 120_000);

/** Pages through `complaints.page` in blocks, checking lastRow on the way; returns the rows. */
async function pageAll(q: Query, block = 100): Promise<ComplaintRow[]> {
  const rows: ComplaintRow[] = [];
  for (let start = 0; ; start += block) {
    const page = await app.call('complaints.page', { ...q, startRow: start, endRow: start + block });
    rows.push(...page.rows);
    if (page.lastRow !== null) {
      expect(page.lastRow).toBe(rows.length);
      return rows;
    }
    expect(page.rows).toHaveLength(block);
    if (start > all.length) throw new Error('lastRow never came');
  }
}

async function expectLikeReference(q: Query): Promise<ComplaintRow[]> {
  const expected = reference(all, q);
  const got = await pageAll(q);
  expect(got.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  expect((await app.call('complaints.count', { filterModel: q.filterModel ?? {}, quickSearch: q.quickSearch ?? '' })).count).toBe(expected.length);
  return expected;
}

describe('sorting', () => {
  it('defaults to received time, newest first, with every column as stored', async () => {
    const got = await pageAll({});
    expect(got).toEqual(reference(all, {}));
    expect(got[0]!.receivedAt >= got[1]!.receivedAt).toBe(true);
  });

  it.each(TRACKING_COLUMNS.flatMap((colId) => (['asc', 'desc'] as const).map((sort) => [colId, sort] as const)))(
    'by %s %s, ties by id in the same direction',
    async (colId, sort) => {
      await expectLikeReference({ sortModel: [{ colId, sort }] });
    },
  );

  it.each([
    [[{ colId: 'severity', sort: 'asc' }, { colId: 'receivedAt', sort: 'desc' }]],
    [[{ colId: 'customerName', sort: 'asc' }, { colId: 'channel', sort: 'desc' }, { colId: 'trackingNo', sort: 'asc' }]],
    [[{ colId: 'defectCategory', sort: 'desc' }, { colId: 'productModel', sort: 'asc' }]],
  ] as const)('by several columns: %j', async (sortModel) => {
    await expectLikeReference({ sortModel: [...sortModel] });
  });
});

describe('filtering', () => {
  const t = (type: TextCondition['type'], filter?: string): TextCondition => ({ filterType: 'text', type, filter });
  const date = (type: DateCondition['type'], dateFrom?: string, dateTo?: string): DateCondition => ({ filterType: 'date', type, dateFrom, dateTo });
  const cases: Array<[string, (d: Derived) => FilterModel, string?]> = [
    ['customer contains a fragment', (d) => ({ customerName: t('contains', d.customer.slice(2, 5)) })],
    ['customer equals, case-insensitive', () => ({ customerName: t('equals', 'AcMe_TeSt GmBh') })],
    ['customer startsWith', (d) => ({ customerName: t('startsWith', d.customer.slice(0, 2)) })],
    ['customer notContains', (d) => ({ customerName: t('notContains', d.customer.slice(2, 5)) })],
    ['contact blank', () => ({ contactName: t('blank') })],
    ['contact notBlank', () => ({ contactName: t('notBlank') })],
    ['contact equals', (d) => ({ contactName: t('equals', d.contactName) })],
    ['contact notEqual', (d) => ({ contactName: t('notEqual', d.contactName) })],
    ['serial startsWith, lower case', () => ({ serialNo: t('startsWith', 'sa37a') })],
    ['serial endsWith', () => ({ serialNo: t('endsWith', '7') })],
    ['serial blank', () => ({ serialNo: t('blank') })],
    ['tracking number startsWith a month', () => ({ trackingNo: t('startsWith', 'cc-202603-') })],
    ['model equals', () => ({ productModel: t('equals', 'SA-55A') })],
    ['description contains Chinese text', () => ({ description: t('contains', '漏油') })],
    ['channel set', () => ({ channel: { filterType: 'set', values: ['email', 'visit'] } })],
    ['severity set', () => ({ severity: { filterType: 'set', values: ['major', 'safety'] } })],
    ['defect category set', () => ({ defectCategory: { filterType: 'set', values: ['leakage', 'noise_vibration', 'other'] } })],
    ['empty set keeps nothing', () => ({ channel: { filterType: 'set', values: [] } }), 'empty'],
    ['received on a Shanghai day', () => ({ receivedAt: date('equals', '2026-11-10') })],
    ['received, grid date-time form', () => ({ receivedAt: date('equals', '2026-11-11 00:00:00') })],
    ['received in March 2026', () => ({ receivedAt: date('inRange', '2026-03-01', '2026-03-31') })],
    ['received before 2025', () => ({ receivedAt: date('lessThan', '2025-01-01') })],
    ['received after October 2026', () => ({ receivedAt: date('greaterThan', '2026-10-31') })],
    ['received not on a day', () => ({ receivedAt: date('notEqual', '2026-11-10') })],
    ['delivered on a day', (d) => ({ deliveryDate: date('equals', d.deliveryDate) })],
    ['delivered in 2025', () => ({ deliveryDate: date('inRange', '2025-01-01', '2025-12-31') })],
    ['delivered before', (d) => ({ deliveryDate: date('lessThan', d.deliveryDate) })],
    ['delivered after', (d) => ({ deliveryDate: date('greaterThan', d.deliveryDate) })],
    ['delivery blank', () => ({ deliveryDate: date('blank') })],
    ['customer contains A AND notContains B', (d) => ({
      customerName: { filterType: 'text', operator: 'AND', conditions: [t('contains', d.customer.slice(2, 4)), t('notContains', '股份')] },
    })],
    ['serial startsWith A OR B', () => ({
      serialNo: { filterType: 'text', operator: 'OR', conditions: [t('startsWith', 'SA37A'), t('startsWith', 'DR20')] },
    })],
    ['received before OR after', () => ({
      receivedAt: { filterType: 'date', operator: 'OR', conditions: [date('lessThan', '2025-01-01'), date('greaterThan', '2026-11-01')] },
    })],
    ['received within AND not on', () => ({
      receivedAt: { filterType: 'date', operator: 'AND', conditions: [date('inRange', '2026-11-01', '2026-11-30'), date('notEqual', '2026-11-10')] },
    })],
    ['several columns at once', () => ({
      channel: { filterType: 'set', values: ['phone', 'email'] },
      severity: { filterType: 'set', values: ['normal', 'major'] },
      productModel: t('startsWith', 'SA-'),
      receivedAt: date('greaterThan', '2025-06-30'),
    })],
    ['SLA state set (the rule engine)', () => ({ slaState: { filterType: 'set', values: ['breached', 'at_risk'] } })],
    ['escalation level set', () => ({ escalationLevel: { filterType: 'set', values: ['branch_manager', 'chairman'] } })],
    ['warranty status set', () => ({ warrantyStatus: { filterType: 'set', values: ['in_warranty'] } })],
    ['priority set', () => ({ priority: { filterType: 'set', values: ['high'] } })],
    ['SLA due after a day', () => ({ slaDueAt: date('greaterThan', '2026-11-24') })],
    ['SLA due blank', () => ({ slaDueAt: date('blank') })],
    ['a literal % in the description', () => ({ description: t('contains', '50%') }), 'one'],
    ['a literal _ in the serial', () => ({ serialNo: t('contains', '_') }), 'one'],
    ['a literal backslash', () => ({ description: t('contains', '\\temp') }), 'one'],
  ];

  it.each(cases)('%s', async (_, model, size) => {
    const q: Query = { filterModel: model(d), sortModel: [{ colId: 'customerName', sort: 'asc' }] };
    const expected = await expectLikeReference(q);
    if (size === 'empty') expect(expected).toHaveLength(0);
    else if (size === 'one') expect(expected).toHaveLength(1);
    else {
      // A meaningful filter: keeps some rows, drops others.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
    }
  });

  it('puts received times on Shanghai days, not UTC days', async () => {
    const ids = async (day: string) =>
      (await pageAll({ filterModel: { receivedAt: date('equals', day) } })).map((r) => r.id);
    expect(await ids('2026-11-10')).toContain(extra.boundaryBefore.id);
    expect(await ids('2026-11-10')).not.toContain(extra.boundaryAfter.id);
    expect(await ids('2026-11-11')).toContain(extra.boundaryAfter.id);
    expect(await ids('2025-01-01')).toContain(extra.newYear.id);
    expect(shanghaiDay(extra.newYear.receivedAt)).toBe('2025-01-01');
  });

  it('matches % and _ literally, not as wildcards', async () => {
    const desc = await pageAll({ filterModel: { description: t('contains', '50%') } });
    expect(desc.map((r) => r.id)).toEqual([extra.boundaryBefore.id]);
    const serial = await pageAll({ filterModel: { serialNo: t('equals', 'x_1-%') } });
    expect(serial.map((r) => r.id)).toEqual([extra.boundaryBefore.id]);
    expect((await pageAll({ quickSearch: '_1-%' })).map((r) => r.id)).toEqual([extra.boundaryBefore.id]);
    // The demo data says 约10% in some descriptions: the quick search finds those and the serial SA37A%X.
    const percent = await pageAll({ quickSearch: '%' });
    expect(percent.map((r) => r.id)).toEqual(expect.arrayContaining([extra.boundaryBefore.id, extra.newYear.id]));
    expect(percent.every((r) => `${r.serialNo}${r.description}`.includes('%'))).toBe(true);
  });
});

describe('quick search', () => {
  const searches: Array<[string, (d: Derived) => string]> = [
    ['a customer fragment', (d) => d.customer.slice(2, 5)],
    ['a tracking number, lower case', () => 'cc-202611-'],
    ['a tracking number, upper case', () => 'CC-2025'],
    ['a serial number fragment', () => 'SA55A'],
    ['a description word', () => '异响'],
    ['two words, customer and description', (d) => `${d.customer.slice(0, 2)}   漏油`],
    ['two words, model serial and symptom', () => 'dr20 过载'],
    ['two ASCII words in any case', () => 'ACME gmbh'],
    ['a contact name (not searched)', (d) => d.contactName],
  ];

  it.each(searches)('%s', async (_, q) => {
    await expectLikeReference({ quickSearch: q(d), sortModel: [{ colId: 'trackingNo', sort: 'desc' }] });
  });

  it('combines with column filters', async () => {
    const expected = await expectLikeReference({ quickSearch: 'SA37A', filterModel: { severity: { filterType: 'set', values: ['major'] } } });
    expect(expected.length).toBeGreaterThan(0);
    expect(referenceFilter(all, { quickSearch: 'SA37A' }).length).toBeGreaterThan(expected.length);
  });
});

describe('paging', () => {
  const q = { filterModel: { severity: { filterType: 'set', values: ['safety'] } } } satisfies Query;

  it('answers lastRow only on the last page, also when the total fills the page exactly', async () => {
    const total = referenceFilter(all, q).length;
    expect(total).toBeGreaterThan(2);
    expect(total).toBeLessThan(500);
    expect((await app.call('complaints.page', { ...q, startRow: 0, endRow: total })).lastRow).toBe(total);
    const first = await app.call('complaints.page', { ...q, startRow: 0, endRow: total - 1 });
    expect(first).toMatchObject({ lastRow: null });
    expect(first.rows).toHaveLength(total - 1);
    const second = await app.call('complaints.page', { ...q, startRow: total - 1, endRow: 2 * total });
    expect(second.rows).toHaveLength(1);
    expect(second.lastRow).toBe(total);
    expect(await pageAll(q, 7)).toEqual(reference(all, q));
  });

  it('answers the true total for a page past the end (rows deleted since the grid counted)', async () => {
    const total = referenceFilter(all, q).length;
    const past = await app.call('complaints.page', { ...q, startRow: total + 100, endRow: total + 200 });
    expect(past).toEqual({ rows: [], lastRow: total });
  });

  it('answers an empty result with lastRow 0', async () => {
    expect(await app.call('complaints.page', { startRow: 0, endRow: 100, quickSearch: 'no such complaint anywhere' })).toEqual({ rows: [], lastRow: 0 });
  });
});

describe('the rule engine views', () => {
  it('management_review holds the cases on the review list; escalated the open ones escalated by hand or by a rule', async () => {
    const review = all.filter((r) => r.managementReview);
    expect(review.length).toBeGreaterThan(0);
    expect((await app.call('complaints.count', { view: 'management_review' })).count).toBe(review.length);
    const open = (r: ComplaintRow) => r.state !== 'closed' && r.state !== 'rejected';
    const escalated = all.filter((r) => open(r) && (r.escalated || r.escalationLevel !== null));
    expect(escalated.length).toBeGreaterThan(all.filter((r) => open(r) && r.escalated).length);
    expect((await app.call('complaints.count', { view: 'escalated' })).count).toBe(escalated.length);
  });
});
