import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The store's tables as Kysely sees them. Column names are snake_case in SQL; services alias them to
 * the camelCase of `shared/types.ts` in their selects. Instants are ISO-8601 UTC text, calendar
 * dates `YYYY-MM-DD`, money integer fen (from the costs issue on).
 */

export interface UsersTable {
  id: Generated<number>;
  name: string;
  role: string;
  password_hash: string | null;
  active: ColumnType<number, number | undefined, number>;
  created_at: string;
  department_id: number | null;
}

export interface DepartmentsTable {
  id: Generated<number>;
  /** Stable code for the seeded departments (sales, production, ...); free text for added ones. */
  code: string;
  name: string;
  active: Generated<number>;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
}

export interface PrefsTable {
  user_id: number;
  key: string;
  value: string;
}

export interface CustomersTable {
  id: Generated<number>;
  name: string;
  region: string | null;
  created_at: string;
  /** 'standard' | 'key' or an office code: SLA rules may differ by tier (migration 004). */
  tier: Generated<string>;
}

export interface ContactsTable {
  id: Generated<number>;
  customer_id: number;
  name: string;
  phone: string | null;
  email: string | null;
  created_at: string;
}

export interface ProductModelsTable {
  id: Generated<number>;
  model: string;
  product_line: string | null;
  created_at: string;
}

/** One counter per tracking-number period key; only ever incremented. */
export interface SequencesTable {
  key: string;
  last: number;
}

export interface ComplaintsTable {
  id: Generated<number>;
  tracking_no: string;
  received_at: string;
  channel: string;
  customer_id: number;
  /** The customer's name as registered: sorts and filters the tracking table without a join. */
  customer_name: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  product_model_id: number;
  product_model: string;
  serial_no: string | null;
  delivery_date: string | null;
  description: string;
  defect_category: string;
  severity: string;
  state: string;
  /** Lower-cased tracking number, customer, serial and description: the quick search reads only this. */
  search_text: string;
  created_at: string;
  created_by: number;
  updated_at: string;
  version: number;
  // Lifecycle (migration 002).
  classification: string | null;
  owner_id: number | null;
  escalated: Generated<number>;
  escalation_reason: string | null;
  dispute_open: Generated<number>;
  dispute_note: string | null;
  chosen_option: number | null;
  /** Issue 7: the kind of the chosen treatment option (copy, for the Pareto by repair type); null while undecided. */
  chosen_kind: string | null;
  decision_note: string | null;
  decided_by: number | null;
  decided_at: string | null;
  chairman_note: string | null;
  chairman_by: number | null;
  chairman_at: string | null;
  rejection_reason: string | null;
  /** Copy of customer_agreements.agreed (1/0) or null: the "awaiting customer agreement" view reads it. */
  customer_agreed: number | null;
  state_changed_at: string | null;
  closed_at: string | null;
  // The rule engine (migration 004). Facts the warranty is decided on:
  installation_date: string | null;
  invoice_date: string | null;
  /** JSON arrays of codes of the warranty catalogue; null = none. */
  warranty_exclusions: string | null;
  warranty_suspensions: string | null;
  customer_pressure: Generated<number>;
  customer_pressure_note: string | null;
  /** normalizeKey(serial_no): repeat detection's index key. */
  serial_key: string | null;
  // What the engine decided, kept for the tracking table and the scheduler:
  priority: Generated<string>;
  escalation_level: string | null;
  management_review: Generated<number>;
  warranty_status: string | null;
  /** JSON: the WarrantyDecision and the policy document version. */
  warranty_reason: string | null;
  /** The service contract covering the unit (from the warranty decision): its own SLA rules apply. */
  contract_no: string | null;
  sla_response_due: string | null;
  sla_onsite_due: string | null;
  sla_resolution_due: string | null;
  sla_due_at: string | null;
  sla_state: string | null;
  sla_breached_at: string | null;
  waiting_customer_since: string | null;
  /** When each clock stopped: the case left `registered`, the engineer was on site, the case was resolved. */
  responded_at: string | null;
  on_site_at: string | null;
  resolved_at: string | null;
  /** When the on-site clock starts (the decision for a visit); null when no visit is needed. */
  onsite_from: string | null;
  /** Fen: the chosen option's estimate, or the highest proposed one. */
  estimated_cost: Generated<number>;
  /** Repeat counts (this case included) and the window they were counted in; null until counted. */
  repeat_customer: number | null;
  repeat_model: number | null;
  repeat_serial: number | null;
  repeat_window: number | null;
  /** JSON RoutingDecision, written on accept. */
  routing: string | null;
  /** First full evaluation (warranty, repeats); null: never evaluated (demo data, an older database). */
  engine_at: string | null;
  // Issue 5 (migration 005): the state of the case's latest open return and its next planned visit.
  rma_state: string | null;
  next_visit_at: string | null;
}

