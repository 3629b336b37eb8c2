import type { Kysely } from 'kysely';
import { ApiError, fieldError } from '../../shared/errors';
import type { ComplaintCreateInput, ComplaintUpdateInput } from '../../shared/schemas/complaint';
import type { ComplaintDetail, ComplaintEvent } from '../../shared/types';
import type { Role } from '../../shared/domain';
import { canEdit } from '../rules/case-edits';
import type { z } from 'zod';
import type { complaintCreateSchema, complaintUpdateSchema } from '../../shared/schemas/complaint';
import type { ComplaintUpdate, Database } from '../db/schema';
import { appendEvents, type AuditEntry } from './audit';
import { findOrCreateCustomer, findOrCreateProduct, getCustomer, rememberContact } from './customers';
import { getSettings } from './settings';
import { nextTrackingNumber } from './tracking-numbers';
import { ROW_SELECT, rowQuery, toRow } from './tracking-query';
import { parseCodes } from './engine-compute';
import { normalizeKey } from '../rules/repeat';
import type { WarrantyPolicySet } from '../../shared/schemas/rules-policies';
import { currentDocuments } from './rule-store';

/**
 * Registration and editing of a complaint (seed 002 §5.1): the intake part of the customer feedback
 * processing form, a tracking number on the tracking table, and an event for every change.
 */

export type CreateComplaint = z.output<typeof complaintCreateSchema>;
export type UpdateComplaint = z.output<typeof complaintUpdateSchema>;
// Keep the input aliases referenced for readers of this module: what the renderer sends.
export type { ComplaintCreateInput, ComplaintUpdateInput };

interface Actor {
  db: Kysely<Database>;
  userId: number;
  now: Date;
}

const DETAIL_SELECT = [
  ...ROW_SELECT,
  'complaints.contact_phone as contactPhone',
  'complaints.contact_email as contactEmail',
  'complaints.created_by as createdBy',
  'complaints.updated_at as updatedAt',
  'complaints.version',
  'complaints.installation_date as installationDate',
  'complaints.invoice_date as invoiceDate',
  'complaints.warranty_exclusions as warrantyExclusions',
  'complaints.warranty_suspensions as warrantySuspensions',
] as const;

/** What the quick search reads: lower-cased, one string per case. */
export function searchText(c: { tracking_no: string; customer_name: string; serial_no: string | null; description: string }): string {
  return [c.tracking_no, c.customer_name, c.serial_no ?? '', c.description].join('\n').toLowerCase();
}

