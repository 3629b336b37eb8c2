import { z } from 'zod';
import { PAYERS } from '../domain';
import { AMORTISATION_DIMENSIONS, COST_CLASSES, VET_DECISIONS } from '../costs';
import { COST_LINE_STATES, COST_TYPES } from '../service';
import { id, optionalText, pastCalendarDate, text } from './common';

/**
 * Inputs of costs, vetting and amortisation (issue 6). Amounts are integers in the minor unit of
 * their currency; a foreign line carries its exchange rate as decimal text (units of the base
 * currency per unit), so that no binary fraction ever touches money.
 */

const caseRef = { id, version: z.number().int().nonnegative() };
const paging = { offset: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(500).default(100) };
/** Up to 100 million in the line's currency, minor units. */
const minor = z.number().int().min(1).max(10_000_000_000);
export const FX_RATE_RE = /^(?:0|[1-9]\d{0,5})(?:\.\d{1,6})?$/;
const fxRate = z
  .string()
  .trim()
  .regex(FX_RATE_RE, { message: 'a rate like 7.1234 (up to six decimals)' })
  .refine((r) => Number(r) > 0, { params: { code: 'fx_rate' }, message: 'the rate must be above zero' });
const currency = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, { message: 'a three-letter currency code such as CNY or USD' });
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'a month as YYYY-MM' });

const costFields = {
  costType: z.enum(COST_TYPES),
  incurredOn: pastCalendarDate,
  amount: minor,
  currency,
  /** Required when `currency` is not the base currency; ignored (null) for the base currency. */
  fxRate: fxRate.nullish().transform((v) => v ?? null),
  payer: z.enum(PAYERS),
  description: optionalText(500),
  receiptAttachmentId: id.nullish().transform((v) => v ?? null),
};

export const costAddSchema = z.object({ ...caseRef, ...costFields });
/** Only a pending line typed in by hand can be edited or removed; an approved one is corrected by a reversal. */
export const costUpdateSchema = z.object({ ...caseRef, lineId: id, ...costFields });
export const costRemoveSchema = z.object({ ...caseRef, lineId: id });

export const costVetSchema = z
  .object({ lineId: id, decision: z.enum(VET_DECISIONS), comment: optionalText(1000) })
  .refine((v) => v.decision === 'approve' || !!v.comment, {
    params: { code: 'reason_required' },
    message: 'say why the line is rejected',
    path: ['comment'],
  });
export const costReverseSchema = z.object({ lineId: id, reason: text(1000) });

export const vettingQueueSchema = z.object({
  states: z.array(z.enum(COST_LINE_STATES)).max(3).default(['pending']),
  q: z.string().trim().max(100).default(''),
  ...paging,
});

export const costClassesSaveSchema = z.object({
  /** Cost type → payer → class; every pair must be present. */
  map: z.record(z.enum(COST_TYPES), z.record(z.enum(PAYERS), z.enum(COST_CLASSES))),
});

export const periodsListSchema = z.object({ year: z.number().int().min(2000).max(2100) });
export const periodCloseSchema = z.object({ period });

export const pivotSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  dimension: z.enum(AMORTISATION_DIMENSIONS).default('department'),
});
export const drillSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  dimension: z.enum(AMORTISATION_DIMENSIONS),
  /** The pivot row's key. */
  key: z.string().max(200),
  /** 1–12: one month; absent: the whole year. */
  month: z.number().int().min(1).max(12).nullish().transform((v) => v ?? null),
  ...paging,
});
