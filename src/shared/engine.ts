import type { Role } from './domain';
import type { EscalationActions, EscalationLevel, EscalationRule, RepeatSettings, RoutingRule, RuleReason } from './schemas/rules-escalation';
import type {
  BusinessCalendarSettings,
  CalendarWarning,
  DayTableEntry,
  SlaClockStatus,
  SlaPolicy,
  WarrantyDecision,
  WarrantyPolicySet,
} from './schemas/rules-policies';

/**
 * What the rule engine's api answers (issue 4): rule documents and their versions, a case's warranty,
 * SLA clocks and escalations, notifications, the business calendar. Shared because the Settings
 * screens and the case page read these shapes; the rule data itself is in schemas/rules-*.ts.
 */

/** The kinds of rule document the store keeps, each with its full version history. */
export const RULE_KINDS = ['warranty', 'calendar', 'sla', 'repeat', 'escalation', 'routing'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
/** One document per rule (the key is the rule's id); every other kind is one document under the key `default`. */
export const RULE_LIST_KINDS = ['escalation', 'routing'] as const;
export type RuleListKind = (typeof RULE_LIST_KINDS)[number];
export const isRuleListKind = (k: RuleKind): k is RuleListKind => (RULE_LIST_KINDS as readonly string[]).includes(k);

/**
 * Who may change which kind (seed 002 §3: the sales manager is responsible for the after-sales job,
 * §7.1 he arranges it): he keeps the escalation, routing, repeat and SLA rules he is measured by;
 * warranty policies (the company's contractual terms) and the office calendar stay with the
 * administrator. The administrator may change every kind.
 */
export const RULE_EDITORS: Record<RuleKind, readonly Role[]> = {
  warranty: ['admin'],
  calendar: ['admin'],
  sla: ['admin', 'sales_manager'],
  repeat: ['admin', 'sales_manager'],
  escalation: ['admin', 'sales_manager'],
  routing: ['admin', 'sales_manager'],
};

/** Priority of a case: raised by an escalation rule whose action says so. */
export const PRIORITIES = ['normal', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * The tracking table's SLA column: the worst state of the case's clocks, worst first. `at_risk` is a
 * running clock past the warning share (80 %), the point where the first escalation rule fires.
 */
export const SLA_SUMMARY_STATES = ['breached', 'at_risk', 'running', 'paused', 'met'] as const;
export type SlaSummaryState = (typeof SLA_SUMMARY_STATES)[number];

/** The calendar document: working hours and weekend; its days live in their own table (calendar.*). */
export type CalendarDocument = Omit<BusinessCalendarSettings, 'days'>;

export interface RuleDataByKind {
  warranty: WarrantyPolicySet;
  calendar: CalendarDocument;
  sla: SlaPolicy;
  repeat: RepeatSettings;
  escalation: EscalationRule;
  routing: RoutingRule;
}

/** One version of a rule document of kind K (for code generic in the kind). */
export interface RuleDocumentOf<K extends RuleKind> {
  kind: K;
  key: string;
  version: number;
  enabled: boolean;
  data: RuleDataByKind[K];
  savedAt: string;
  /** Null for the defaults the app seeded. */
  savedBy: string | null;
}

/** One version of a rule document; `data` is typed by `kind`. */
export type RuleDocument = { [K in RuleKind]: RuleDocumentOf<K> }[RuleKind];

export interface RuleSaveResult {
  document: RuleDocument;
  /** False when the draft equalled the version in use: nothing was written. */
  bumped: boolean;
}

export interface DryRunResult {
  /** Open cases the draft's conditions hold for now. */
  wouldFire: number;
  /** Open cases evaluated. */
  total: number;
  /** Tracking numbers of the first cases it would fire on. */
  sample: string[];
}

// ------------------------------------------------------------------------------------------ a case

/** One escalation recorded on a case. */
export interface FiringView {
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  level: EscalationLevel;
  actions: EscalationActions;
  deescalate: boolean;
  reason: RuleReason;
  /** One sentence per condition that held. */
  details: RuleReason[];
  firedAt: string;
  /** When it was lifted; null while active. */
  clearedAt: string | null;
  /** When management marked it reviewed (it stays recorded, off the review list). */
  reviewedAt: string | null;
  reviewedBy: string | null;
}

export interface RepeatView {
  count: number;
  /** The earlier complaints that make the count, newest first. */
  trackingNos: string[];
}

/** Everything the rule engine says about one case now (complaints.engine). */
export interface CaseEngine {
  warranty: (WarrantyDecision & { policyVersion: number }) | null;
  sla: {
    ruleId: string | null;
    reason: RuleReason;
    clocks: SlaClockStatus[];
    state: SlaSummaryState | null;
    /** The next due instant among running clocks. */
    dueAt: string | null;
    /** The first breach, recorded once. */
    breachedAt: string | null;
    waitingCustomerSince: string | null;
    pauses: Array<{ from: string; to: string | null }>;
  };
  escalation: {
    level: EscalationLevel | null;
    priority: Priority;
    managementReview: boolean;
    /** An active firing asks for the chairman's decision. */
    chairmanRequiredBy: (RuleReason & { ruleId: string; ruleName: string; ruleVersion: number }) | null;
    active: FiringView[];
    /** Lifted firings, newest first (at most 50). */
    past: FiringView[];
  };
  repeat: { windowDays: number; sameCustomer: RepeatView; sameModel: RepeatView; sameSerial: RepeatView; isRepeat: boolean };
  /** The routing decided on accept; null before. */
  routing: RoutingDecision | null;
  customerPressure: { pressure: boolean; note: string | null };
  /** Fen: the chosen option's estimate, or the highest proposed one. */
  estimatedCost: number;
  /** No public-holiday data for this or the coming year: business time there is approximate. */
  calendarWarning: CalendarWarning | null;
}

export interface RoutingDecision {
  team: Role;
  notify: Role[];
  reasons: RuleReason[];
  ruleIds: string[];
  assignee: { userId: number | null; reason: RuleReason };
}

// ---------------------------------------------------------------------------------- notifications

/** escalation, routed (issue 4); capa_overdue, report_failed (issue 7). */
export const NOTIFICATION_KINDS = ['escalation', 'routed', 'capa_overdue', 'report_failed', 'backup_failed'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  complaintId: number | null;
  trackingNo: string | null;
  /** For kind escalation: ruleId, ruleName, ruleVersion, level, reason; for routed: team, reasons. */
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  total: number;
  unread: number;
}

// --------------------------------------------------------------------------------------- calendar

export interface CalendarYear {
  year: number;
  document: CalendarDocument;
  /** The year's public holiday data is complete (seeded or entered). */
  covered: boolean;
  days: DayTableEntry[];
}

export interface CalendarStatus {
  timeZone: string;
  yearsCovered: number[];
  /** Years the installed chinese-days package knows. */
  packageYears: number[];
  warning: CalendarWarning | null;
}
