import { z } from 'zod';
import {
  CLASSIFICATIONS,
  LIMITS,
  PAYERS,
  ROLES,
  TREATMENT_KINDS,
  VERIFICATION_CHANNELS,
  WORKFLOW_ACTIONS,
} from '../domain';
import { id, optionalText, pastCalendarDate, pastInstant, text } from './common';

/**
 * Inputs of the lifecycle (issue 3). Every change to a case names the version the person saw, so a
 * stale screen cannot overwrite someone else's work.
 */

const caseRef = { id, version: z.number().int().nonnegative() };
const longText = (max = 4000) => optionalText(max);
/** Money as integer fen, up to 100 million yuan per line. */
export const fen = z.number().int().nonnegative().max(10_000_000_000);



export const transitionSchema = z.object({
  ...caseRef,
  action: z.enum(WORKFLOW_ACTIONS),
  /** Why (reject, return, reopen) or the decision's reasons (decide, chairman). */
  reason: longText(2000),
  optionIndex: z.number().int().nonnegative().nullish(),
});

export const classifySchema = z.object({ ...caseRef, classification: z.enum(CLASSIFICATIONS) });
export const assignSchema = z.object({ ...caseRef, ownerId: id.nullable() });

export const investigationSchema = z.object({
  ...caseRef,
  cause: longText(),
  countermeasures: longText(),
  method: z.enum(['five_why', '8d', 'free']),
  whys: z.array(z.string().trim().max(500)).max(5).default([]),
  containment: longText(),
  rootCauseVerified: longText(),
  permanentAction: longText(),
  prevention: longText(),
  technicalSupport: longText(),
});

export const treatmentOptionSchema = z.object({
  kind: z.enum(TREATMENT_KINDS),
  description: text(1000),
  estimatedCost: fen,
  payer: z.enum(PAYERS),
});
export const optionsSchema = z.object({ ...caseRef, options: z.array(treatmentOptionSchema).max(10) });

export const agreementSchema = z.object({
  ...caseRef,
  agreed: z.boolean(),
  customerPerson: text(LIMITS.contactName),
  agreedOn: pastCalendarDate,
  amount: fen,
  note: longText(1000),
});

export const responsibilitySchema = z
  .object({
    ...caseRef,
    entries: z
      .array(
        z
          .object({
            departmentId: id.nullish().transform((v) => v ?? null),
            personName: optionalText(LIMITS.contactName),
            /** Basis points: 10000 is 100 %. */
            shareBp: z.number().int().min(1).max(10000),
            note: longText(500),
          })
          .refine((e) => e.departmentId !== null || e.personName !== null, {
            params: { code: 'responsible_required' },
            message: 'name a department or a person',
          }),
      )
      .max(20),
  })
  .refine((v) => v.entries.length === 0 || v.entries.reduce((s, e) => s + e.shareBp, 0) === 10000, {
    params: { code: 'shares_total' },
    message: 'the shares must add up to 100 %',
    path: ['entries'],
  });

export const disputeSchema = z.object({ ...caseRef, open: z.boolean(), note: longText(2000) });
export const escalationSchema = z
  .object({ ...caseRef, escalated: z.boolean(), reason: longText(1000) })
  .refine((v) => !v.escalated || !!v.reason, { params: { code: 'reason_required' }, message: 'say why the case is escalated', path: ['reason'] });

export const acceptanceSchema = z
  .object({
    ...caseRef,
    acceptedBy: text(LIMITS.contactName),
    acceptedOn: pastCalendarDate,
    receiptAttachmentId: id.nullish().transform((v) => v ?? null),
    note: longText(1000),
  });

export const verificationSchema = z.object({
  ...caseRef,
  channel: z.enum(VERIFICATION_CHANNELS),
  contactName: text(LIMITS.contactName),
  verifiedAt: pastInstant,
  resolved: z.boolean(),
  satisfaction: z.number().int().min(1).max(5),
  note: longText(1000),
});

export const ATTACHMENT_PURPOSES = ['general', 'photo', 'scan', 'email', 'receipt'] as const;
/** Largest attachment: photos and scans, not videos. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const attachmentAddSchema = z.object({
  complaintId: id,
  name: text(255).refine((n) => !/[\\/\0]/.test(n), { params: { code: 'file_name' }, message: 'a file name, not a path' }),
  mime: z.string().trim().max(100).default('application/octet-stream'),
  purpose: z.enum(ATTACHMENT_PURPOSES).default('general'),
  /** The file's bytes, base64. */
  data: z
    .string()
    .refine((d) => d.length <= Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4, {
      params: { code: 'file_too_large', max: MAX_ATTACHMENT_BYTES / 1024 / 1024 },
      message: 'the file is larger than 20 MB',
    })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'not base64' }),
});

export const userCreateSchema = z.object({
  name: text(100),
  role: z.enum(ROLES),
  departmentId: id.nullish().transform((v) => v ?? null),
  password: z.string().min(6).max(200).nullish().transform((v) => v ?? null),
});
export const userUpdateSchema = z.object({
  id,
  name: text(100).optional(),
  role: z.enum(ROLES).optional(),
  departmentId: id.nullable().optional(),
  active: z.boolean().optional(),
  /** null removes the password; undefined leaves it. */
  password: z.string().min(6).max(200).nullable().optional(),
});
export const sessionSwitchSchema = z.object({ userId: id, password: z.string().max(200).nullish() });
export const departmentSaveSchema = z.object({ id: id.optional(), name: text(100), active: z.boolean().default(true) });
