import { z } from 'zod';
import { ROLES, type Role } from './domain';
import { complaintCreateSchema, complaintUpdateSchema } from './schemas/complaint';
import { trackingFilterSchema, trackingPageSchema } from './schemas/grid';
import { id } from './schemas/common';
import { formTargetSchema } from './print';
import { settingsPatchSchema, trackingNumberFormatSchema } from './schemas/settings';
import {
  acceptanceSchema,
  agreementSchema,
  assignSchema,
  attachmentAddSchema,
  classifySchema,
  departmentSaveSchema,
  disputeSchema,
  escalationSchema,
  investigationSchema,
  optionsSchema,
  responsibilitySchema,
  sessionSwitchSchema,
  transitionSchema,
  userCreateSchema,
  userUpdateSchema,
  verificationSchema,
} from './schemas/lifecycle';
import {
  calendarGetSchema,
  calendarRemoveDaySchema,
  calendarSetDaySchema,
  customerPressureSchema,
  markReviewedSchema,
  notificationsListSchema,
  notificationsMarkReadSchema,
  reviewListSchema,
  rulesDryRunSchema,
  rulesHistorySchema,
  rulesListSchema,
  rulesSaveSchema,
  rulesSetEnabledSchema,
  waitingCustomerSchema,
} from './schemas/rules-api';
import {
  casePartAddSchema,
  casePartCancelSchema,
  contractQuoteSchema,
  contractStepSchema,
  contractsListSchema,
  fieldCalendarSchema,
  partSaveSchema,
  partsListSchema,
  rmaRequestSchema,
  rmaStepSchema,
  serviceActionSaveSchema,
  stockLedgerSchema,
  stockMoveSchema,
  visitReportTargetSchema,
} from './schemas/service';
import {
  costAddSchema,
  costClassesSaveSchema,
  costRemoveSchema,
  costReverseSchema,
  costUpdateSchema,
  costVetSchema,
  drillSchema,
  periodCloseSchema,
  periodsListSchema,
  pivotSchema,
  vettingQueueSchema,
} from './schemas/costs';
import {
  capaCreateSchema,
  capaListSchema,
  capaStepSchema,
  capaUpdateSchema,
  mailSettingsSaveSchema,
  paretoSchema,
  reportMonthSchema,
  reportSendSchema,
  reportSendsSchema,
  reportTargetSchema,
} from './schemas/analysis';
import {
  backupCreateSchema,
  backupListSchema,
  backupPathSchema,
  backupSettingsSaveSchema,
  importAnalyseSchema,
  importIdSchema,
  importPreviewSchema,
  importRunSchema,
  importSkippedSchema,
  mailParseSchema,
  trackingExportSchema,
} from './schemas/data-io';
import type { BackupInfo, BackupSettings, ImportAnalysis, ImportPreview, ImportStatus, MailDraft } from './data-io';
import type { Capa, DashboardData, MailSettings, MonthlyReport, ParetoResult, ReportSend } from './analysis';
import type { AccountingPeriod, AmortisationEntry, AmortisationPivot, CostClassMap, CostLineDetail } from './costs';
import type { CasePart, CostLine, FieldCalendarWeek, Paged, Part, Rma, ServiceAction, ServiceContract, StockMove } from './service';
import type {
  CalendarStatus,
  CalendarYear,
  CaseEngine,
  DryRunResult,
  NotificationPage,
  RuleDocument,
  RuleKind,
  RuleSaveResult,
} from './engine';
import type { DayTableEntry } from './schemas/rules-policies';
import type {
  AppStatus,
  Attachment,
  CaseFile,
  CaseWorkflow,
  Department,
  UserProfile,
  ComplaintDetail,
  ComplaintEvent,
  Contact,
  Customer,
  ProductModel,
  Settings,
  TrackingPage,
  User,
} from './types';

/**
 * The whole api, once: each method's zod input, its output type and the roles allowed to call it.
 * Main's handler table is checked against this map for completeness; the renderer's client derives
 * argument and result types from it. Nothing else crosses the process border.
 */

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  roles: readonly Role[];
  /** Mutating methods run in a write transaction and may write audit events. */
  mutates: boolean;
  /** Phantom: carries the output type. */
  readonly __output?: O;
}

