import type { Kysely } from 'kysely';
import { calendarDateOf } from '../../shared/dates';
import type { Role } from '../../shared/domain';
import type { RmaDisposition, RmaState } from '../../shared/service';
import type { Database, RmasTable } from '../db/schema';
import type { Insertable } from 'kysely';
import { appendEvents } from './audit';
import { syncSourceCosts } from './cost-lines';
import { demoPeople } from './demo-lifecycle';
import { caseRmaState, nextRmaNumber, refundCost } from './rmas';
import { getSettings } from './settings';

/**
 * Returns (RMA) on a few demo cases, at different states: closed ones (a refund that became a cost
 * line, a replacement, a repair) on finished cases, one rejected, and some under way on cases in
 * service. Deterministic: the cases are picked by state and category in id order, and every step
 * happens a day or two after the one before, never after `until`.
 */

interface Plan {
  /** The states the case may be in. */
  caseStates: readonly string[];
  /** How far the return has got. */
  reach: RmaState;
  disposition?: RmaDisposition;
  refund?: number;
  reason: string;
  inspection?: string;
  rejectNote?: string;
}

const PLANS: readonly Plan[] = [
  { caseStates: ['closed'], reach: 'closed', disposition: 'refund', refund: 368_000, reason: '主控板反复烧毁，客户要求整机退货退款。', inspection: '主控板电源模块烧毁，整机无法修复，非人为损坏。' },
  { caseStates: ['closed'], reach: 'closed', disposition: 'replace', reason: '运输途中外壳严重变形，客户拒收。', inspection: '外壳及底座变形，内部元件完好，建议换新机。' },
  { caseStates: ['closed', 'verified'], reach: 'closed', disposition: 'repair', reason: '电机异响，客户要求返厂维修。', inspection: '轴承磨损，更换轴承后试机正常。' },
  { caseStates: ['awaiting_verification', 'verified'], reach: 'rejected', reason: '客户要求退货。', rejectNote: '故障可现场维修，已安排工程师上门，无需退货。' },
  { caseStates: ['in_service'], reach: 'inspected', disposition: 'refund', reason: '控制器通讯故障，客户要求退货。', inspection: '控制器通讯芯片损坏，建议退款。' },
  { caseStates: ['in_service'], reach: 'shipped', reason: '密封件持续漏油，返厂检测。' },
  { caseStates: ['in_service'], reach: 'approved', reason: '备用机组噪声超标，申请返厂。' },
  { caseStates: ['in_service', 'awaiting_decision', 'investigating'], reach: 'requested', reason: '客户要求退回故障主控板进行分析。' },
];

const ORDER: readonly RmaState[] = ['requested', 'approved', 'shipped', 'received', 'inspected', 'closed'];
const DAY = 86_400_000;
const CARRIERS = ['顺丰速运', '德邦物流', '中通快运'];

