import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DeskEventName } from '../shared/contract';
import { ApiError } from '../shared/errors';
import { openStore, type Store } from './db/connection';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import { ensureDefaultUser, getUser } from './services/users';
import { ensureDefaultDepartments } from './services/profiles';
import type { StoredAttachment } from './services/attachments';
import type { FormPrinter } from './print/port';
import { createRuleContextCache } from './services/rule-context';
import { createRuleEngine, type RuleEngine } from './services/rule-engine';
import { ensureDefaultRules } from './services/rule-store';
import { createScheduler, type Scheduler } from './services/scheduler';
import { createMailService, type MailPorts } from './services/mail';
import { monthlyReportSource } from './services/mail-report';
import { reportScheduleJob } from './services/mail-schedule';
import { createWriteGate, type WriteGate } from './services/write-gate';
import { applyPendingRestore } from './backup/restore';
import { sweepStagedMail } from './services/mail-import-staging';
import { backupServiceFor, startDailyBackups } from './backup/service';

/**
 * The app without a window: store, rule engine and api, as both the Electron shell and the headless
 * host run it. Everything here is plain Node.
 */

export const DB_FILE = 'after-sales-desk.db';

export interface DeskApp {
  dispatch: Dispatch;
  /** Subscribe to events pushed to the renderer; returns the unsubscribe function. */
  subscribe(listener: (event: DeskEventName, payload: unknown) => void): () => void;
  store: Store;
  dataDir: string;
  /** The rule engine (issue 4): evaluates every change to a case. */
  engine: RuleEngine;
  /** Time-based rules every minute; started unless `scheduler: false` (then passes run only when asked). */
  scheduler: Scheduler;
  /** Issue 8: people's changes and the scheduler share it; an import or a restore holds it alone. */
  gate: WriteGate;
  close(): Promise<void>;
}

export interface AppOptions {
  dataDir: string;
  version: string;
  log?: (message: string, error: unknown) => void;
  clock?: () => Date;
  /**
   * Shows an attachment to the person: Electron opens it with the system's viewer; the host answers
   * a URL the page opens. Without one, the api answers the host's URL form.
   */
  openAttachment?: (file: StoredAttachment & { id: number }) => Promise<{ url: string | null }>;
  /**
   * Prints the feedback form and makes its PDF: a hidden window in Electron, Chromium in the host.
   * Without one, `print.feedbackFormPdf` answers an error and the page prints itself.
   */
  printer?: FormPrinter;
  /**
   * The rule engine's scheduler: on by default (a pass at start, then every minute). `false` leaves
   * it stopped, for tests that run passes themselves with `scheduler.runOnce()`.
   */
  scheduler?: false | { intervalMs?: number };
  /**
   * Issue 7, sending the monthly report: the secret store for the SMTP password and how a draft
   * `.eml` is opened. Electron passes safeStorage and shell.openPath (electron/secret-store.ts); without
   * them the store is 'unavailable' (no password is kept) and a draft is answered as a download URL.
   */
  mail?: Partial<MailPorts>;
  /**
   * Issue 8, backup and restore: asks the person for a folder (Electron's dialog; the host has none
   * and the page offers a text field), and restarts the app on restored data (Electron relaunches;
   * the host opens the app again in its process).
   */
  shell?: ShellPorts;
}

export interface ShellPorts {
  chooseFolder?(): Promise<string | null>;
  /** Called after a restore has been staged: close this app and start it again (createDeskApp applies it). */
  restart?(): void;
}

export async function createDeskApp(opts: AppOptions): Promise<DeskApp> {
  mkdirSync(opts.dataDir, { recursive: true });
  const log = opts.log ?? ((m: string, e: unknown) => console.error(m, e));
  // Issue 8: a restore staged before the restart is put in place (or a half-staged one discarded)
  // before anything opens the database.
  const restored = await applyPendingRestore(opts.dataDir, DB_FILE);
  if (restored !== 'none') log(`restore: ${restored === 'applied' ? 'the backup was put in place' : 'an interrupted restore was discarded'}`, null);
  const store = await openStore(join(opts.dataDir, DB_FILE));
  const clock = opts.clock ?? (() => new Date());
  // E-mails staged for a registration that never came (issue 8) go after a week.
  try {
    sweepStagedMail(opts.dataDir, clock());
  } catch (e) {
    log('sweeping staged e-mails failed', e);
  }
  await ensureDefaultDepartments(store.db, clock());
  let currentUserId = (await ensureDefaultUser(store.db, clock())).id;
  // The office's rules as data: the defaults on first start, nothing on later ones.
  await store.db.transaction().execute((trx) => ensureDefaultRules(trx, clock()));
  const engine = createRuleEngine(createRuleContextCache());
  const listeners = new Set<(event: DeskEventName, payload: unknown) => void>();
  const publish = (event: DeskEventName, payload: unknown) => {
    for (const l of listeners) l(event, payload);
    // New demo cases and changed rules or calendar days: the scheduler brings the cases up to date at once.
    if (event === 'app.dataReset' || event === 'rules.changed') scheduler.runSoon();
  };
  const gate = createWriteGate();
  const closers: Array<() => Promise<void>> = [];
  const mail = createMailService({ dataDir: opts.dataDir, report: monthlyReportSource(opts.printer ?? null), ports: opts.mail, log });
  const scheduler = createScheduler({
    db: store.db,
    engine,
    clock,
    publish,
    log,
    gate,
    reportSchedule: reportScheduleJob({ db: store.db, mail, calendar: (db) => engine.contexts.get(db), publish, log }),
    ...(opts.scheduler ? { intervalMs: opts.scheduler.intervalMs } : {}),
  });

  const dispatch = createDispatcher({
    db: store.db,
    handlers: createHandlers({
      version: opts.version,
      dataDir: opts.dataDir,
      attachmentsDir: join(opts.dataDir, 'attachments'),
      openAttachment: opts.openAttachment ?? (async (f) => ({ url: `/attachments/${f.id}` })),
      printer: opts.printer ?? null,
      engine,
      mail,
      dbFile: join(opts.dataDir, DB_FILE),
      store,
      gate,
      publish,
      shell: opts.shell ?? {},
      clock,
      log,
      onClose: (fn) => void closers.push(fn),
    }),
    gate,
    switchUser: (id) => {
      currentUserId = id;
    },
    clock,
    log,
    currentUser: async () => {
      const u = await getUser(store.db, currentUserId);
      if (!u) throw new ApiError('UNAUTHENTICATED', 'the current profile no longer exists; choose another');
      return u;
    },
    publish,
  });
  // Issue 8: the daily backup's hourly check runs beside the scheduler (the same service as the api's).
  const backups = backupServiceFor({
    dataDir: opts.dataDir,
    attachmentsDir: join(opts.dataDir, 'attachments'),
    store,
    gate,
    version: opts.version,
    clock,
    publish,
    log,
    shell: opts.shell ?? {},
  });
  const dailyBackups = opts.scheduler !== false ? startDailyBackups(backups, log) : null;
  if (opts.scheduler !== false) scheduler.start();

  return {
    dispatch,
    store,
    dataDir: opts.dataDir,
    engine,
    scheduler,
    gate,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      await dailyBackups?.stop();
      await scheduler.stop();
      for (const fn of closers) await fn();
      await store.close();
    },
  };
}
