import type BetterSqlite3 from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { calendarDateOf, zonedParts } from '../../shared/dates';
import type { ImportResult } from '../../shared/data-io';
import type { Database, NewComplaint } from '../db/schema';
import { normalizeKey } from '../rules/repeat';
import { appendEvents, type AuditEntry } from '../services/audit';
import { searchText } from '../services/complaints';
import { getSettings } from '../services/settings';
import { formatTrackingNumber, periodKey, type YearMonth } from '../rules/tracking-number';
import type { CheckedRow, Mapping, RowValue } from './validate';

/**
 * What an import checks against the store and how it writes. Runs in the worker on its own
 * connection, inside one transaction (main holds the write gate meanwhile): customers and product
 * models first (only when the person confirmed creating the missing ones), then the cases in chunks
 * of 500 with one `imported` event each and a pending cost line for an amount, then the batch record.
 * A refusal or a cancel throws, and the transaction rolls everything back.
 */

type Db = Kysely<Database>;
const CHUNK = 500;

async function existing<T extends string>(db: Db, values: string[], lookup: (chunk: string[]) => Promise<T[]>): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < values.length; i += CHUNK) for (const v of await lookup(values.slice(i, i + CHUNK))) found.add(v);
  return found;
}

/** Rows whose tracking number the store has already: refused as duplicates (their value dropped). */
export async function markStoreDuplicates(db: Db, rows: CheckedRow[]): Promise<void> {
  const numbers = [...new Set(rows.flatMap((r) => (r.value?.trackingNo ? [r.value.trackingNo] : [])))];
  const taken = await existing(db, numbers, async (chunk) =>
    (await db.selectFrom('complaints').select('tracking_no').where('tracking_no', 'in', chunk).execute()).map((r) => r.tracking_no),
  );
  if (!taken.size) return;
  for (const r of rows) {
    if (r.value?.trackingNo && taken.has(r.value.trackingNo)) {
      r.problems.push({ field: 'trackingNo', code: 'duplicate_in_db', value: r.value.trackingNo });
      r.value = null;
    }
  }
}

/** Customers and product models the good rows name that the store does not have, sorted. */
export async function missingNames(db: Db, rows: CheckedRow[]): Promise<{ customers: string[]; products: string[] }> {
  const good = rows.flatMap((r) => (r.value ? [r.value] : []));
  const customers = [...new Set(good.map((v) => v.customerName))];
  const products = [...new Set(good.map((v) => v.productModel))];
  const haveC = await existing(db, customers, async (chunk) =>
    (await db.selectFrom('customers').select('name').where('name', 'in', chunk).execute()).map((r) => r.name),
  );
  const haveP = await existing(db, products, async (chunk) =>
    (await db.selectFrom('product_models').select('model').where('model', 'in', chunk).execute()).map((r) => r.model),
  );
  const sort = (a: string, b: string) => a.localeCompare(b, 'zh-CN');
  return { customers: customers.filter((n) => !haveC.has(n)).sort(sort), products: products.filter((n) => !haveP.has(n)).sort(sort) };
}

/** Why a run writes nothing; the code is translated under `importer.failure.`. */
export class RunRefused extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}
export class RunCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface WriteOptions {
  rows: CheckedRow[];
  /** The raw handle of the connection `db` runs on (the same transaction): the cases go in through a prepared statement. */
  raw: BetterSqlite3.Database;
  userId: number;
  now: Date;
  file: { name: string; sha256: string; sheet: string; headerRow: number; mapping: Mapping };
  createMissing: boolean;
  skipBadRows: boolean;
  /** Called after every chunk written. */
  progress(done: number, total: number): void;
  cancelled(): boolean;
  /** Lets the worker read its messages between chunks. */
  yieldNow(): Promise<void>;
}

async function ensureNames(
  db: Db,
  names: string[],
  find: (chunk: string[]) => Promise<Array<{ id: number; name: string }>>,
  insert: (chunk: string[]) => Promise<Array<{ id: number; name: string }>>,
): Promise<{ ids: Map<string, number>; created: number }> {
  const ids = new Map<string, number>();
  for (let i = 0; i < names.length; i += CHUNK) for (const r of await find(names.slice(i, i + CHUNK))) ids.set(r.name, r.id);
  const missing = names.filter((n) => !ids.has(n));
  for (let i = 0; i < missing.length; i += CHUNK) for (const r of await insert(missing.slice(i, i + CHUNK))) ids.set(r.name, r.id);
  return { ids, created: missing.length };
}

