import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';
import { createDeskApp, type AppOptions, type DeskApp } from '../../src/main/app';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/contract';
import type { ApiErrorBody } from '../../src/shared/errors';
import type { ComplaintCreateInput } from '../../src/shared/schemas/complaint';

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

export interface TestApp extends DeskApp {
  /** Calls a method and returns its value; a failure fails the test with the error body. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Calls a method that must fail and returns the error body. */
  fail(method: string, input: unknown): Promise<ApiErrorBody>;
  /** Row counts of every table a complaint touches, read with raw SQL. */
  counts(): Record<string, number>;
}

export async function openTestApp(opts: Scope & Partial<Omit<AppOptions, 'dataDir'>> & { dataDir?: string } = {}): Promise<TestApp> {
  const dataDir = opts.dataDir ?? makeTempDir(opts);
  const app = await createDeskApp({
    dataDir,
    version: opts.version ?? 'test',
    ...(opts.clock ? { clock: opts.clock } : {}),
    log: opts.log ?? (() => undefined),
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
      for (const t of ['complaints', 'customers', 'contacts', 'product_models', 'events', 'sequences']) {
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
