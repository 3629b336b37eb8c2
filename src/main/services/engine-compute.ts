import { calendarDateOf } from '../../shared/dates';
import type { Classification, ComplaintState, DefectCategory, Severity } from '../../shared/domain';
import type { SlaSummaryState } from '../../shared/engine';
import type { SlaClock } from '../../shared/schemas/rules-escalation';
import type { ServiceContract, SlaClockStatus, SlaStatus, WarrantyDecision } from '../../shared/schemas/rules-policies';
import type { EscalationFacts } from '../rules/escalation';
import { normalizeKey } from '../rules/repeat';
import type { RepeatCounts } from '../rules/repeat-index';
import { slaStatus, type SlaPause } from '../rules/sla';
import { determineWarranty } from '../rules/warranty';
import type { AuditEntry } from './audit';
import type { EngineRow, FullFacts, OptionFact } from './engine-load';
import { WARN_PERCENT, type RuleContext } from './rule-context';

/**
 * One case through the engine, without I/O: the facts it is judged by, and the columns the engine
 * keeps on it (issue 4). Two depths:
 *
 * - time-based (every scheduler minute): the SLA clocks at `now` and the escalation facts, from the
 *   case row alone;
 * - full (every change to the case, and the first time the scheduler sees a case): also when each
 *   clock stopped, the estimated cost, whether a visit is needed, the repeat counts and the warranty.
 *
 * The warranty is decided on registration and whenever a fact it depends on changes; it does not
 * depend on time, so the scheduler's minute leaves it alone.
 */

/** Treatment options that send someone to the customer: the on-site clock runs for them. */
const VISIT_KINDS: ReadonlySet<string> = new Set(['onsite_service', 'repair', 'replacement']);
/** States in which the service is under way or done: only then is an on-site visit due. */
const IN_SERVICE: ReadonlySet<string> = new Set(['in_service', 'awaiting_verification', 'verified', 'closed']);
const VISITED: ReadonlySet<string> = new Set(['awaiting_verification', 'verified', 'closed']);
/** Resolution is met when the customer confirmed it (verified) or the case ended (closed, rejected). */
const RESOLVED: ReadonlySet<string> = new Set(['verified', 'closed', 'rejected']);

export interface FullInputs {
  /** The columns only a full evaluation reads (engine-load.ts). */
  facts: FullFacts;
  options: readonly OptionFact[];
  repeat: RepeatCounts;
  contracts: readonly ServiceContract[];
  /** When a clock the engine sees stopped only now stopped: the change's instant, or the last state change for a first evaluation. */
  stopAt: string;
}

/** The columns the engine owns on a case. */
export interface EngineColumns {
  serial_key: string | null;
  responded_at: string | null;
  on_site_at: string | null;
  resolved_at: string | null;
  onsite_from: string | null;
  estimated_cost: number;
  repeat_customer: number | null;
  repeat_model: number | null;
  repeat_serial: number | null;
  repeat_window: number | null;
  warranty_status: string | null;
  warranty_reason: string | null;
  contract_no: string | null;
  sla_response_due: string | null;
  sla_onsite_due: string | null;
  sla_resolution_due: string | null;
  sla_due_at: string | null;
  sla_state: string | null;
  sla_breached_at: string | null;
  engine_at: string | null;
}
export const ENGINE_COLUMNS = [
  'serial_key', 'responded_at', 'on_site_at', 'resolved_at', 'onsite_from', 'estimated_cost', 'repeat_customer', 'repeat_model',
  'repeat_serial', 'repeat_window', 'warranty_status', 'warranty_reason', 'contract_no', 'sla_response_due', 'sla_onsite_due',
  'sla_resolution_due', 'sla_due_at', 'sla_state', 'sla_breached_at', 'engine_at',
] as const satisfies ReadonlyArray<keyof EngineColumns>;

/** The columns that depend on time: the only ones the scheduler's ordinary minute can change. */
const TIMED = ['sla_response_due', 'sla_onsite_due', 'sla_resolution_due', 'sla_due_at', 'sla_state', 'sla_breached_at'] as const;

export interface Computed {
  /** Every engine column after a full evaluation; the time-based ones otherwise. */
  columns: Partial<EngineColumns>;
  /** The values the evaluation used (the row's, where it did not compute them). */
  used: EngineColumns;
  /** The warranty decision recorded before a full evaluation (JSON), for comparing. */
  warrantyBefore: string | null;
  facts: EscalationFacts;
  sla: SlaStatus;
  /** Events of the warranty re-decision and of a first SLA breach. */
  events: AuditEntry[];
}

export const parseCodes = (s: string | null): string[] => (s ? (JSON.parse(s) as string[]) : []);

