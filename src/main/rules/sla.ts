import type { Severity } from '../../shared/domain';
import type {
  RuleReason,
  SlaClockKind,
  SlaClockStatus,
  SlaPolicy,
  SlaRule,
  SlaState,
  SlaStatus,
} from '../../shared/schemas/rules-policies';
import type { BusinessCalendar, InstantInput } from './business-calendar';

/**
 * SLA clocks (issue 4; seed 002 §6.2 "the customer should be responded at the first time"; seed 000
 * "response times … escalation timing"). Three clocks per case — first response, on-site arrival
 * (only when a visit is needed) and resolution — each with a target in business minutes from the
 * most specific SLA rule, counted on the business calendar, paused while the case waits for the
 * customer, stopped when met.
 *
 * Conventions:
 *  - a clock's business time is the calendar's business time since its start minus the business
 *    time inside pauses, so a pause moves the due time by exactly the business time it lasted;
 *  - an open pause (no end yet) is taken to end now: the due time shown moves on while it lasts;
 *  - a running clock is breached once 100 % is used (remaining 0), the instant the escalation
 *    trigger fires; a stopped clock is met when it stopped within the target (on the due instant counts);
 *  - a target exhausted exactly at the end of working hours is due then (12:00, not 13:00).
 */

export interface SlaPause {
  from: string;
  /** Null while the case still waits for the customer. */
  to: string | null;
}

/** What the clocks need to know about a case. */
export interface SlaClockFacts {
  severity: Severity;
  customerTier: string | null;
  /** The service contract of the unit, whose own SLA rules override the others. */
  contractId: string | null;
  /** Every clock starts when the complaint was received (seed 002 §6.2). */
  receivedAt: string;
  visitNeeded: boolean;
  /** The on-site clock starts here when a visit was decided later than receipt; else at receipt. */
  visitRequestedAt?: string | null;
  respondedAt: string | null;
  onSiteAt: string | null;
  resolvedAt: string | null;
  /** Intervals the case waited for the customer. */
  pauses: readonly SlaPause[];
}

export interface SlaOptions {
  /** The share of the target that raises the warning (the escalation's first trigger); default 80. */
  warnPercent?: number;
}

export type { SlaClockStatus, SlaStatus };

/** Contract beats severity, severity beats customer tier; the first in the list wins a tie. */
const specificity = (r: SlaRule) => (r.contractId !== null ? 4 : 0) + (r.severity !== null ? 2 : 0) + (r.customerTier !== null ? 1 : 0);

/** The rule whose targets apply: every criterion it sets matches, and it sets the most specific ones. */
export function selectSlaRule(policy: SlaPolicy, facts: Pick<SlaClockFacts, 'severity' | 'customerTier' | 'contractId'>): SlaRule | null {
  let best: SlaRule | null = null;
  for (const r of policy.rules) {
    const matches =
      (r.severity === null || r.severity === facts.severity) &&
      (r.customerTier === null || r.customerTier === facts.customerTier) &&
      (r.contractId === null || r.contractId === facts.contractId);
    if (matches && (!best || specificity(r) > specificity(best))) best = r;
  }
  return best;
}

const ms = (s: string) => {
  const t = Date.parse(s);
  if (!Number.isFinite(t)) throw new RangeError(`not an instant: ${s}`);
  return t;
};
const iso = (t: number) => new Date(t).toISOString();
const toMs = (x: InstantInput) => (typeof x === 'number' ? x : typeof x === 'string' ? ms(x) : x.getTime());

/**
 * Pauses from `start` on, open ones closed at `now`, sorted and merged; a pause ending before it
 * starts counts as none.
 */
function normalisePauses(pauses: readonly SlaPause[], start: number, now: number): Array<[number, number]> {
  // Most cases never waited for the customer; the scheduler asks for 100,000 cases a minute.
  if (!pauses.length) return [];
  const list = pauses
    .map((p): [number, number] => {
      const from = Math.max(ms(p.from), start);
      return [from, p.to === null ? Math.max(now, from) : ms(p.to)];
    })
    .filter(([f, t]) => t > f)
    .sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const p of list) {
    const last = out[out.length - 1];
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else out.push(p);
  }
  return out;
}

/** The instant `budgetMs` of clock time has run since `start`, pauses skipped. */
function crossing(cal: BusinessCalendar, start: number, pauses: Array<[number, number]>, budgetMs: number): number {
  let cursor = start;
  let left = budgetMs;
  for (const [from, to] of pauses) {
    const run = cal.businessMsBetween(cursor, from);
    if (left <= run) return cal.addBusinessMs(cursor, left);
    left -= run;
    cursor = Math.max(cursor, to);
  }
  return cal.addBusinessMs(cursor, left);
}

/** Business time inside pauses between start and t. */
function pausedBefore(cal: BusinessCalendar, pauses: Array<[number, number]>, t: number): number {
  let sum = 0;
  for (const [from, to] of pauses) {
    if (from >= t) break;
    sum += cal.businessMsBetween(from, Math.min(to, t));
  }
  return sum;
}