export interface InvestigationsTable {
  complaint_id: number;
  cause: string | null;
  countermeasures: string | null;
  /** 'five_why' | '8d' | 'free'. */
  method: string;
  /** JSON array of up to five answers to "why?". */
  whys: string;
  containment: string | null;
  root_cause_verified: string | null;
  permanent_action: string | null;
  prevention: string | null;
  technical_support: string | null;
  updated_at: string;
  updated_by: number;
}

export interface TreatmentOptionsTable {
  id: Generated<number>;
  complaint_id: number;
  position: number;
  kind: string;
  description: string;
  /** Integer minor units (fen). */
  estimated_cost: number;
  currency: string;
  payer: string;
}

export interface CustomerAgreementsTable {
  complaint_id: number;
  agreed: number;
  customer_person: string;
  agreed_on: string;
  amount: number;
  note: string | null;
  recorded_by: number;
  recorded_at: string;
}

export interface ResponsibilitiesTable {
  id: Generated<number>;
  complaint_id: number;
  department_id: number | null;
  person_name: string | null;
  /** Basis points: 10000 is the whole. */
  share_bp: number;
  note: string | null;
  /** Issue 7: copy of the case's received_at (the Pareto by department); kept in step by complaints.update. */
  received_at: ColumnType<string | null, string, string>;
}

export interface AttachmentsTable {
  id: Generated<number>;
  complaint_id: number;
  sha256: string;
  size: number;
  name: string;
  mime: string;
  /** 'general' | 'receipt' | 'photo' | 'email' | 'scan'. */
  purpose: string;
  uploaded_by: number;
  uploaded_at: string;
}

export interface AcceptancesTable {
  complaint_id: number;
  accepted_by: string;
  accepted_on: string;
  receipt_attachment_id: number | null;
  note: string | null;
  recorded_by: number;
  recorded_at: string;
}

export interface VerificationsTable {
  id: Generated<number>;
  complaint_id: number;
  channel: string;
  contact_name: string;
  verified_at: string;
  resolved: number;
  satisfaction: number;
  note: string | null;
  recorded_by: number;
  recorded_at: string;
}

/** Append-only: triggers refuse UPDATE and DELETE. The case timeline and the audit trail are this table. */
export interface EventsTable {
  id: Generated<number>;
  complaint_id: number | null;
  at: string;
  actor_id: number;
  kind: string;
  field: string | null;
  /** JSON text or null. */
  before: string | null;
  after: string | null;
}

/** Rule documents (issue 4), every version kept: the current one is the highest. */
export interface RuleDocumentsTable {
  id: Generated<number>;
  kind: string;
  /** The rule id (escalation, routing) or 'default'. */
  key: string;
  version: number;
  /** JSON of the rule or policy. */
  data: string;
  enabled: number;
  saved_at: string;
  /** Null for the defaults the app seeded. */
  saved_by: number | null;
}

export interface CalendarDaysTable {
  date: string;
  /** 'holiday' | 'workday'. */
  kind: string;
  holiday: string | null;
  note: string | null;
  /** 'chinese-days' | 'office'. */
  source: string;
}

/** Escalations on a case: active while cleared_at is null. */
export interface RuleFiringsTable {
  id: Generated<number>;
  complaint_id: number;
  rule_id: string;
  rule_version: number;
  rule_name: string;
  level: string;
  /** JSON: the RuleReason with its `details`. */
  reason: string;
  /** JSON EscalationActions. */
  actions: string;
  deescalate: number;
  fired_at: string;
  cleared_at: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  /** One row per person; role alone when nobody held the role at the time. */
  user_id: number | null;
  role: string | null;
  complaint_id: number | null;
  kind: string;
  payload: string;
  created_at: string;
  read_at: string | null;
}

