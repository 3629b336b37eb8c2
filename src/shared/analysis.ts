/**
 * Analysis and reporting (issue 7; seed 001: the records are analysed with statistical techniques —
 * Pareto diagrams of repairs and returns — and the results reported to production, technology and
 * management as the basis for corrective and preventive action; the design card: reports e-mailed
 * to the chairman). Screen words for each code live in the i18n catalogues.
 */

/** What a Pareto diagram counts cases (or sums costs) by. */
export const PARETO_DIMENSIONS = [
  'defect_category',
  'product_model',
  'customer',
  /** Returns (RMA) by the defect category of the returned unit's case. */
  'return_reason',
  /** Repairs by the chosen treatment kind of decided cases. */
  'repair_type',
  'responsible_department',
  /** Approved cost (fen) by cost type, not a count. */
  'cost_type',
] as const;
export type ParetoDimension = (typeof PARETO_DIMENSIONS)[number];

export interface ParetoBar {
  /** The value grouped by: a code, a model, a customer id, a department id (as text). */
  key: string;
  /** Display name where the key is an id (customer, department); the renderer translates codes. */
  label: string;
  /** Cases (or fen for cost_type). */
  value: number;
  /** Cumulative share in basis points after this bar (10000 = 100 %). */
  cumulativeBp: number;
}

export interface ParetoResult {
  dimension: ParetoDimension;
  from: string;
  to: string;
  /** Bars in descending order; past `limit` the rest is one bar with key `__other`. */
  bars: ParetoBar[];
  total: number;
  /** How many bars (from the first) make up 80 % of the total: the vital few. */
  vitalFew: number;
  unit: 'cases' | 'fen';
}

export interface DashboardData {
  /** Open cases by state, each split by age bucket (days since received). */
  openByState: Array<{ state: string; buckets: number[] }>;
  ageBuckets: number[];
  /** Cases whose clocks stopped this month: met vs breached. */
  sla: { met: number; breached: number; running: number; atRisk: number };
  /** Cases waiting for the sales manager's or the chairman's decision, escalated first. */
  awaitingDecision: { manager: number; chairman: number; escalated: number; managementReview: number };
  /** Approved costs this month and last month (fen, base currency). */
  costs: { thisMonth: number; lastMonth: number; pending: number };
  /** Complaints registered per month, the last 12 months, oldest first. */
  perMonth: Array<{ month: string; count: number; repeats: number }>;
  /** Repeat complaints (the engine's repeat counts) among open cases. */
  repeats: number;
  capa: { open: number; overdue: number };
}

// ------------------------------------------------------------------------------------------- CAPA

export const CAPA_KINDS = ['corrective', 'preventive'] as const;
export type CapaKind = (typeof CAPA_KINDS)[number];
export const CAPA_STATES = ['open', 'in_progress', 'effectiveness_check', 'closed', 'cancelled'] as const;
export type CapaState = (typeof CAPA_STATES)[number];
export const CAPA_ACTION_STATES = ['open', 'done'] as const;
export type CapaActionState = (typeof CAPA_ACTION_STATES)[number];
export const CAPA_EFFECTIVENESS = ['effective', 'partly_effective', 'not_effective'] as const;
export type CapaEffectiveness = (typeof CAPA_EFFECTIVENESS)[number];

export interface CapaAction {
  id: number;
  description: string;
  ownerId: number | null;
  ownerName: string | null;
  dueOn: string;
  state: CapaActionState;
  doneOn: string | null;
  overdue: boolean;
}

export interface Capa {
  id: number;
  capaNo: string;
  kind: CapaKind;
  state: CapaState;
  title: string;
  problem: string;
  rootCause: string | null;
  /** Where it came from: a Pareto bar (dimension, key, period) or a case. */
  source: { dimension: ParetoDimension; key: string; label: string; from: string; to: string } | null;
  ownerId: number | null;
  ownerName: string | null;
  dueOn: string | null;
  effectivenessDueOn: string | null;
  effectivenessCheckedOn: string | null;
  effectiveness: CapaEffectiveness | null;
  effectivenessNote: string | null;
  actions: CapaAction[];
  caseIds: number[];
  trackingNos: string[];
  overdue: boolean;
  createdAt: string;
  createdBy: string;
  version: number;
}

// -------------------------------------------------------------------------------- monthly report

/** How the report goes out: by SMTP, or as a draft in the desktop mail client (.eml with X-Unsent: 1). */
export const REPORT_CHANNELS = ['smtp', 'draft'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

export interface MailSettings {
  host: string;
  port: number;
  /** true: TLS from the start (465); false: STARTTLS when offered (587/25). */
  secure: boolean;
  user: string | null;
  from: string;
  /** Whether a password is kept in the operating system's secret store; never the password. */
  passwordSet: boolean;
  /** Where the password is kept: the OS secret store, or nowhere usable (the report can still go as a draft). */
  secretStore: 'os' | 'unavailable';
  recipients: string[];
  /** Send the previous month's report on the first working day of each month. */
  schedule: boolean;
}

export interface ReportSend {
  id: number;
  month: string;
  channel: ReportChannel;
  recipients: string[];
  status: 'sent' | 'failed' | 'draft';
  error: string | null;
  /** Who sent it; null when the scheduler did. */
  by: string | null;
  at: string;
  /** A draft the page downloads itself (the host has no mail program to open it with). */
  url?: string | null;
  fileName?: string;
}

/** The monthly report's numbers and lists; the renderer draws it (preview, print, PDF). */
export interface MonthlyReport {
  month: string;
  generatedAt: string;
  kpis: {
    received: number;
    receivedPrev: number;
    closed: number;
    open: number;
    slaMetBp: number | null;
    avgDaysToClose: number | null;
    repeats: number;
    satisfactionAvg: number | null;
    costs: number;
    costsPrev: number;
  };
  paretos: ParetoResult[];
  /** The main issues: the month's escalated, major and safety cases. */
  mainIssues: Array<{ id: number; trackingNo: string; customerName: string; productModel: string; severity: string; state: string; description: string }>;
  awaitingChairman: Array<{ id: number; trackingNo: string; customerName: string; since: string; reason: string | null }>;
  costsByDepartment: Array<{ key: string; label: string; amount: number }>;
  capa: Array<{ capaNo: string; title: string; state: string; dueOn: string | null; overdue: boolean }>;
}
