import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DeskEventName } from '../../shared/contract';
import type { ImportAnalysis, ImportPreview, ImportStatus } from '../../shared/data-io';
import { ApiError } from '../../shared/errors';
import type { WriteGate } from '../services/write-gate';
import type { Answer, FromWorker, Request, RunAnswer, WorkerData, WorkerError } from './protocol';
import type { Mapping } from './validate';

/**
 * Import sessions in main: one worker thread per session (worker.ts), keyed by the import id. Main
 * only passes messages: the file's bytes go to the worker once, the rows stay there between analyse,
 * preview and run. A run holds the write gate alone while the worker writes through its own
 * connection, so people's saves and the scheduler wait on a promise, not in SQLite's busy handler;
 * its progress is published as `import.progress` about ten times a second; after the commit
 * `app.dataReset` makes the scheduler evaluate the new cases and the screens reload. A session
 * unused for 30 minutes is ended with its worker.
 */

export interface ImportSessionsDeps {
  dbFile: string;
  gate: WriteGate;
  publish(event: DeskEventName, payload: unknown): void;
  log(message: string, error: unknown): void;
  idleMs?: number;
}

interface Session {
  id: string;
  worker: Worker;
  status: ImportStatus;
  pending: Map<number, { resolve(v: Answer): void; reject(e: unknown): void }>;
  nextId: number;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  cancel: Int32Array | null;
  lastPublish: number;
  ended: boolean;
}

const MAX_SESSIONS = 4;
const PUBLISH_MS = 100;

/**
 * The worker: in the app, the bundle Vite builds beside main.js (forge.config.ts); from the sources
 * (tests, the host under tsx), worker.ts through tsx's require hook. (`execArgv: ['--import', 'tsx']`
 * does not reach a worker's entry file on Node 20: its loader refuses the .ts extension.)
 */
