import { z } from 'zod';
import { CLASSIFICATIONS, SEVERITIES } from '../domain';
import { CAPA_EFFECTIVENESS, CAPA_KINDS, PARETO_DIMENSIONS, REPORT_CHANNELS } from '../analysis';
import { FORM_LANGUAGES } from '../print';
import { calendarDate, id, optionalText, text } from './common';

/** Inputs of analysis and reporting (issue 7). */

const paging = { offset: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(500).default(100) };
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'a month as YYYY-MM' });
const nullableDate = calendarDate.nullish().transform((v) => v ?? null);

export const paretoSchema = z
  .object({
    dimension: z.enum(PARETO_DIMENSIONS),
    /** Received (or, for costs, incurred) from this date to this date, both included, in the office time zone. */
    from: calendarDate,
    to: calendarDate,
    severities: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).default([]),
    classifications: z.array(z.enum(CLASSIFICATIONS)).max(2).default([]),
    productLine: optionalText(100),
    /** Bars shown before the rest is one "other" bar. */
    limit: z.number().int().min(3).max(50).default(15),
  })
  .refine((v) => v.from <= v.to, { params: { code: 'end_before_start' }, message: 'the period must end after it starts', path: ['to'] });

const paretoSource = z.object({
  dimension: z.enum(PARETO_DIMENSIONS),
  key: z.string().max(200),
  label: z.string().max(200),
  from: calendarDate,
  to: calendarDate,
});

export const capaActionInput = z.object({
  /** null: a new action. */
  id: id.nullish().transform((v) => v ?? null),
  description: text(1000),
  ownerId: id.nullish().transform((v) => v ?? null),
  dueOn: calendarDate,
  done: z.boolean().default(false),
});

const capaFields = {
  kind: z.enum(CAPA_KINDS),
  title: text(200),
  problem: text(4000),
  rootCause: optionalText(4000),
  ownerId: id.nullish().transform((v) => v ?? null),
  dueOn: nullableDate,
  effectivenessDueOn: nullableDate,
  actions: z.array(capaActionInput).max(30).default([]),
  caseIds: z.array(id).max(500).default([]),
};

export const capaCreateSchema = z.object({ ...capaFields, source: paretoSource.nullish().transform((v) => v ?? null) });
export const capaUpdateSchema = z.object({ capaId: id, version: z.number().int().nonnegative(), ...capaFields });
export const capaStepSchema = z.object({
  capaId: id,
  version: z.number().int().nonnegative(),
  action: z.enum(['start', 'to_check', 'close', 'cancel', 'reopen']),
  /** close: the result of the effectiveness check and when it was made. */
  effectiveness: z.enum(CAPA_EFFECTIVENESS).nullish().transform((v) => v ?? null),
  checkedOn: nullableDate,
  note: optionalText(2000),
});
export const capaListSchema = z.object({
  q: z.string().trim().max(100).default(''),
  states: z.array(z.enum(['open', 'in_progress', 'effectiveness_check', 'closed', 'cancelled'])).max(5).default([]),
  overdueOnly: z.boolean().default(false),
  ...paging,
});

export const reportMonthSchema = z.object({ month: monthSchema });
export const reportTargetSchema = z.object({ month: monthSchema, lang: z.enum(FORM_LANGUAGES) });
export const reportSendSchema = z.object({ month: monthSchema, lang: z.enum(FORM_LANGUAGES), channel: z.enum(REPORT_CHANNELS) });
export const reportSendsSchema = z.object({ ...paging });

const recipient = z.email({ message: 'expected an e-mail address' }).max(254);
export const mailSettingsSaveSchema = z.object({
  host: z.string().trim().max(253),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  user: optionalText(254),
  from: recipient,
  /** undefined keeps the stored password, null removes it. */
  password: z.string().max(500).nullable().optional(),
  recipients: z.array(recipient).max(50),
  schedule: z.boolean().default(false),
});