/** Minimal for now (issue 5 extends it): which units a paid service contract covers, and when. */
export interface ServiceContractsTable {
  id: Generated<number>;
  contract_no: string;
  customer_id: number | null;
  /** JSON arrays. */
  serials: string;
  models: string;
  valid_from: string;
  valid_to: string;
  created_at: string;
  // Issue 5 (migration 005): the contract's life from quotation to invoice.
  complaint_id: number | null;
  /** ContractState; contracts entered before 005 are `signed`. */
  state: ColumnType<string, string | undefined, string>;
  scope: string | null;
  fee: ColumnType<number, number | undefined, number>;
  quote_valid_until: string | null;
  sent_at: string | null;
  signed_at: string | null;
  signed_by: string | null;
  invoiced_at: string | null;
  invoice_no: string | null;
  note: string | null;
  created_by: number | null;
  updated_at: string | null;
  version: ColumnType<number, number | undefined, number>;
}

/** Issue 5: a service action on a case (seed 001's modes); field modes have engineers, dates and travel. */
export interface ServiceActionsTable {
  id: Generated<number>;
  complaint_id: number;
  mode: string;
  state: string;
  summary: string;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  travel_from: string | null;
  travel_to: string | null;
  /** Fen. */
  travel_cost: ColumnType<number, number | undefined, number>;
  accommodation_cost: ColumnType<number, number | undefined, number>;
  allowance_cost: ColumnType<number, number | undefined, number>;
  work_done: string | null;
  result: string | null;
  customer_signoff: string | null;
  note: string | null;
  created_by: number;
  created_at: string;
  updated_by: number;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface ServiceActionEngineersTable {
  action_id: number;
  user_id: number;
}

/** Issue 5: a return (RMA). */
export interface RmasTable {
  id: Generated<number>;
  complaint_id: number;
  rma_no: string | null;
  state: string;
  quantity: number;
  serial_no: string | null;
  reason: string;
  requested_by: number;
  requested_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  carrier: string | null;
  waybill_no: string | null;
  shipped_at: string | null;
  received_at: string | null;
  received_by: number | null;
  inspection_result: string | null;
  inspected_at: string | null;
  inspected_by: number | null;
  disposition: string | null;
  /** Fen. */
  refund_amount: number | null;
  closed_at: string | null;
  closed_by: number | null;
  version: ColumnType<number, number | undefined, number>;
}

/** Issue 5: the spare-parts catalogue; `on_hand` is the stock ledger's running total. */
export interface PartsTable {
  id: Generated<number>;
  part_no: string;
  name: string;
  unit: string;
  /** Fen. */
  unit_cost: number;
  reorder_level: ColumnType<number, number | undefined, number>;
  on_hand: ColumnType<number, number | undefined, number>;
  active: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
}

/** Issue 5: parts sent, used, repaired or refunded on a case. */
export interface CasePartsTable {
  id: Generated<number>;
  complaint_id: number;
  part_id: number;
  action_id: number | null;
  usage: string;
  quantity: number;
  from_stock: number;
  faulty_serial: string | null;
  replacement_serial: string | null;
  /** Fen, copied from the catalogue when the line is written. */
  unit_cost: number;
  note: string | null;
  created_by: number;
  created_at: string;
  cancelled_at: string | null;
  cancelled_by: number | null;
}

/** Issue 5: the stock ledger, append-only (triggers). */
export interface StockMovesTable {
  id: Generated<number>;
  part_id: number;
  kind: string;
  delta: number;
  on_hand_after: number;
  complaint_id: number | null;
  case_part_id: number | null;
  override: ColumnType<number, number | undefined, number>;
  note: string | null;
  at: string;
  by: number;
}

/** Cost lines of a case (written by service records from issue 5; vetting and amortisation in issue 6). */
export interface CostLinesTable {
  id: Generated<number>;
  complaint_id: number;
  cost_type: string;
  incurred_on: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  fx_rate: string | null;
  /** Fen in the base currency. */
  base_amount: number;
  payer: string;
  source: string;
  source_id: number | null;
  description: string | null;
  state: string;
  vetted_by: number | null;
  vetted_at: string | null;
  vet_comment: string | null;
  reverses_id: number | null;
  created_by: number;
  created_at: string;
  /** Issue 6 (migration 006). */
  receipt_attachment_id: number | null;
  /** CostClass fixed when Finance approved the line. */
  cost_class: string | null;
}

/** Issue 6: a closed month; its amortisation is locked. */
export interface AccountingPeriodsTable {
  period: string;
  closed_at: string;
  closed_by: number;
}

/** Issue 6: a part of an approved, company-borne cost line for one department or person in one period. */
export interface AmortisationEntriesTable {
  id: Generated<number>;
  cost_line_id: number;
  complaint_id: number;
  period: string;
  department_id: number | null;
  person_name: string | null;
  cost_type: string;
  /** allocation | adjustment */
  kind: string;
  share_bp: number;
  /** Fen. */
  amount: number;
  created_at: string;
}

/** Issue 6: running totals of the entries; `target` is `d:<id>`, `p:<name>` or `unallocated`. */
export interface AmortisationTotalsTable {
  period: string;
  target: string;
  cost_type: string;
  amount: number;
}

/** Intervals a case waited for the customer: the SLA clocks do not run. */
export interface SlaPausesTable {
  id: Generated<number>;
  complaint_id: number;
  started_at: string;
  ended_at: string | null;
}

export interface Database {
  users: UsersTable;
  settings: SettingsTable;
  prefs: PrefsTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  product_models: ProductModelsTable;
  sequences: SequencesTable;
  complaints: ComplaintsTable;
  events: EventsTable;
  departments: DepartmentsTable;
  investigations: InvestigationsTable;
  treatment_options: TreatmentOptionsTable;
  customer_agreements: CustomerAgreementsTable;
  responsibilities: ResponsibilitiesTable;
  attachments: AttachmentsTable;
  acceptances: AcceptancesTable;
  verifications: VerificationsTable;
  rule_documents: RuleDocumentsTable;
  calendar_days: CalendarDaysTable;
  rule_firings: RuleFiringsTable;
  notifications: NotificationsTable;
  service_contracts: ServiceContractsTable;
  sla_pauses: SlaPausesTable;
  service_actions: ServiceActionsTable;
  service_action_engineers: ServiceActionEngineersTable;
  rmas: RmasTable;
  parts: PartsTable;
  case_parts: CasePartsTable;
  stock_moves: StockMovesTable;
  cost_lines: CostLinesTable;
  accounting_periods: AccountingPeriodsTable;
  amortisation_entries: AmortisationEntriesTable;
  amortisation_totals: AmortisationTotalsTable;
  capas: CapasTable;
  capa_actions: CapaActionsTable;
  capa_cases: CapaCasesTable;
  report_sends: ReportSendsTable;
  import_batches: ImportBatchesTable;
}

/** Issue 7: a corrective or preventive action. */
export interface CapasTable {
  id: Generated<number>;
  capa_no: string;
  kind: string;
  state: string;
  title: string;
  problem: string;
  root_cause: string | null;
  /** JSON of the Pareto bar it came from, or null. */
  source: string | null;
  owner_id: number | null;
  due_on: string | null;
  effectiveness_due_on: string | null;
  effectiveness_checked_on: string | null;
  effectiveness: string | null;
  effectiveness_note: string | null;
  overdue_notified_at: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface CapaActionsTable {
  id: Generated<number>;
  capa_id: number;
  position: number;
  description: string;
  owner_id: number | null;
  due_on: string;
  state: string;
  done_on: string | null;
}

export interface CapaCasesTable {
  capa_id: number;
  complaint_id: number;
}

/** Issue 7: the log of monthly reports sent (or tried, or drafted). */
export interface ReportSendsTable {
  id: Generated<number>;
  month: string;
  channel: string;
  /** JSON array. */
  recipients: string;
  status: string;
  error: string | null;
  by: number | null;
  at: string;
}

/** Issue 8: a run of the import of an old tracking table that wrote cases (migration 008). */
export interface ImportBatchesTable {
  id: Generated<number>;
  file_name: string;
  sha256: string;
  sheet: string;
  header_row: number;
  /** JSON: field → column index. */
  mapping: string;
  rows_total: number;
  created: number;
  skipped: number;
  customers_created: number;
  products_created: number;
  cost_lines: number;
  imported_by: number;
  imported_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type ComplaintRecord = Selectable<ComplaintsTable>;
export type NewComplaint = Insertable<ComplaintsTable>;
export type ComplaintUpdate = Updateable<ComplaintsTable>;
export type NewEvent = Insertable<EventsTable>;