/**
 * One clock: `targetMinutes` of business time from `startedAt`, stopped at `stoppedAt` (null while
 * running), paused during `pauses`, as it stands at `now`. Exported for escalation rules that need
 * a crossing at another share than the warning's.
 */
export function slaClock(
  clock: SlaClockKind,
  targetMinutes: number,
  startedAt: string,
  stoppedAt: string | null,
  pauses: readonly SlaPause[],
  now: InstantInput,
  cal: BusinessCalendar,
  options: SlaOptions = {},
): SlaClockStatus {
  const start = ms(startedAt);
  const nowMs = toMs(now);
  const stop = stoppedAt === null ? null : Math.max(ms(stoppedAt), start);
  const targetMs = targetMinutes * 60_000;
  const merged = normalisePauses(pauses, start, nowMs);
  const end = stop ?? Math.max(nowMs, start);

  const paused = pausedBefore(cal, merged, end);
  const elapsed = cal.businessMsBetween(start, end) - paused;
  const due = crossing(cal, start, merged, targetMs);
  const warningAt = crossing(cal, start, merged, Math.round((targetMs * (options.warnPercent ?? 80)) / 100));

  let state: SlaState;
  if (stop !== null) state = elapsed <= targetMs ? 'met' : 'breached';
  else if (elapsed >= targetMs) state = 'breached';
  else if (merged.some(([from, to]) => from <= nowMs && nowMs < to) || pauses.some((p) => p.to === null && ms(p.from) <= nowMs)) state = 'paused';
  else state = 'running';

  const elapsedMinutes = Math.floor(elapsed / 60_000);
  return {
    clock,
    target: targetMinutes,
    startedAt: iso(start),
    due: iso(due),
    warningAt: iso(warningAt),
    elapsedBusinessMinutes: elapsedMinutes,
    remainingBusinessMinutes: targetMinutes - elapsedMinutes,
    percentUsed: Math.round((elapsed / targetMs) * 1000) / 10,
    state,
    stoppedAt: stop === null ? null : iso(stop),
    breachedAt: state === 'breached' ? iso(due) : null,
    pausedBusinessMinutes: Math.floor(paused / 60_000),
  };
}

/** How a target reads in the sentence: "2 h", "90 min". */
const span = (m: number) => (m % 60 === 0 ? `${m / 60} h` : `${m} min`);

/** Every clock of a case at `now`, with the rule that set their targets. */
export function slaStatus(policy: SlaPolicy, facts: SlaClockFacts, now: InstantInput, cal: BusinessCalendar, options: SlaOptions = {}): SlaStatus {
  const rule = selectSlaRule(policy, facts);
  if (!rule) {
    const reason: RuleReason = {
      code: 'no_sla_rule',
      params: { severity: facts.severity, customerTier: facts.customerTier ?? '', contractId: facts.contractId ?? '' },
      message: `no SLA rule matches severity ${facts.severity}, customer tier ${facts.customerTier ?? 'none'}${facts.contractId ? `, contract ${facts.contractId}` : ''}`,
    };
    return { ruleId: null, reason, clocks: [] };
  }
  const { response, onsite, resolution } = rule.targets;
  const clocks: SlaClockStatus[] = [];
  if (response !== null) clocks.push(slaClock('response', response, facts.receivedAt, facts.respondedAt, facts.pauses, now, cal, options));
  if (onsite !== null && facts.visitNeeded) {
    clocks.push(slaClock('onsite', onsite, facts.visitRequestedAt ?? facts.receivedAt, facts.onSiteAt, facts.pauses, now, cal, options));
  }
  if (resolution !== null) clocks.push(slaClock('resolution', resolution, facts.receivedAt, facts.resolvedAt, facts.pauses, now, cal, options));

  return { ruleId: rule.id, reason: ruleReason(rule, facts.visitNeeded), clocks };
}

/** The sentence depends on the rule and on whether a visit is needed: built once per rule version. */
const reasons = new WeakMap<SlaRule, [RuleReason | undefined, RuleReason | undefined]>();
function ruleReason(rule: SlaRule, visitNeeded: boolean): RuleReason {
  let pair = reasons.get(rule);
  if (!pair) reasons.set(rule, (pair = [undefined, undefined]));
  const i = visitNeeded ? 1 : 0;
  const cached = pair[i];
  if (cached) return cached;
  const { response, onsite, resolution } = rule.targets;
  const targets = [
    response !== null ? `response ${span(response)}` : null,
    onsite !== null ? `on site ${span(onsite)}${visitNeeded ? '' : ' (no visit needed)'}` : null,
    resolution !== null ? `resolution ${span(resolution)}` : null,
  ].filter((t): t is string => t !== null);
  const reason: RuleReason = {
    code: 'sla_rule',
    params: { rule: rule.name, ruleId: rule.id },
    message: `targets of SLA rule «${rule.name}»: ${targets.join(', ')} of business time`,
  };
  pair[i] = reason;
  return reason;
}
