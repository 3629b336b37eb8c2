import type { Kysely } from 'kysely';
import type { Contact, Customer, ProductModel } from '../../shared/types';
import { fieldError } from '../../shared/errors';
import { like } from '../db/like';
import type { Database } from '../db/schema';

/** Customers, their contact people, and the product models complaints are about. */


export async function searchCustomers(db: Kysely<Database>, q: string, limit: number): Promise<Customer[]> {
  let query = db.selectFrom('customers').select(['id', 'name', 'region']).orderBy('name').limit(limit);
  if (q) query = query.where(like('name', 'contains', q));
  return query.execute();
}

export async function getCustomer(db: Kysely<Database>, id: number, field = 'customerId'): Promise<Customer> {
  const c = await db.selectFrom('customers').select(['id', 'name', 'region']).where('id', '=', id).executeTakeFirst();
  if (!c) throw fieldError(field, 'not_found', `no customer with id ${id}`);
  return c;
}

/** Creates a customer, or returns the one that already has this exact name. */
export async function findOrCreateCustomer(
  db: Kysely<Database>,
  input: { name: string; region: string | null },
  now: Date,
): Promise<{ customer: Customer; created: boolean }> {
  const existing = await db
    .selectFrom('customers')
    .select(['id', 'name', 'region'])
    .where('name', '=', input.name)
    .executeTakeFirst();
  if (existing) return { customer: existing, created: false };
  const row = await db
    .insertInto('customers')
    .values({ name: input.name, region: input.region, created_at: now.toISOString() })
    .returning(['id', 'name', 'region'])
    .executeTakeFirstOrThrow();
  return { customer: row, created: true };
}

export async function listContacts(db: Kysely<Database>, customerId: number): Promise<Contact[]> {
  return db
    .selectFrom('contacts')
    .select(['id', 'customer_id as customerId', 'name', 'phone', 'email'])
    .where('customer_id', '=', customerId)
    .orderBy('name')
    .execute();
}

/** Remembers a contact person of a customer, or refreshes the phone and e-mail of a known one. */
export async function rememberContact(
  db: Kysely<Database>,
  customerId: number,
  c: { name: string | null; phone: string | null; email: string | null },
  now: Date,
): Promise<void> {
  if (!c.name) return;
  const existing = await db
    .selectFrom('contacts')
    .select(['id', 'phone', 'email'])
    .where('customer_id', '=', customerId)
    .where('name', '=', c.name)
    .executeTakeFirst();
  if (!existing) {
    await db
      .insertInto('contacts')
      .values({ customer_id: customerId, name: c.name, phone: c.phone, email: c.email, created_at: now.toISOString() })
      .execute();
  } else if ((c.phone && c.phone !== existing.phone) || (c.email && c.email !== existing.email)) {
    await db
      .updateTable('contacts')
      .set({ phone: c.phone ?? existing.phone, email: c.email ?? existing.email })
      .where('id', '=', existing.id)
      .execute();
  }
}

export async function searchProducts(db: Kysely<Database>, q: string, limit: number): Promise<ProductModel[]> {
  let query = db
    .selectFrom('product_models')
    .select(['id', 'model', 'product_line as productLine'])
    .orderBy('model')
    .limit(limit);
  if (q) query = query.where(like('model', 'contains', q));
  return query.execute();
}

export async function findOrCreateProduct(db: Kysely<Database>, model: string, now: Date): Promise<ProductModel> {
  const existing = await db
    .selectFrom('product_models')
    .select(['id', 'model', 'product_line as productLine'])
    .where('model', '=', model)
    .executeTakeFirst();
  if (existing) return existing;
  return db
    .insertInto('product_models')
    .values({ model, product_line: null, created_at: now.toISOString() })
    .returning(['id', 'model', 'product_line as productLine'])
    .executeTakeFirstOrThrow();
}
