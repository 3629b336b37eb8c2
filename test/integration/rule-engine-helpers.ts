import type { Office, RawEvent } from './helpers';

/**
 * Time for the rule engine's tests: a clock the test moves (each reading one second on, so that
 * every call has its own instant), and the week of Monday 23 November 2026 in Shanghai (UTC+8, no
 * holiday), whose working hours are 08:30–12:00 and 13:00–17:30.
 */

export interface MovableClock {
  (): Date;
  /** Moves the clock to an instant (ISO, UTC). */
  set(iso: string): void;
}

export function movableClock(start: string): MovableClock {
  let t = Date.parse(start);
  const clock = (() => new Date((t += 1000))) as MovableClock;
  clock.set = (iso) => {
    t = Date.parse(iso);
  };
  return clock;
}

/** Monday 23 November 2026, 09:00 in Shanghai. */
export const MONDAY_0900 = '2026-11-23T01:00:00.000Z';

/** Escalation events of a case, as [rule, version, reason or null when lifted]. */
export function escalations(o: Office, id: number): Array<[string, number | null, string | null]> {
  return o
    .allEvents()
    .filter((e: RawEvent) => e.complaintId === id && e.kind === 'escalation')
    .map((e) => {
      const after = e.after as { version: number; reason: string } | null;
      return [e.field!, after?.version ?? null, after?.reason ?? null];
    });
}

/** The active firings of a case, read with raw SQL: [rule, version, level]. */
export function activeFirings(o: Office, id: number): Array<[string, number, string]> {
  return (
    o.store.sqlite
      .prepare('SELECT rule_id AS r, rule_version AS v, level AS l FROM rule_firings WHERE complaint_id = ? AND cleared_at IS NULL ORDER BY id')
      .all(id) as Array<{ r: string; v: number; l: string }>
  ).map((x) => [x.r, x.v, x.l]);
}