export function startWorker(data: WorkerData): Worker {
  if (__filename.endsWith('.ts')) {
    const tsx = createRequire(__filename).resolve('tsx/cjs');
    const file = join(__dirname, 'worker.ts');
    return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(file)});`, { eval: true, workerData: data });
  }
  const built = join(__dirname, 'import-worker.js');
  if (!existsSync(built)) throw new ApiError('INTERNAL', `the import worker is missing (${built})`);
  return new Worker(built, { workerData: data });
}

function toApiError(e: WorkerError): ApiError {
  if (e.code.startsWith('file_')) return new ApiError('VALIDATION', e.message, [{ path: 'data', code: e.code, message: e.message }]);
  if (e.code === 'sheet_not_found') return new ApiError('VALIDATION', e.message, [{ path: 'sheet', code: e.code, message: e.message, ...(e.params ? { params: e.params } : {}) }]);
  if (e.code === 'header_row_beyond') return new ApiError('VALIDATION', e.message, [{ path: 'headerRow', code: e.code, message: e.message, ...(e.params ? { params: e.params } : {}) }]);
  if (e.code === 'no_file') return new ApiError('CONFLICT', 'this import has no file any more: start again with the file');
  return new ApiError('INTERNAL', e.message);
}

export class ImportSessions {
  private sessions = new Map<string, Session>();
  private readonly idleMs: number;

  constructor(private readonly deps: ImportSessionsDeps) {
    this.idleMs = deps.idleMs ?? 30 * 60_000;
  }

  private start(): Session {
    // Too many open at once: the ones idle the longest go first.
    const idle = [...this.sessions.values()].filter((s) => !s.running);
    while (this.sessions.size >= MAX_SESSIONS && idle.length) this.end(idle.shift()!);
    const worker = startWorker({ dbFile: this.deps.dbFile });
    const id = randomUUID();
    const s: Session = {
      id,
      worker,
      status: { importId: id, phase: 'analysing', done: 0, total: 0, result: null },
      pending: new Map(),
      nextId: 1,
      timer: null,
      running: null,
      cancel: null,
      lastPublish: 0,
      ended: false,
    };
    worker.on('message', (m: FromWorker) => this.onMessage(s, m));
    const fail = (e: unknown) => {
      if (s.ended) return;
      this.deps.log(`import ${id}: the worker stopped`, e);
      for (const p of s.pending.values()) p.reject(new ApiError('INTERNAL', 'the import stopped unexpectedly; see the log'));
      s.pending.clear();
      // Kept, so that its status still answers; every further request is refused.
      s.ended = true;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    // An idle session never keeps the process from ending (tests, scripts, the host's shutdown); a
    // request waiting for its answer does (request() refs the worker). After the listeners: adding
    // one refs the worker's port again.
    worker.unref();
    this.sessions.set(id, s);
    this.touch(s);
    return s;
  }

  private onMessage(s: Session, m: FromWorker): void {
    if (m.type === 'progress') {
      const phaseChanged = m.phase !== s.status.phase;
      s.status = { ...s.status, phase: m.phase, done: m.done, total: m.total };
      const now = Date.now();
      if (s.running && (phaseChanged || now - s.lastPublish >= PUBLISH_MS)) {
        s.lastPublish = now;
        this.deps.publish('import.progress', s.status);
      }
      return;
    }
    const p = s.pending.get(m.id);
    if (!p) return;
    s.pending.delete(m.id);
    if (!s.pending.size) s.worker.unref();
    if (m.ok) p.resolve(m.value);
    else p.reject(m.error);
  }

  private request<T extends Answer>(s: Session, req: Request, transfer: ArrayBuffer[] = []): Promise<T> {
    const id = s.nextId++;
    if (s.ended) return Promise.reject(new ApiError('CONFLICT', 'this import has ended; start again with the file'));
    return new Promise<T>((resolve, reject) => {
      s.pending.set(id, { resolve: resolve as (v: Answer) => void, reject });
      s.worker.ref();
      s.worker.postMessage({ ...req, id }, transfer);
    }).catch((e: unknown) => {
      if (e instanceof ApiError) throw e;
      const err = e as WorkerError;
      if (err.code === 'internal') this.deps.log(`import ${s.id}: ${req.type} failed`, err.message);
      throw toApiError(err);
    });
  }

  private touch(s: Session): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      if (s.running) this.touch(s);
      else this.end(s);
    }, this.idleMs);
    s.timer.unref();
  }

  private end(s: Session): void {
    if (s.ended) return;
    s.ended = true;
    if (s.timer) clearTimeout(s.timer);
    this.sessions.delete(s.id);
    for (const p of s.pending.values()) p.reject(new ApiError('CONFLICT', 'the import was ended'));
    s.pending.clear();
    void s.worker.terminate();
  }

  private get(importId: string): Session {
    const s = this.sessions.get(importId);
    if (!s) throw new ApiError('NOT_FOUND', `no import ${importId}: it has ended (after 30 minutes without use, or another file was chosen); start again with the file`);
    this.touch(s);
    return s;
  }

  async analyse(input: { fileName: string; data: string; importId?: string; sheet?: string; headerRow?: number }): Promise<ImportAnalysis> {
    const known = input.importId ? this.sessions.get(input.importId) : undefined;
    if (known && !known.running && known.status.phase !== 'done') {
      this.touch(known);
      const a = await this.request<Omit<ImportAnalysis, 'importId'>>(known, { type: 'reanalyse', sheet: input.sheet, headerRow: input.headerRow });
      known.status = { ...known.status, phase: 'analysing', done: a.rowCount, total: a.rowCount, result: null };
      return { importId: known.id, ...a };
    }
    if (!input.data) throw new ApiError('VALIDATION', 'the file is empty', [{ path: 'data', code: 'file_empty', message: 'the file is empty' }]);
    const bytes = Buffer.from(input.data, 'base64');
    const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const s = this.start();
    try {
      const a = await this.request<Omit<ImportAnalysis, 'importId'>>(s, { type: 'analyse', fileName: input.fileName, data, sheet: input.sheet, headerRow: input.headerRow });
      s.status = { ...s.status, phase: 'analysing', done: a.rowCount, total: a.rowCount };
      return { importId: s.id, ...a };
    } catch (e) {
      this.end(s);
      throw e;
    }
  }

  async preview(input: { importId: string; mapping: Mapping; offset: number; limit: number }): Promise<ImportPreview> {
    const s = this.get(input.importId);
    if (s.running) throw new ApiError('CONFLICT', 'this import is being written');
    return this.request<ImportPreview>(s, { type: 'preview', mapping: input.mapping, offset: input.offset, limit: input.limit });
  }

  /** Starts writing; answers at once. The end comes as `import.progress` with the result. */
  run(input: { importId: string; mapping: Mapping; createMissing: boolean; skipBadRows: boolean }, userId: number, now: Date): ImportStatus {
    const s = this.get(input.importId);
    if (s.running) throw new ApiError('CONFLICT', 'this import is being written already');
    if (s.status.phase === 'done') throw new ApiError('CONFLICT', 'this file has been imported; choose the file again to import it once more');
    const cancel = new SharedArrayBuffer(4);
    s.cancel = new Int32Array(cancel);
    s.status = { importId: s.id, phase: 'validating', done: 0, total: s.status.total, result: null };
    s.lastPublish = 0;
    s.running = this.deps.gate
      .exclusive(() => this.request<RunAnswer>(s, { type: 'run', mapping: input.mapping, createMissing: input.createMissing, skipBadRows: input.skipBadRows, userId, now: now.toISOString(), cancel }))
      .then(
        (answer) => {
          s.status = { importId: s.id, phase: answer.phase, done: answer.phase === 'done' ? answer.result.created : s.status.done, total: s.status.total, result: answer.result };
        },
        (e: unknown) => {
          this.deps.log(`import ${s.id}: the run failed`, e);
          s.status = {
            importId: s.id,
            phase: 'failed',
            done: 0,
            total: s.status.total,
            result: { created: 0, skipped: 0, customersCreated: 0, productsCreated: 0, closed: 0, costLines: 0, failure: { code: 'internal' } },
          };
        },
      )
      .finally(() => {
        s.running = null;
        s.cancel = null;
        this.touch(s);
        this.deps.publish('import.progress', s.status);
        if (s.status.phase === 'done' && (s.status.result?.created ?? 0) > 0) this.deps.publish('app.dataReset', {});
      });
    this.deps.publish('import.progress', s.status);
    return s.status;
  }

  status(importId: string): ImportStatus {
    return this.get(importId).status;
  }

  /** Stops a run (its transaction rolls back: nothing written) and answers when it has; ends an idle session. */
  async cancel(importId: string): Promise<ImportStatus> {
    const s = this.get(importId);
    if (s.running) {
      if (s.cancel) Atomics.store(s.cancel, 0, 1);
      await s.running;
      return s.status;
    }
    if (s.status.phase !== 'done') {
      s.status = { ...s.status, phase: 'cancelled' };
      this.end(s);
    }
    return s.status;
  }

  async skipped(input: { importId: string; format: 'xlsx' | 'csv'; words: Record<string, string> }): Promise<{ fileName: string; data: string }> {
    const s = this.get(input.importId);
    if (s.running) throw new ApiError('CONFLICT', 'this import is being written');
    return this.request(s, { type: 'skipped', format: input.format, words: input.words });
  }

  /** Ends every session (the app closes). A run in progress rolls back with its worker. */
  async close(): Promise<void> {
    for (const s of [...this.sessions.values()]) {
      if (s.running && s.cancel) {
        Atomics.store(s.cancel, 0, 1);
        await s.running.catch(() => undefined);
      }
      this.end(s);
    }
  }
}