const def =
  <O>() =>
  <I extends z.ZodType>(d: { input: I; roles: readonly Role[]; mutates: boolean }): MethodDef<I, O> =>
    d;

const ALL = ROLES;
/** Who registers and edits complaints: seed 002 §5.1 puts it on the sales administration staff. */
const INTAKE: readonly Role[] = ['sales_admin', 'sales_manager', 'branch_manager', 'admin'];
const empty = z.object({}).strict();
/**
 * Changes to a part of a case: who may make them, and in which states, is decided per part by
 * main/rules/case-edits.ts (checked in main for every call); the contract lets every role knock.
 */
const CASE_EDITORS = ROLES;
/** Who takes a case off the management review list (seed 000: management intervenes; 002 §7: the managers, the chairman). */
const MANAGEMENT: readonly Role[] = ['sales_manager', 'branch_manager', 'chairman'];
/** Who keeps the parts catalogue and the stock: the production department's after-sales team (seed 002 §7.2), and the administrator. */
const PARTS_KEEPERS: readonly Role[] = ['production_after_sales', 'admin'];
/** Who moves a service contract on (seed 001: the sales staff sign it; Finance invoices); each step's roles are checked in main. */
const CONTRACT_STAFF: readonly Role[] = ['sales_admin', 'sales_manager', 'branch_manager', 'finance'];
/** Seed 002 §8: Finance vets the service costs and carries out the amortisation. */
const FINANCE: readonly Role[] = ['finance'];
/** Seed 001: production, technology and management take corrective and preventive action; sales records it. */
const CAPA_EDITORS: readonly Role[] = [
  'production_technology',
  'production_after_sales',
  'technical_support',
  'sales_admin',
  'sales_manager',
  'branch_manager',
  'admin',
];
/** Who sends the report to the chairman and keeps the mail settings (the design card: office staff). */
const REPORTERS: readonly Role[] = ['sales_admin', 'sales_manager', 'admin'];
/** Who makes and checks backups (issue 8); restoring one and the daily schedule are the administrator's. */
const BACKUP_MAKERS: readonly Role[] = ['admin', 'sales_manager'];

