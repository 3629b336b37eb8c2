import { z } from 'zod';
import { isCalendarDate } from '../dates';
import { DEFECT_CATEGORIES, SEVERITIES, type Severity } from '../domain';

/**
 * Policy data the office edits in Settings (issue 4): warranty policies, the business calendar and
 * SLA targets; plus the shapes of the decisions main/rules/{warranty,business-calendar,sla}.ts return,
 * because the tracking table and the case page show them. Custom checks carry `params.code` as in
 * common.ts, and a path to the offending entry, so the Settings form can point at it.
 */

// ---------------------------------------------------------------------------------- building blocks

/** A code the office can add (exclusions, suspensions, tiers): stable, i18n-key friendly. */
const CODE = /^[a-z][a-z0-9_]{1,39}$/;
const code = z.string().refine((s) => CODE.test(s), {
  params: { code: 'rule_code' },
  message: 'use 2–40 lower-case letters, digits and _ , starting with a letter',
});
const date = z.string().refine(isCalendarDate, { params: { code: 'calendar_date' }, message: 'expected a date as YYYY-MM-DD' });
const label = z.string().trim().min(1).max(100);
const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { params: { code: 'time_zone' }, message: 'unknown time zone' },
);

/** Explanation of a decision: an i18n code (`warranty.reason.<code>` …), its parameters, and the English sentence. */
export interface RuleReason {
  code: string;
  params: Record<string, string | number>;
  message: string;
}

type Issue = { path: (string | number)[]; code: string; message: string; params?: Record<string, string | number> };
const report = (ctx: z.RefinementCtx, issues: Issue[]) => {
  for (const i of issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message, params: { code: i.code, ...i.params } });
};
/** Paths of the second and later entries whose key repeats an earlier one. */
function duplicates<T>(items: readonly T[], key: (t: T, i: number) => string, at: (i: number) => (string | number)[], what: string): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  items.forEach((t, i) => {
    const k = key(t, i);
    if (seen.has(k)) out.push({ path: at(i), code: 'duplicate', message: `${what} ${k} appears twice`, params: { value: k } });
    seen.add(k);
  });
  return out;
}

// ----------------------------------------------------------------------------------------- warranty

export const WARRANTY_START_EVENTS = ['delivery', 'installation', 'invoice'] as const;
export type WarrantyStartEvent = (typeof WARRANTY_START_EVENTS)[number];

/** Seed 000: "what is excluded … which conditions suspend or limit the obligation". The office adds more. */
export const BUILT_IN_EXCLUSIONS = ['misuse', 'unauthorised_repair', 'consumables', 'force_majeure'] as const;
export const BUILT_IN_SUSPENSIONS = ['customer_payment_overdue'] as const;

export const WARRANTY_STATUSES = ['in_warranty', 'out_of_warranty', 'excluded', 'suspended', 'unknown', 'contract'] as const;
export type WarrantyStatus = (typeof WARRANTY_STATUSES)[number];

/** A catalogue entry. Built-in codes take their words from i18n (`enum.warrantyExclusion.<code>`); office codes need a label. */
const catalogueEntry = z.object({ code, label: label.nullable() });

const policyScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('default') }),
  z.object({ kind: z.literal('product_line'), productLine: label }),
  z.object({ kind: z.literal('model'), model: label }),
]);

export const warrantyPolicySchema = z.object({
  /** Stable across edits, e.g. `line-sa`; the reason sentence and the case record name it. */
  id: code,
  /** How the office calls it, e.g. "SA line 24 months from installation". */
  name: label,
  active: z.boolean(),
  scope: policyScope,
  periodMonths: z.number().int().min(1).max(240),
  startEvent: z.enum(WARRANTY_START_EVENTS),
  coveredDefects: z.union([z.literal('all'), z.array(z.enum(DEFECT_CATEGORIES)).min(1)]),
  /** Parts covered, free text as on the contract; null = every part. */
  coveredParts: z.array(label).max(200).nullable(),
  /** Codes from the set's exclusion catalogue that this policy applies. */
  exclusions: z.array(code),
  /** Codes from the set's suspension catalogue that this policy applies. */
  suspensions: z.array(code),
});
export type WarrantyPolicy = z.infer<typeof warrantyPolicySchema>;
export type WarrantyPolicyScope = WarrantyPolicy['scope'];