export async function getComplaint(db: Kysely<Database>, id: number): Promise<ComplaintDetail> {
  const row = await rowQuery(db).select(DETAIL_SELECT).where('complaints.id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `no complaint with id ${id}`);
  return { ...toRow(row), warrantyExclusions: parseCodes(row.warrantyExclusions), warrantySuspensions: parseCodes(row.warrantySuspensions) } as ComplaintDetail;
}

/** The intake fields as the audit trail records them. */
const AUDITED = [
  'receivedAt',
  'channel',
  'customerId',
  'customerName',
  'contactName',
  'contactPhone',
  'contactEmail',
  'productModel',
  'serialNo',
  'deliveryDate',
  'description',
  'defectCategory',
  'severity',
] as const;
/** Changed later, the facts the warranty is decided on are audited too (they are not asked at registration). */
const AUDITED_UPDATE = [...AUDITED, 'installationDate', 'invoiceDate', 'warrantyExclusions', 'warrantySuspensions'] as const;

export async function createComplaint({ db, userId, now }: Actor, input: CreateComplaint): Promise<ComplaintDetail> {
  const customer = input.customerId
    ? await getCustomer(db, input.customerId)
    : (await findOrCreateCustomer(db, { name: input.newCustomer!.name, region: input.newCustomer!.region }, now)).customer;
  const product = await findOrCreateProduct(db, input.productModel, now);
  await rememberContact(db, customer.id, { name: input.contactName, phone: input.contactPhone, email: input.contactEmail }, now);

  const settings = await getSettings(db);
  const trackingNo = await nextTrackingNumber(db, settings.trackingNumberFormat, now, settings.officeTimeZone);
  const ts = now.toISOString();
  const record = {
    tracking_no: trackingNo,
    received_at: new Date(input.receivedAt).toISOString(),
    channel: input.channel,
    customer_id: customer.id,
    customer_name: customer.name,
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    contact_email: input.contactEmail,
    product_model_id: product.id,
    product_model: product.model,
    serial_no: input.serialNo,
    serial_key: normalizeKey(input.serialNo) || null,
    delivery_date: input.deliveryDate,
    description: input.description,
    defect_category: input.defectCategory,
    severity: input.severity,
    state: 'registered',
    state_changed_at: ts,
    created_at: ts,
    created_by: userId,
    updated_at: ts,
    version: 0,
  };
  const { id } = await db
    .insertInto('complaints')
    .values({ ...record, search_text: searchText(record) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const detail = await getComplaint(db, id);
  const snapshot = Object.fromEntries(AUDITED.map((k) => [k, detail[k]]));
  await appendEvents(db, userId, now, [{ complaintId: id, kind: 'created', after: { trackingNo, ...snapshot } }]);
  return detail;
}

export async function updateComplaint({ db, userId, role, now }: Actor & { role: Role }, input: UpdateComplaint): Promise<ComplaintDetail> {
  const current = await getComplaint(db, input.id);
  if (current.version !== input.version) {
    throw new ApiError(
      'CONFLICT',
      `complaint ${current.trackingNo} was changed by someone else (version ${current.version}, you edited ${input.version}); reload it and make your change again`,
    );
  }
  // The intake is corrected while the case is registered or investigated, like every other part of
  // the form (rules/case-edits.ts): a decided or closed case keeps what it was decided on.
  const blocked = canEdit('intake', current.state, role);
  if (blocked) {
    throw new ApiError('FORBIDDEN', blocked.message, [
      { path: 'workflow', code: blocked.code, message: blocked.message, ...(blocked.params ? { params: blocked.params } : {}) },
    ]);
  }
  const p = input.patch;
  const set: ComplaintUpdate = {};
  const next: ComplaintDetail = { ...current };

  if (p.customerId !== undefined && p.customerId !== current.customerId) {
    const c = await getCustomer(db, p.customerId, 'patch.customerId');
    set.customer_id = c.id;
    set.customer_name = c.name;
    next.customerId = c.id;
    next.customerName = c.name;
  }
  if (p.productModel !== undefined && p.productModel !== current.productModel) {
    const prod = await findOrCreateProduct(db, p.productModel, now);
    set.product_model_id = prod.id;
    set.product_model = prod.model;
    next.productModel = prod.model;
  }
  const simple = {
    receivedAt: 'received_at',
    channel: 'channel',
    contactName: 'contact_name',
    contactPhone: 'contact_phone',
    contactEmail: 'contact_email',
    serialNo: 'serial_no',
    deliveryDate: 'delivery_date',
    description: 'description',
    defectCategory: 'defect_category',
    severity: 'severity',
  } as const;
  for (const [field, col] of Object.entries(simple) as Array<[keyof typeof simple, (typeof simple)[keyof typeof simple]]>) {
    let v = p[field];
    if (v === undefined) continue;
    if (field === 'receivedAt' && typeof v === 'string') v = new Date(v).toISOString();
    if (v === current[field]) continue;
    (set as Record<string, unknown>)[col] = v;
    (next as unknown as Record<string, unknown>)[field] = v;
  }
  if (set.serial_no !== undefined) set.serial_key = normalizeKey(set.serial_no) || null;
  for (const [field, col] of [
    ['warrantyExclusions', 'warranty_exclusions'],
    ['warrantySuspensions', 'warranty_suspensions'],
  ] as const) {
    const v = p[field];
    if (v === undefined) continue;
    const codes = [...new Set(v)].sort();
    await checkWarrantyCodes(db, field, codes);
    if (JSON.stringify(codes) === JSON.stringify(current[field])) continue;
    set[col] = codes.length ? JSON.stringify(codes) : null;
    next[field] = codes;
  }
  for (const [field, col] of [
    ['installationDate', 'installation_date'],
    ['invoiceDate', 'invoice_date'],
  ] as const) {
    const v = p[field];
    if (v === undefined || v === current[field]) continue;
    set[col] = v;
    next[field] = v;
  }
  if (next.deliveryDate && next.deliveryDate > next.receivedAt.slice(0, 10) && Date.parse(`${next.deliveryDate}T00:00:00Z`) - 14 * 3600_000 > Date.parse(next.receivedAt)) {
    throw fieldError('patch.deliveryDate', 'delivery_after_receipt', 'the delivery date is after the complaint was received');
  }

  const changes: AuditEntry[] = AUDITED_UPDATE.filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k])).map((k) => ({
    complaintId: current.id,
    kind: 'field_changed',
    field: k,
    before: current[k],
    after: next[k],
  }));
  if (!changes.length) return current;

  await db
    .updateTable('complaints')
    .set({
      ...set,
      search_text: searchText({
        tracking_no: next.trackingNo,
        customer_name: next.customerName,
        serial_no: next.serialNo,
        description: next.description,
      }),
      updated_at: now.toISOString(),
      version: current.version + 1,
    })
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .execute();
  // Issue 7: the responsibilities carry a copy of the case's received_at (the Pareto by department).
  if (set.received_at !== undefined) await db.updateTable('responsibilities').set({ received_at: set.received_at }).where('complaint_id', '=', current.id).execute();
  if (next.contactName && (p.contactName !== undefined || p.contactPhone !== undefined || p.contactEmail !== undefined)) {
    await rememberContact(db, next.customerId, { name: next.contactName, phone: next.contactPhone, email: next.contactEmail }, now);
  }
  await appendEvents(db, userId, now, changes);
  return getComplaint(db, current.id);
}

/** Exclusion and suspension codes must be in the warranty policy set's catalogue. */
async function checkWarrantyCodes(db: Kysely<Database>, field: 'warrantyExclusions' | 'warrantySuspensions', codes: readonly string[]) {
  if (!codes.length) return;
  const doc = (await currentDocuments(db, 'warranty'))[0];
  const set = doc?.data as WarrantyPolicySet | undefined;
  const known = new Set((field === 'warrantyExclusions' ? set?.exclusionCodes : set?.suspensionCodes)?.map((c) => c.code) ?? []);
  const unknown = codes.find((c) => !known.has(c));
  if (unknown) throw fieldError(`patch.${field}`, 'unknown_code', `no ${field === 'warrantyExclusions' ? 'exclusion' : 'suspension'} ${unknown} in the warranty catalogue`, { value: unknown });
}

export async function complaintEvents(db: Kysely<Database>, id: number): Promise<ComplaintEvent[]> {
  await getComplaint(db, id);
  const rows = await db
    .selectFrom('events')
    .innerJoin('users', 'users.id', 'events.actor_id')
    .select([
      'events.id',
      'events.complaint_id as complaintId',
      'events.at',
      'events.actor_id as actorId',
      'users.name as actorName',
      'events.kind',
      'events.field',
      'events.before',
      'events.after',
    ])
    .where('events.complaint_id', '=', id)
    .orderBy('events.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    complaintId: r.complaintId!,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  }));
}
