import { sql, type Kysely } from 'kysely';
import type { CapaState, MonthlyReport } from '../../shared/analysis';
import type { Database } from '../db/schema';
import { ACTIVE_CAPA_STATES, isCapaOverdue } from '../rules/capa-steps';
import type { ReportPeriod } from './monthly-report-period';

/**
 * The monthly report's lists (issue 7): the month's main issues, the decisions waiting for the
 * chairman now, the month's costs by department as Finance amortised them, and the corrective and
 * preventive actions still being worked on.
 */

/** The report is one or two A4 pages: the main issues are the ten most serious of the month. */
export const MAIN_ISSUES = 10;
/** More decisions than this waiting for the chairman is itself the message; the count says how many. */
export const AWAITING_SHOWN = 40;
export const CAPAS_SHOWN = 30;
/** Escalation levels above the sales manager's. */
const ABOVE_MANAGER = ['branch_manager', 'department_heads', 'chairman'] as const;

/**
 * The month's serious cases for the chairman: safety defects first, then cases escalated by a person
 * or by a rule to the department heads or the chairman, then major defects, then cases a rule raised
 * to the branch manager (an SLA breached); oldest first within each. A rule's first level (the sales
 * manager, a clock at risk) is the office's daily business, not the chairman's.
 *
 * The safety defects come first from the (severity, received_at) index in the order shown, so in a
 * month with ten of them (any month of a large office) that is all this reads; only a month with
 * fewer reads its other serious cases, ranked as above.
 */
export async function mainIssues(db: Kysely<Database>, p: ReportPeriod): Promise<MonthlyReport['mainIssues']> {
  const month = db
    .selectFrom('complaints')
    .select(['id', 'tracking_no', 'customer_name', 'product_model', 'severity', 'state', 'description', 'received_at'])
    .where('received_at', '>=', p.start)
    .where('received_at', '<', p.end);
  const safety = await month.where('severity', '=', 'safety').orderBy('received_at').orderBy('id').limit(MAIN_ISSUES).execute();
  const rest =
    safety.length < MAIN_ISSUES
      ? await month
          .where('severity', '!=', 'safety')
          .where((eb) => eb.or([eb('escalated', '=', 1), eb('escalation_level', 'in', [...ABOVE_MANAGER]), eb('severity', '=', 'major')]))
          .orderBy(
            sql`case when escalated = 1 or escalation_level in ('department_heads', 'chairman') then 1
                when severity = 'major' then 2 else 3 end`,
          )
          .orderBy('received_at')
          .orderBy('id')
          .limit(MAIN_ISSUES - safety.length)
          .execute()
      : [];
  return [...safety, ...rest].map((r) => ({
    id: r.id,
    trackingNo: r.tracking_no,
    customerName: r.customer_name,
    productModel: r.product_model,
    severity: r.severity,
    state: r.state,
    description: r.description,
  }));
}

/** Cases waiting for the chairman's decision now, longest waiting first; the reason is the escalation's or the manager's note. */
export async function awaitingChairman(db: Kysely<Database>): Promise<MonthlyReport['awaitingChairman']> {
  const rows = await db
    .selectFrom('complaints')
    .select(['id', 'tracking_no', 'customer_name', 'state_changed_at', 'received_at', 'escalation_reason', 'decision_note'])
    .where('state', '=', 'awaiting_chairman')
    .orderBy('state_changed_at')
    .orderBy('id')
    .limit(AWAITING_SHOWN)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    trackingNo: r.tracking_no,
    customerName: r.customer_name,
    since: r.state_changed_at ?? r.received_at,
    reason: r.escalation_reason ?? r.decision_note,
  }));
}

/**
 * The month's amortised costs by bearer, from the running totals (issue 6): key as the totals hold
 * it (`d:<id>`, `p:<name>`, `unallocated`), label the department's or person's name. Largest first,
 * the unallocated rest last.
 */
export async function costsByDepartment(db: Kysely<Database>, p: ReportPeriod): Promise<MonthlyReport['costsByDepartment']> {
  const rows = await db
    .selectFrom('amortisation_totals')
    .select(['target', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('period', '=', p.month)
    .groupBy('target')
    .execute();
  const ids = rows.flatMap((r) => (/^d:\d+$/.test(r.target) ? [Number(r.target.slice(2))] : []));
  const names = new Map(
    (ids.length ? await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute() : []).map((d) => [`d:${d.id}`, d.name]),
  );
  const label = (t: string) => (t.startsWith('p:') ? t.slice(2) : (names.get(t) ?? t));
  return rows
    .map((r) => ({ key: r.target, label: label(r.target), amount: Number(r.amount) }))
    .filter((r) => r.amount !== 0)
    .sort((a, b) => Number(a.key === 'unallocated') - Number(b.key === 'unallocated') || b.amount - a.amount || a.label.localeCompare(b.label));
}

/** CAPAs still being worked on, overdue first, then by due date (none last). */
export async function openCapas(db: Kysely<Database>, today: string): Promise<MonthlyReport['capa']> {
  const capas = await db
    .selectFrom('capas')
    .select(['id', 'capa_no', 'title', 'state', 'due_on', 'effectiveness_due_on'])
    .where('state', 'in', [...ACTIVE_CAPA_STATES])
    .execute();
  const ids = capas.map((c) => c.id);
  const actions = ids.length
    ? await db.selectFrom('capa_actions').select(['capa_id', 'state', 'due_on']).where('capa_id', 'in', ids).execute()
    : [];
  const list = capas.map((c) => {
    const overdue = isCapaOverdue(
      {
        state: c.state as CapaState,
        dueOn: c.due_on,
        effectivenessDueOn: c.effectiveness_due_on,
        actions: actions.filter((a) => a.capa_id === c.id).map((a) => ({ done: a.state === 'done', dueOn: a.due_on })),
      },
      today,
    );
    return { capaNo: c.capa_no, title: c.title, state: c.state, dueOn: c.due_on, overdue };
  });
  list.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.capaNo.localeCompare(b.capaNo));
  return list.slice(0, CAPAS_SHOWN);
}