/**
 * The office date of an instant, remembered per quarter hour: every zone's offset and every change of
 * it fall on a quarter hour, and Intl's formatting is the full evaluation's most expensive step.
 */
const officeDates = new Map<string, string>();
export function officeDate(instant: string, timeZone: string): string {
  const key = `${timeZone} ${Math.floor(Date.parse(instant) / 900_000)}`;
  let d = officeDates.get(key);
  if (d === undefined) {
    if (officeDates.size > 50_000) officeDates.clear();
    officeDates.set(key, (d = calendarDateOf(new Date(instant), timeZone)));
  }
  return d;
}

export function decideWarranty(row: EngineRow, f: FullFacts, ctx: RuleContext, contracts: readonly ServiceContract[]): WarrantyDecision {
  return determineWarranty(
    ctx.warranty.set,
    {
      model: row.product_model,
      productLine: f.product_line,
      serialNo: row.serial_no,
      customerId: row.customer_id,
      deliveryDate: f.delivery_date,
      installationDate: f.installation_date,
      invoiceDate: f.invoice_date,
      // Extended warranties are sold with service contracts (issue 5); none are recorded yet.
      extensions: [],
      contracts: [...contracts],
      suspensions: parseCodes(f.warranty_suspensions),
    },
    {
      receivedOn: officeDate(row.received_at, ctx.timeZone),
      defectCategory: row.defect_category as DefectCategory,
      // Failed parts are not itemised on the form yet: the policy's part list cannot exclude anything.
      failedParts: [],
      exclusions: parseCodes(f.warranty_exclusions),
    },
  );
}

const current = (row: EngineRow): EngineColumns => ({
  serial_key: row.serial_key,
  responded_at: row.responded_at,
  on_site_at: row.on_site_at,
  resolved_at: row.resolved_at,
  onsite_from: row.onsite_from,
  estimated_cost: row.estimated_cost,
  repeat_customer: row.repeat_customer,
  repeat_model: row.repeat_model,
  repeat_serial: row.repeat_serial,
  repeat_window: row.repeat_window,
  warranty_status: row.warranty_status,
  // Not read by the minute's pass (engine-load.ts); only a full evaluation writes it.
  warranty_reason: null,
  contract_no: row.contract_no,
  sla_response_due: row.sla_response_due,
  sla_onsite_due: row.sla_onsite_due,
  sla_resolution_due: row.sla_resolution_due,
  sla_due_at: row.sla_due_at,
  sla_state: row.sla_state,
  sla_breached_at: row.sla_breached_at,
  engine_at: row.engine_at,
});

// Module functions rather than closures per case: the minute's pass calls them 100,000 times.
const clockOf = (sla: SlaStatus, k: SlaClock) => sla.clocks.find((c) => c.clock === k);
/** A paused clock's due time moves while the pause lasts: it is stored only once it runs again. */
const dueOf = (c: SlaClockStatus | undefined) => (c && c.state !== 'paused' ? c.due : null);
const NOT_APPLICABLE = { percentUsed: null, state: 'not_applicable' } as const;
function clockFacts(sla: SlaStatus, k: SlaClock): EscalationFacts['sla']['response'] {
  const c = clockOf(sla, k);
  return c ? { percentUsed: c.percentUsed, state: c.state } : NOT_APPLICABLE;
}

/** The worst state among the clocks, for the tracking table. */
function summary(sla: SlaStatus): SlaSummaryState | null {
  const states = sla.clocks.map((c) => (c.state === 'running' && c.percentUsed >= WARN_PERCENT ? 'at_risk' : c.state));
  for (const s of ['breached', 'at_risk', 'running', 'paused', 'met'] as const) if (states.includes(s)) return s;
  return null;
}

