import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import { calendarDateOf } from '../../shared/dates';
import { ApiError, fieldError } from '../../shared/errors';
import type { contractQuoteSchema, contractsListSchema, contractStepSchema } from '../../shared/schemas/service';
import { COVERING_CONTRACT_STATES, type ContractState, type Paged, type ServiceContract } from '../../shared/service';
import type { Database } from '../db/schema';
import { checkContractStep, contractStepTarget } from '../rules/contract-steps';
import { normalizeKey } from '../rules/repeat';
import { appendEvents, type AuditEntry } from './audit';
import { commitChange, loadForChange, refused, type Actor } from './case-change';
import { OPEN_STATES_SQL } from './engine-load';
import type { Notified } from './notifications';
import type { RuleEngine } from './rule-engine';
import { getSettings } from './settings';
import { nextFreeNumber } from './sequences';

/**
 * Service contracts (issue 5; seed 001: "if it belongs to the after-sale service beyond the warranty
 * period, the sales staff should sign the after-sale service contract with the customer"): a
 * quotation created from a case, then sent, signed, invoiced — or cancelled. Only signed and
 * invoiced contracts cover units (the warranty engine reads them through engine-load.ts).
 */

type In<S extends z.ZodType> = z.output<S>;

const contractsQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('service_contracts as sc')
    .leftJoin('complaints', 'complaints.id', 'sc.complaint_id')
    .leftJoin('customers', 'customers.id', 'sc.customer_id')
    .select([
      'sc.id',
      'sc.contract_no',
      'sc.complaint_id',
      'complaints.tracking_no',
      'sc.customer_id',
      'customers.name as customer_name',
      'sc.state',
      'sc.scope',
      'sc.serials',
      'sc.models',
      'sc.fee',
      'sc.valid_from',
      'sc.valid_to',
      'sc.quote_valid_until',
      'sc.sent_at',
      'sc.signed_at',
      'sc.signed_by',
      'sc.invoiced_at',
      'sc.invoice_no',
      'sc.note',
      'sc.created_at',
      'sc.version',
    ]);
type ContractRow = Awaited<ReturnType<ReturnType<typeof contractsQuery>['execute']>>[number];

const toContract = (r: ContractRow): ServiceContract => ({
  id: r.id,
  contractNo: r.contract_no,
  complaintId: r.complaint_id,
  trackingNo: r.tracking_no,
  customerId: r.customer_id,
  customerName: r.customer_name,
  state: r.state as ContractState,
  scope: r.scope ?? '',
  serials: JSON.parse(r.serials) as string[],
  models: JSON.parse(r.models) as string[],
  fee: r.fee,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  quoteValidUntil: r.quote_valid_until,
  sentAt: r.sent_at,
  signedAt: r.signed_at,
  signedBy: r.signed_by,
  invoicedAt: r.invoiced_at,
  invoiceNo: r.invoice_no,
  note: r.note,
  createdAt: r.created_at,
  version: r.version,
});

export async function getContract(db: Kysely<Database>, id: number): Promise<ServiceContract> {
  const r = await contractsQuery(db).where('sc.id', '=', id).executeTakeFirst();
  if (!r) throw new ApiError('NOT_FOUND', `no service contract with id ${id}`);
  return toContract(r);
}

/** Contract numbers `SC-YYYY-NNNN`, counted per year of the office calendar in `sequences`. */
export async function nextContractNo(db: Kysely<Database>, at: Date, timeZone: string): Promise<string> {
  const year = calendarDateOf(at, timeZone).slice(0, 4);
  const key = `SC-${year}`;
  // A number entered by hand before issue 5 (or imported) is skipped, never reused.
  return nextFreeNumber(db, key, (n) => `${key}-${String(n).padStart(4, '0')}`, async (no) =>
    Boolean(await db.selectFrom('service_contracts').select('id').where('contract_no', '=', no).executeTakeFirst()),
  );
}

const view = (c: Pick<ServiceContract, 'contractNo' | 'state'>, extra: Record<string, unknown> = {}) => ({ contractNo: c.contractNo, state: c.state, ...extra });

