import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, calendarDateOf } from '../../src/shared/dates';
import type { ComplaintDetail } from '../../src/shared/types';
import { complaintInput, openTestApp, type TestApp } from './helpers';

/**
 * Bad input at the intake form: each answered with VALIDATION naming the field and an i18n code
 * (so the form can mark the field in the person's language), and nothing written at all.
 */

let app: TestApp;
let existing: ComplaintDetail;

beforeEach(async () => {
  app = await openTestApp();
  existing = await app.call('complaints.create', complaintInput());
});

type Raw = Record<string, unknown>;
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const daysFromToday = (d: number) => addDays(calendarDateOf(new Date(), 'Pacific/Kiritimati'), d);

/** Calls the method, expects VALIDATION with exactly these [path, code] issues, and no row written. */
async function expectRefused(method: string, input: unknown, expected: Array<[string, string]>) {
  const before = app.counts();
  const error = await app.fail(method, input);
  expect(error.code).toBe('VALIDATION');
  expect(error.issues?.map((i) => [i.path, i.code])).toEqual(expected);
  expect(app.counts()).toEqual(before);
  return error;
}

describe('complaints.create refuses bad input and writes nothing', () => {
  const cases: Array<[string, Raw, Array<[string, string]>]> = [
    ['no customer at all', { newCustomer: null }, [['customerId', 'customer_required']]],
    ['a customer id and a new customer at once', { customerId: 1 }, [['customerId', 'customer_required']]],
    ['receivedAt as a number', { receivedAt: 123 }, [['receivedAt', 'invalid_type']]],
    ['receivedAt without a zone', { receivedAt: '2026-11-20 10:30' }, [['receivedAt', 'instant']]],
    ['receivedAt missing', { receivedAt: undefined }, [['receivedAt', 'required']]],
    ['an unknown channel', { channel: 'fax' }, [['channel', 'invalid_choice']]],
    ['an unknown severity', { severity: 'catastrophic' }, [['severity', 'invalid_choice']]],
    ['an unknown defect category', { defectCategory: 'gremlins' }, [['defectCategory', 'invalid_choice']]],
    ['an empty description', { description: '' }, [['description', 'required']]],
    ['a description of spaces only', { description: '   \n ' }, [['description', 'required']]],
    ['no product model', { productModel: '  ' }, [['productModel', 'required']]],
    ['a new customer without a name', { newCustomer: { name: '' } }, [['newCustomer.name', 'required']]],
    ['a new customer name over 200 characters', { newCustomer: { name: '客'.repeat(201) } }, [['newCustomer.name', 'too_long']]],
    ['a serial number over 100 characters', { serialNo: 'S'.repeat(101) }, [['serialNo', 'too_long']]],
    ['a bad e-mail address', { contactEmail: 'wang.wei@' }, [['contactEmail', 'email']]],
    ['a bad phone number', { contactPhone: 'call me maybe' }, [['contactPhone', 'phone']]],
    ['a delivery date that does not exist', { deliveryDate: '2026-02-30' }, [['deliveryDate', 'calendar_date']]],
    ['a delivery date after the complaint arrived', { receivedAt: '2026-11-20T02:30:00Z', deliveryDate: '2026-11-22' }, [['deliveryDate', 'delivery_after_receipt']]],
    ['a received time in the future', { receivedAt: hoursFromNow(2) }, [['receivedAt', 'in_future']]],
    // A future delivery is necessarily after a receipt that is not in the future: both are said.
    [
      'a delivery date in the future',
      { receivedAt: hoursFromNow(-1), deliveryDate: daysFromToday(2) },
      [
        ['deliveryDate', 'in_future'],
        ['deliveryDate', 'delivery_after_receipt'],
      ],
    ],
  ];

  it.each(cases)('%s', async (_, change, expected) => {
    await expectRefused('complaints.create', { ...complaintInput(), ...change }, expected);
  });

  it('a description over 4000 characters is too_long with max 4000', async () => {
    const error = await expectRefused('complaints.create', complaintInput({ description: '漏'.repeat(4001) }), [['description', 'too_long']]);
    expect(error.issues?.[0]?.params).toEqual({ max: 4000 });
    // Exactly 4000 is fine.
    await app.call('complaints.create', complaintInput({ description: '漏'.repeat(4000) }));
  });

  it('names every bad field at once', async () => {
    await expectRefused('complaints.create', { ...complaintInput(), channel: 'fax', receivedAt: true, description: '' }, [
      ['receivedAt', 'invalid_type'],
      ['channel', 'invalid_choice'],
      ['description', 'required'],
    ]);
  });

  it('accepts the edge values next to each refusal', async () => {
    const ok = await app.call('complaints.create', {
      ...complaintInput({ receivedAt: '2026-11-20T02:30:00Z', deliveryDate: '2026-11-20', contactEmail: '', contactPhone: '0512-6688 1234 转 8012' }),
    });
    expect(ok).toMatchObject({ deliveryDate: '2026-11-20', contactEmail: null, contactPhone: '0512-6688 1234 转 8012' });
  });

  it('an unknown customer id is not_found, and the call leaves no new model, contact or number behind', async () => {
    await expectRefused(
      'complaints.create',
      { ...complaintInput({ productModel: 'ZZ-999 (never seen)', contactName: '新联系人' }), newCustomer: null, customerId: existing.customerId + 1000 },
      [['customerId', 'not_found']],
    );
    expect(await app.call('products.search', { q: 'ZZ-999' })).toEqual([]);
  });

  it('a failure at the last step rolls back the customer, model, contact and counter written before it', async () => {
    app.store.sqlite.exec(`CREATE TRIGGER test_fail BEFORE INSERT ON complaints BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const before = app.counts();
    const r = await app.dispatch(
      'complaints.create',
      complaintInput({ newCustomer: { name: '宁波新客户有限公司' }, productModel: 'NEW-1', contactName: '赵敏' }),
    );
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(app.counts()).toEqual(before);
    app.store.sqlite.exec('DROP TRIGGER test_fail');
    const next = await app.call('complaints.create', complaintInput());
    expect(next.trackingNo).toBe(existing.trackingNo.replace(/0001$/, '0002'));
  });
});

describe('complaints.update refuses bad input and writes nothing', () => {
  it.each<[string, Raw, Array<[string, string]>]>([
    ['an empty patch', { patch: {} }, [['patch', 'empty_patch']]],
    ['a negative version', { version: -1, patch: { severity: 'major' } }, [['version', 'too_small']]],
    ['an unknown severity', { patch: { severity: 'huge' } }, [['patch.severity', 'invalid_choice']]],
    ['an empty description', { patch: { description: ' ' } }, [['patch.description', 'required']]],
    ['a received time in the future', { patch: { receivedAt: hoursFromNow(3) } }, [['patch.receivedAt', 'in_future']]],
    ['an unknown customer', { patch: { customerId: 4242 } }, [['patch.customerId', 'not_found']]],
  ])('%s', async (_, change, expected) => {
    await expectRefused('complaints.update', { id: existing.id, version: 0, ...change }, expected);
  });

  it('a delivery date after the stored receipt is refused, and the new model written before the check is rolled back', async () => {
    // The patch alone looks fine; only with the stored receivedAt (2026-11-20) is the delivery too late.
    await expectRefused('complaints.update', { id: existing.id, version: 0, patch: { productModel: 'NEW-2', deliveryDate: '2026-11-23' } }, [
      ['patch.deliveryDate', 'delivery_after_receipt'],
    ]);
    expect(await app.call('products.search', { q: 'NEW-2' })).toEqual([]);
    expect(await app.call('complaints.get', { id: existing.id })).toEqual(existing);
  });
});

describe('the dispatcher', () => {
  it('answers UNKNOWN_METHOD for a method that is not in the contract', async () => {
    const before = app.counts();
    for (const m of ['complaints.drop', 'toString', '__proto__', '']) {
      expect((await app.fail(m, {})).code).toBe('UNKNOWN_METHOD');
    }
    expect(app.counts()).toEqual(before);
  });

  it('refuses unknown keys where the input is closed', async () => {
    const error = await app.fail('app.status', { sneaky: true });
    expect(error).toMatchObject({ code: 'VALIDATION', issues: [{ path: '', code: 'unknown_field' }] });
  });

  it('refuses a page larger than 500 rows', async () => {
    const error = await app.fail('complaints.page', { startRow: 0, endRow: 501 });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'endRow', code: 'page_size', params: { max: 500 } })]);
  });
});
