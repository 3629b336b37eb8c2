import { describe, expect, it } from 'vitest';
import {
  coverEndDate,
  determineWarranty,
  selectPolicy,
  type WarrantyComplaintFacts,
  type WarrantyUnitFacts,
} from '../../src/main/rules/warranty';
import { addDays } from '../../src/shared/dates';
import {
  BUILT_IN_EXCLUSIONS,
  DEFAULT_WARRANTY_POLICY_SET,
  serviceContractSchema,
  warrantyPolicySetSchema,
  type ServiceContract,
  type WarrantyPolicy,
  type WarrantyPolicySet,
} from '../../src/shared/schemas/rules-policies';

/**
 * Warranty determination (seed 000: scope, exclusions, suspension; seed 001: beyond the warranty a
 * paid service contract). The office's policies here: 12 months from installation by default, the SA
 * line 24 months from installation, the SA-200X model 36 months from delivery, pumps 18 months from
 * the invoice with a narrower scope and two office-added codes.
 */

const base = { active: true, coveredDefects: 'all' as const, coveredParts: null, exclusions: [...BUILT_IN_EXCLUSIONS], suspensions: ['customer_payment_overdue'] };
const POLICIES: WarrantyPolicy[] = [
  { ...base, id: 'default', name: '12 months from installation', scope: { kind: 'default' }, periodMonths: 12, startEvent: 'installation' },
  { ...base, id: 'line_sa', name: 'SA line 24 months from installation', scope: { kind: 'product_line', productLine: 'SA' }, periodMonths: 24, startEvent: 'installation' },
  { ...base, id: 'model_sa200x', name: 'SA-200X 36 months from delivery', scope: { kind: 'model', model: 'SA-200X' }, periodMonths: 36, startEvent: 'delivery' },
  { ...base, id: 'model_sa100', name: 'SA-100 old offer', active: false, scope: { kind: 'model', model: 'SA-100' }, periodMonths: 60, startEvent: 'delivery' },
  {
    ...base,
    id: 'line_pump',
    name: 'Pumps 18 months from invoice',
    scope: { kind: 'product_line', productLine: 'PUMP' },
    periodMonths: 18,
    startEvent: 'invoice',
    coveredDefects: ['electrical', 'mechanical', 'leakage'],
    coveredParts: ['motor', 'impeller', 'mechanical seal'],
    exclusions: [...BUILT_IN_EXCLUSIONS, 'wrong_medium'],
    suspensions: ['customer_payment_overdue', 'site_not_accessible'],
  },
];
const SET: WarrantyPolicySet = {
  policies: POLICIES,
  exclusionCodes: [...DEFAULT_WARRANTY_POLICY_SET.exclusionCodes, { code: 'wrong_medium', label: 'pumped medium not as specified' }],
  suspensionCodes: [...DEFAULT_WARRANTY_POLICY_SET.suspensionCodes, { code: 'site_not_accessible', label: 'the site is not accessible' }],
};

const unit = (over: Partial<WarrantyUnitFacts> = {}): WarrantyUnitFacts => ({
  model: 'SA-300',
  productLine: 'SA',
  serialNo: 'SN-0001',
  customerId: 7,
  deliveryDate: null,
  installationDate: '2025-03-01',
  invoiceDate: null,
  extensions: [],
  contracts: [],
  suspensions: [],
  ...over,
});
const complaint = (receivedOn: string, over: Partial<WarrantyComplaintFacts> = {}): WarrantyComplaintFacts => ({
  receivedOn,
  defectCategory: 'electrical',
  failedParts: [],
  exclusions: [],
  ...over,
});
const pump = (over: Partial<WarrantyUnitFacts> = {}) => unit({ model: 'P-50', productLine: 'PUMP', installationDate: null, invoiceDate: '2025-05-20', ...over });
const decide = (u: WarrantyUnitFacts, c: WarrantyComplaintFacts, set: WarrantyPolicySet = SET) => determineWarranty(set, u, c);

