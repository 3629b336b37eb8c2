import { sql, type Kysely } from 'kysely';
import { addDays, calendarDateOf } from '../../shared/dates';
import type { Database } from '../db/schema';
import type { Actor } from './case-change';
import { createCapa, stepCapa, updateCapa } from './capa-write';
import { getSettings } from './settings';

/**
 * Corrective and preventive actions for the demo office (issue 7): the two defect categories that
 * led the last half-year's Pareto each got a corrective action — the first closed after an
 * effective check, the second in progress with an action now overdue (the scheduler escalates it at
 * its next pass) — and the most complained-about model a preventive action just opened. Each is
 * taken through the same services as on screen, at the instants the staff would have, so the audit
 * trail and the cases' timelines show it.
 */

const DAY = 24 * 3600_000;

/** Screen words of the categories (the demo's texts are Chinese, as the office writes them). */
const CATEGORY_ZH: Record<string, string> = {
  electrical: '电气',
  mechanical: '机械',
  control_software: '控制 / 软件',
  leakage: '泄漏',
  noise_vibration: '噪音 / 振动',
  performance: '性能',
  appearance: '外观',
  transport_damage: '运输损坏',
  packaging: '包装',
  installation: '安装',
  documentation: '技术资料',
  operation: '操作使用',
  other: '其他',
};

export async function loadDemoCapa(db: Kysely<Database>, opts: { until: Date; userId: number }): Promise<void> {
  const tz = (await getSettings(db)).officeTimeZone;
  const today = calendarDateOf(opts.until, tz);
  const staff = async (role: string) =>
    (await db.selectFrom('users').select('id').where('role', '=', role).where('active', '=', 1).orderBy('id').executeTakeFirst())?.id ?? opts.userId;
  const [technology, support, afterSales, manager] = [
    await staff('production_technology'),
    await staff('technical_support'),
    await staff('production_after_sales'),
    await staff('sales_manager'),
  ];
  // The demo's people act as the administrator may: every step is open to the role.
  const at = (daysAgo: number, userId: number): Actor => ({ db, userId, role: 'admin', now: new Date(opts.until.getTime() - daysAgo * DAY) });

  const from = addDays(today, -182);
  const since = new Date(opts.until.getTime() - 182 * DAY).toISOString();
  const top = await db
    .selectFrom('complaints')
    .select(['defect_category', sql<number>`count(*)`.as('n')])
    .where('received_at', '>=', since)
    .where('defect_category', 'is not', null)
    .groupBy('defect_category')
    .orderBy(sql`count(*)`, 'desc')
    .limit(2)
    .execute();
  if (top.length < 2) return;
  // The latest cases of the category received before the CAPA was opened `daysAgo` (no case is linked before it exists).
  const casesOf = async (category: string, daysAgo: number) =>
    (
      await db
        .selectFrom('complaints')
        .select('id')
        .where('defect_category', '=', category)
        .where('received_at', '>=', since)
        .where('received_at', '<', new Date(opts.until.getTime() - daysAgo * DAY).toISOString())
        .orderBy('received_at', 'desc')
        .limit(4)
        .execute()
    ).map((r) => r.id);
  const bar = (category: string) => ({ dimension: 'defect_category' as const, key: category, label: category, from, to: today });
  const name = (category: string) => CATEGORY_ZH[category] ?? category;

  // 1. The leading category: actions done, checked effective ten days ago, closed.
  const a = top[0]!.defect_category!;
  let c = (
    await createCapa(at(75, technology), {
      kind: 'corrective',
      title: `缺陷类别：${name(a)} (${from} – ${today})`,
      problem: `柏拉图分析，缺陷类别“${name(a)}”：${from} – ${today} 期间受理 ${top[0]!.n} 起，居首位。`,
      rootCause: '主控板电容批次耐温不足，夏季高温工况下容量衰减，导致过载误报停机。',
      ownerId: technology,
      dueOn: addDays(today, -30),
      effectivenessDueOn: addDays(today, -5),
      actions: [
        { id: null, description: '更换电容供应商，来料按批做 85 ℃ 高温老化抽检', ownerId: technology, dueOn: addDays(today, -50), done: false },
        { id: null, description: '更新主控板出厂检验规程，增加满载温升测试', ownerId: support, dueOn: addDays(today, -40), done: false },
      ],
      caseIds: await casesOf(a, 75),
      source: bar(a),
    })
  ).capa;
  c = (await stepCapa(at(74, technology), { capaId: c.id, version: c.version, action: 'start', effectiveness: null, checkedOn: null, note: null })).capa;
  const done = c.actions.map((x) => ({ id: x.id, description: x.description, ownerId: x.ownerId, dueOn: x.dueOn, done: true }));
  c = (await updateCapa(at(42, technology), { ...c, capaId: c.id, actions: done })).capa;
  c = (await stepCapa(at(41, technology), { capaId: c.id, version: c.version, action: 'to_check', effectiveness: null, checkedOn: null, note: null })).capa;
  await stepCapa(at(10, manager), {
    capaId: c.id,
    version: c.version,
    action: 'close',
    effectiveness: 'effective',
    checkedOn: addDays(today, -10),
    note: '新批次电容投用后一个月内，同类过载误报投诉为零。',
  });

  // 2. The second category: in progress, one action done, one past its due date.
  const b = top[1]!.defect_category!;
  c = (
    await createCapa(at(30, afterSales), {
      kind: 'corrective',
      title: `缺陷类别：${name(b)} (${from} – ${today})`,
      problem: `柏拉图分析，缺陷类别“${name(b)}”：${from} – ${today} 期间受理 ${top[1]!.n} 起，居第二位。`,
      rootCause: '装配线紧固力矩未按新规范执行，运输振动后连接处松动。',
      ownerId: afterSales,
      dueOn: addDays(today, 20),
      effectivenessDueOn: addDays(today, 60),
      actions: [
        { id: null, description: '装配线全部扭力扳手校准并张贴新力矩表', ownerId: afterSales, dueOn: addDays(today, -15), done: true },
        { id: null, description: '对在用设备发布紧固件检查服务通知', ownerId: support, dueOn: addDays(today, -3), done: false },
      ],
      caseIds: await casesOf(b, 30),
      source: bar(b),
    })
  ).capa;
  await stepCapa(at(29, afterSales), { capaId: c.id, version: c.version, action: 'start', effectiveness: null, checkedOn: null, note: null });

  // 3. A preventive action on the model with most complaints, just opened.
  const model = await db
    .selectFrom('complaints')
    .select(['product_model', sql<number>`count(*)`.as('n')])
    .where('received_at', '>=', since)
    .groupBy('product_model')
    .orderBy(sql`count(*)`, 'desc')
    .executeTakeFirst();
  if (!model) return;
  await createCapa(at(3, technology), {
    kind: 'preventive',
    title: `${model.product_model} 系列预防性改进`,
    problem: `${model.product_model} 近半年投诉 ${model.n} 起，居各型号之首；在新批次设计中预先消除已知薄弱环节。`,
    rootCause: null,
    ownerId: technology,
    dueOn: addDays(today, 45),
    effectivenessDueOn: null,
    actions: [{ id: null, description: '评审该型号近半年维修记录，列出设计改进清单', ownerId: technology, dueOn: addDays(today, 14), done: false }],
    caseIds: [],
    source: { dimension: 'product_model', key: model.product_model, label: model.product_model, from, to: today },
  });
}
