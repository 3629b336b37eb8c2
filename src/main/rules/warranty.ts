import { addDays, isCalendarDate } from '../../shared/dates';
import type { DefectCategory } from '../../shared/domain';
import type {
  RuleReason,
  ServiceContract,
  WarrantyDecision,
  WarrantyExtension,
  WarrantyPolicy,
  WarrantyPolicySet,
  WarrantyStartEvent,
  WarrantyStatus,
} from '../../shared/schemas/rules-policies';

/**
 * Warranty determination (issue 4; seed 000 "what is covered, what is excluded, how long support
 * lasts, and which conditions suspend or limit the obligation"; seed 001 "if it belongs to the
 * after-sale service beyond the warranty period, the sales staff should sign the after-sale service
 * contract with the customer").
 *
 * Policies are data (Settings). Facts in, a status with the sentence that explains it out:
 *  1. the policy: the unit's model, else its product line, else the default;
 *  2. the cover: from the policy's start event for its months plus extended warranty;
 *  3. the complaint's received date (office calendar) against the cover: unknown (a date missing),
 *     out of warranty, or within it — then exclusions, covered failures and parts, suspensions;
 *  4. not in warranty (expired or unknown): a valid service contract on the unit covers it.
 */

/** What the engine needs to know about the unit (from the store: unit, customer, sales records). */
export interface WarrantyUnitFacts {
  model: string;
  productLine: string | null;
  serialNo: string | null;
  customerId: number | null;
  deliveryDate: string | null;
  installationDate: string | null;
  invoiceDate: string | null;
  /** Extended warranties sold for this unit. */
  extensions: ReadonlyArray<Pick<WarrantyExtension, 'months' | 'reference'>>;
  /** Contracts of the unit's customer or naming its serial number; the engine picks the one covering it. */
  contracts: readonly ServiceContract[];
  /** Suspension codes in force for the unit or its customer, e.g. customer_payment_overdue. */
  suspensions: readonly string[];
}

/** What the engine needs to know about the complaint. */
export interface WarrantyComplaintFacts {
  /** The office calendar date the complaint was received (calendarDateOf(receivedAt, office zone)). */
  receivedOn: string;
  defectCategory: DefectCategory | null;
  /** Parts found failed, as written on the feedback form; empty when not known yet. */
  failedParts: readonly string[];
  /** Exclusion codes established for this failure, e.g. misuse found on site. */
  exclusions: readonly string[];
}

export type { WarrantyDecision, WarrantyStatus };

const START_FIELD: Record<WarrantyStartEvent, 'deliveryDate' | 'installationDate' | 'invoiceDate'> = {
  delivery: 'deliveryDate',
  installation: 'installationDate',
  invoice: 'invoiceDate',
};
/** How the sentence names the start: "installed 2025-03-01". */
const STARTED: Record<WarrantyStartEvent, string> = { delivery: 'delivered', installation: 'installed', invoice: 'invoiced' };

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Last covered day of a cover of `months` starting on `start` (both YYYY-MM-DD).
 *
 * Convention: "自安装之日起24个月" counts the start day as the first day, so the cover runs through
 * the day before the same-numbered day `months` later (installed 2025-03-01 → covered through
 * 2027-02-28). Where that month has no such day (29–31 February, 31 April …) the cover runs through
 * the last day of that month, as the Civil Code art. 202 does for a missing corresponding day
 * (没有对应日的，月末日为期间的最后一日): 2024-02-29 + 24 months → 2026-02-28; 2025-01-31 + 1 month
 * → 2025-02-28. So a later start never ends earlier and no day of a month is left uncovered.
 */
export function coverEndDate(start: string, months: number): string {
  if (!isCalendarDate(start)) throw new RangeError(`not a calendar date: ${start}`);
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`months must be a positive integer, got ${months}`);
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const total = m - 1 + months;
  const [ty, tm] = [y + Math.floor(total / 12), total % 12];
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  if (d > lastDay) return `${ty}-${pad(tm + 1)}-${pad(lastDay)}`;
  return addDays(`${ty}-${pad(tm + 1)}-${pad(d)}`, -1);
}

