import type { Kysely } from 'kysely';
import { calendarDateOf } from '../../shared/dates';
import type { PartUsage } from '../../shared/service';
import type { Database } from '../db/schema';
import { appendEvents } from './audit';
import { syncSourceCosts } from './cost-lines';
import { wantedCosts } from './parts-case';
import { applyStockMove } from './parts';
import { getSettings } from './settings';

/**
 * The demo office's spare parts: a catalogue of the maker's usual spares, purchase receipts over
 * the last months, and the parts the production after-sales team used on demo cases that reached
 * service (seed 002 §2). Everything goes through the same ledger code as the app, so the quantities
 * on hand are the ledger's totals; a few parts end at or below their reorder level. Deterministic.
 */

/** [part number, name, unit, unit cost in fen, reorder level, quantity bought at each receipt]. */
const CATALOGUE: ReadonlyArray<readonly [string, string, string, number, number, number]> = [
  ['BRG-6205', '轴承 深沟球 6205-2RS', '个', 4_550, 6, 20],
  ['BRG-6305', '轴承 深沟球 6305-2Z', '个', 6_800, 4, 12],
  ['BRG-NU210', '轴承 圆柱滚子 NU210', '个', 21_500, 2, 4],
  ['SEAL-O50', '密封圈 O型 Φ50×3.1 氟橡胶', '个', 800, 30, 60],
  ['SEAL-O80', '密封圈 O型 Φ80×3.5 氟橡胶', '个', 1_200, 20, 40],
  ['SEAL-SHAFT35', '密封圈 骨架油封 35×52×7', '个', 1_850, 10, 20],
  ['PCB-MAIN-37', '控制板 主控 SA-37 系列', '块', 128_000, 2, 5],
  ['PCB-MAIN-75', '控制板 主控 SA-75 系列', '块', 156_000, 2, 3],
  ['PCB-PWR-24', '控制板 电源模块 24V', '块', 38_000, 3, 6],
  ['PCB-DISP-7', '控制板 显示屏 7寸 触摸', '块', 66_000, 1, 3],
  ['MTR-FAN-220', '电机 冷却风扇 220V 180W', '台', 42_000, 2, 4],
  ['MTR-MAIN-15', '电机 主电机 15kW 4极', '台', 680_000, 1, 1],
  ['MTR-PUMP-05', '电机 油泵 0.55kW', '台', 95_000, 1, 2],
  ['SNS-TEMP-PT100', '传感器 温度 PT100', '个', 9_500, 5, 12],
  ['SNS-PRES-16', '传感器 压力 0–1.6MPa', '个', 32_000, 3, 6],
  ['SNS-LEVEL-01', '传感器 液位 浮球式', '个', 14_500, 2, 4],
  ['VLV-SOL-24', '电磁阀 二位二通 DC24V', '个', 18_800, 3, 8],
  ['VLV-SAFE-10', '安全阀 1.0MPa', '个', 12_600, 2, 5],
  ['VLV-MIN-PRES', '最小压力阀 组件', '套', 46_000, 1, 2],
  ['FLT-AIR-37', '滤芯 空气 SA-37 系列', '个', 8_600, 10, 30],
  ['FLT-OIL-37', '滤芯 机油 SA-37 系列', '个', 6_200, 10, 30],
  ['FLT-SEP-75', '滤芯 油气分离 SA-75 系列', '个', 52_000, 3, 6],
  ['BELT-SPA-1250', '皮带 窄V带 SPA1250', '条', 7_800, 6, 12],
  ['CAP-RUN-40', '电容 运行 40μF 450V', '个', 3_600, 8, 20],
  ['CNT-AC-32', '接触器 交流 32A', '个', 16_500, 3, 6],
  ['FAN-BLADE-400', '风扇叶片 Φ400 已动平衡', '个', 23_000, 2, 4],
  ['PNL-SIDE-37', '钣金 侧门板 SA-37', '块', 31_000, 1, 2],
  ['GSK-HEAD-37', '垫片 缸盖 SA-37', '片', 2_400, 10, 20],
];

/** The spares a defect usually takes, by the case's defect category. */
const SPARES_FOR: Record<string, string[]> = {
  mechanical: ['BRG-6205', 'BRG-6305', 'BRG-NU210', 'BELT-SPA-1250'],
  leakage: ['SEAL-O50', 'SEAL-O80', 'SEAL-SHAFT35', 'GSK-HEAD-37'],
  electrical: ['PCB-MAIN-37', 'PCB-PWR-24', 'CAP-RUN-40', 'CNT-AC-32'],
  control_software: ['PCB-DISP-7', 'SNS-PRES-16'],
  noise_vibration: ['FAN-BLADE-400', 'MTR-FAN-220', 'BRG-6205'],
  performance: ['FLT-AIR-37', 'FLT-SEP-75', 'VLV-MIN-PRES', 'SNS-TEMP-PT100'],
  transport_damage: ['PNL-SIDE-37', 'PCB-DISP-7'],
};

const DAY = 86_400_000;

