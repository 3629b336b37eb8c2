import { z } from 'zod';
import { ROLES, type Role } from './domain';
import { complaintCreateSchema, complaintUpdateSchema } from './schemas/complaint';
import { trackingFilterSchema, trackingPageSchema } from './schemas/grid';
import { id } from './schemas/common';
import { settingsPatchSchema } from './schemas/settings';
import type {
  AppStatus,
  ComplaintDetail,
  ComplaintEvent,
  Contact,
  Customer,
  ProductModel,
  Settings,
  TrackingPage,
  User,
} from './types';

/**
 * The whole api, once: each method's zod input, its output type and the roles allowed to call it.
 * Main's handler table is checked against this map for completeness; the renderer's client derives
 * argument and result types from it. Nothing else crosses the process border.
 */

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  roles: readonly Role[];
  /** Mutating methods run in a write transaction and may write audit events. */
  mutates: boolean;
  /** Phantom: carries the output type. */
  readonly __output?: O;
}

const def =
  <O>() =>
  <I extends z.ZodType>(d: { input: I; roles: readonly Role[]; mutates: boolean }): MethodDef<I, O> =>
    d;

const ALL = ROLES;
/** Who registers and edits complaints: seed 002 §5.1 puts it on the sales administration staff. */
const INTAKE: readonly Role[] = ['sales_admin', 'sales_manager', 'branch_manager', 'admin'];
const empty = z.object({}).strict();

export const contract = {
  'app.status': def<AppStatus>()({ input: empty, roles: ALL, mutates: false }),
  'app.loadDemo': def<{ complaints: number }>()({
    input: z.object({ complaints: z.number().int().min(1).max(20000).default(3000) }),
    roles: ['admin', 'sales_admin', 'sales_manager'],
    mutates: true,
  }),
  'app.startEmpty': def<AppStatus>()({ input: empty, roles: ALL, mutates: true }),

  'session.current': def<User>()({ input: empty, roles: ALL, mutates: false }),

  'settings.get': def<Settings>()({ input: empty, roles: ALL, mutates: false }),
  'settings.update': def<Settings>()({ input: settingsPatchSchema, roles: ['admin'], mutates: true }),

  'prefs.get': def<{ value: unknown }>()({
    input: z.object({ key: z.string().min(1).max(100) }),
    roles: ALL,
    mutates: false,
  }),
  'prefs.set': def<{ value: unknown }>()({
    input: z.object({ key: z.string().min(1).max(100), value: z.json() }),
    roles: ALL,
    mutates: true,
  }),

  'customers.search': def<Customer[]>()({
    input: z.object({ q: z.string().trim().max(100).default(''), limit: z.number().int().min(1).max(50).default(20) }),
    roles: ALL,
    mutates: false,
  }),
  'customers.contacts': def<Contact[]>()({ input: z.object({ customerId: id }), roles: ALL, mutates: false }),
  'products.search': def<ProductModel[]>()({
    input: z.object({ q: z.string().trim().max(100).default(''), limit: z.number().int().min(1).max(50).default(20) }),
    roles: ALL,
    mutates: false,
  }),

  'complaints.create': def<ComplaintDetail>()({ input: complaintCreateSchema, roles: INTAKE, mutates: true }),
  'complaints.update': def<ComplaintDetail>()({ input: complaintUpdateSchema, roles: INTAKE, mutates: true }),
  'complaints.get': def<ComplaintDetail>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  'complaints.events': def<ComplaintEvent[]>()({ input: z.object({ id }), roles: ALL, mutates: false }),
  'complaints.page': def<TrackingPage>()({ input: trackingPageSchema, roles: ALL, mutates: false }),
  'complaints.count': def<{ count: number }>()({ input: trackingFilterSchema, roles: ALL, mutates: false }),
} as const satisfies Record<string, MethodDef>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What the caller passes (before zod defaults and transforms). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What the handler receives (after parsing). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['__output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed from main to the renderer (SSE in the host, IPC in Electron). */
export interface DeskEvents {
  'complaints.changed': { ids: number[] };
  'app.dataReset': Record<string, never>;
}
export type DeskEventName = keyof DeskEvents;

/** The one object the preload exposes, and the host client imitates. */
export interface DeskBridge {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<import('./errors').ApiResult<MethodOutput<M>>>;
  on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void;
}