const scopeKey = (s: WarrantyPolicyScope) =>
  s.kind === 'default' ? 'default' : s.kind === 'model' ? `model ${s.model.trim().toUpperCase()}` : `line ${s.productLine.trim().toUpperCase()}`;

export const warrantyPolicySetSchema = z
  .object({
    policies: z.array(warrantyPolicySchema).max(1000),
    exclusionCodes: z.array(catalogueEntry).max(100),
    suspensionCodes: z.array(catalogueEntry).max(100),
  })
  .superRefine((v, ctx) => {
    const issues: Issue[] = [
      ...duplicates(v.policies, (p) => p.id, (i) => ['policies', i, 'id'], 'policy id'),
      // One policy per scope: with two, which one applies would depend on list order.
      ...duplicates(v.policies, (p, i) => (p.active ? scopeKey(p.scope) : `inactive #${i}`), (i) => ['policies', i, 'scope'], 'an active policy for'),
      ...duplicates(v.exclusionCodes, (c) => c.code, (i) => ['exclusionCodes', i, 'code'], 'exclusion'),
      ...duplicates(v.suspensionCodes, (c) => c.code, (i) => ['suspensionCodes', i, 'code'], 'suspension'),
    ];
    const catalogue = (list: typeof v.exclusionCodes, builtIn: readonly string[], field: string) => {
      const codes = new Set(list.map((c) => c.code));
      builtIn.forEach((b) => {
        if (!codes.has(b)) issues.push({ path: [field], code: 'builtin_missing', message: `the built-in code ${b} cannot be removed`, params: { value: b } });
      });
      list.forEach((c, i) => {
        if (!builtIn.includes(c.code) && !c.label) {
          issues.push({ path: [field, i, 'label'], code: 'label_required', message: `give the code ${c.code} a label the office reads` });
        }
      });
      return codes;
    };
    const exclusions = catalogue(v.exclusionCodes, BUILT_IN_EXCLUSIONS, 'exclusionCodes');
    const suspensions = catalogue(v.suspensionCodes, BUILT_IN_SUSPENSIONS, 'suspensionCodes');
    v.policies.forEach((p, i) => {
      p.exclusions.forEach((c, j) => {
        if (!exclusions.has(c)) issues.push({ path: ['policies', i, 'exclusions', j], code: 'unknown_code', message: `no exclusion ${c} in the catalogue`, params: { value: c } });
      });
      p.suspensions.forEach((c, j) => {
        if (!suspensions.has(c)) issues.push({ path: ['policies', i, 'suspensions', j], code: 'unknown_code', message: `no suspension ${c} in the catalogue`, params: { value: c } });
      });
    });
    report(ctx, issues);
  });
export type WarrantyPolicySet = z.infer<typeof warrantyPolicySetSchema>;

/** An extended warranty sold for one unit: months added to its policy period. */
export const warrantyExtensionSchema = z.object({
  serialNo: label,
  months: z.number().int().min(1).max(120),
  /** Order or invoice number of the sale of the extension. */
  reference: label.nullable(),
});
export type WarrantyExtension = z.infer<typeof warrantyExtensionSchema>;

/** A paid after-sales service contract (seed 001: signed when service is beyond the warranty period). */
export const serviceContractSchema = z
  .object({
    id: label,
    /** Null: the contract covers the listed units whoever owns them. */
    customerId: z.number().int().positive().nullable(),
    serialNos: z.array(label).max(10_000),
    /** Every unit of these models at the customer. */
    models: z.array(label).max(200),
    validFrom: date,
    validTo: date,
  })
  .superRefine((v, ctx) => {
    const issues: Issue[] = [];
    if (v.validTo < v.validFrom) issues.push({ path: ['validTo'], code: 'date_order', message: 'the contract ends before it starts' });
    if (!v.serialNos.length && !v.models.length) issues.push({ path: ['serialNos'], code: 'contract_units', message: 'name the units: serial numbers or models' });
    if (v.models.length && v.customerId === null) issues.push({ path: ['customerId'], code: 'contract_customer', message: 'a contract by model needs its customer' });
    report(ctx, issues);
  });
export type ServiceContract = z.infer<typeof serviceContractSchema>;

