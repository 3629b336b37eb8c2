import type { WriteGate } from './write-gate';
import type { Kysely } from 'kysely';
import type { DeskEventName } from '../../shared/contract';
import { checkpointWal, relaxedTransaction } from '../db/connection';
import type { Database } from '../db/schema';
import { checkOverdueCapas } from './capa-overdue';
import type { Firing } from '../rules/escalation';
import { evaluateInSlices } from '../rules/escalation-batch';
import { planChanges, writePlans, type ChangePlan } from './engine-apply';
import { buildRepeatIndex, inSlices, openPages, yieldToLoop } from './engine-batch';
import { computeCase, type Computed, type FullInputs } from './engine-compute';
import { loadActiveFirings, loadContracts, type EngineRow } from './engine-load';
import { roleDirectory } from './notifications';
import type { RuleEngine } from './rule-engine';
import { getFlag, setFlag } from './settings';
import { ensureSystemUser } from './users';

/**
 * The scheduler in main (issue 4: "evaluates time-based rules every minute, idempotently, and at
 * start catches up on what it missed while the app was closed"). A pass reads every open case in
 * pages of 500 along the partial index of open ids, computes its SLA clocks at `now` and evaluates
 * the escalation rules with the compiled evaluator in slices of ~5 ms (evaluateInSlices), skipping
 * the cases whose recorded firings are still right, then writes what changed in transactions of
 * ~8 ms (sized in rows written, so that a catch-up's cases, each with its events, firings and notices,
 * fit as well as the minute's), checkpointing the WAL in turns of its own, and yielding to the event
 * loop between slices, pages, transactions and checkpoints: the window keeps answering.
 *
 * Idempotent: the engine's columns and firings are a function of the case and `now`; a pass that
 * finds them as they should be writes nothing. Catching up needs no replay: the state at `now` is
 * the state the missed minutes would have reached, and a breach is recorded at its due instant.
 * The clock is injected, so tests move time and run a pass.
 */

export interface PassStats {
  at: string;
  cases: number;
  /** Cases evaluated in full (never before, or with a changed repeat window). */
  full: number;
  /** Cases written. */
  changed: number;
  /** Cases someone changed while the pass ran (their change evaluated them). */
  skipped: number;
  firingsAdded: number;
  firingsCleared: number;
  events: number;
  pages: number;
  slices: number;
  longestSliceMs: number;
  longestWriteMs: number;
  /** Longest WAL checkpoint the pass ran between its transactions. */
  longestCheckpointMs: number;
  totalMs: number;
}

export interface Scheduler {
  /** The catch-up pass now, then one every interval. */
  start(): void;
  /** No more passes; waits for a running one to stop at its next page. */
  stop(): Promise<void>;
  /** One pass at the clock's now, after any running one. */
  runOnce(): Promise<PassStats>;
  /** A pass as soon as possible when started (rules changed, demo data loaded); ignored when not started. */
  runSoon(): void;
  lastRun(): Promise<PassStats | null>;
}

export interface SchedulerOptions {
  db: Kysely<Database>;
  engine: RuleEngine;
  clock: () => Date;
  publish(event: DeskEventName, payload: unknown): void;
  log?(message: string, error: unknown): void;
  intervalMs?: number;
  pageSize?: number;
  /** Longest stretch of evaluation before yielding. */
  sliceMs?: number;
  /** Target length of one write transaction. */
  writeBudgetMs?: number;
  /** Rows written between two WAL checkpoints of the pass's own. */
  checkpointRows?: number;
  /** Issue 7: the monthly report's schedule (mail-schedule.ts), once per pass. */
  reportSchedule?: (now: Date) => Promise<unknown>;
  /** Issue 8: a pass writes as a shared writer; an import or a restore holding the gate makes it wait. */
  gate?: WriteGate;
}

/** What a plan costs to write, in rows: its case, its firings, its events and its notices. */
const weight = (p: ChangePlan) => 1 + p.firingInserts.length + p.firingClears.length + p.events.length + p.notices.length;

const LAST_RUN = 'scheduler.lastRun';

