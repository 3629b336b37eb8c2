/**
 * Service work (issue 5): how the office and the production department serve the customer (seed 001:
 * consultation and solution, remote guidance, door-to-door service, on-site technical training,
 * update of technical documents; seed 002 §2: spare parts repairing and refund, §7.2: the
 * manufacturing department arranges the after-sales staff), returns, spare parts and their stock,
 * paid service contracts beyond the warranty, and the cost lines these records feed (issue 6).
 * Screen words for each code live in the i18n catalogues (`service.enum.<name>.<code>`).
 */

/** Seed 001's service modes. Only on-site visits and training have engineers, dates and travel. */
export const SERVICE_MODES = ['consultation', 'remote_guidance', 'onsite_visit', 'onsite_training', 'document_update'] as const;
export type ServiceMode = (typeof SERVICE_MODES)[number];
/** Modes that send people to the customer: planned with engineers and dates, shown on the field calendar. */
export const FIELD_MODES: readonly ServiceMode[] = ['onsite_visit', 'onsite_training'];

export const SERVICE_ACTION_STATES = ['planned', 'done', 'cancelled'] as const;
export type ServiceActionState = (typeof SERVICE_ACTION_STATES)[number];

export const SERVICE_RESULTS = ['resolved', 'partly_resolved', 'not_resolved'] as const;
export type ServiceResult = (typeof SERVICE_RESULTS)[number];

export interface ServiceEngineer {
  userId: number;
  name: string;
}

export interface ServiceAction {
  id: number;
  complaintId: number;
  mode: ServiceMode;
  state: ServiceActionState;
  /** What was asked or planned. */
  summary: string;
  /** Field modes: planned start and end (instants). */
  plannedStart: string | null;
  plannedEnd: string | null;
  /** When the work really started and ended (instants); the start of the first visit stops the on-site SLA clock. */
  actualStart: string | null;
  actualEnd: string | null;
  engineers: ServiceEngineer[];
  travelFrom: string | null;
  travelTo: string | null;
  /** Travel expenses of the visit in fen; they arrive as cost lines of the case (issue 6). */
  travelCost: number;
  accommodationCost: number;
  allowanceCost: number;
  workDone: string | null;
  result: ServiceResult | null;
  /** The customer's person who signed the visit report on site. */
  customerSignoff: string | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One engineer's visits of a week on the field-service calendar. */
export interface FieldCalendarEntry {
  actionId: number;
  complaintId: number;
  trackingNo: string;
  customerName: string;
  mode: ServiceMode;
  state: ServiceActionState;
  start: string;
  end: string;
  /** Other visits of the same engineer that overlap this one. */
  conflictsWith: number[];
}
export interface FieldCalendarWeek {
  /** Monday of the week, YYYY-MM-DD in the office time zone. */
  weekStart: string;
  engineers: Array<ServiceEngineer & { entries: FieldCalendarEntry[] }>;
  conflicts: number;
}

// ------------------------------------------------------------------------------------------ returns

/**
 * A return (RMA): requested, approved (an RMA number is issued) or rejected, shipped by the
 * customer, received, inspected, then closed with its disposition carried out (a refund paid).
 */
export const RMA_STATES = ['requested', 'approved', 'rejected', 'shipped', 'received', 'inspected', 'closed'] as const;
export type RmaState = (typeof RMA_STATES)[number];
export const RMA_ACTIONS = ['approve', 'reject', 'ship', 'receive', 'inspect', 'close'] as const;
export type RmaAction = (typeof RMA_ACTIONS)[number];
export const RMA_DISPOSITIONS = ['repair', 'replace', 'refund', 'scrap', 'send_back'] as const;
export type RmaDisposition = (typeof RMA_DISPOSITIONS)[number];

export interface Rma {
  id: number;
  complaintId: number;
  /** Issued on approval. */
  rmaNo: string | null;
  state: RmaState;
  quantity: number;
  serialNo: string | null;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  carrier: string | null;
  waybillNo: string | null;
  shippedAt: string | null;
  receivedAt: string | null;
  inspectionResult: string | null;
  inspectedAt: string | null;
  disposition: RmaDisposition | null;
  /** Fen; only for the refund disposition. */
  refundAmount: number | null;
  closedAt: string | null;
  version: number;
}

// ------------------------------------------------------------------------------------ spare parts

export const PART_USAGES = ['sent', 'used', 'repaired', 'refunded'] as const;
export type PartUsage = (typeof PART_USAGES)[number];
export const STOCK_MOVE_KINDS = ['receipt', 'issue', 'return', 'adjustment'] as const;
export type StockMoveKind = (typeof STOCK_MOVE_KINDS)[number];

export interface Part {
  id: number;
  partNo: string;
  name: string;
  unit: string;
  /** Fen per unit: the cost a used part brings to the case. */
  unitCost: number;
  /** At or below this quantity on hand the part is "low". */
  reorderLevel: number;
  onHand: number;
  low: boolean;
  active: boolean;
  version: number;
}

export interface StockMove {
  id: number;
  partId: number;
  kind: StockMoveKind;
  /** Signed: receipts and returns add, issues take away. */
  delta: number;
  onHandAfter: number;
  complaintId: number | null;
  trackingNo: string | null;
  /** Taken below zero on purpose: who and why are in the note and the audit trail. */
  override: boolean;
  note: string | null;
  at: string;
  by: string;
}

export interface CasePart {
  id: number;
  complaintId: number;
  partId: number;
  partNo: string;
  partName: string;
  /** The visit the part was used on, if any. */
  actionId: number | null;
  usage: PartUsage;
  quantity: number;
  /** Whether it was issued from the office's stock (a stock move) or came from elsewhere. */
  fromStock: boolean;
  faultySerial: string | null;
  replacementSerial: string | null;
  unitCost: number;
  note: string | null;
  at: string;
  by: string;
  /** Cancelled lines gave their quantity back to stock; they stay listed. */
  cancelledAt: string | null;
}

// -------------------------------------------------------------------------------- service contracts

/** Seed 001: beyond the warranty, the sales staff sign an after-sales service contract with the customer. */
export const CONTRACT_STATES = ['quotation', 'sent', 'signed', 'invoiced', 'cancelled'] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];
export const CONTRACT_ACTIONS = ['send', 'sign', 'invoice', 'cancel'] as const;
export type ContractAction = (typeof CONTRACT_ACTIONS)[number];
/** Only these cover units: the warranty engine reads them. */
export const COVERING_CONTRACT_STATES: readonly ContractState[] = ['signed', 'invoiced'];

