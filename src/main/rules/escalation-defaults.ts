import type { Condition, EscalationRule, RepeatSettings, SlaClock } from '../../shared/schemas/rules-escalation';

/**
 * The escalation rules a new office starts with (issue 4's triggers), as data it may edit in
 * Settings. Seed 000 asks for "a practical set of points at which service complaints should move
 * beyond ordinary handling and into management review", so that management intervenes "before
 * customer dissatisfaction turns into a wider commercial problem": each rule below is one such point.
 */

const clocks: readonly SlaClock[] = ['response', 'onsite', 'resolution'];

/** The 80 % warning is about a clock still running: once met (even at 90 %) there is nothing to warn about. */
const slaAtLeast = (percent: number, runningOnly: boolean): Condition => ({
  any: clocks.map((c) => {
    const used: Condition = { fact: 'sla', path: `$.${c}.percentUsed`, operator: 'percentAtLeast', value: percent };
    return runningOnly ? { all: [used, { fact: 'sla', path: `$.${c}.state`, operator: 'in', value: ['running', 'paused'] }] } : used;
  }),
});

const none = { raisePriority: false, email: false, requireChairman: false, managementReview: false };
const rule = (r: Omit<EscalationRule, 'version' | 'enabled' | 'description'> & Partial<EscalationRule>): EscalationRule => ({
  version: 1,
  enabled: true,
  description: null,
  ...r,
});

export const DEFAULT_ESCALATION_RULES: readonly EscalationRule[] = [
  rule({
    id: 'sla-80',
    name: 'SLA at 80 %',
    description: 'A clock still running has used 80 % of its target: the sales manager steps in before it is missed.',
    level: 'sales_manager',
    conditions: { all: [slaAtLeast(80, true)] },
    actions: { ...none, notify: ['sales_manager'] },
    deescalate: true,
  }),
  rule({
    id: 'sla-breached',
    name: 'SLA breached',
    // A missed promise stays on the management review list until reviewed, even once the case is served.
    description: 'A clock passed its target: the branch manager and the management review list.',
    level: 'branch_manager',
    conditions: { all: [slaAtLeast(100, false)] },
    actions: { ...none, raisePriority: true, notify: ['sales_manager', 'branch_manager'], managementReview: true },
    deescalate: false,
  }),
  rule({
    id: 'major-defect',
    name: 'Major defect',
    level: 'sales_manager',
    conditions: { all: [{ fact: 'severity', operator: 'equal', value: 'major' }] },
    actions: { ...none, raisePriority: true, notify: ['sales_manager'] },
    deescalate: true,
  }),
  rule({
    id: 'safety-defect',
    name: 'Safety defect',
    description: "A safety defect goes to the chairman, whose decision is required (seed 002 §5.3).",
    level: 'chairman',
    conditions: { all: [{ fact: 'severity', operator: 'equal', value: 'safety' }] },
    actions: { ...none, raisePriority: true, notify: ['sales_manager', 'branch_manager', 'chairman'], email: true, requireChairman: true, managementReview: true },
    deescalate: true,
  }),
  rule({
    id: 'repeat-complaint',
    name: 'Repeat complaint',
    description: 'The same unit twice, or the same customer and model three times, in 90 days.',
    level: 'branch_manager',
    conditions: {
      any: [
        { fact: 'repeat', path: '$.sameSerial', operator: 'greaterThanInclusive', value: 2 },
        { fact: 'repeat', path: '$.sameModel', operator: 'greaterThanInclusive', value: 3 },
      ],
    },
    actions: { ...none, raisePriority: true, notify: ['sales_manager', 'branch_manager', 'production_after_sales'] },
    deescalate: true,
  }),
  rule({
    id: 'cost-threshold',
    name: 'Cost over ¥10,000',
    description: "The chosen (or highest proposed) option's estimate reaches ¥10,000: the chairman decides.",
    level: 'chairman',
    conditions: { all: [{ fact: 'estimatedCost', operator: 'greaterThanInclusive', value: 1_000_000 }] },
    actions: { ...none, notify: ['sales_manager', 'chairman'], requireChairman: true },
    deescalate: true,
  }),
  rule({
    id: 'customer-pressure',
    name: 'Customer pressure',
    level: 'branch_manager',
    conditions: { all: [{ fact: 'customerPressure', operator: 'equal', value: true }] },
    actions: { ...none, raisePriority: true, notify: ['sales_manager', 'branch_manager'], email: true },
    deescalate: true,
  }),
  rule({
    id: 'dispute-open',
    name: 'Dispute open',
    level: 'sales_manager',
    conditions: { all: [{ fact: 'disputeOpen', operator: 'equal', value: true }] },
    actions: { ...none, notify: ['sales_manager'], managementReview: true },
    deescalate: true,
  }),
  rule({
    id: 'capa-overdue',
    name: 'CAPA actions overdue',
    description: 'For when CAPA is tracked: department heads hear of overdue corrective actions.',
    enabled: false,
    level: 'department_heads',
    conditions: { all: [{ fact: 'overdueCapaActions', operator: 'greaterThanInclusive', value: 1 }] },
    actions: { ...none, notify: ['production_after_sales', 'production_technology'] },
    deescalate: true,
  }),
];

/** Matches the repeat rule above; `minSameCustomer` only flags the case (no default escalation). */
export const DEFAULT_REPEAT_SETTINGS: RepeatSettings = { windowDays: 90, minSameCustomer: 5, minSameModel: 3, minSameSerial: 2 };