export const contract = {
  'app.status': def<AppStatus>()({ input: empty, roles: ALL, mutates: false }),
  'app.loadDemo': def<{ complaints: number }>()({
    input: z.object({ complaints: z.number().int().min(1).max(20000).default(3000) }),
    roles: ['admin', 'sales_admin', 'sales_manager'],
    mutates: true,
  }),
  'app.startEmpty': def<AppStatus>()({ input: empty, roles: ALL, mutates: true }),

  'session.current': def<User>()({ input: empty, roles: ALL, mutates: false }),

  'settings.get': def<Settings>()({ input: empty, roles: ALL, mutates: false }),
  'settings.update': def<Settings>()({ input: settingsPatchSchema, roles: ['admin'], mutates: true }),
  /** The number the next case registered now would get with this format; hands nothing out. */
  'settings.previewTrackingNumber': def<{ next: string }>()({
    input: z.object({ format: trackingNumberFormatSchema }),
    roles: ALL,
    mutates: false,
  }),

  'prefs.get': def<{ value: unknown }>()({
    input: z.object({ key: z.string().min(1).max(100) }),
    roles: ALL,
    mutates: false,
  }),
  'prefs.set': def<{ value: unknown }>()({
    input: z.object({ key: z.string().min(1).max(100), value: z.json() }),
    roles: ALL,
    mutates: true,
  }),

  'customers.search': def<Customer[]>()({
    input: z.object({ q: z.string().trim().max(100).default(''), limit: z.number().int().min(1).max(50).default(20) }),
    roles: ALL,
    mutates: false,
  }),
  'customers.contacts': def<Contact[]>()({ input: z.object({ customerId: id }), roles: ALL, mutates: false }),
  'products.search': def<ProductModel[]>()({
    input: z.object({ q: z.string().trim().max(100).default(''), limit: z.number().int().min(1).max(50).default(20) }),
    roles: ALL,
    mutates: false,
  }),

  'complaints.create': def<ComplaintDetail>()({ input: complaintCreateSchema, roles: INTAKE, mutates: true }),
  'complaints.update': def<ComplaintDetail>()({ input: complaintUpdateSchema, roles: INTAKE, mutates: true }),
  'complaints.get': def<ComplaintDetail>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  'complaints.events': def<ComplaintEvent[]>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  'complaints.page': def<TrackingPage>()({ input: trackingPageSchema, roles: ALL, mutates: false }),
  'complaints.count': def<{ count: number }>()({ input: trackingFilterSchema, roles: ALL, mutates: false }),

  // Lifecycle (issue 3): the whole case, what may be done next, and each part of the feedback form.
  'complaints.file': def<CaseFile>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  'complaints.workflow': def<CaseWorkflow>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  'complaints.transition': def<CaseFile>()({ input: transitionSchema, roles: CASE_EDITORS, mutates: true }),
  'complaints.classify': def<CaseFile>()({ input: classifySchema, roles: CASE_EDITORS, mutates: true }),
  'complaints.assign': def<CaseFile>()({ input: assignSchema, roles: CASE_EDITORS, mutates: true }),
  'complaints.saveInvestigation': def<CaseFile>()({ input: investigationSchema, roles: CASE_EDITORS, mutates: true }),
  'complaints.saveOptions': def<CaseFile>()({ input: optionsSchema, roles: CASE_EDITORS, mutates: true }),
  'complaints.recordAgreement': def<CaseFile>()({ input: agreementSchema, roles: CASE_EDITORS, mutates: true }),
  'complaints.saveResponsibility': def<CaseFile>()({ input: responsibilitySchema, roles: CASE_EDITORS, mutates: true }),
  'complaints.setEscalation': def<CaseFile>()({ input: escalationSchema, roles: CASE_EDITORS, mutates: true }),
  'complaints.setDispute': def<CaseFile>()({ input: disputeSchema, roles: CASE_EDITORS, mutates: true }),
  'complaints.recordAcceptance': def<CaseFile>()({ input: acceptanceSchema, roles: CASE_EDITORS, mutates: true }),
  'complaints.recordVerification': def<CaseFile>()({ input: verificationSchema, roles: CASE_EDITORS, mutates: true }),

  'attachments.add': def<Attachment>()({ input: attachmentAddSchema, roles: CASE_EDITORS, mutates: true }),
  /** Opens the file with the system's viewer (Electron) or answers a URL to open it (host). */
  'attachments.open': def<{ url: string | null }>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  'attachments.content': def<{ name: string; mime: string; data: string }>()({ input: z.object({ id }), roles: ALL, mutates: false }),

  // The printable feedback form (seed 002 §5.1): the system print dialog where main has a screen
  // (Electron; `dialog: false` in the host, whose page then prints itself), and the form as PDF.
  'print.feedbackForm': def<{ dialog: boolean }>()({ input: formTargetSchema, roles: ALL, mutates: false }),
  'print.feedbackFormPdf': def<{ fileName: string; data: string }>()({ input: formTargetSchema, roles: ALL, mutates: false }),

  // Local profiles: choose who is working (seed 002 §3 roles); administration of profiles and departments.
  'session.profiles': def<UserProfile[]>()({ input: empty, roles: ALL, mutates: false }),
  'session.switch': def<User>()({ input: sessionSwitchSchema, roles: ALL, mutates: false }),
  'users.list': def<UserProfile[]>()({ input: empty, roles: ['admin'], mutates: false }),
  'users.create': def<UserProfile>()({ input: userCreateSchema, roles: ['admin'], mutates: true }),
  'users.update': def<UserProfile>()({ input: userUpdateSchema, roles: ['admin'], mutates: true }),
  'departments.list': def<Department[]>()({ input: empty, roles: ALL, mutates: false }),
  'departments.save': def<Department>()({ input: departmentSaveSchema, roles: ['admin'], mutates: true }),

  // The rule engine (issue 4). Rules are versioned documents: reading is for everyone, changing is
  // for the roles in RULE_EDITORS (shared/engine.ts), checked per kind in main.
  /** The version in use of every document of a kind (escalation and routing: one per rule, in rule order). */
  'rules.list': def<RuleDocument[]>()({ input: rulesListSchema, roles: ALL, mutates: false }),
  /** Every version of one document, newest first. */
  'rules.history': def<RuleDocument[]>()({ input: rulesHistorySchema, roles: ALL, mutates: false }),
  /** Validates `data` with the kind's schema (VALIDATION issues on `data.<path>`), appends the next version; a stale `expectedVersion` is CONFLICT. */
  'rules.save': def<RuleSaveResult>()({ input: rulesSaveSchema, roles: ['admin', 'sales_manager'], mutates: true }),
  /** Enables or disables an escalation or routing rule: a new version with `enabled` changed. */
  'rules.setEnabled': def<RuleSaveResult>()({ input: rulesSetEnabledSchema, roles: ['admin', 'sales_manager'], mutates: true }),
  /** "Would have fired on 37 cases": a draft escalation rule's conditions against every open case now, saving nothing. */
  'rules.dryRun': def<DryRunResult>()({ input: rulesDryRunSchema, roles: ALL, mutates: false }),

  /** The calendar document (hours, weekend) and the day table of one year. */
  'calendar.get': def<CalendarYear>()({ input: calendarGetSchema, roles: ALL, mutates: false }),
  /** Makes a date a holiday or an adjusted working day (source `office`); due times follow at once. */
  'calendar.setDay': def<DayTableEntry>()({ input: calendarSetDaySchema, roles: ['admin'], mutates: true }),
  /** Removes a date from the day table: it is an ordinary weekday or weekend day again. */
  'calendar.removeDay': def<{ removed: boolean }>()({ input: calendarRemoveDaySchema, roles: ['admin'], mutates: true }),
  /** Years with holiday data, the years chinese-days could add, and the missing-year warning. */
  'calendar.status': def<CalendarStatus>()({ input: empty, roles: ALL, mutates: false }),

  /** The rule engine's view of a case now: warranty decision, SLA clocks, escalations with reasons, repeats, routing. */
  'complaints.engine': def<CaseEngine>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  /** Pauses (waiting: true) or resumes the SLA clocks while the case waits for the customer. */
  'complaints.setWaitingCustomer': def<CaseFile>()({ input: waitingCustomerSchema, roles: CASE_EDITORS, mutates: true }),
  /** Sets or clears the customer-pressure flag (a note is required to set it); the escalation rules read it. */
  'complaints.setCustomerPressure': def<CaseFile>()({ input: customerPressureSchema, roles: CASE_EDITORS, mutates: true }),

  /** The notifications of the person working (his own and his role's), newest first, with the unread count. */
  'notifications.list': def<NotificationPage>()({ input: notificationsListSchema, roles: ALL, mutates: false }),
  /** Marks some of his notifications read; answers how many changed and how many are still unread. */
  'notifications.markRead': def<{ updated: number; unread: number }>()({ input: notificationsMarkReadSchema, roles: ALL, mutates: true }),

  /** Cases on the management review list (an escalation rule's action), oldest first, paged like the tracking table. */
  'management.reviewList': def<TrackingPage>()({ input: reviewListSchema, roles: ALL, mutates: false }),
  /** Management has reviewed the case: its firings leave the review list (they stay recorded), with the note. */
  'management.markReviewed': def<CaseFile>()({ input: markReviewedSchema, roles: MANAGEMENT, mutates: true }),

  // Service work (issue 5). Records on a case are parts of its form: who may write them, in which
  // states, is decided per section by main/rules/case-edits.ts ('service', 'returns', 'parts',
  // 'contract'), and each record's own steps by main/rules/service-steps.ts.
  /** The case's service actions (consultation, remote guidance, visits, training, documents), oldest first. */
  'service.forCase': def<ServiceAction[]>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  /** Plans, reports, corrects or cancels a service action; the visit's travel becomes cost lines, its start stops the on-site clock. */
  'service.save': def<CaseFile>()({ input: serviceActionSaveSchema, roles: CASE_EDITORS, mutates: true }),
  /** One service action (the visit report reads it by its id). */
  'service.get': def<ServiceAction>()({ input: z.object({ actionId: id }), roles: ALL, mutates: false }),
  /** The field-service calendar: every engineer's visits of a week, with overlapping visits marked. */
  'service.fieldCalendar': def<FieldCalendarWeek>()({ input: fieldCalendarSchema, roles: ALL, mutates: false }),
  'print.visitReport': def<{ dialog: boolean }>()({ input: visitReportTargetSchema, roles: ALL, mutates: false }),
  'print.visitReportPdf': def<{ fileName: string; data: string }>()({ input: visitReportTargetSchema, roles: ALL, mutates: false }),

  /** The case's returns, oldest first. */
  'rma.forCase': def<Rma[]>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  'rma.request': def<CaseFile>()({ input: rmaRequestSchema, roles: CASE_EDITORS, mutates: true }),
  /** Approve (issues the RMA number), reject, ship, receive, inspect, close with the disposition. */
  'rma.step': def<CaseFile>()({ input: rmaStepSchema, roles: CASE_EDITORS, mutates: true }),

  /** The parts catalogue with quantities on hand, paged; `lowOnly` lists what runs low. */
  'parts.list': def<Paged<Part>>()({ input: partsListSchema, roles: ALL, mutates: false }),
  'parts.save': def<Part>()({ input: partSaveSchema, roles: PARTS_KEEPERS, mutates: true }),
  /** A receipt into stock or an adjustment; below zero only with `override` and a reason (audited). */
  'stock.move': def<Part>()({ input: stockMoveSchema, roles: PARTS_KEEPERS, mutates: true }),
  /** A part's stock ledger, newest first, paged. */
  'stock.ledger': def<Paged<StockMove>>()({ input: stockLedgerSchema, roles: ALL, mutates: false }),
  /** Parts sent, used, repaired or refunded on the case, with faulty and replacement serial numbers. */
  'parts.forCase': def<CasePart[]>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  'parts.addToCase': def<CaseFile>()({ input: casePartAddSchema, roles: CASE_EDITORS, mutates: true }),
  /** Cancels a part line: its quantity returns to stock, its cost line goes; the line stays listed. */
  'parts.cancelOnCase': def<CaseFile>()({ input: casePartCancelSchema, roles: CASE_EDITORS, mutates: true }),

  /** Contracts quoted from the case or covering its unit. */
  'contracts.forCase': def<ServiceContract[]>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  /** A quotation for out-of-warranty work, created from the case (seed 001). */
  'contracts.quote': def<CaseFile>()({ input: contractQuoteSchema, roles: CASE_EDITORS, mutates: true }),
  /** Send, sign, invoice or cancel; a signed contract covers later cases on its units (the warranty engine reads it). */
  'contracts.step': def<ServiceContract>()({ input: contractStepSchema, roles: CONTRACT_STAFF, mutates: true }),
  'contracts.list': def<Paged<ServiceContract>>()({ input: contractsListSchema, roles: ALL, mutates: false }),

  /** The case's cost lines, oldest first; service work writes its own (source visit, part, rma). */
  'costs.forCase': def<CostLine[]>()({ input: z.object({ id }), roles: ALL, mutates: false }),

  // Costs, vetting and amortisation (issue 6). Lines on a case are the section 'costs'.
  /** The case's cost lines as Finance sees them: class, vetting, reversals. */
  'costs.caseDetail': def<CostLineDetail[]>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  /** A cost line typed in (pending until Finance vets it); a customer-paid line needs the customer's recorded agreement. */
  'costs.add': def<CaseFile>()({ input: costAddSchema, roles: CASE_EDITORS, mutates: true }),
  'costs.update': def<CaseFile>()({ input: costUpdateSchema, roles: CASE_EDITORS, mutates: true }),
  'costs.remove': def<CaseFile>()({ input: costRemoveSchema, roles: CASE_EDITORS, mutates: true }),
  /** Finance approves (the line is locked and amortised) or rejects (with a comment) a pending line. */
  'costs.vet': def<CostLineDetail>()({ input: costVetSchema, roles: FINANCE, mutates: true }),
  /** Finance corrects an approved line: a reversing line nets it to zero, never an edit. */
  'costs.reverse': def<CostLineDetail>()({ input: costReverseSchema, roles: FINANCE, mutates: true }),
  /** Lines waiting for Finance (or in other states), oldest first, paged. */
  'costs.vettingQueue': def<Paged<CostLineDetail>>()({ input: vettingQueueSchema, roles: ALL, mutates: false }),
  'costClasses.get': def<CostClassMap>()({ input: empty, roles: ALL, mutates: false }),
  'costClasses.save': def<CostClassMap>()({ input: costClassesSaveSchema, roles: ['finance', 'admin'], mutates: true }),
  /** The twelve periods of a year, with which are closed. */
  'periods.list': def<AccountingPeriod[]>()({ input: periodsListSchema, roles: ALL, mutates: false }),
  /** Closes a month: its amortisation is locked; later changes become adjustments in the open period. */
  'periods.close': def<AccountingPeriod>()({ input: periodCloseSchema, roles: FINANCE, mutates: true }),
  /** Amortisation by department (or product line, customer, cost type) × month for a year. */
  'amortisation.pivot': def<AmortisationPivot>()({ input: pivotSchema, roles: ALL, mutates: false }),
  /** The entries behind one cell or row of the pivot, paged: down to the case and the line. */
  'amortisation.drill': def<Paged<AmortisationEntry>>()({ input: drillSchema, roles: ALL, mutates: false }),
  /** The pivot as an xlsx workbook (base64). */
  'amortisation.exportXlsx': def<{ fileName: string; data: string }>()({ input: pivotSchema, roles: ALL, mutates: false }),

  // Analysis and reporting (issue 7).
  /** A Pareto diagram: bars in descending order with the cumulative share, aggregated in SQL. */
  'analysis.pareto': def<ParetoResult>()({ input: paretoSchema, roles: ALL, mutates: false }),
  'analysis.dashboard': def<DashboardData>()({ input: empty, roles: ALL, mutates: false }),
  /** Corrective and preventive actions, paged; overdue ones escalate through the scheduler. */
  'capa.list': def<Paged<Capa>>()({ input: capaListSchema, roles: ALL, mutates: false }),
  'capa.get': def<Capa>()({ input: z.object({ capaId: id }), roles: ALL, mutates: false }),
  'capa.forCase': def<Capa[]>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  'capa.create': def<Capa>()({ input: capaCreateSchema, roles: CAPA_EDITORS, mutates: true }),
  'capa.update': def<Capa>()({ input: capaUpdateSchema, roles: CAPA_EDITORS, mutates: true }),
  /** start, to_check (actions done), close (with the effectiveness check), cancel, reopen. */
  'capa.step': def<Capa>()({ input: capaStepSchema, roles: CAPA_EDITORS, mutates: true }),
  /** The monthly report for the chairman: KPIs, Pareto charts, main issues, decisions waiting, costs, CAPA. */
  'report.get': def<MonthlyReport>()({ input: reportMonthSchema, roles: ALL, mutates: false }),
  'report.print': def<{ dialog: boolean }>()({ input: reportTargetSchema, roles: ALL, mutates: false }),
  'report.pdf': def<{ fileName: string; data: string }>()({ input: reportTargetSchema, roles: ALL, mutates: false }),
  'report.mailSettings': def<MailSettings>()({ input: empty, roles: ALL, mutates: false }),
  /** The password goes to the operating system's secret store, never into the database or the audit trail. */
  'report.saveMailSettings': def<MailSettings>()({ input: mailSettingsSaveSchema, roles: REPORTERS, mutates: true }),
  /**
   * Sends the report with its PDF by SMTP, or opens it as a draft (.eml, X-Unsent: 1) in the desktop
   * mail client. Not a write transaction (the network is slow): the send log is written after the
   * attempt; a failure answers the log entry with status `failed` and a plain error code, the
   * report is kept, and the screen offers to retry or to open a draft.
   */
  'report.send': def<ReportSend>()({ input: reportSendSchema, roles: REPORTERS, mutates: false }),
  'report.sends': def<Paged<ReportSend>>()({ input: reportSendsSchema, roles: ALL, mutates: false }),
  // Moving in and keeping data safe (issue 8).
  // -- Spreadsheet import (owner: importer). Parsing and writing run in a worker thread with its own
  //    connection; progress arrives as `import.progress` events.
  /** Reads the file's sheets and headers and suggests a mapping; the file stays in main under the id. */
  'import.analyse': def<ImportAnalysis>()({ input: importAnalyseSchema, roles: INTAKE, mutates: false }),
  /** Every row checked against the mapping: problems per row, duplicates, missing customers and models. */
  'import.preview': def<ImportPreview>()({ input: importPreviewSchema, roles: INTAKE, mutates: false }),
  /** Starts writing in one transaction; answers at once (progress and the end come as events). */
  'import.run': def<ImportStatus>()({ input: importRunSchema, roles: INTAKE, mutates: false }),
  'import.status': def<ImportStatus>()({ input: importIdSchema, roles: INTAKE, mutates: false }),
  /** Stops a running import: nothing is written. */
  'import.cancel': def<ImportStatus>()({ input: importIdSchema, roles: INTAKE, mutates: false }),
  /** The rows left out by a run in skip mode, with their problems, as a file. */
  'import.skippedRows': def<{ fileName: string; data: string }>()({ input: importSkippedSchema, roles: INTAKE, mutates: false }),
  // -- E-mail import (owner: mail import).
  /** An .eml or Outlook .msg turned into a complaint draft; `complaints.create` with its token keeps the attachments. */
  'mailImport.parse': def<MailDraft>()({ input: mailParseSchema, roles: INTAKE, mutates: false }),
  // -- Export (owner: exporter).
  /** The tracking table as the person sees it (filters, columns, order) as xlsx or csv (base64). */
  'complaints.export': def<{ fileName: string; data: string; rows: number }>()({ input: trackingExportSchema, roles: ALL, mutates: false }),
  // -- Backup and restore (owner: backup).
  'backup.settings': def<BackupSettings>()({ input: empty, roles: ALL, mutates: false }),
  'backup.saveSettings': def<BackupSettings>()({ input: backupSettingsSaveSchema, roles: ['admin'], mutates: true }),
  /** Asks the person for a folder (Electron's dialog); null where the shell has none (the page offers a text field). */
  'backup.chooseFolder': def<{ folder: string | null }>()({ input: empty, roles: BACKUP_MAKERS, mutates: false }),
  /** The database through SQLite's online backup, the attachments and a manifest of checksums. */
  'backup.create': def<BackupInfo>()({ input: backupCreateSchema, roles: BACKUP_MAKERS, mutates: false }),
  'backup.list': def<BackupInfo[]>()({ input: backupListSchema, roles: BACKUP_MAKERS, mutates: false }),
  /** Checks a backup (checksums, integrity, version) without touching the data. */
  'backup.verify': def<BackupInfo>()({ input: backupPathSchema, roles: BACKUP_MAKERS, mutates: false }),
  /** Takes a safety backup, then replaces the data with the backup's; the app restarts on it. */
  'backup.restore': def<{ safetyBackup: string; restarting: boolean }>()({ input: backupPathSchema, roles: ['admin'], mutates: false }),
} as const satisfies Record<string, MethodDef>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What the caller passes (before zod defaults and transforms). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What the handler receives (after parsing). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['__output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed from main to the renderer (SSE in the host, IPC in Electron). */
export interface DeskEvents {
  'complaints.changed': { ids: number[] };
  'session.changed': { userId: number };
  'app.dataReset': Record<string, never>;
  /** New notifications for these roles or people: the notification list reloads. */
  'notifications.changed': { roles: Role[]; userIds: number[] };
  /** A rule document or the calendar changed. */
  'rules.changed': { kind: RuleKind };
  /** Service contracts changed (issue 5): the contracts list reloads. */
  'contracts.changed': { ids: number[] };
  /** The parts catalogue or stock changed (issue 5). */
  'parts.changed': { ids: number[] };
  /** Cost lines were vetted or periods closed (issue 6): Finance's lists and the amortisation views reload. */
  'costs.changed': { complaintIds: number[] };
  /** Corrective and preventive actions changed (issue 7). */
  'capa.changed': { ids: number[] };
  /** A report was sent or failed (issue 7): the send log reloads. */
  'report.sent': { id: number };
  /** An import moved on (issue 8): phase and rows done; the end carries the result. */
  'import.progress': import('./data-io').ImportStatus;
  /** A backup was made or failed (issue 8): the backup page reloads. */
  'backup.changed': { path: string | null };
}
export type DeskEventName = keyof DeskEvents;

/** The one object the preload exposes, and the host client imitates. */
export interface DeskBridge {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<import('./errors').ApiResult<MethodOutput<M>>>;
  on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void;
}
