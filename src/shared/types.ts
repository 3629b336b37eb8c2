import type { Channel, ComplaintState, DefectCategory, Role, Severity } from './domain';

/** Output shapes of the api. Dates as in DESIGN.md: instants ISO UTC, calendar dates YYYY-MM-DD. */

export interface User {
  id: number;
  name: string;
  role: Role;
}

export interface Customer {
  id: number;
  name: string;
  region: string | null;
}

export interface Contact {
  id: number;
  customerId: number;
  name: string;
  phone: string | null;
  email: string | null;
}

export interface ProductModel {
  id: number;
  model: string;
  productLine: string | null;
}

/** One row of the customer complaints tracking table. */
export interface ComplaintRow {
  id: number;
  trackingNo: string;
  receivedAt: string;
  channel: Channel;
  customerId: number;
  customerName: string;
  contactName: string | null;
  productModel: string;
  serialNo: string | null;
  deliveryDate: string | null;
  defectCategory: DefectCategory;
  severity: Severity;
  state: ComplaintState;
  description: string;
  createdAt: string;
}

export interface ComplaintDetail extends ComplaintRow {
  contactPhone: string | null;
  contactEmail: string | null;
  createdBy: number;
  updatedAt: string;
  version: number;
}

export interface ComplaintEvent {
  id: number;
  complaintId: number;
  at: string;
  actorId: number;
  actorName: string;
  kind: string;
  field: string | null;
  before: unknown;
  after: unknown;
}

export interface TrackingPage {
  rows: ComplaintRow[];
  /** Total row count when this page reached the end, otherwise null (ag-grid: unknown yet). */
  lastRow: number | null;
}

export interface AppStatus {
  /** True until the person chose demo data or an empty start. */
  firstRun: boolean;
  complaintCount: number;
  version: string;
  dataDir: string;
  user: User;
}

export interface Settings {
  trackingNumberFormat: string;
  officeTimeZone: string;
}
