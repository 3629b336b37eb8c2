import { z } from 'zod';
import { LIMITS } from '../domain';
import {
  CONTRACT_ACTIONS,
  CONTRACT_STATES,
  PART_USAGES,
  RMA_ACTIONS,
  RMA_DISPOSITIONS,
  SERVICE_ACTION_STATES,
  SERVICE_MODES,
  SERVICE_RESULTS,
} from '../service';
import { FORM_LANGUAGES } from '../print';
import { calendarDate, id, instant, optionalText, text } from './common';
import { fen } from './lifecycle';

/**
 * Inputs of service work (issue 5). Changes recorded on a case name the case and the version the
 * person saw (`id`, `version`), like every other part of the feedback form; a record of its own
 * (a visit, a return, a contract) also carries its own version where it is changed later.
 */

const caseRef = { id, version: z.number().int().nonnegative() };
const recordVersion = z.number().int().nonnegative();
const nullableId = id.nullish().transform((v) => v ?? null);
const longText = (max = 4000) => optionalText(max);
const nullableInstant = instant.nullish().transform((v) => v ?? null);
const nullableDate = calendarDate.nullish().transform((v) => v ?? null);
const serial = optionalText(LIMITS.serialNo);
/** Paging of the lists that can grow without bound. */
const paging = { offset: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(LIMITS.pageSize).default(100) };

const before = (a: string | null, b: string | null) => a === null || b === null || Date.parse(a) < Date.parse(b);

// ------------------------------------------------------------------------------- service actions

export const serviceActionSaveSchema = z
  .object({
    ...caseRef,
    /** null: a new record. */
    actionId: nullableId,
    actionVersion: recordVersion.nullish().transform((v) => v ?? null),
    mode: z.enum(SERVICE_MODES),
    state: z.enum(SERVICE_ACTION_STATES),
    summary: text(1000),
    plannedStart: nullableInstant,
    plannedEnd: nullableInstant,
    actualStart: nullableInstant,
    actualEnd: nullableInstant,
    engineerIds: z.array(id).max(10).default([]),
    travelFrom: optionalText(200),
    travelTo: optionalText(200),
    travelCost: fen.default(0),
    accommodationCost: fen.default(0),
    allowanceCost: fen.default(0),
    workDone: longText(),
    result: z.enum(SERVICE_RESULTS).nullish().transform((v) => v ?? null),
    customerSignoff: optionalText(LIMITS.contactName),
    note: longText(2000),
  })
  .refine((v) => before(v.plannedStart, v.plannedEnd), {
    params: { code: 'end_before_start' },
    message: 'the planned end must come after the planned start',
    path: ['plannedEnd'],
  })
  .refine((v) => before(v.actualStart, v.actualEnd), {
    params: { code: 'end_before_start' },
    message: 'the actual end must come after the actual start',
    path: ['actualEnd'],
  });

export const fieldCalendarSchema = z.object({
  /** Any day of the week wanted; the week runs Monday to Sunday in the office time zone. */
  weekOf: calendarDate,
  engineerIds: z.array(id).max(200).nullish().transform((v) => v ?? null),
});

/** The printable visit report (A4), like the feedback form: one language per print. */
export const visitReportTargetSchema = z.object({ actionId: id, lang: z.enum(FORM_LANGUAGES) });

// ---------------------------------------------------------------------------------------- returns

export const rmaRequestSchema = z.object({
  ...caseRef,
  quantity: z.number().int().min(1).max(100_000),
  serialNo: serial,
  reason: text(2000),
});

export const rmaStepSchema = z.object({
  ...caseRef,
  rmaId: id,
  rmaVersion: recordVersion,
  action: z.enum(RMA_ACTIONS),
  /** Approve/reject: the decision's note (required to reject); close: what was done. */
  note: longText(2000),
  carrier: optionalText(100),
  waybillNo: optionalText(100),
  /** When it was shipped or received; now when absent. */
  at: nullableInstant,
  inspectionResult: longText(2000),
  disposition: z.enum(RMA_DISPOSITIONS).nullish().transform((v) => v ?? null),
  refundAmount: fen.nullish().transform((v) => v ?? null),
});

