import type { Payer } from './domain';
import type { CostLine, CostType } from './service';

/**
 * Service costs, Finance vetting and amortisation (issue 6; seed 002 §5.3 and §8: Finance vets the
 * service costs and carries out the amortisation to departments; the company bears travel,
 * accommodation and allowances; product exchange, transport and packaging go into manufacturing
 * cost). Cost lines themselves are in `service.ts` (service work writes them since issue 5).
 */

/** Where a cost goes in the books. */
export const COST_CLASSES = [
  'after_sales_expense',
  'manufacturing_cost',
  'recoverable_customer',
  'recoverable_supplier',
  'recoverable_partner',
] as const;
export type CostClass = (typeof COST_CLASSES)[number];

/** The mapping from cost type and payer to a class; Finance edits it (Settings → costs). */
export type CostClassMap = Record<CostType, Record<Payer, CostClass>>;

/** Seed 002 §8 as a mapping: what the company bears splits into after-sales expense and manufacturing cost. */
export const MANUFACTURING_TYPES: readonly CostType[] = ['product_exchange', 'transport', 'packaging'];

export const VET_DECISIONS = ['approve', 'reject'] as const;
export type VetDecision = (typeof VET_DECISIONS)[number];

/** A cost line as Finance's lists show it: with its case and what Finance said. */
export interface CostLineDetail extends CostLine {
  trackingNo: string;
  customerName: string;
  fxRate: string | null;
  costClass: CostClass;
  receiptAttachmentId: number | null;
  vettedBy: string | null;
  vettedAt: string | null;
  vetComment: string | null;
  /** The line this one reverses (a correction of an approved line). */
  reversesId: number | null;
  /** Set when a reversal of this line exists: it no longer counts. */
  reversedBy: number | null;
}

/** An accounting period: a month, `YYYY-MM`. Closing it locks its amortisation. */
export interface AccountingPeriod {
  period: string;
  closed: boolean;
  closedAt: string | null;
  closedBy: string | null;
}

/** What the amortisation views group by. */
export const AMORTISATION_DIMENSIONS = ['department', 'product_line', 'customer', 'cost_type'] as const;
export type AmortisationDimension = (typeof AMORTISATION_DIMENSIONS)[number];

/** One row of a pivot: a department (or product line, customer, cost type) × the twelve months. */
export interface PivotRow {
  /** department: the department id, `person:<name>` for a person, `unallocated`; others: the value itself. */
  key: string;
  label: string;
  /** Fen per month, January first. */
  months: number[];
  total: number;
}

export interface AmortisationPivot {
  year: number;
  dimension: AmortisationDimension;
  rows: PivotRow[];
  /** Column totals per month and the grand total: the sum of the rows, to the fen. */
  months: number[];
  total: number;
  periods: AccountingPeriod[];
}

/** One allocated amount: a part of one approved cost line for one department or person in one period. */
export interface AmortisationEntry {
  id: number;
  costLineId: number;
  complaintId: number;
  trackingNo: string;
  customerName: string;
  period: string;
  departmentId: number | null;
  departmentName: string | null;
  personName: string | null;
  costType: CostType;
  /** allocation: in the line's own period; adjustment: a later correction in an open period. */
  kind: 'allocation' | 'adjustment';
  amount: number;
  shareBp: number;
}