/** The policy for a unit: its model's, else its product line's, else the default; inactive ones skipped. */
export function selectPolicy(set: WarrantyPolicySet, unit: Pick<WarrantyUnitFacts, 'model' | 'productLine'>): WarrantyPolicy | null {
  const active = set.policies.filter((p) => p.active);
  const model = norm(unit.model);
  const line = unit.productLine ? norm(unit.productLine) : null;
  return (
    active.find((p) => p.scope.kind === 'model' && norm(p.scope.model) === model) ??
    active.find((p) => p.scope.kind === 'product_line' && line !== null && norm(p.scope.productLine) === line) ??
    active.find((p) => p.scope.kind === 'default') ??
    null
  );
}

/** The contract covering the unit on a date; when several do, the one running longest. */
export function coveringContract(unit: WarrantyUnitFacts, on: string): ServiceContract | null {
  const serial = unit.serialNo ? norm(unit.serialNo) : null;
  const model = norm(unit.model);
  const covering = unit.contracts.filter(
    (c) =>
      c.validFrom <= on &&
      on <= c.validTo &&
      ((serial !== null && c.serialNos.some((s) => norm(s) === serial)) ||
        (c.models.some((m) => norm(m) === model) && (c.customerId === null || c.customerId === unit.customerId))),
  );
  return covering.sort((a, b) => (a.validTo < b.validTo ? 1 : a.validTo > b.validTo ? -1 : 0))[0] ?? null;
}

const labelOf = (list: WarrantyPolicySet['exclusionCodes'], code: string) =>
  list.find((c) => c.code === code)?.label ?? code.replace(/_/g, ' ');

type Outcome = Omit<WarrantyDecision, 'covered' | 'contractId'>;

export function determineWarranty(set: WarrantyPolicySet, unit: WarrantyUnitFacts, complaint: WarrantyComplaintFacts): WarrantyDecision {
  const received = complaint.receivedOn;
  if (!isCalendarDate(received)) throw new RangeError(`not a calendar date: ${received}`);
  const base = warrantyAlone(set, unit, complaint);
  if (base.status === 'unknown' || base.status === 'out_of_warranty') {
    // Seed 001: service beyond the warranty runs under a paid after-sales service contract.
    const contract = coveringContract(unit, received);
    if (contract) {
      const reason: RuleReason = {
        code: 'contract',
        params: { contract: contract.id, validFrom: contract.validFrom, validTo: contract.validTo, receivedOn: received, warranty: base.reason.code },
        message:
          `covered by service contract ${contract.id}, valid ${contract.validFrom} to ${contract.validTo}, ` +
          `complaint received ${received} (warranty alone: ${base.reason.message})`,
      };
      return { ...base, status: 'contract', covered: true, reason, contractId: contract.id };
    }
  }
  return { ...base, covered: base.status === 'in_warranty', contractId: null };
}