/** A quotation for out-of-warranty work on the case's unit, for the case's customer (seed 001). */
export async function quoteContract(a: Actor, i: In<typeof contractQuoteSchema>): Promise<void> {
  const file = await loadForChange(a, i.id, i.version, 'contract');
  const today = calendarDateOf(a.now, (await getSettings(a.db)).officeTimeZone);
  if (i.quoteValidUntil !== null && i.quoteValidUntil < today) {
    throw fieldError('quoteValidUntil', 'date_in_past', 'the quotation cannot expire before today', { date: today });
  }
  const serials = [...new Set(i.serials)];
  const models = [...new Set(i.models)];
  const contractNo = await nextContractNo(a.db, a.now, (await getSettings(a.db)).officeTimeZone);
  const ts = a.now.toISOString();
  await a.db
    .insertInto('service_contracts')
    .values({
      contract_no: contractNo,
      customer_id: file.customerId,
      serials: JSON.stringify(serials),
      models: JSON.stringify(models),
      valid_from: i.validFrom,
      valid_to: i.validTo,
      created_at: ts,
      complaint_id: file.id,
      state: 'quotation',
      scope: i.scope,
      fee: i.fee,
      quote_valid_until: i.quoteValidUntil,
      note: i.note,
      created_by: a.userId,
      updated_at: ts,
      version: 0,
    })
    .execute();
  await commitChange(a, file, {}, [
    {
      complaintId: file.id,
      kind: 'service_contract',
      field: 'quote',
      before: null,
      after: view(
        { contractNo, state: 'quotation' },
        { scope: i.scope, serials, models, fee: i.fee, validFrom: i.validFrom, validTo: i.validTo, quoteValidUntil: i.quoteValidUntil },
      ),
    },
  ]);
}

/**
 * Sends, signs, invoices or cancels a contract. Not bound to a case version: the contract carries
 * its own. Answers the contract as it now is.
 */
export async function stepContract(a: Actor, i: In<typeof contractStepSchema>): Promise<ServiceContract> {
  const c = await getContract(a.db, i.contractId);
  if (c.version !== i.version) {
    throw new ApiError(
      'CONFLICT',
      `service contract ${c.contractNo} was changed by someone else (version ${c.version}, you edited ${i.version}); reload it and try again`,
    );
  }
  const today = calendarDateOf(a.now, (await getSettings(a.db)).officeTimeZone);
  const reasons = checkContractStep(i.action, { state: c.state, quoteValidUntil: c.quoteValidUntil }, a.role, i, today);
  if (reasons.length) throw refused(reasons);

  const ts = a.now.toISOString();
  const to = contractStepTarget(i.action);
  const set: Record<string, string | number | null> = { state: to, updated_at: ts, version: c.version + 1 };
  const detail: Record<string, unknown> = {};
  if (i.action === 'send') set.sent_at = ts;
  if (i.action === 'sign') {
    Object.assign(set, { signed_at: i.signedOn, signed_by: i.signedBy });
    Object.assign(detail, { signedBy: i.signedBy, signedOn: i.signedOn });
  }
  if (i.action === 'invoice') {
    Object.assign(set, { invoiced_at: ts, invoice_no: i.invoiceNo });
    detail.invoiceNo = i.invoiceNo;
  }
  if (i.note) {
    // A step's note is added to the contract's, dated, rather than replacing what was written.
    set.note = [c.note, `${today} ${i.action}: ${i.note}`].filter(Boolean).join('\n');
    detail.note = i.note;
  }
  const r = await a.db
    .updateTable('service_contracts')
    .set(set)
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new ApiError('CONFLICT', `service contract ${c.contractNo} was changed by someone else; reload it`);
  const event: AuditEntry = { complaintId: c.complaintId, kind: 'service_contract', field: i.action, before: view(c), after: view({ contractNo: c.contractNo, state: to }, detail) };
  await appendEvents(a.db, a.userId, a.now, [event]);
  return getContract(a.db, c.id);
}

/** Whether a step changes which units the contract covers: the warranty of their cases must be decided again. */
export const changesCover = (before: ContractState, after: ContractState): boolean =>
  COVERING_CONTRACT_STATES.includes(before) !== COVERING_CONTRACT_STATES.includes(after);

/** Above this many cases a contract's change is left to the scheduler's next pass (see reevaluateCovered). */
export const EVALUATE_AT_ONCE = 50;

/**
 * The open cases a contract may cover: those naming one of its serial numbers (any customer, as the
 * warranty engine matches a serial), and its customer's cases on one of its models; the origin case
 * always, open or not.
 */