describe('coverEndDate: through the day before the same day N months later, else the month end', () => {
  it.each([
    ['2025-03-01', 24, '2027-02-28'],
    ['2024-02-29', 24, '2026-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-28'],
    ['2022-03-01', 24, '2024-02-29'],
    ['2023-02-28', 12, '2024-02-27'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-01-30', 1, '2025-02-28'],
    ['2025-01-29', 1, '2025-02-28'],
    ['2025-01-28', 1, '2025-02-27'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-03-30', 1, '2025-04-29'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-01-01', 12, '2025-12-31'],
    ['2025-12-15', 1, '2026-01-14'],
  ])('%s + %i months → covered through %s', (start, months, end) => {
    expect(coverEndDate(start, months)).toBe(end);
  });

  it('never ends earlier for a later start, and never before the start', () => {
    for (const months of [1, 6, 12, 18, 24, 36]) {
      let prevEnd = '';
      for (let d = '2023-01-01'; d <= '2025-12-31'; d = addDays(d, 1)) {
        const end = coverEndDate(d, months);
        expect(end >= prevEnd && end >= d).toBe(true);
        prevEnd = end;
      }
    }
  });

  it('refuses a bad date or period', () => {
    expect(() => coverEndDate('2025-02-29', 12)).toThrow(RangeError);
    expect(() => coverEndDate('2025-03-01', 0)).toThrow(RangeError);
  });
});

describe('the policy that applies: model, then product line, then default', () => {
  it.each([
    ['the model policy over its line', { model: 'SA-200X', productLine: 'SA' }, 'model_sa200x'],
    ['the model, written differently', { model: ' sa-200x ', productLine: 'SA' }, 'model_sa200x'],
    ['the line when the model has none', { model: 'SA-300', productLine: 'SA' }, 'line_sa'],
    ['the line when the model policy is inactive', { model: 'SA-100', productLine: 'SA' }, 'line_sa'],
    ['the default for another line', { model: 'X-1', productLine: 'MIXER' }, 'default'],
    ['the default without a line', { model: 'X-1', productLine: null }, 'default'],
  ])('%s', (_, u, id) => {
    expect(selectPolicy(SET, u)?.id).toBe(id);
  });

  it('is unknown when nothing applies and there is no default', () => {
    const noDefault = { ...SET, policies: POLICIES.filter((p) => p.id !== 'default') };
    const d = decide(unit({ model: 'X-1', productLine: 'MIXER' }), complaint('2026-01-10'), noDefault);
    expect(d).toMatchObject({ status: 'unknown', covered: false, policyId: null, reason: { code: 'no_policy' } });
    expect(d.reason.message).toBe('unknown: no warranty policy applies to model X-1 (line MIXER) and there is no default policy');
  });
});

describe('the cover boundaries', () => {
  it('names the rule and the dates that decided it', () => {
    const d = decide(unit(), complaint('2026-11-20'));
    expect(d).toMatchObject({ status: 'in_warranty', covered: true, policyId: 'line_sa', startDate: '2025-03-01', coverEnds: '2027-02-28', contractId: null });
    expect(d.reason).toEqual({
      code: 'in_warranty',
      params: { policy: 'SA line 24 months from installation', policyId: 'line_sa', startEvent: 'installation', receivedOn: '2026-11-20', startDate: '2025-03-01', coverEnds: '2027-02-28', extensionMonths: 0 },
      message: 'in warranty: policy «SA line 24 months from installation», installed 2025-03-01, cover ends 2027-02-28, complaint received 2026-11-20',
    });
  });

  it.each([
    ['the last covered day', unit(), '2027-02-28', 'in_warranty'],
    ['the day after', unit(), '2027-03-01', 'out_of_warranty'],
    ['the start day itself', unit(), '2025-03-01', 'in_warranty'],
    ['a 29 February start, last day', unit({ installationDate: '2024-02-29' }), '2026-02-28', 'in_warranty'],
    ['a 29 February start, the day after', unit({ installationDate: '2024-02-29' }), '2026-03-01', 'out_of_warranty'],
    ['a cover ending on 29 February, last day', unit({ installationDate: '2022-03-01' }), '2024-02-29', 'in_warranty'],
    ['a cover ending on 29 February, the day after', unit({ installationDate: '2022-03-01' }), '2024-03-01', 'out_of_warranty'],
    ['a 31 August invoice, 18 months → end of February', pump({ invoiceDate: '2024-08-31' }), '2026-02-28', 'in_warranty'],
    ['a 31 August invoice, 1 March', pump({ invoiceDate: '2024-08-31' }), '2026-03-01', 'out_of_warranty'],
  ])('%s', (_, u, received, status) => {
    expect(decide(u, complaint(received)).status).toBe(status);
  });

  it('says a paid service contract or quotation is needed once out of warranty (seed 001)', () => {
    const d = decide(unit(), complaint('2027-03-01'));
    expect(d).toMatchObject({ status: 'out_of_warranty', covered: false, coverEnds: '2027-02-28', reason: { code: 'out_of_warranty' } });
    expect(d.reason.message).toBe(
      'out of warranty: policy «SA line 24 months from installation», installed 2025-03-01, cover ended 2027-02-28, ' +
        'complaint received 2027-03-01; a paid service contract or a quotation is needed before service',
    );
  });
});

describe('each start event', () => {
  it.each([
    ['delivery (SA-200X, 36 months)', unit({ model: 'SA-200X', deliveryDate: '2023-06-10', installationDate: '2023-09-01' }), '2026-06-09', 'delivered 2023-06-10'],
    ['installation (SA line, 24 months)', unit({ deliveryDate: '2025-01-10', installationDate: '2025-03-01', invoiceDate: '2025-01-05' }), '2027-02-28', 'installed 2025-03-01'],
    ['invoice (pumps, 18 months)', pump({ deliveryDate: '2025-05-01', installationDate: '2025-06-01' }), '2026-11-19', 'invoiced 2025-05-20'],
  ])('%s', (_, u, end, said) => {
    expect(decide(u, complaint(end))).toMatchObject({ status: 'in_warranty', coverEnds: end });
    expect(decide(u, complaint(end)).reason.message).toContain(said);
    expect(decide(u, complaint(addDays(end, 1))).status).toBe('out_of_warranty');
  });

  it.each([
    ['delivery', unit({ model: 'SA-200X', deliveryDate: null, installationDate: '2023-09-01' })],
    ['installation', unit({ installationDate: null, deliveryDate: '2025-01-10', invoiceDate: '2025-01-05' })],
    ['invoice', pump({ invoiceDate: null, deliveryDate: '2025-05-01', installationDate: '2025-06-01' })],
  ])('is unknown, naming the missing %s date', (event, u) => {
    const d = decide(u, complaint('2026-01-10'));
    expect(d).toMatchObject({ status: 'unknown', covered: false, coverEnds: null, reason: { code: 'start_date_missing', params: { startEvent: event } } });
    expect(d.reason.message).toMatch(new RegExp(`counts from the ${event} date, which is not recorded`));
  });

  it('is unknown when the complaint came before the start date (the dates need checking)', () => {
    expect(decide(unit({ installationDate: '2026-12-01' }), complaint('2026-11-20')).reason.code).toBe('received_before_start');
  });
});

describe('extended warranty', () => {
  it('adds the months sold for the unit and says so', () => {
    const u = unit({ installationDate: '2024-03-01', extensions: [{ months: 12, reference: 'EXT-7' }] });
    const d = decide(u, complaint('2026-11-20'));
    expect(d).toMatchObject({ status: 'in_warranty', coverEnds: '2027-02-28', reason: { params: { extensionMonths: 12 } } });
    expect(d.reason.message).toContain('installed 2024-03-01, 24 months + 12 months extended warranty (EXT-7), cover ends 2027-02-28');
    expect(decide(u, complaint('2027-03-01')).status).toBe('out_of_warranty');
    expect(decide(unit({ installationDate: '2024-03-01' }), complaint('2026-11-20')).status).toBe('out_of_warranty');
  });
});

describe('exclusions, covered failures and parts', () => {
  it.each([...BUILT_IN_EXCLUSIONS.map((c) => [c, c.replace(/_/g, ' ')]), ['wrong_medium', 'pumped medium not as specified']])(
    'excludes %s',
    (code, label) => {
      const d = decide(pump(), complaint('2026-01-10', { exclusions: [code!] }));
      expect(d).toMatchObject({ status: 'excluded', covered: false, coverEnds: '2026-11-19', reason: { code: 'exclusion', params: { exclusion: code, label } } });
      expect(d.reason.message).toBe(`excluded: ${label} is not covered by policy «Pumps 18 months from invoice»; policy «Pumps 18 months from invoice», invoiced 2025-05-20, cover ends 2026-11-19, complaint received 2026-01-10`);
    },
  );

  it('ignores an exclusion the policy does not apply', () => {
    expect(decide(unit(), complaint('2026-01-10', { exclusions: ['wrong_medium'] })).status).toBe('in_warranty');
  });

  it.each([
    ['a failure type the policy covers', { defectCategory: 'leakage' as const }, 'in_warranty', 'in_warranty'],
    ['a failure type it does not cover', { defectCategory: 'noise_vibration' as const }, 'excluded', 'defect_not_covered'],
    ['no failure type yet', { defectCategory: null }, 'in_warranty', 'in_warranty'],
    ['a covered part, written differently', { failedParts: ['Mechanical  Seal'] }, 'in_warranty', 'in_warranty'],
    ['a part not on the list', { failedParts: ['control board'] }, 'excluded', 'part_not_covered'],
  ])('%s', (_, over, status, code) => {
    expect(decide(pump(), complaint('2026-01-10', over))).toMatchObject({ status, reason: { code } });
  });

  it('stays in warranty when some failed parts are covered, naming the others', () => {
    const d = decide(pump(), complaint('2026-01-10', { failedParts: ['motor', 'control board'] }));
    expect(d).toMatchObject({ status: 'in_warranty', reason: { params: { uncoveredParts: 'control board' } } });
    expect(d.reason.message).toMatch(/; not covered: control board$/);
  });
});

describe('suspension', () => {
  it.each([
    ['customer_payment_overdue', 'customer payment overdue'],
    ['site_not_accessible', 'the site is not accessible'],
  ])('suspends cover while %s, without moving its end', (code, label) => {
    const d = decide(pump({ suspensions: [code] }), complaint('2026-01-10'));
    expect(d).toMatchObject({ status: 'suspended', covered: false, coverEnds: '2026-11-19', reason: { code: 'suspension', params: { suspension: code, label } } });
    expect(d.reason.message).toMatch(new RegExp(`^suspended: cover under policy «Pumps 18 months from invoice» is suspended while ${label}; `));
  });

  it('ignores a suspension the policy does not apply', () => {
    expect(decide(unit({ suspensions: ['site_not_accessible'] }), complaint('2026-01-10')).status).toBe('in_warranty');
  });

  it('an exclusion decides before a suspension; expiry before both', () => {
    expect(decide(unit({ suspensions: ['customer_payment_overdue'] }), complaint('2026-01-10', { exclusions: ['misuse'] })).status).toBe('excluded');
    expect(decide(unit({ suspensions: ['customer_payment_overdue'] }), complaint('2027-03-01', { exclusions: ['misuse'] })).status).toBe('out_of_warranty');
  });
});

describe('service contracts', () => {
  const contract = (over: Partial<ServiceContract> = {}): ServiceContract => ({
    id: 'SC-2026-014',
    customerId: 7,
    serialNos: ['SN-0001'],
    models: [],
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    ...over,
  });
  const expired = (contracts: ServiceContract[]) => unit({ installationDate: '2022-01-10', contracts });

  it('covers an expired unit named by its serial number', () => {
    const d = decide(expired([contract()]), complaint('2026-11-20'));
    expect(d).toMatchObject({ status: 'contract', covered: true, contractId: 'SC-2026-014', policyId: 'line_sa', coverEnds: '2024-01-09', reason: { code: 'contract' } });
    expect(d.reason.message).toBe(
      'covered by service contract SC-2026-014, valid 2026-01-01 to 2026-12-31, complaint received 2026-11-20 ' +
        '(warranty alone: out of warranty: policy «SA line 24 months from installation», installed 2022-01-10, cover ended 2024-01-09, ' +
        'complaint received 2026-11-20; a paid service contract or a quotation is needed before service)',
    );
  });

  it.each([
    ['by model at the same customer', contract({ serialNos: [], models: ['sa-300'] }), 'contract'],
    ['by model at another customer', contract({ serialNos: [], models: ['SA-300'], customerId: 8 }), 'out_of_warranty'],
    ['for another unit', contract({ serialNos: ['SN-0002'] }), 'out_of_warranty'],
    ['ended before the complaint', contract({ validTo: '2026-06-30' }), 'out_of_warranty'],
    ['starting after the complaint', contract({ validFrom: '2026-12-01' }), 'out_of_warranty'],
  ])('%s → %s', (_, c, status) => {
    expect(decide(expired([c]), complaint('2026-11-20')).status).toBe(status);
  });

  it('covers a unit whose start date is missing', () => {
    expect(decide(unit({ installationDate: null, contracts: [contract()] }), complaint('2026-11-20'))).toMatchObject({ status: 'contract', reason: { params: { warranty: 'start_date_missing' } } });
  });

  it('leaves a unit in warranty under its warranty', () => {
    expect(decide(unit({ contracts: [contract()] }), complaint('2026-11-20'))).toMatchObject({ status: 'in_warranty', contractId: null });
  });
});

describe('warrantyPolicySetSchema', () => {
  const codes = (set: unknown) => {
    const r = warrantyPolicySetSchema.safeParse(set);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')} ${(i as { params?: { code?: string } }).params?.code ?? i.code}`);
  };

  it('accepts the default (12 months from installation) and the office set above', () => {
    expect(codes(DEFAULT_WARRANTY_POLICY_SET)).toEqual([]);
    expect(codes(SET)).toEqual([]);
    expect(DEFAULT_WARRANTY_POLICY_SET.policies[0]).toMatchObject({ periodMonths: 12, startEvent: 'installation', coveredDefects: 'all' });
  });

  it('refuses unknown codes, office codes without a label, a removed built-in, two policies for one scope', () => {
    const bad = {
      policies: [
        { ...POLICIES[1]!, exclusions: ['misuse', 'rust'] },
        { ...POLICIES[1]!, id: 'line_sa_2' },
      ],
      exclusionCodes: [...DEFAULT_WARRANTY_POLICY_SET.exclusionCodes.filter((c) => c.code !== 'force_majeure'), { code: 'wet_site', label: null }],
      suspensionCodes: DEFAULT_WARRANTY_POLICY_SET.suspensionCodes,
    };
    expect(codes(bad)).toEqual(expect.arrayContaining([
      'policies.0.exclusions.1 unknown_code',
      'policies.1.scope duplicate',
      'exclusionCodes builtin_missing',
      'exclusionCodes.3.label label_required',
    ]));
  });

  it('refuses a contract ending before it starts, or by model without its customer', () => {
    const r = serviceContractSchema.safeParse({ id: 'SC-1', customerId: null, serialNos: [], models: ['SA-300'], validFrom: '2026-02-01', validTo: '2026-01-31' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => (i as { params?: { code?: string } }).params?.code)).toEqual(['date_order', 'contract_customer']);
  });
});
