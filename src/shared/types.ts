import type { Channel, ComplaintState, DefectCategory, Role, Severity } from './domain';

/** Output shapes of the api. Dates as in DESIGN.md: instants ISO UTC, calendar dates YYYY-MM-DD. */

export interface User {
  id: number;
  name: string;
  role: Role;
}

export interface Customer {
  id: number;
  name: string;
  region: string | null;
}

export interface Contact {
  id: number;
  customerId: number;
  name: string;
  phone: string | null;
  email: string | null;
}

export interface ProductModel {
  id: number;
  model: string;
  productLine: string | null;
}

/** One row of the customer complaints tracking table. */
export interface ComplaintRow {
  id: number;
  trackingNo: string;
  receivedAt: string;
  channel: Channel;
  customerId: number;
  customerName: string;
  contactName: string | null;
  productModel: string;
  serialNo: string | null;
  deliveryDate: string | null;
  defectCategory: DefectCategory;
  severity: Severity;
  state: ComplaintState;
  description: string;
  createdAt: string;
  classification: import('./domain').Classification | null;
  ownerId: number | null;
  ownerName: string | null;
  escalated: boolean;
  disputeOpen: boolean;
  stateChangedAt: string | null;
  closedAt: string | null;
  // The rule engine's view (issue 4), kept on the case by every change and by the scheduler.
  warrantyStatus: import('./schemas/rules-policies').WarrantyStatus | null;
  /** The next due instant among the running SLA clocks. */
  slaDueAt: string | null;
  slaState: import('./engine').SlaSummaryState | null;
  escalationLevel: import('./schemas/rules-escalation').EscalationLevel | null;
  priority: import('./engine').Priority;
  managementReview: boolean;
  customerPressure: boolean;
  /** Set while the case waits for the customer (the SLA clocks pause). */
  waitingCustomerSince: string | null;
  // Service work (issue 5), kept on the case by the returns and visits that change them.
  /** The state of the case's latest return under way, else of its latest return; null when none. */
  rmaState: import('./service').RmaState | null;
  /** The start of the next planned on-site visit. */
  nextVisitAt: string | null;
}

export interface ComplaintDetail extends ComplaintRow {
  contactPhone: string | null;
  contactEmail: string | null;
  installationDate: string | null;
  invoiceDate: string | null;
  /** Warranty exclusion codes established for this case (e.g. misuse found on site). */
  warrantyExclusions: string[];
  /** Warranty suspension codes in force (e.g. the customer's payment overdue). */
  warrantySuspensions: string[];
  createdBy: number;
  updatedAt: string;
  version: number;
}

export interface ComplaintEvent {
  id: number;
  complaintId: number;
  at: string;
  actorId: number;
  actorName: string;
  kind: string;
  field: string | null;
  before: unknown;
  after: unknown;
}

export interface TrackingPage {
  rows: ComplaintRow[];
  /** Total row count when this page reached the end, otherwise null (ag-grid: unknown yet). */
  lastRow: number | null;
}

export interface AppStatus {
  /** True until the person chose demo data or an empty start. */
  firstRun: boolean;
  complaintCount: number;
  version: string;
  dataDir: string;
  user: User;
}

export interface Settings {
  trackingNumberFormat: string;
  officeTimeZone: string;
  /** Above this estimated cost (fen) the chairman makes the final decision (seed 002 §5.3). */
  chairmanCostThreshold: number;
  /** ISO 4217 code of the office's money. */
  baseCurrency: string;
}

/** A reason a step is blocked: an i18n code under `workflow.reason.` with its parameters. */
export interface Blocker {
  code: string;
  params?: Record<string, string | number>;
  message: string;
}

export interface ActionVerdict {
  action: import('./domain').WorkflowAction;
  /** Where the step leads with these facts. */
  to: ComplaintState | null;
  allowed: boolean;
  /** Empty when allowed. The first is the main reason. */
  reasons: Blocker[];
  /** Why the step leads where it does, when that is not the usual place (decide → the chairman). */
  note?: Blocker;
}

export interface Department {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

export interface UserProfile extends User {
  departmentId: number | null;
  active: boolean;
  hasPassword: boolean;
}

export interface Investigation {
  cause: string | null;
  countermeasures: string | null;
  method: 'five_why' | '8d' | 'free';
  whys: string[];
  containment: string | null;
  rootCauseVerified: string | null;
  permanentAction: string | null;
  prevention: string | null;
  technicalSupport: string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface TreatmentOption {
  kind: import('./domain').TreatmentKind;
  description: string;
  /** Integer fen. */
  estimatedCost: number;
  currency: string;
  payer: import('./domain').Payer;
}

export interface CustomerAgreement {
  agreed: boolean;
  customerPerson: string;
  agreedOn: string;
  amount: number;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface Responsibility {
  departmentId: number | null;
  departmentName: string | null;
  departmentCode: string | null;
  personName: string | null;
  shareBp: number;
  note: string | null;
}

export interface Attachment {
  id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  purpose: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface Acceptance {
  acceptedBy: string;
  acceptedOn: string;
  receiptAttachmentId: number | null;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface Verification {
  channel: import('./domain').VerificationChannel;
  contactName: string;
  verifiedAt: string;
  resolved: boolean;
  satisfaction: number;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** Everything the case page and the printed feedback form show. */
export interface CaseFile extends ComplaintDetail {
  escalationReason: string | null;
  disputeNote: string | null;
  rejectionReason: string | null;
  chosenOption: number | null;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  chairmanNote: string | null;
  chairmanBy: string | null;
  chairmanAt: string | null;
  investigation: Investigation | null;
  options: TreatmentOption[];
  agreement: CustomerAgreement | null;
  responsibilities: Responsibility[];
  acceptance: Acceptance | null;
  verifications: Verification[];
  attachments: Attachment[];
}

/** What this person can do with this case now, and why not where not. */
export interface CaseWorkflow {
  actions: ActionVerdict[];
  sections: Record<import('./domain').CaseSection, Blocker | null>;
  /** Why the chairman must decide, when he must. */
  chairmanRequired: Blocker | null;
}
