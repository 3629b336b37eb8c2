import { z } from 'zod';

/** Tokens a tracking-number format may use; at least one `N` run (the sequence) is required. */
export const TRACKING_FORMAT_RE = /^(?=.*\{N+\})[A-Za-z0-9\-_/{}]+$/;

export const trackingNumberFormatSchema = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .refine((s) => TRACKING_FORMAT_RE.test(s), {
    params: { code: 'tracking_format' },
    message: 'use letters, digits, - _ / and the tokens {YYYY} {YY} {MM} {NNNN}',
  });

export const settingsPatchSchema = z
  .object({
    trackingNumberFormat: trackingNumberFormatSchema,
    officeTimeZone: z.string().refine(
      (tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      },
      { params: { code: 'time_zone' }, message: 'unknown time zone' },
    ),
    chairmanCostThreshold: z.number().int().nonnegative().max(10_000_000_000),
    baseCurrency: z.string().regex(/^[A-Z]{3}$/, { message: 'a three-letter currency code' }),
  })
  .partial();