export async function demoParts(db: Kysely<Database>, opts: { until: Date; userId: number }): Promise<void> {
  const until = opts.until.getTime();
  const at = (ms: number) => new Date(ms);
  const tz = (await getSettings(db)).officeTimeZone;
  // The production after-sales team keeps the stock (seed 002 §7.2); the caller where there is none.
  const keeper = (await db.selectFrom('users').select('id').where('role', '=', 'production_after_sales').where('active', '=', 1).orderBy('id').executeTakeFirst())?.id ?? opts.userId;

  const created = at(until - 400 * DAY).toISOString();
  const ids = new Map<string, number>();
  for (const [partNo, name, unit, unitCost, reorderLevel] of CATALOGUE) {
    const r = await db
      .insertInto('parts')
      .values({ part_no: partNo, name, unit, unit_cost: unitCost, reorder_level: reorderLevel, on_hand: 0, active: 1, created_at: created, updated_at: created, version: 0 })
      .onConflict((oc) => oc.column('part_no').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (r) ids.set(partNo, r.id);
  }
  if (!ids.size) return;
  const spec = new Map(CATALOGUE.map((c) => [c[0], c]));

  // What happens to the stock, in time order: purchase receipts, then the parts used on cases.
  type Step = { t: number; kind: 'receipt'; partNo: string; qty: number; note: string } | { t: number; kind: 'case'; partNo: string; qty: number; usage: PartUsage; complaintId: number; serial: string | null; n: number };
  const steps: Step[] = [];
  CATALOGUE.forEach(([partNo, , , , , lot], i) => {
    // Two purchase orders a year; the latest one did not reach the parts that are low today.
    const lots = i % 7 === 3 ? [330] : [330, 150];
    lots.forEach((daysAgo, k) => steps.push({ t: until - (daysAgo + (i % 5)) * DAY, kind: 'receipt', partNo, qty: lot, note: `采购入库 PO-${2500 + i * 3 + k}` }));
  });

  const cases = await db
    .selectFrom('complaints')
    .select(['id', 'defect_category', 'serial_no', 'received_at', 'state_changed_at', 'state'])
    .where('state', 'in', ['in_service', 'awaiting_verification', 'verified', 'closed'])
    .orderBy('id', 'desc')
    .execute();
  let n = 0;
  // The latest cases that took spares, a few dozen: a demo ledger a person can read through.
  for (const c of cases) {
    if (n >= 45) break;
    const spares = SPARES_FOR[c.defect_category];
    if (!spares || c.id % 3 !== 0) continue;
    n++;
    const partNo = spares[n % spares.length]!;
    if (!ids.has(partNo)) continue;
    // In service a few days after the case arrived, never after the demo's end.
    const t = Math.min(Date.parse(c.received_at) + (3 + (n % 6)) * DAY, until - DAY);
    if (t < until - 320 * DAY) continue;
    const usage: PartUsage = n % 9 === 0 ? 'repaired' : n % 4 === 0 ? 'sent' : 'used';
    const qty = spec.get(partNo)![3] < 10_000 ? 1 + (n % 3) : 1;
    steps.push({ t, kind: 'case', partNo, qty, usage, complaintId: c.id, serial: c.serial_no, n });
  }
  steps.sort((a, b) => a.t - b.t);

  const onHand = new Map<string, number>();
  for (const s of steps) {
    const partId = ids.get(s.partNo)!;
    const w = { db, userId: keeper, now: at(s.t) };
    const have = onHand.get(s.partNo) ?? 0;
    if (s.kind === 'receipt') {
      await applyStockMove(w, { partId, kind: 'receipt', delta: s.qty, note: s.note, override: false, complaintId: null, casePartId: null });
      onHand.set(s.partNo, have + s.qty);
      continue;
    }
    const p = spec.get(s.partNo)!;
    // A repaired part is the customer's own, mended: it does not leave the stock.
    const fromStock = s.usage !== 'repaired' && have >= s.qty;
    const line = await db
      .insertInto('case_parts')
      .values({
        complaint_id: s.complaintId,
        part_id: partId,
        action_id: null,
        usage: s.usage,
        quantity: s.qty,
        from_stock: fromStock ? 1 : 0,
        faulty_serial: s.serial ? `${s.partNo}-${s.serial.slice(-5)}` : null,
        replacement_serial: s.usage === 'repaired' ? null : `${s.partNo}-${String(24_000 + s.n * 37).padStart(6, '0')}`,
        unit_cost: p[3],
        note: s.usage === 'repaired' ? '客户寄回旧件修复后返还' : s.usage === 'sent' ? '快递寄送客户自行更换' : '上门服务现场更换',
        created_by: keeper,
        created_at: w.now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (fromStock) {
      await applyStockMove(w, { partId, kind: 'issue', delta: -s.qty, note: null, override: false, complaintId: s.complaintId, casePartId: line.id });
      onHand.set(s.partNo, have - s.qty);
    }
    const costs = await syncSourceCosts(db, {
      complaintId: s.complaintId,
      source: 'part',
      sourceId: line.id,
      wanted: wantedCosts({ usage: s.usage, quantity: s.qty, unit_cost: p[3], cancelled_at: null, part_no: p[0], name: p[1] }, calendarDateOf(w.now, tz)),
      userId: keeper,
      now: w.now,
    });
    await appendEvents(db, keeper, w.now, [
      { complaintId: s.complaintId, kind: 'case_part', field: `case_part:${line.id}`, before: null, after: { partNo: p[0], usage: s.usage, quantity: s.qty, fromStock, unitCost: p[3] } },
      ...costs,
    ]);
  }
}