// ------------------------------------------------------------------------------------ spare parts

export const partsListSchema = z.object({
  q: z.string().trim().max(100).default(''),
  lowOnly: z.boolean().default(false),
  includeInactive: z.boolean().default(false),
  ...paging,
});

export const partSaveSchema = z.object({
  /** null: a new part. */
  partId: nullableId,
  version: recordVersion.nullish().transform((v) => v ?? null),
  partNo: text(60),
  name: text(200),
  unit: text(20),
  unitCost: fen,
  reorderLevel: z.number().int().nonnegative().max(1_000_000),
  active: z.boolean().default(true),
});

export const stockMoveSchema = z
  .object({
    partId: id,
    kind: z.enum(['receipt', 'adjustment']),
    /** Receipts are positive; adjustments (a count, a loss) either sign, never zero. */
    delta: z.number().int().min(-1_000_000).max(1_000_000).refine((d) => d !== 0, { params: { code: 'not_zero' }, message: 'the quantity must not be zero' }),
    note: longText(1000),
    /** Allow the quantity on hand to go below zero: audited, with the note saying why. */
    override: z.boolean().default(false),
  })
  .refine((v) => v.kind !== 'receipt' || v.delta > 0, { params: { code: 'receipt_positive' }, message: 'a receipt adds to the stock', path: ['delta'] })
  .refine((v) => v.kind !== 'adjustment' || !!v.note, { params: { code: 'reason_required' }, message: 'say why the stock is adjusted', path: ['note'] })
  .refine((v) => !v.override || !!v.note, { params: { code: 'reason_required' }, message: 'say why the stock may go below zero', path: ['note'] });

export const stockLedgerSchema = z.object({ partId: id, ...paging });

export const casePartAddSchema = z
  .object({
    ...caseRef,
    partId: id,
    actionId: nullableId,
    usage: z.enum(PART_USAGES),
    quantity: z.number().int().min(1).max(100_000),
    fromStock: z.boolean().default(true),
    faultySerial: serial,
    replacementSerial: serial,
    note: longText(1000),
    /** Issue from stock even if that takes it below zero: audited, the note says why. */
    override: z.boolean().default(false),
  })
  .refine((v) => !v.override || !!v.note, { params: { code: 'reason_required' }, message: 'say why the stock may go below zero', path: ['note'] });

export const casePartCancelSchema = z.object({ ...caseRef, casePartId: id, note: text(1000) });

// ------------------------------------------------------------------------------ service contracts

const units = {
  serials: z.array(z.string().trim().min(1).max(LIMITS.serialNo)).max(500).default([]),
  models: z.array(z.string().trim().min(1).max(LIMITS.productModel)).max(100).default([]),
};

export const contractQuoteSchema = z
  .object({
    ...caseRef,
    scope: text(4000),
    ...units,
    fee: fen,
    validFrom: calendarDate,
    validTo: calendarDate,
    quoteValidUntil: nullableDate,
    note: longText(2000),
  })
  .refine((v) => v.validFrom <= v.validTo, { params: { code: 'end_before_start' }, message: 'the contract must end after it starts', path: ['validTo'] })
  .refine((v) => v.serials.length + v.models.length > 0, {
    params: { code: 'units_required' },
    message: 'name the units the contract covers: serial numbers or models',
    path: ['serials'],
  });

export const contractStepSchema = z.object({
  contractId: id,
  version: recordVersion,
  action: z.enum(CONTRACT_ACTIONS),
  /** Sign: the customer's signatory and the date. */
  signedBy: optionalText(LIMITS.contactName),
  signedOn: nullableDate,
  /** Invoice: the invoice number. */
  invoiceNo: optionalText(60),
  note: longText(2000),
});

export const contractsListSchema = z.object({
  q: z.string().trim().max(100).default(''),
  states: z.array(z.enum(CONTRACT_STATES)).max(CONTRACT_STATES.length).default([]),
  customerId: nullableId,
  ...paging,
});
