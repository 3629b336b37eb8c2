import { z } from 'zod';
import { CHANNELS, DEFECT_CATEGORIES, LIMITS, SEVERITIES } from '../domain';
import { email, id, optionalText, pastCalendarDate, pastInstant, phone, text } from './common';

/** A customer created on the spot from the registration form. */
export const newCustomerSchema = z.object({
  name: text(LIMITS.name),
  region: optionalText(100),
});

/**
 * Intake of the customer feedback processing form (seed 002 §5.1): what the sales administration
 * staff write down when the call or e-mail comes in.
 */
const intakeFields = {
  receivedAt: pastInstant,
  channel: z.enum(CHANNELS),
  contactName: optionalText(LIMITS.contactName),
  contactPhone: phone,
  contactEmail: email,
  productModel: text(LIMITS.productModel),
  serialNo: optionalText(LIMITS.serialNo),
  deliveryDate: pastCalendarDate.nullish().transform((s) => s ?? null),
  description: text(LIMITS.description),
  defectCategory: z.enum(DEFECT_CATEGORIES),
  severity: z.enum(SEVERITIES),
};

/** A warranty code (exclusion or suspension) as the policy catalogue names it; main checks it is in the catalogue. */
const warrantyCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'use a code of the warranty catalogue' });

/**
 * Facts the warranty is decided on that are often known only after registration (issue 4): the
 * installation and invoice dates (a policy may count from either), and exclusions or suspensions
 * established for this case (misuse found on site, the customer's payment overdue).
 */
const warrantyFields = {
  installationDate: pastCalendarDate.nullish().transform((s) => s ?? null),
  invoiceDate: pastCalendarDate.nullish().transform((s) => s ?? null),
  warrantyExclusions: z.array(warrantyCode).max(20),
  warrantySuspensions: z.array(warrantyCode).max(20),
};

function deliveryNotAfterReceipt(v: { receivedAt?: string; deliveryDate?: string | null }, ctx: z.RefinementCtx, at: string[] = []) {
  if (v.receivedAt && v.deliveryDate && v.deliveryDate > v.receivedAt.slice(0, 10)) {
    // Compared on the UTC date: a complaint cannot be about a delivery that had not happened.
    const received = new Date(v.receivedAt);
    const delivered = Date.parse(`${v.deliveryDate}T00:00:00Z`) - 14 * 3600_000;
    if (delivered > received.getTime()) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'deliveryDate'],
        params: { code: 'delivery_after_receipt' },
        message: 'the delivery date is after the complaint was received',
      });
    }
  }
}

export const complaintCreateSchema = z
  .object({
    ...intakeFields,
    customerId: id.nullish(),
    newCustomer: newCustomerSchema.nullish(),
    /**
     * Issue 8: the complaint comes from an imported e-mail (`mailImport.parse`); the original
     * message and its attachments become the new case's attachments.
     */
    mailToken: z
      .string()
      .refine((t) => /^[a-f0-9]{32}$/.test(t), { params: { code: 'mail_token_unknown' }, message: 'not a token of an imported e-mail' })
      .nullish(),
  })
  .superRefine((v, ctx) => {
    if (!v.customerId === !v.newCustomer) {
      ctx.addIssue({
        code: 'custom',
        path: ['customerId'],
        params: { code: 'customer_required' },
        message: 'pick a customer or create a new one (exactly one)',
      });
    }
    deliveryNotAfterReceipt(v, ctx);
  });
export type ComplaintCreateInput = z.input<typeof complaintCreateSchema>;

export const complaintUpdateSchema = z
  .object({
    id,
    /** Optimistic lock: the version the person was editing; a stale save is refused. */
    version: z.number().int().nonnegative(),
    patch: z
      .object({ ...intakeFields, customerId: id, ...warrantyFields })
      .partial()
      .refine((p) => Object.keys(p).length > 0, { params: { code: 'empty_patch' }, message: 'nothing to change' }),
  })
  .superRefine((v, ctx) => deliveryNotAfterReceipt(v.patch, ctx, ['patch']));
export type ComplaintUpdateInput = z.input<typeof complaintUpdateSchema>;