export function createScheduler(o: SchedulerOptions): Scheduler {
  const { db, engine, clock } = o;
  const intervalMs = o.intervalMs ?? 60_000;
  const pageSize = o.pageSize ?? 500;
  // 5 ms slices: a garbage collection landing in one still leaves the window well under 50 ms.
  const sliceMs = o.sliceMs ?? 5;
  // Short transactions: a garbage collection or a checkpoint's fsync landing in one (a catch-up's
  // heap is full of its page's evaluations) still leaves the window well under 50 ms.
  const writeBudgetMs = o.writeBudgetMs ?? 8;
  // About 200 pages of WAL (a catch-up writes some 0.7 a row): below SQLite's automatic checkpoint (connection.ts).
  const checkpointRows = o.checkpointRows ?? 300;
  let timer: ReturnType<typeof setInterval> | null = null;
  let stopping = false;
  let queue: Promise<unknown> = Promise.resolve();
  let pending = false;
  const gated = <T>(fn: () => Promise<T>): Promise<T> => (o.gate ? o.gate.shared(fn) : fn());

  async function pass(now: Date): Promise<PassStats> {
    const started = performance.now();
    const stats: PassStats = {
      at: now.toISOString(), cases: 0, full: 0, changed: 0, skipped: 0, firingsAdded: 0, firingsCleared: 0,
      events: 0, pages: 0, slices: 0, longestSliceMs: 0, longestWriteMs: 0, longestCheckpointMs: 0, totalMs: 0,
    };
    const ctx = await engine.contexts.get(db);
    // Only when some open case was never evaluated (an older database, demo data) or counted in another window.
    const index = await buildRepeatIndex(db, ctx);
    const contracts = index ? await loadContracts(db) : [];
    let actorId: number | null = null;
    let directory: Map<string, number[]> | null = null;
    // Rows each transaction may write (see `weight`: a catch-up writes several events, firings and
    // notices a case, the minute's pass mostly a column or two), adapted to what the last ones cost.
    let rowBudget = 64;
    let sinceCheckpoint = 0;

    const write = async (plans: ChangePlan[]) => {
      for (let i = 0; i < plans.length && !stopping; ) {
        // At least one plan, then as many as fit the row budget.
        let end = i + 1;
        let n = weight(plans[i]!);
        while (end < plans.length && n + weight(plans[end]!) <= rowBudget) n += weight(plans[end++]!);
        const part = plans.slice(i, end);
        const t = performance.now();
        const r = await relaxedTransaction(db, async (trx) => {
          actorId ??= await ensureSystemUser(trx, now);
          directory ??= await roleDirectory(trx);
          return writePlans(trx, part, actorId, now, { checkVersion: true, directory });
        });
        const ms = performance.now() - t;
        stats.longestWriteMs = Math.max(stats.longestWriteMs, ms);
        // The event loop waits for a transaction to finish: keep each near the budget, shrinking at once
        // to what the last one cost a row and growing slowly (costs vary: a collection, a page split).
        if (ms > writeBudgetMs) rowBudget = Math.max(1, Math.floor((n * writeBudgetMs) / ms));
        else if (ms < writeBudgetMs / 2) rowBudget = Math.min(2000, Math.ceil(rowBudget * 1.25));
        i = end;
        stats.changed += r.written.length;
        stats.skipped += part.length - r.written.length;
        for (const p of r.written) {
          stats.firingsAdded += p.firingInserts.length;
          stats.firingsCleared += p.firingClears.length;
          stats.events += p.events.length;
        }
        if (r.written.length) o.publish('complaints.changed', { ids: r.written.map((p) => p.id) });
        if (r.notified.roles.length || r.notified.userIds.length) o.publish('notifications.changed', r.notified);
        await yieldToLoop();
        // The WAL's pages copied into the database in a turn of their own, a few hundred at a time,
        // before SQLite's automatic checkpoint would do it inside one of the commits above.
        sinceCheckpoint += n;
        if (sinceCheckpoint >= checkpointRows) {
          sinceCheckpoint = 0;
          const c = performance.now();
          await checkpointWal(db);
          stats.longestCheckpointMs = Math.max(stats.longestCheckpointMs, performance.now() - c);
          await yieldToLoop();
        }
      }
    };

    for await (const page of openPages(db, ctx, pageSize)) {
      if (stopping) break;
      stats.pages++;
      await yieldToLoop();
      const computed = new Map<number, Computed>();
      const fired = new Map<number, Firing[]>();
      const rows = page.rows;
      // A full evaluation costs a hundred times the minute's: those cases are computed first, in their
      // own slices, so that no stretch of 64 of them (evaluateInSlices looks at the clock every 64) runs long.
      const compute = (row: EngineRow) => {
        let full: FullInputs | null = null;
        const facts = page.full.get(row.id);
        if (index && facts) {
          stats.full++;
          full = {
            facts,
            options: page.options.get(row.id) ?? [],
            repeat: index.counts(
              { id: row.id, receivedAt: row.received_at, customerId: row.customer_id, productModel: row.product_model, serialNo: row.serial_no },
              ctx.repeat.settings.windowDays,
              ctx.timeZone,
            ),
            contracts: contracts.filter((c) => c.customerId === null || c.customerId === row.customer_id),
            // First seen by the engine: a clock it finds stopped stopped at the last change of state.
            stopAt: facts.state_changed_at ?? row.received_at,
          };
        }
        const c = computeCase(row, page.pauses.get(row.id) ?? [], ctx, now, full);
        computed.set(row.id, c);
        return c;
      };
      if (page.full.size) await inSlices(rows.filter((r) => page.full.has(r.id)), compute, sliceMs);
      function* facts() {
        for (const row of rows) yield (computed.get(row.id) ?? compute(row)).facts;
      }
      const b = await evaluateInSlices(ctx.escalation, facts(), (f, firings) => void fired.set(f.caseId, firings), {
        sliceMs,
        recorded: (f) => page.recorded.get(f.caseId) ?? [],
      });
      stats.cases += b.cases;
      stats.slices += b.slices;
      stats.longestSliceMs = Math.max(stats.longestSliceMs, b.longestSliceMs);
      await yieldToLoop();
      // Where the firings change, the events name the recorded ones with their reasons: read them whole.
      const whole = await loadActiveFirings(db, [...fired.keys()]);
      const plans: ChangePlan[] = [];
      await inSlices(
        rows,
        (row) => {
          const next = fired.get(row.id) ?? null;
          const recorded = (next ? whole : page.recorded).get(row.id) ?? [];
          const p = planChanges(row, computed.get(row.id)!, recorded, next, now);
          if (p) plans.push(p);
        },
        sliceMs,
      );
      await write(plans);
      await yieldToLoop();
    }
    // Issue 7: overdue corrective and preventive actions escalate on the same pass (a few rows, one short transaction).
    if (!stopping) await checkOverdueCapas(db, now, o.publish);
    // Issue 7: the monthly report when it is due; a failure is its own (logged, told, retried hourly), never the pass's.
    if (!stopping && o.reportSchedule) await o.reportSchedule(now).catch((e: unknown) => o.log?.('the monthly report schedule failed', e));
    stats.totalMs = performance.now() - started;
    await setFlag(db, LAST_RUN, stats);
    return stats;
  }

  const enqueue = (): Promise<PassStats> => {
    const run = queue.then(() => gated(() => pass(clock())));
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    start() {
      if (timer) return;
      stopping = false;
      timer = setInterval(() => this.runSoon(), intervalMs);
      // The timer alone does not keep a process (the host's CLI, a test) alive.
      timer.unref?.();
      // The catch-up: one pass at now covers every minute missed while the app was closed.
      this.runSoon();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      await queue;
    },
    runOnce: enqueue,
    runSoon() {
      // One pass waiting is enough: it will see everything that changed before it starts.
      if (!timer || stopping || pending) return;
      pending = true;
      const run = queue.then(() => {
        pending = false;
        return gated(() => pass(clock()));
      });
      queue = run.catch((e: unknown) => o.log?.('scheduler pass failed', e));
    },
    async lastRun() {
      return ((await getFlag(db, LAST_RUN)) as PassStats | undefined) ?? null;
    },
  };
}
