import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';
import { createDeskApp, type AppOptions, type DeskApp } from '../../src/main/app';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/contract';
import type { ApiErrorBody } from '../../src/shared/errors';
import type { ComplaintCreateInput } from '../../src/shared/schemas/complaint';
import { ROLES, type Classification, type Role, type WorkflowAction } from '../../src/shared/domain';
import type { CaseFile } from '../../src/shared/types';

/**
 * The app as both transports run it, on a real SQLite file in a fresh temp folder. Apps and folders
 * opened in a test are closed and removed after that test; those opened in `beforeAll` with
 * `{ scope: 'file' }` after the file.
 */

type Cleanup = () => Promise<void> | void;
const perTest: Cleanup[] = [];
const perFile: Cleanup[] = [];

async function drain(list: Cleanup[]): Promise<void> {
  for (const c of list.splice(0).reverse()) await c();
}
afterEach(() => drain(perTest));
afterAll(() => drain(perFile));

export interface Scope {
  /** 'test' (default): removed after the current test; 'file': after the whole file. */
  scope?: 'test' | 'file';
}

/** A fresh folder in the OS temp folder, removed afterwards. */
export function makeTempDir(opts: Scope = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'after-sales-desk-'));
  (opts.scope === 'file' ? perFile : perTest).push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Registers work to run when the scope ends (before its temp folders are removed). */
export function onCleanup(c: Cleanup, opts: Scope = {}): void {
  (opts.scope === 'file' ? perFile : perTest).push(c);
}

/** Tables whose row counts `counts()` reports: the intake's and the lifecycle's. */
const COUNTED = [
  'complaints',
  'customers',
  'contacts',
  'product_models',
  'events',
  'sequences',
  'investigations',
  'treatment_options',
  'customer_agreements',
  'responsibilities',
  'attachments',
  'acceptances',
  'verifications',
  'users',
  'departments',
] as const;

export interface TestApp extends DeskApp {
  /** Calls a method and returns its value; a failure fails the test with the error body. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Calls a method that must fail and returns the error body. */
  fail(method: string, input: unknown): Promise<ApiErrorBody>;
  /** Row counts of every table a complaint touches, read with raw SQL. */
  counts(): Record<string, number>;
}

