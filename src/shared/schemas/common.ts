import { z } from 'zod';
import { isCalendarDate, isIsoInstant } from '../dates';

/**
 * Building blocks for input schemas. Custom checks carry `params.code`, which the dispatcher
 * turns into an i18n issue code, so the renderer can say what is wrong in the user's language.
 */

/** Clock skew allowed between the workstation and main before a time counts as "in the future". */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** Trimmed text; empty after trimming counts as missing. */
export const text = (max: number) => z.string().trim().min(1).max(max);
/** Optional trimmed text: empty or missing becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((s) => (s ? s : null));

export const instant = z
  .string()
  .refine(isIsoInstant, { params: { code: 'instant' }, message: 'expected an ISO-8601 date and time' });

export const pastInstant = instant.refine((s) => Date.parse(s) <= Date.now() + FUTURE_TOLERANCE_MS, {
  params: { code: 'in_future' },
  message: 'must not be in the future',
});

export const calendarDate = z
  .string()
  .refine(isCalendarDate, { params: { code: 'calendar_date' }, message: 'expected a date as YYYY-MM-DD' });

/** A calendar date not after today (UTC+14 is the earliest zone to reach a new day). */
export const pastCalendarDate = calendarDate.refine(
  (s) => Date.parse(`${s}T00:00:00Z`) <= Date.now() + 14 * 3600_000,
  { params: { code: 'in_future' }, message: 'must not be in the future' },
);

const PHONE_RE = /^[+0-9(][0-9 ()-]*(\s*(ext|转|x)\s*\d+)?$/i;

export const phone = z
  .string()
  .trim()
  .max(40)
  .refine((s) => s === '' || PHONE_RE.test(s), { params: { code: 'phone' }, message: 'expected a phone number' })
  .nullish()
  .or(z.literal('').transform(() => null))
  .transform((s) => (s ? s : null));

export const email = z
  .email({ message: 'expected an e-mail address' })
  .max(254)
  .nullish()
  .or(z.literal('').transform(() => null))
  .transform((s) => (s ? s : null));

export const id = z.number().int().positive();