export async function addDemoReturns(db: Kysely<Database>, o: { until: Date; userId: number }): Promise<void> {
  const people = await demoPeople(db, o.until);
  const who = (role: Role) => people.byRole.get(role)?.[0] ?? o.userId;
  const timeZone = (await getSettings(db)).officeTimeZone;
  const used = new Set<number>();

  for (const [n, plan] of PLANS.entries()) {
    const c = await db
      .selectFrom('complaints')
      .select(['id', 'received_at', 'serial_no'])
      .where('state', 'in', plan.caseStates as string[])
      .where('id', 'not in', used.size ? [...used] : [0])
      .where('received_at', '<', new Date(o.until.getTime() - 10 * DAY).toISOString())
      .orderBy('received_at', 'desc')
      .limit(1)
      .offset(n % 3)
      .executeTakeFirst();
    if (!c) continue;
    used.add(c.id);

    const steps = plan.reach === 'rejected' ? 2 : ORDER.indexOf(plan.reach) + 1;
    // A day and a half between steps, ending no later than a day before `until`.
    const start = Math.min(Date.parse(c.received_at) + 2 * DAY, o.until.getTime() - (steps * 1.5 + 1) * DAY);
    const at = (k: number) => new Date(start + k * 1.5 * DAY);
    const iso = (k: number) => at(k).toISOString();
    const row: Insertable<RmasTable> = {
      complaint_id: c.id,
      rma_no: null,
      state: plan.reach,
      quantity: 1,
      serial_no: c.serial_no,
      reason: plan.reason,
      requested_by: who('sales_admin'),
      requested_at: iso(0),
      version: steps - 1,
    };
    const events: Array<{ by: number; at: Date; field: string; before: RmaState | null; after: Record<string, unknown> }> = [
      { by: row.requested_by, at: at(0), field: 'request', before: null, after: { state: 'requested', quantity: 1, serialNo: c.serial_no, reason: plan.reason } },
    ];
    if (plan.reach === 'rejected') {
      Object.assign(row, { decided_by: who('sales_manager'), decided_at: iso(1), decision_note: plan.rejectNote });
      events.push({ by: who('sales_manager'), at: at(1), field: 'reject', before: 'requested', after: { state: 'rejected', note: plan.rejectNote } });
    }
    const reached = (s: RmaState) => plan.reach !== 'rejected' && ORDER.indexOf(plan.reach) >= ORDER.indexOf(s);
    if (reached('approved')) {
      row.rma_no = await nextRmaNumber(db, at(1), timeZone);
      Object.assign(row, { decided_by: who('sales_manager'), decided_at: iso(1), decision_note: '同意退货' });
      events.push({ by: who('sales_manager'), at: at(1), field: 'approve', before: 'requested', after: { state: 'approved', rmaNo: row.rma_no, note: '同意退货' } });
    }
    if (reached('shipped')) {
      const carrier = CARRIERS[n % CARRIERS.length]!;
      const waybill = `${carrier === '顺丰速运' ? 'SF' : carrier === '德邦物流' ? 'DPK' : 'ZTO'}${String(7_300_000_000 + c.id * 7919).slice(0, 10)}`;
      Object.assign(row, { carrier, waybill_no: waybill, shipped_at: iso(2) });
      events.push({ by: who('sales_admin'), at: at(2), field: 'ship', before: 'approved', after: { state: 'shipped', carrier, waybillNo: waybill, at: iso(2) } });
    }
    if (reached('received')) {
      Object.assign(row, { received_at: iso(3), received_by: who('production_after_sales') });
      events.push({ by: who('production_after_sales'), at: at(3), field: 'receive', before: 'shipped', after: { state: 'received', at: iso(3) } });
    }
    if (reached('inspected')) {
      Object.assign(row, { inspection_result: plan.inspection, disposition: plan.disposition, inspected_at: iso(4), inspected_by: who('production_after_sales') });
      events.push({
        by: who('production_after_sales'),
        at: at(4),
        field: 'inspect',
        before: 'received',
        after: { state: 'inspected', inspectionResult: plan.inspection, disposition: plan.disposition },
      });
    }
    let closer: number | null = null;
    if (reached('closed')) {
      closer = plan.disposition === 'refund' ? who('finance') : who('production_after_sales');
      Object.assign(row, { refund_amount: plan.refund ?? null, closed_at: iso(5), closed_by: closer });
      events.push({ by: closer, at: at(5), field: 'close', before: 'inspected', after: { state: 'closed', disposition: plan.disposition, refundAmount: plan.refund ?? null } });
    }

    const { id } = await db.insertInto('rmas').values(row).returning('id').executeTakeFirstOrThrow();
    for (const e of events) {
      await appendEvents(db, e.by, e.at, [{ complaintId: c.id, kind: 'rma', field: e.field, before: e.before, after: { rmaId: id, rmaNo: row.rma_no, ...e.after } }]);
    }
    if (closer !== null && plan.refund) {
      const costs = await syncSourceCosts(db, {
        complaintId: c.id,
        source: 'rma',
        sourceId: id,
        wanted: [refundCost(row.rma_no ?? null, plan.refund, calendarDateOf(at(5), timeZone))],
        userId: closer,
        now: at(5),
      });
      await appendEvents(db, closer, at(5), costs);
    }
    await db.updateTable('complaints').set({ rma_state: await caseRmaState(db, c.id) }).where('id', '=', c.id).execute();
  }
}
