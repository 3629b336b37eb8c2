import { join } from 'node:path';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../../src/main/app';
import { openSqlite } from '../../src/main/db/connection';
import { migrations } from '../../src/main/db/migrations';
import type { Database } from '../../src/main/db/schema';
import { makeTempDir, openOffice } from './helpers';

/**
 * Migration 004 (the rule engine) from a database at 003: the new tables and columns, the defaults
 * seeded at the first start, the SLA clocks' stop times taken from the audit trail, and the
 * scheduler's first pass evaluating the cases the older app registered.
 */

async function databaseAt003(dir: string): Promise<void> {
  const sqlite = openSqlite(join(dir, DB_FILE));
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const upTo003 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= '2026-11-25-003-lifecycle'));
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => upTo003 } }).migrateToLatest();
  if (error) throw error;
  const run = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).run(...params);
  run(`INSERT INTO users (name, role, active, created_at) VALUES ('Administrator', 'admin', 1, '2026-11-01T00:00:00.000Z')`);
  run(`INSERT INTO customers (name, region, created_at) VALUES ('苏州恒达机械有限公司', '苏州', '2026-11-01T00:00:00.000Z')`);
  run(`INSERT INTO product_models (model, product_line, created_at) VALUES ('SA-37A', 'SA', '2026-11-01T00:00:00.000Z')`);
  const complaint = `INSERT INTO complaints (tracking_no, received_at, channel, customer_id, customer_name, product_model_id, product_model, serial_no,
      delivery_date, description, defect_category, severity, state, search_text, created_at, created_by, updated_at, version, state_changed_at)
    VALUES (?, ?, 'phone', 1, '苏州恒达机械有限公司', 1, 'SA-37A', ' sa37a 001', '2025-12-01', '过载', 'electrical', 'normal', ?, 'x', ?, 1, ?, 0, ?)`;
  // Registered on Monday 09:00 in Shanghai and accepted at 11:00; another one still waiting.
  run(complaint, 'CC-202611-0001', '2026-11-23T01:00:00.000Z', 'investigating', '2026-11-23T01:00:00.000Z', '2026-11-23T03:00:00.000Z', '2026-11-23T03:00:00.000Z');
  run(complaint, 'CC-202611-0002', '2026-11-23T01:30:00.000Z', 'registered', '2026-11-23T01:30:00.000Z', '2026-11-23T01:30:00.000Z', '2026-11-23T01:30:00.000Z');
  run(`INSERT INTO events (complaint_id, at, actor_id, kind, field, before, after) VALUES (1, '2026-11-23T03:00:00.000Z', 1, 'transition', 'accept', '"registered"', '{"state":"investigating"}')`);
  await db.destroy();
}

describe('migration 004 from a database at 003', () => {
  it('adds the engine, seeds its defaults, backfills the stop times and lets the first pass evaluate the cases', async () => {
    const dir = makeTempDir();
    await databaseAt003(dir);
    const o = await openOffice({ dataDir: dir, clock: () => new Date('2026-11-23T06:00:00.000Z') });
    const sqlite = o.store.sqlite;
    const one = (sql: string) => sqlite.prepare(sql).get();
    // Every later migration runs too; 004 is among those applied.
    expect(one(`SELECT count(*) AS n FROM kysely_migration WHERE name = '2026-11-25-004-rule-engine'`)).toEqual({ n: 1 });
    for (const t of ['rule_documents', 'calendar_days', 'rule_firings', 'notifications', 'service_contracts', 'sla_pauses']) {
      expect(one(`SELECT count(*) >= 0 AS ok FROM ${t}`), t).toEqual({ ok: 1 });
    }
    expect(one(`SELECT count(DISTINCT kind) AS n FROM rule_documents`)).toEqual({ n: 6 });
    expect((one(`SELECT count(*) AS n FROM calendar_days WHERE date LIKE '2026-%'`) as { n: number }).n).toBeGreaterThan(20);
    expect(one(`SELECT tier FROM customers`)).toEqual({ tier: 'standard' });
    expect(sqlite.prepare(`SELECT serial_key, responded_at, priority, management_review, engine_at FROM complaints ORDER BY id`).all()).toEqual([
      { serial_key: 'SA37A001', responded_at: '2026-11-23T03:00:00.000Z', priority: 'normal', management_review: 0, engine_at: null },
      { serial_key: 'SA37A001', responded_at: null, priority: 'normal', management_review: 0, engine_at: null },
    ]);

    // The scheduler's first pass evaluates both in full: warranty (no installation date: unknown),
    // repeats (the same unit twice: the second is a repeat), SLA.
    expect(await o.scheduler.runOnce()).toMatchObject({ cases: 2, full: 2, changed: 2 });
    expect(sqlite.prepare(`SELECT warranty_status AS w, repeat_serial AS r, sla_state AS s, escalation_level AS l FROM complaints ORDER BY id`).all()).toEqual([
      { w: 'unknown', r: 1, s: 'running', l: null },
      { w: 'unknown', r: 2, s: 'running', l: 'branch_manager' },
    ]);
    // Answered at 11:00, two hours after receipt: the response clock met, not breached.
    const engine = await o.call('complaints.engine', { id: 1 });
    expect(engine.sla.clocks.find((c) => c.clock === 'response')).toMatchObject({ state: 'met', stoppedAt: '2026-11-23T03:00:00.000Z' });
    expect((await o.scheduler.runOnce()).changed).toBe(0);
  });
});