export async function openTestApp(opts: Scope & Partial<AppOptions> = {}): Promise<TestApp> {
  const { scope, dataDir: given, ...rest } = opts;
  const dataDir = given ?? makeTempDir({ scope });
  const app = await createDeskApp({
    version: 'test',
    log: () => undefined,
    ...rest,
    dataDir,
    // The scheduler's timer would change cases while a test reads them: tests run passes themselves
    // (`app.scheduler.runOnce()`) unless they ask for it.
    scheduler: rest.scheduler ?? false,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  onCleanup(close, opts);
  return {
    ...app,
    close,
    async call(method, input) {
      const r = await app.dispatch(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value as never;
    },
    async fail(method, input) {
      const r = await app.dispatch(method, input);
      expect(r.ok, `${method} should have failed`).toBe(false);
      if (r.ok) throw new Error('unreachable');
      return r.error;
    },
    counts() {
      const out: Record<string, number> = {};
      for (const t of COUNTED) {
        out[t] = (app.store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      }
      out.sequenceTotal = (app.store.sqlite.prepare('SELECT coalesce(sum(last), 0) AS n FROM sequences').get() as { n: number }).n;
      return out;
    },
  };
}

/** A complete, valid intake form: a phone call from a new customer about a compressor. */
export function complaintInput(over: Partial<ComplaintCreateInput> = {}): ComplaintCreateInput {
  return {
    receivedAt: '2026-11-20T02:30:00.000Z',
    channel: 'phone',
    newCustomer: { name: '苏州恒达机械有限公司', region: '苏州' },
    contactName: '王伟',
    contactPhone: '+86 512 6688 1234',
    contactEmail: 'wang.wei@hengda.example.com',
    productModel: 'SA-37A',
    serialNo: 'SA37A2512345',
    deliveryDate: '2025-12-01',
    description: '设备开机后主控板报过载故障，无法正常启动。',
    defectCategory: 'electrical',
    severity: 'normal',
    ...over,
  };
}

/** The tracking-number month prefix (`CC-YYYYMM-`) of an instant in Shanghai. */
export function shanghaiPrefix(at: Date): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(at)
    .split('-');
  return `CC-${y}${m}-`;
}

/** A clock that moves one second on at every reading, so that every call has its own instant. */
export function tickingClock(start = '2026-11-21T01:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

/** The app with one profile per role (created by the default administrator), and a way to act as each. */
export interface Office extends TestApp {
  /** The profile of each role; `admin` is the database's default administrator. */
  staff: Record<Role, number>;
  /** Switches to the profile of this role (or to the profile with this id). */
  as(who: Role | number): Promise<void>;
  /** The case as it is now. */
  file(id: number): Promise<CaseFile>;
  /** Acts on a case as this role, with the version it has now. */
  edit<M extends CaseMethod>(who: Role | number, method: M, id: number, input: Omit<MethodInput<M>, 'id' | 'version'>): Promise<CaseFile>;
  /** Tries a change as this role with the current version; answers the error body it must fail with. */
  refuse<M extends CaseMethod>(who: Role | number, method: M, id: number, input: Omit<MethodInput<M>, 'id' | 'version'>): Promise<ApiErrorBody>;
  /** Takes a workflow step as this role. */
  step(who: Role | number, id: number, action: WorkflowAction, extra?: { reason?: string; optionIndex?: number }): Promise<CaseFile>;
  /** Events of the whole database, read with raw SQL (ids ascending). */
  allEvents(): RawEvent[];
}

/** Case methods that take the id and version of the case being changed. */
export type CaseMethod = {
  [M in MethodName]: MethodInput<M> extends { id: number; version: number } ? M : never;
}[MethodName];

export interface RawEvent {
  id: number;
  complaintId: number | null;
  at: string;
  actorId: number;
  kind: string;
  field: string | null;
  before: unknown;
  after: unknown;
}

export async function openOffice(opts: Scope & Pick<AppOptions, 'scheduler' | 'mail'> & { clock?: () => Date; dataDir?: string } = {}): Promise<Office> {
  const app = await openTestApp({ ...opts, clock: opts.clock ?? tickingClock() });
  const admin = await app.call('session.current', {});
  const staff = { admin: admin.id } as Record<Role, number>;
  for (const role of ROLES) {
    if (role === 'admin') continue;
    staff[role] = (await app.call('users.create', { name: `${role} 1`, role })).id;
  }
  const as = async (who: Role | number) => {
    await app.call('session.switch', { userId: typeof who === 'number' ? who : staff[who] });
  };
  const file = (id: number) => app.call('complaints.file', { id });
  const input = async (id: number, rest: object) => ({ ...rest, id, version: (await file(id)).version });
  return {
    ...app,
    staff,
    as,
    file,
    async edit(who, method, id, rest) {
      await as(who);
      return (await app.call(method, (await input(id, rest)) as never)) as CaseFile;
    },
    async refuse(who, method, id, rest) {
      await as(who);
      return app.fail(method, await input(id, rest));
    },
    async step(who, id, action, extra = {}) {
      await as(who);
      return app.call('complaints.transition', { ...(await input(id, extra)), action });
    },
    allEvents() {
      const rows = app.store.sqlite
        .prepare('SELECT id, complaint_id AS complaintId, at, actor_id AS actorId, kind, field, before, after FROM events ORDER BY id')
        .all() as Array<Omit<RawEvent, 'before' | 'after'> & { before: string | null; after: string | null }>;
      return rows.map((r) => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }));
    },
  };
}

/** A registered case, classified, as sales administration registers it (intake defaults of complaintInput). */
export async function registerCase(
  o: Office,
  classification: Classification | null = 'quality',
  over: Partial<ComplaintCreateInput> = {},
): Promise<CaseFile> {
  await o.as('sales_admin');
  const c = await o.call('complaints.create', complaintInput(over));
  if (classification) await o.edit('sales_admin', 'complaints.classify', c.id, { classification });
  return o.file(c.id);
}

/** The customer's acceptance and a satisfied verification, as recorded in the seeds' procedure (001). */
export const ACCEPTANCE = { acceptedBy: '王伟', acceptedOn: '2026-11-22', note: '验收单已交财务部' };
export const VERIFICATION = { channel: 'phone', contactName: '王伟', verifiedAt: '2026-11-23T02:00:00.000Z', resolved: true, satisfaction: 5 } as const;

/** The states `driveTo` can bring a case to, in the order of the procedure. */
const ORDER = ['registered', 'investigating', 'awaiting_decision', 'in_service', 'awaiting_verification', 'verified', 'closed'] as const;

/**
 * Takes a registered, classified case along the ordinary path (an option under the chairman's
 * threshold, paid by the company) until it reaches `target`.
 */
export async function driveTo(o: Office, id: number, target: (typeof ORDER)[number]): Promise<CaseFile> {
  const reach = (s: (typeof ORDER)[number]) => ORDER.indexOf(target) >= ORDER.indexOf(s);
  let f = await o.file(id);
  if (reach('investigating') && f.state === 'registered') f = await o.step('sales_manager', id, 'accept');
  if (reach('awaiting_decision') && f.state === 'investigating') {
    await o.edit('production_technology', 'complaints.saveInvestigation', id, { cause: '电容批次不良', countermeasures: '更换主控板', method: 'free' });
    await o.edit('production_technology', 'complaints.saveOptions', id, {
      options: [{ kind: 'repair', description: '上门更换主控板', estimatedCost: 180_000, payer: 'company' }],
    });
    f = await o.step('production_technology', id, 'submit_for_decision');
  }
  if (reach('in_service') && f.state === 'awaiting_decision') f = await o.step('sales_manager', id, 'decide', { reason: '同意维修', optionIndex: 0 });
  if (reach('awaiting_verification') && f.state === 'in_service') {
    await o.edit('production_after_sales', 'complaints.recordAcceptance', id, ACCEPTANCE);
    f = await o.step('production_after_sales', id, 'record_acceptance');
  }
  if (reach('verified') && f.state === 'awaiting_verification') {
    await o.edit('sales_admin', 'complaints.recordVerification', id, VERIFICATION);
    f = await o.step('sales_admin', id, 'verify');
  }
  if (reach('closed') && f.state === 'verified') {
    if (f.classification === 'quality' && !f.responsibilities.length) {
      const production = (await o.call('departments.list', {})).find((d) => d.code === 'production')!;
      await o.edit('sales_admin', 'complaints.saveResponsibility', id, { entries: [{ departmentId: production.id, shareBp: 10000 }] });
    }
    f = await o.step('sales_admin', id, 'close');
  }
  expect(f.state).toBe(target);
  return f;
}