/** The warranty without service contracts. */
function warrantyAlone(set: WarrantyPolicySet, unit: WarrantyUnitFacts, complaint: WarrantyComplaintFacts): Outcome {
  const received = complaint.receivedOn;
  const policy = selectPolicy(set, unit);
  if (!policy) {
    const params = { model: unit.model, productLine: unit.productLine ?? '', receivedOn: received };
    const line = unit.productLine ? ` (line ${unit.productLine})` : '';
    return outcome('unknown', null, null, null, 'no_policy', params, `unknown: no warranty policy applies to model ${unit.model}${line} and there is no default policy`);
  }
  const start = unit[START_FIELD[policy.startEvent]];
  const named = { policy: policy.name, policyId: policy.id, startEvent: policy.startEvent, receivedOn: received };
  if (!start) {
    return outcome('unknown', policy, null, null, 'start_date_missing', named,
      `unknown: policy «${policy.name}» counts from the ${policy.startEvent} date, which is not recorded`);
  }
  const extension = unit.extensions.reduce((sum, e) => sum + e.months, 0);
  const coverEnds = coverEndDate(start, policy.periodMonths + extension);
  const refs = unit.extensions.map((e) => e.reference).filter((r): r is string => !!r);
  const extText = extension ? `, ${policy.periodMonths} months + ${extension} months extended warranty${refs.length ? ` (${refs.join(', ')})` : ''}` : '';
  const params = { ...named, startDate: start, coverEnds, extensionMonths: extension };
  const facts = `policy «${policy.name}», ${STARTED[policy.startEvent]} ${start}${extText}`;
  const dates = `${facts}, cover ends ${coverEnds}, complaint received ${received}`;

  if (received < start) {
    return outcome('unknown', policy, start, coverEnds, 'received_before_start', params,
      `unknown: complaint received ${received}, before the ${policy.startEvent} date ${start} of policy «${policy.name}»; check the dates`);
  }
  if (received > coverEnds) {
    return outcome('out_of_warranty', policy, start, coverEnds, 'out_of_warranty', params,
      `out of warranty: ${facts}, cover ended ${coverEnds}, complaint received ${received}; ` +
        `a paid service contract or a quotation is needed before service`);
  }
  const excluded = complaint.exclusions.find((c) => policy.exclusions.includes(c));
  if (excluded) {
    const label = labelOf(set.exclusionCodes, excluded);
    return outcome('excluded', policy, start, coverEnds, 'exclusion', { ...params, exclusion: excluded, label },
      `excluded: ${label} is not covered by policy «${policy.name}»; ${dates}`);
  }
  if (policy.coveredDefects !== 'all' && complaint.defectCategory && !policy.coveredDefects.includes(complaint.defectCategory)) {
    return outcome('excluded', policy, start, coverEnds, 'defect_not_covered', { ...params, defectCategory: complaint.defectCategory },
      `excluded: ${complaint.defectCategory.replace(/_/g, ' ')} failures are not covered by policy «${policy.name}» ` +
        `(it covers ${policy.coveredDefects.join(', ').replace(/_/g, ' ')}); ${dates}`);
  }
  const uncovered = uncoveredParts(policy, complaint.failedParts);
  if (uncovered.length && uncovered.length === complaint.failedParts.length) {
    return outcome('excluded', policy, start, coverEnds, 'part_not_covered', { ...params, parts: uncovered.join(', ') },
      `excluded: ${uncovered.join(', ')} not among the parts policy «${policy.name}» covers; ${dates}`);
  }
  const suspended = unit.suspensions.find((c) => policy.suspensions.includes(c));
  if (suspended) {
    // Suspension withholds service while it lasts; it does not move the end of the cover.
    const label = labelOf(set.suspensionCodes, suspended);
    return outcome('suspended', policy, start, coverEnds, 'suspension', { ...params, suspension: suspended, label },
      `suspended: cover under policy «${policy.name}» is suspended while ${label}; ${dates}`);
  }
  const partNote = uncovered.length ? `; not covered: ${uncovered.join(', ')}` : '';
  return outcome('in_warranty', policy, start, coverEnds, 'in_warranty', uncovered.length ? { ...params, uncoveredParts: uncovered.join(', ') } : params,
    `in warranty: ${dates}${partNote}`);
}

/** The failed parts the policy's part list does not name (none when it covers every part). */
function uncoveredParts(policy: WarrantyPolicy, failed: readonly string[]): string[] {
  if (!policy.coveredParts) return [];
  const covered = new Set(policy.coveredParts.map(norm));
  return failed.filter((p) => !covered.has(norm(p)));
}

function outcome(
  status: WarrantyStatus,
  policy: WarrantyPolicy | null,
  startDate: string | null,
  coverEnds: string | null,
  code: string,
  params: Record<string, string | number>,
  message: string,
): Outcome {
  return { status, reason: { code, params, message }, policyId: policy?.id ?? null, startDate, coverEnds };
}
