import { z } from 'zod';
import { RULE_KINDS, RULE_LIST_KINDS } from '../engine';
import { LIMITS } from '../domain';
import { calendarDate, id, optionalText } from './common';
import { DAY_KINDS } from './rules-policies';

/**
 * Inputs of the rule engine's api (issue 4). Rule data arrives as plain JSON and is checked in main
 * by its kind's schema (rules-policies.ts, rules-escalation.ts), so that a refusal names the path
 * inside `data` and the rule's own issue code.
 */

const caseRef = { id, version: z.number().int().nonnegative() };
const kind = z.enum(RULE_KINDS);
/** A rule id (escalation, routing) or `default` for the one-document kinds. */
const key = z.string().trim().min(1).max(64);
/** The version the editor started from; null or absent for a new rule. A stale one is refused. */
const expectedVersion = z.number().int().positive().nullish().transform((v) => v ?? null);

export const rulesListSchema = z.object({ kind });
export const rulesHistorySchema = z.object({ kind, key });
/** The rule's data is checked in main by its kind's schema (typed rules from the Settings form pass as they are). */
const data = z.unknown();
export const rulesSaveSchema = z.object({ kind, key, data, expectedVersion });
export const rulesSetEnabledSchema = z.object({ kind: z.enum(RULE_LIST_KINDS), key, enabled: z.boolean(), expectedVersion });
export const rulesDryRunSchema = z.object({
  kind: z.literal('escalation'),
  data,
  sampleSize: z.number().int().min(1).max(100).default(20),
});

const holidayCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'use 2–40 lower-case letters, digits and _' });
export const calendarGetSchema = z.object({ year: z.number().int().min(1970).max(2199) });
export const calendarSetDaySchema = z.object({
  date: calendarDate,
  kind: z.enum(DAY_KINDS),
  holiday: holidayCode.nullish().transform((v) => v ?? null),
  note: optionalText(200),
});
export const calendarRemoveDaySchema = z.object({ date: calendarDate });

export const waitingCustomerSchema = z.object({ ...caseRef, waiting: z.boolean() });
export const customerPressureSchema = z
  .object({ ...caseRef, pressure: z.boolean(), note: optionalText(1000) })
  .refine((v) => !v.pressure || !!v.note, { params: { code: 'reason_required' }, message: 'say how the customer presses', path: ['note'] });

export const notificationsListSchema = z.object({
  unreadOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().nonnegative().default(0),
});
export const notificationsMarkReadSchema = z.object({ ids: z.array(id).min(1).max(500) });

export const reviewListSchema = z
  .object({ startRow: z.number().int().nonnegative(), endRow: z.number().int().positive() })
  .refine((q) => q.endRow > q.startRow && q.endRow - q.startRow <= LIMITS.pageSize, {
    params: { code: 'page_size', max: LIMITS.pageSize },
    message: `a page holds 1 to ${LIMITS.pageSize} rows`,
    path: ['endRow'],
  });
export const markReviewedSchema = z
  .object({ ...caseRef, note: optionalText(1000) })
  .refine((v) => !!v.note, { params: { code: 'reason_required' }, message: 'say what management decided', path: ['note'] });