/** What determineWarranty answers; `covered` is true for in_warranty and contract. */
export interface WarrantyDecision {
  status: WarrantyStatus;
  covered: boolean;
  reason: RuleReason;
  policyId: string | null;
  /** The start date used (YYYY-MM-DD), when known. */
  startDate: string | null;
  /** Last covered day of the warranty, extensions included (YYYY-MM-DD). */
  coverEnds: string | null;
  /** The contract that covers the unit, for status contract. */
  contractId: string | null;
}

export const DEFAULT_WARRANTY_POLICY_SET: WarrantyPolicySet = {
  policies: [
    {
      id: 'default',
      name: '12 months from installation',
      active: true,
      scope: { kind: 'default' },
      periodMonths: 12,
      startEvent: 'installation',
      coveredDefects: 'all',
      coveredParts: null,
      exclusions: [...BUILT_IN_EXCLUSIONS],
      suspensions: [...BUILT_IN_SUSPENSIONS],
    },
  ],
  exclusionCodes: BUILT_IN_EXCLUSIONS.map((c) => ({ code: c, label: null })),
  suspensionCodes: BUILT_IN_SUSPENSIONS.map((c) => ({ code: c, label: null })),
};

// ------------------------------------------------------------------------------- business calendar

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const hhmm = z.string().refine((s) => HHMM.test(s), { params: { code: 'time_of_day' }, message: 'expected a time as HH:mm' });
export const minutesOfDay = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export const DAY_KINDS = ['holiday', 'workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export const dayTableEntrySchema = z.object({
  date,
  /** holiday: no work although a weekday; workday: an adjusted working day (调休) although a weekend. */
  kind: z.enum(DAY_KINDS),
  /** Public holiday code for i18n (`enum.holiday.spring_festival`); null for the office's own days. */
  holiday: code.nullable(),
  /** The office's words, e.g. "company anniversary". */
  note: z.string().trim().max(200).nullable(),
  source: z.enum(['chinese-days', 'office']),
});
export type DayTableEntry = z.infer<typeof dayTableEntrySchema>;

export const businessCalendarSettingsSchema = z
  .object({
    timeZone,
    /** The same on every working day, adjusted working days included. */
    workingHours: z.array(z.object({ start: hhmm, end: hhmm })).min(1).max(6),
    /** 0 = Sunday … 6 = Saturday. */
    weekendDays: z.array(z.number().int().min(0).max(6)).max(6),
    days: z.array(dayTableEntrySchema).max(20_000),
    /** Years whose public holidays are complete in `days` (seeded, or entered from the State Council notice). */
    holidayYears: z.array(z.number().int().min(1970).max(2200)).max(300),
  })
  .superRefine((v, ctx) => {
    const issues: Issue[] = [];
    v.workingHours.forEach((h, i) => {
      if (minutesOfDay(h.end) <= minutesOfDay(h.start)) issues.push({ path: ['workingHours', i, 'end'], code: 'time_order', message: 'ends before it starts' });
      const prev = v.workingHours[i - 1];
      if (prev && minutesOfDay(h.start) < minutesOfDay(prev.end)) {
        issues.push({ path: ['workingHours', i, 'start'], code: 'hours_overlap', message: 'starts before the previous interval ends; list intervals in order' });
      }
    });
    issues.push(...duplicates(v.weekendDays, (d) => String(d), (i) => ['weekendDays', i], 'weekday'));
    issues.push(...duplicates(v.days, (d) => d.date, (i) => ['days', i, 'date'], 'date'));
    report(ctx, issues);
  });
export type BusinessCalendarSettings = z.infer<typeof businessCalendarSettingsSchema>;

/** Without days: main/rules/business-calendar.ts `withChineseHolidays` adds the public holidays. */
export const DEFAULT_BUSINESS_CALENDAR_SETTINGS: BusinessCalendarSettings = {
  timeZone: 'Asia/Shanghai',
  workingHours: [
    { start: '08:30', end: '12:00' },
    { start: '13:00', end: '17:30' },
  ],
  weekendDays: [0, 6],
  days: [],
  holidayYears: [],
};

/** Shown in Settings and on the start screen when holiday data is missing for this or the coming year. */
export interface CalendarWarning extends RuleReason {
  years: number[];
}

// ---------------------------------------------------------------------------------------------- SLA