export function computeCase(row: EngineRow, pauses: readonly SlaPause[], ctx: RuleContext, now: Date, full: FullInputs | null): Computed {
  const cols = current(row);
  const events: AuditEntry[] = [];
  const state = row.state as ComplaintState;
  if (full) {
    cols.serial_key = normalizeKey(row.serial_no) || null;
    const f = full.facts;
    const chosen = f.chosen_option === null ? undefined : full.options[f.chosen_option];
    cols.estimated_cost = chosen?.estimatedCost ?? full.options.reduce((m, o) => Math.max(m, o.estimatedCost), 0);
    // The on-site clock starts with the decision that sends someone (the chairman's, where he decided).
    cols.onsite_from = chosen && VISIT_KINDS.has(chosen.kind) && IN_SERVICE.has(state) ? (f.chairman_at ?? f.decided_at ?? row.received_at) : null;
    if (state !== 'registered' && !cols.responded_at) cols.responded_at = full.stopAt;
    if (cols.onsite_from && VISITED.has(state) && !cols.on_site_at) cols.on_site_at = full.stopAt;
    // A reopened case is unresolved again: its resolution clock runs on from receipt.
    cols.resolved_at = RESOLVED.has(state) ? (cols.resolved_at ?? full.stopAt) : null;
    cols.repeat_customer = full.repeat.sameCustomer;
    cols.repeat_model = full.repeat.sameModel;
    cols.repeat_serial = full.repeat.sameSerial;
    cols.repeat_window = ctx.repeat.settings.windowDays;

    const decision = decideWarranty(row, f, ctx, full.contracts);
    const before = f.warranty_reason ? (JSON.parse(f.warranty_reason) as WarrantyDecision) : null;
    cols.warranty_status = decision.status;
    cols.warranty_reason = JSON.stringify({ ...decision, policyVersion: ctx.warranty.version });
    cols.contract_no = decision.contractId;
    // The decision at registration is part of the registration; a later change of it is an event.
    if (before && (before.status !== decision.status || before.reason.message !== decision.reason.message)) {
      events.push({
        complaintId: row.id,
        kind: 'warranty',
        field: 'warranty',
        before: { status: before.status, reason: before.reason.message },
        after: { status: decision.status, reason: decision.reason.message, code: decision.reason.code, policy: decision.policyId, policyVersion: ctx.warranty.version },
      });
    }
    cols.engine_at = cols.engine_at ?? now.toISOString();
  }

  const sla = slaStatus(
    ctx.sla.policy,
    {
      severity: row.severity as Severity,
      customerTier: row.customer_tier,
      contractId: cols.contract_no,
      receivedAt: row.received_at,
      visitNeeded: cols.onsite_from !== null,
      visitRequestedAt: cols.onsite_from,
      respondedAt: cols.responded_at,
      onSiteAt: cols.on_site_at,
      resolvedAt: cols.resolved_at,
      pauses,
    },
    now,
    ctx.calendar,
    { warnPercent: WARN_PERCENT },
  );
  cols.sla_response_due = dueOf(clockOf(sla, 'response'));
  cols.sla_onsite_due = dueOf(clockOf(sla, 'onsite'));
  cols.sla_resolution_due = dueOf(clockOf(sla, 'resolution'));
  let next: string | null = null;
  let breached: SlaClockStatus | null = null;
  for (const c of sla.clocks) {
    if (c.stoppedAt === null && c.state !== 'paused' && (next === null || c.due < next)) next = c.due;
    if (c.breachedAt !== null && (breached === null || c.breachedAt < breached.breachedAt!)) breached = c;
  }
  cols.sla_due_at = next;
  cols.sla_state = summary(sla);
  if (breached && !cols.sla_breached_at) {
    // Recorded once, at the instant the target was used up (not when the engine noticed).
    cols.sla_breached_at = breached.breachedAt;
    events.push({ complaintId: row.id, kind: 'sla_breach', field: breached.clock, after: { clock: breached.clock, due: breached.due, targetMinutes: breached.target, rule: sla.ruleId } });
  }

  const received = Date.parse(row.received_at);
  const facts: EscalationFacts = {
    caseId: row.id,
    severity: row.severity as Severity,
    classification: row.classification as Classification | null,
    state,
    ageBusinessHours: Math.floor(ctx.calendar.businessMsBetween(received, Math.max(received, now.getTime())) / 360_000) / 10,
    sla: { response: clockFacts(sla, 'response'), onsite: clockFacts(sla, 'onsite'), resolution: clockFacts(sla, 'resolution') },
    repeat: {
      windowDays: cols.repeat_window ?? ctx.repeat.settings.windowDays,
      sameCustomer: cols.repeat_customer ?? 1,
      sameModel: cols.repeat_model ?? 1,
      sameSerial: cols.repeat_serial ?? (cols.serial_key ? 1 : 0),
    },
    estimatedCost: cols.estimated_cost,
    customerPressure: row.customer_pressure === 1,
    disputeOpen: row.dispute_open === 1,
    escalated: row.escalated === 1,
    // No "technical question" flag on the form yet; the routing rules read the defect category.
    technicalQuestion: false,
    overdueCapaActions: 0,
    defectCategory: row.defect_category as DefectCategory,
    productModel: row.product_model,
    serialNo: row.serial_no,
    customerName: row.customer_name,
    customerTier: row.customer_tier,
  };
  const columns: Partial<EngineColumns> = full ? cols : {};
  if (!full) for (const k of TIMED) (columns as Record<string, unknown>)[k] = cols[k];
  return { columns, used: cols, warrantyBefore: full?.facts.warranty_reason ?? null, facts, sla, events };
}

/**
 * Whether the scheduler must do the full evaluation: never done (an older database, demo data), or
 * undone because the repeat window changed (rule-store.ts clears engine_at of the open cases).
 */
export const needsFull = (row: EngineRow): boolean => row.engine_at === null;