export async function writeImport(db: Db, o: WriteOptions): Promise<ImportResult> {
  await markStoreDuplicates(db, o.rows);
  const bad = o.rows.filter((r) => !r.value);
  const good = o.rows.flatMap((r) => (r.value ? [{ row: r.row, v: r.value }] : []));
  if (bad.length && !o.skipBadRows) throw new RunRefused('bad_rows', { count: bad.length });
  if (!good.length) throw new RunRefused('nothing_to_import');
  const missing = await missingNames(db, o.rows);
  if (!o.createMissing && missing.customers.length) throw new RunRefused('missing_customers', { count: missing.customers.length });
  if (!o.createMissing && missing.products.length) throw new RunRefused('missing_products', { count: missing.products.length });

  const ts = o.now.toISOString();
  const settings = await getSettings(db);
  const tz = settings.officeTimeZone;
  const regionOf = new Map<string, string | null>();
  for (const { v } of good) if (!regionOf.get(v.customerName)) regionOf.set(v.customerName, v.customerRegion);
  const customers = await ensureNames(
    db,
    [...regionOf.keys()],
    (chunk) => db.selectFrom('customers').select(['id', 'name']).where('name', 'in', chunk).execute(),
    (chunk) =>
      db
        .insertInto('customers')
        .values(chunk.map((name) => ({ name, region: regionOf.get(name) ?? null, created_at: ts })))
        .returning(['id', 'name'])
        .execute(),
  );
  const products = await ensureNames(
    db,
    [...new Set(good.map(({ v }) => v.productModel))],
    (chunk) => db.selectFrom('product_models').select(['id', 'model as name']).where('model', 'in', chunk).execute(),
    (chunk) =>
      db
        .insertInto('product_models')
        .values(chunk.map((model) => ({ model, product_line: null, created_at: ts })))
        .returning(['id', 'model as name'])
        .execute(),
  );

  // Contact people the registration form can suggest: new ones only (a known contact's current phone
  // and e-mail are not overwritten by an old sheet's).
  const contacts = new Map<string, { customer_id: number; name: string; phone: string | null; email: string | null }>();
  for (const { v } of good) {
    if (!v.contactName) continue;
    const customerId = customers.ids.get(v.customerName)!;
    contacts.set(`${customerId}\u0000${v.contactName}`, { customer_id: customerId, name: v.contactName, phone: v.contactPhone, email: v.contactEmail });
  }
  const known = new Set<string>();
  const contactList = [...contacts.values()];
  for (let i = 0; i < contactList.length; i += CHUNK) {
    const chunk = contactList.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('contacts')
      .select(['customer_id', 'name'])
      .where('customer_id', 'in', [...new Set(chunk.map((c) => c.customer_id))])
      .execute();
    for (const r of rows) known.add(`${r.customer_id}\u0000${r.name}`);
  }
  const newContacts = contactList.filter((c) => !known.has(`${c.customer_id}\u0000${c.name}`));
  for (let i = 0; i < newContacts.length; i += CHUNK) {
    await db
      .insertInto('contacts')
      .values(newContacts.slice(i, i + CHUNK).map((c) => ({ ...c, created_at: ts })))
      .execute();
  }

  const { id: batch } = await db
    .insertInto('import_batches')
    .values({
      file_name: o.file.name,
      sha256: o.file.sha256,
      sheet: o.file.sheet,
      header_row: o.file.headerRow,
      mapping: JSON.stringify(o.file.mapping),
      rows_total: o.rows.length,
      created: 0,
      skipped: bad.length,
      customers_created: customers.created,
      products_created: products.created,
      cost_lines: 0,
      imported_by: o.userId,
      imported_at: ts,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // Numbers the file keeps are not handed out to its rows without one.
  const fileNumbers = new Set(good.flatMap(({ v }) => (v.trackingNo ? [v.trackingNo] : [])));
  const numbers = numberer(o.raw, settings.trackingNumberFormat, tz, fileNumbers);
  // In the order they were received: ids (and the indexes led by received_at) grow as they would have.
  good.sort((a, b) => (a.v.receivedAt < b.v.receivedAt ? -1 : a.v.receivedAt > b.v.receivedAt ? 1 : a.row - b.row));
  let insert: Statement | null = null;
  let closed = 0;
  let costLines = 0;
  o.progress(0, good.length);
  for (let i = 0; i < good.length; i += CHUNK) {
    await o.yieldNow();
    if (o.cancelled()) throw new RunCancelled();
    const chunk = good.slice(i, i + CHUNK);
    const records: NewComplaint[] = [];
    for (const { v } of chunk) {
      // Numbered in the month the complaint was received, as it would have been then.
      const trackingNo = v.trackingNo ?? numbers.next(v.receivedAt);
      records.push(record(v, trackingNo, customers.ids.get(v.customerName)!, products.ids.get(v.productModel)!, o.userId, ts));
    }
    // One prepared statement on the worker's connection (inside the same transaction): 50,000 rows
    // through 45 indexes without compiling a 13,000-parameter statement per chunk.
    const stmt = (insert ??= o.raw.prepare(`INSERT INTO complaints (${Object.keys(records[0]!).join(', ')}) VALUES (${Object.keys(records[0]!).map((c) => `@${c}`).join(', ')})`));
    const ids = records.map((r) => ({ id: Number(stmt.run(r).lastInsertRowid) }));
    const events: AuditEntry[] = [];
    const costs: Array<Parameters<typeof costLine>[0]> = [];
    ids.forEach(({ id }, k) => {
      const { row, v } = chunk[k]!;
      const r = records[k]!;
      if (v.closedAt) closed++;
      events.push({
        complaintId: id,
        kind: 'imported',
        after: {
          trackingNo: r.tracking_no,
          keptNumber: v.trackingNo !== null,
          file: o.file.name,
          sheet: o.file.sheet,
          row,
          batch,
          ...(v.closedAt ? { state: 'closed', closedAt: v.closedAt } : {}),
          ...(v.amount ? { amount: v.amount } : {}),
          ...(Object.keys(v.original).length ? { original: v.original } : {}),
        },
      });
      if (v.amount) costs.push({ id, v, row });
    });
    await appendEvents(db, o.userId, o.now, events);
    if (costs.length) {
      await db
        .insertInto('cost_lines')
        .values(costs.map((c) => costLine(c, { currency: settings.baseCurrency, tz, userId: o.userId, ts, file: o.file.name })))
        .execute();
      costLines += costs.length;
    }
    o.progress(Math.min(i + CHUNK, good.length), good.length);
  }
  await o.yieldNow();
  if (o.cancelled()) throw new RunCancelled();
  numbers.save();
  await db.updateTable('import_batches').set({ created: good.length, cost_lines: costLines }).where('id', '=', batch).execute();
  return { created: good.length, skipped: bad.length, customersCreated: customers.created, productsCreated: products.created, closed, costLines };
}

/**
 * Tracking numbers for the rows without one, by the rules of services/tracking-numbers.ts for many
 * rows at once: the counter of the period (the month the case was received), numbers taken skipped
 * — by a case in the store or by a number the file keeps — and the counters saved, never lowered.
 */
function numberer(raw: BetterSqlite3.Database, format: string, tz: string, fileNumbers: Set<string>) {
  const counters = new Map<string, { ym: YearMonth; last: number }>();
  const months = new Map<string, YearMonth>();
  const lastOf = raw.prepare<[string], { last: number }>('SELECT last FROM sequences WHERE key = ?');
  const taken = raw.prepare<[string], { one: number }>('SELECT 1 AS one FROM complaints WHERE tracking_no = ?');
  return {
    next(receivedAt: string): string {
      // The zone's offset changes on the hour at most: the month of an hour is the month of its instants.
      const hour = receivedAt.slice(0, 13);
      let ym = months.get(hour);
      if (!ym) {
        const p = zonedParts(new Date(receivedAt), tz);
        months.set(hour, (ym = { year: p.year, month: p.month }));
      }
      const key = periodKey(format, ym);
      const c = counters.get(key) ?? { ym, last: lastOf.get(key)?.last ?? 0 };
      counters.set(key, c);
      for (;;) {
        const no = formatTrackingNumber(format, c.ym, ++c.last);
        if (!fileNumbers.has(no) && !taken.get(no)) return no;
      }
    },
    save(): void {
      const upsert = raw.prepare('INSERT INTO sequences (key, last) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET last = max(last, excluded.last)');
      for (const [key, c] of counters) upsert.run(key, c.last);
    },
  };
}

function record(v: RowValue, trackingNo: string, customerId: number, productId: number, userId: number, ts: string): NewComplaint {
  const base = {
    tracking_no: trackingNo,
    received_at: v.receivedAt,
    channel: v.channel,
    customer_id: customerId,
    customer_name: v.customerName,
    contact_name: v.contactName,
    contact_phone: v.contactPhone,
    contact_email: v.contactEmail,
    product_model_id: productId,
    product_model: v.productModel,
    serial_no: v.serialNo,
    serial_key: normalizeKey(v.serialNo) || null,
    delivery_date: v.deliveryDate,
    description: v.description,
    defect_category: v.defectCategory,
    severity: v.severity,
    // Closed in the file: closed here, on the day it was; otherwise open as a new registration,
    // which the rule engine's next pass evaluates (warranty, SLA clocks) as it does every new case.
    state: v.closedAt ? 'closed' : 'registered',
    state_changed_at: v.closedAt ?? v.receivedAt,
    closed_at: v.closedAt,
    created_at: ts,
    created_by: userId,
    updated_at: ts,
    version: 0,
  };
  return { ...base, search_text: searchText(base) };
}

/**
 * An amount of the old sheet as a cost line of the case: typed in (`manual`), pending, paid by the
 * company, type `other` (the sheet does not say what it was for) — Finance vets it like any other.
 */
function costLine(
  c: { id: number; v: RowValue; row: number },
  o: { currency: string; tz: string; userId: number; ts: string; file: string },
) {
  return {
    complaint_id: c.id,
    cost_type: 'other',
    incurred_on: calendarDateOf(new Date(c.v.closedAt ?? c.v.receivedAt), o.tz),
    amount: c.v.amount!,
    currency: o.currency,
    fx_rate: null,
    base_amount: c.v.amount!,
    payer: 'company',
    source: 'manual',
    source_id: null,
    description: `imported: ${o.file} #${c.row}`.slice(0, 500),
    state: 'pending',
    created_by: o.userId,
    created_at: o.ts,
  };
}