/** The same names as the escalation facts (`sla.response.percentUsed`, shared/schemas/rules-escalation.ts). */
export const SLA_CLOCK_KINDS = ['response', 'onsite', 'resolution'] as const;
export type SlaClockKind = (typeof SLA_CLOCK_KINDS)[number];
export const SLA_STATES = ['running', 'paused', 'met', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Business minutes; null = no target for this clock. */
const target = z.number().int().min(1).max(1_000_000).nullable();

export const slaRuleSchema = z.object({
  id: code,
  name: label,
  /** Each criterion, when set, must match; the rule matching the most specific criteria wins. */
  severity: z.enum(SEVERITIES).nullable(),
  customerTier: code.nullable(),
  /** A service contract's own targets override the others (seed 000: response times agreed commercially). */
  contractId: label.nullable(),
  targets: z.object({ response: target, onsite: target, resolution: target }),
});
export type SlaRule = z.infer<typeof slaRuleSchema>;

export const slaPolicySchema = z
  .object({
    tiers: z.array(catalogueEntry).min(1).max(50),
    rules: z.array(slaRuleSchema).min(1).max(500),
  })
  .superRefine((v, ctx) => {
    const tiers = new Set(v.tiers.map((t) => t.code));
    const issues: Issue[] = [
      ...duplicates(v.tiers, (t) => t.code, (i) => ['tiers', i, 'code'], 'tier'),
      ...duplicates(v.rules, (r) => r.id, (i) => ['rules', i, 'id'], 'rule id'),
      ...duplicates(v.rules, (r) => `${r.severity ?? '*'}/${r.customerTier ?? '*'}/${r.contractId ?? '*'}`, (i) => ['rules', i], 'criteria'),
    ];
    v.rules.forEach((r, i) => {
      if (r.customerTier && !tiers.has(r.customerTier)) {
        issues.push({ path: ['rules', i, 'customerTier'], code: 'unknown_code', message: `no customer tier ${r.customerTier}`, params: { value: r.customerTier } });
      }
      const { response, onsite, resolution } = r.targets;
      // A promise to resolve before responding, or to arrive after resolving, cannot be kept.
      if (resolution !== null && ((response !== null && response > resolution) || (onsite !== null && onsite > resolution))) {
        issues.push({ path: ['rules', i, 'targets', 'resolution'], code: 'sla_order', message: 'resolution must not come before the response or the on-site arrival' });
      }
      if (response !== null && onsite !== null && response > onsite) {
        issues.push({ path: ['rules', i, 'targets', 'onsite'], code: 'sla_order', message: 'on-site arrival must not come before the first response' });
      }
    });
    report(ctx, issues);
  });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

/** One business day of the default hours (08:30–12:00, 13:00–17:30). */
const DAY = 8 * 60;
const H = 60;
/**
 * Defaults, in business time. "24 h on site" in a Chinese service promise (24小时到场) is read as
 * "by the same time the next working day", so one business day of 8 h, not 24 business hours —
 * otherwise on-site (48 h = 6 days) would come after resolution (5 days) for major defects.
 */
const bySeverity: Record<Severity, [number, number | null, number]> = {
  safety: [2 * H, 1 * DAY, 3 * DAY],
  major: [4 * H, 2 * DAY, 5 * DAY],
  normal: [8 * H, 3 * DAY, 10 * DAY],
  minor: [16 * H, null, 15 * DAY],
};
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  tiers: [
    { code: 'standard', label: null },
    { code: 'key', label: null },
  ],
  rules: SEVERITIES.map((s) => {
    const [response, onsite, resolution] = bySeverity[s];
    return { id: s, name: `${s} defect`, severity: s, customerTier: null, contractId: null, targets: { response, onsite, resolution } };
  }),
};

/** One clock as the tracking table, the case page and the escalation facts read it. */
export interface SlaClockStatus {
  clock: SlaClockKind;
  /** Business minutes. */
  target: number;
  startedAt: string;
  /** When the target is used up, pauses included; while paused, as if the pause ended now. */
  due: string;
  /** When 80 % (or the asked share) of the target is used: the escalation trigger. */
  warningAt: string;
  elapsedBusinessMinutes: number;
  /** Negative once overdue. */
  remainingBusinessMinutes: number;
  percentUsed: number;
  state: SlaState;
  /** When the clock stopped (response given, engineer on site, case resolved). */
  stoppedAt: string | null;
  /** The due time, for a clock that ran past it (stopped late or still running). */
  breachedAt: string | null;
  pausedBusinessMinutes: number;
}

export interface SlaStatus {
  ruleId: string | null;
  reason: RuleReason;
  clocks: SlaClockStatus[];
}