export async function casesUnderContract(db: Kysely<Database>, c: ServiceContract): Promise<number[]> {
  const ids = new Set<number>(c.complaintId !== null ? [c.complaintId] : []);
  const keys = [...new Set(c.serials.map(normalizeKey).filter(Boolean))];
  for (let k = 0; k < keys.length; k += 200) {
    const rows = await db.selectFrom('complaints').select('id').where(OPEN_STATES_SQL).where('serial_key', 'in', keys.slice(k, k + 200)).execute();
    for (const r of rows) ids.add(r.id);
  }
  if (c.models.length && c.customerId !== null) {
    const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();
    const models = new Set(c.models.map(norm));
    const rows = await db.selectFrom('complaints').select(['id', 'product_model']).where(OPEN_STATES_SQL).where('customer_id', '=', c.customerId).execute();
    for (const r of rows) if (models.has(norm(r.product_model))) ids.add(r.id);
  }
  return [...ids].sort((x, y) => x - y);
}

/**
 * After a contract starts or stops covering: the warranty (and the SLA, which may run by contract)
 * of the cases it may cover is decided again. A contract names a few units, so their cases are
 * evaluated in the same transaction — the origin case first — and the screens and the decision
 * guard see the new status at once. A contract over a large fleet leaves the cases beyond
 * EVALUATE_AT_ONCE to the scheduler: their `engine_at` is cleared, which makes its next pass (within
 * a minute) evaluate them in full, as rule-store.ts does when the repeat window changes.
 */
export async function reevaluateCovered(
  db: Kysely<Database>,
  engine: RuleEngine,
  actor: { userId: number; now: Date },
  c: ServiceContract,
): Promise<{ evaluated: number[]; deferred: number[]; notified: Notified[] }> {
  const all = await casesUnderContract(db, c);
  const ordered = c.complaintId !== null ? [c.complaintId, ...all.filter((x) => x !== c.complaintId)] : all;
  const now = ordered.slice(0, EVALUATE_AT_ONCE);
  const later = ordered.slice(EVALUATE_AT_ONCE);
  const notified: Notified[] = [];
  for (const id of now) notified.push(await engine.afterChange(db, actor, id));
  for (let k = 0; k < later.length; k += 500) {
    await db.updateTable('complaints').set({ engine_at: null }).where('id', 'in', later.slice(k, k + 500)).execute();
  }
  return { evaluated: now, deferred: later, notified };
}

/** Contracts quoted from the case, and those covering its unit (its serial number, or its customer and model). */
export async function contractsForCase(db: Kysely<Database>, id: number): Promise<ServiceContract[]> {
  const k = await db.selectFrom('complaints').select(['id', 'customer_id', 'serial_key', 'serial_no', 'product_model']).where('id', '=', id).executeTakeFirst();
  if (!k) throw new ApiError('NOT_FOUND', `no complaint with id ${id}`);
  const rows = await contractsQuery(db)
    .where((eb) => eb.or([eb('sc.complaint_id', '=', id), eb('sc.customer_id', '=', k.customer_id), eb('sc.customer_id', 'is', null)]))
    .orderBy('sc.id')
    .execute();
  const serial = normalizeKey(k.serial_no);
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();
  const model = norm(k.product_model);
  return rows
    .map(toContract)
    .filter(
      (c) =>
        c.complaintId === id ||
        (!!serial && c.serials.some((s) => normalizeKey(s) === serial)) ||
        (c.customerId === k.customer_id && c.models.some((m) => norm(m) === model)),
    );
}

/**
 * Signed or invoiced contracts that allow out-of-warranty work on the case now: quoted from the
 * case, or covering its unit on `today` (the workflow's decision guard).
 */
export async function coveringContractsForCase(db: Kysely<Database>, id: number, today: string): Promise<ServiceContract[]> {
  return (await contractsForCase(db, id)).filter(
    (c) => COVERING_CONTRACT_STATES.includes(c.state) && (c.complaintId === id || (c.validFrom <= today && today <= c.validTo)),
  );
}

/** The contracts list: newest first, searched by number or customer, filtered by state. */
export async function listContracts(db: Kysely<Database>, i: In<typeof contractsListSchema>): Promise<Paged<ServiceContract>> {
  let q = contractsQuery(db);
  if (i.states.length) q = q.where('sc.state', 'in', i.states);
  if (i.customerId !== null) q = q.where('sc.customer_id', '=', i.customerId);
  const term = i.q.trim();
  if (term) {
    const like = `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`${sql.ref('sc.contract_no')} LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`${sql.ref('customers.name')} LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`${sql.ref('complaints.tracking_no')} LIKE ${like} ESCAPE '\\'`,
      ]),
    );
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q.orderBy('sc.id', 'desc').offset(i.offset).limit(i.limit).execute();
  return { rows: rows.map(toContract), total: Number(total.n) };
}