export interface ServiceContract {
  id: number;
  contractNo: string;
  /** The case it was quoted from, if any. */
  complaintId: number | null;
  trackingNo: string | null;
  customerId: number | null;
  customerName: string | null;
  state: ContractState;
  scope: string;
  serials: string[];
  models: string[];
  /** Fen. */
  fee: number;
  validFrom: string;
  validTo: string;
  quoteValidUntil: string | null;
  sentAt: string | null;
  signedAt: string | null;
  signedBy: string | null;
  invoicedAt: string | null;
  invoiceNo: string | null;
  note: string | null;
  createdAt: string;
  version: number;
}

// ------------------------------------------------------------------------------- cost lines (hook)

/** Cost types of issue 6; service work feeds travel, accommodation, allowance and spare parts. */
export const COST_TYPES = [
  'travel',
  'accommodation',
  'allowance',
  'spare_parts',
  'labour',
  'product_exchange',
  'transport',
  'packaging',
  'third_party',
  'other',
] as const;
export type CostType = (typeof COST_TYPES)[number];
/** Where a cost line came from: typed in, or written by a service record (kept in step with it). */
export const COST_SOURCES = ['manual', 'visit', 'part', 'rma'] as const;
export type CostSource = (typeof COST_SOURCES)[number];
export const COST_LINE_STATES = ['pending', 'approved', 'rejected'] as const;
export type CostLineState = (typeof COST_LINE_STATES)[number];

export interface CostLine {
  id: number;
  complaintId: number;
  costType: CostType;
  incurredOn: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  /** Fen in the base currency. */
  baseAmount: number;
  payer: import('./domain').Payer;
  source: CostSource;
  sourceId: number | null;
  description: string | null;
  state: CostLineState;
  createdAt: string;
  createdBy: string;
}

/** A page of a list that can grow without bound, with the total for the pager. */
export interface Paged<T> {
  rows: T[];
  total: number;
}
