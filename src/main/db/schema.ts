import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The store's tables as Kysely sees them. Column names are snake_case in SQL; services alias them to
 * the camelCase of `shared/types.ts` in their selects. Instants are ISO-8601 UTC text, calendar
 * dates `YYYY-MM-DD`, money integer fen (from the costs issue on).
 */

export interface UsersTable {
  id: Generated<number>;
  name: string;
  role: string;
  password_hash: string | null;
  active: ColumnType<number, number | undefined, number>;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
}

export interface PrefsTable {
  user_id: number;
  key: string;
  value: string;
}

export interface CustomersTable {
  id: Generated<number>;
  name: string;
  region: string | null;
  created_at: string;
}

export interface ContactsTable {
  id: Generated<number>;
  customer_id: number;
  name: string;
  phone: string | null;
  email: string | null;
  created_at: string;
}

export interface ProductModelsTable {
  id: Generated<number>;
  model: string;
  product_line: string | null;
  created_at: string;
}

/** One counter per tracking-number period key; only ever incremented. */
export interface SequencesTable {
  key: string;
  last: number;
}

export interface ComplaintsTable {
  id: Generated<number>;
  tracking_no: string;
  received_at: string;
  channel: string;
  customer_id: number;
  /** The customer's name as registered: sorts and filters the tracking table without a join. */
  customer_name: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  product_model_id: number;
  product_model: string;
  serial_no: string | null;
  delivery_date: string | null;
  description: string;
  defect_category: string;
  severity: string;
  state: string;
  /** Lower-cased tracking number, customer, serial and description: the quick search reads only this. */
  search_text: string;
  created_at: string;
  created_by: number;
  updated_at: string;
  version: number;
}

/** Append-only: triggers refuse UPDATE and DELETE. The case timeline and the audit trail are this table. */
export interface EventsTable {
  id: Generated<number>;
  complaint_id: number | null;
  at: string;
  actor_id: number;
  kind: string;
  field: string | null;
  /** JSON text or null. */
  before: string | null;
  after: string | null;
}

export interface Database {
  users: UsersTable;
  settings: SettingsTable;
  prefs: PrefsTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  product_models: ProductModelsTable;
  sequences: SequencesTable;
  complaints: ComplaintsTable;
  events: EventsTable;
}

export type UserRow = Selectable<UsersTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type ComplaintRecord = Selectable<ComplaintsTable>;
export type NewComplaint = Insertable<ComplaintsTable>;
export type ComplaintUpdate = Updateable<ComplaintsTable>;
export type NewEvent = Insertable<EventsTable>;
