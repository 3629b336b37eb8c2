import type { Kysely } from 'kysely';
import { CHANNELS, DEFECT_CATEGORIES, SEVERITIES, type Channel, type DefectCategory, type Severity } from '../../shared/domain';
import { addDays, calendarDateOf, zonedParts } from '../../shared/dates';
import type { Database, NewComplaint, NewEvent } from '../db/schema';
import { formatTrackingNumber, periodKey } from '../rules/tracking-number';
import type { AuditEntry } from './audit';
import { demoPeople, planDemoCase, type DemoCasePlan } from './demo-lifecycle';
import { loadDemoService } from './demo-service';
import { searchText } from './complaints';
import { normalizeKey } from '../rules/repeat';

const minDate = (a: string, b: string) => (a < b ? a : b);
import { getSettings } from './settings';

/**
 * A demo office: about two years of a mid-size machinery maker's complaints. Deterministic (seeded),
 * so tests and benchmarks see the same data. Defect categories and models follow a Pareto-like
 * spread (a few causes make most complaints), which is what the analysis screens are for.
 */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1]![0];
}

const CITIES = ['苏州', '无锡', '常州', '南京', '杭州', '宁波', '温州', '上海', '合肥', '青岛', '济南', '天津', '郑州', '武汉', '长沙', '成都', '重庆', '西安', '佛山', '东莞', '厦门', '昆山', '泉州', '烟台'];
const WORDS = ['恒达', '华宇', '鑫源', '金鼎', '瑞丰', '永盛', '宏远', '中联', '新世纪', '天成', '博远', '海通', '嘉禾', '东方', '盛世', '鼎力', '汇川', '精工', '力拓', '顺昌', '万向', '隆基', '华鑫'];
const TRADES = ['机械', '精密制造', '电子', '包装', '汽车零部件', '食品', '纺织', '塑胶', '化工', '医药', '建材', '新能源'];
const SUFFIX = ['有限公司', '股份有限公司', '科技有限公司'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭', '林', '何', '高', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '建华', '志强', '海燕', '晓东'];

/** Product lines of the demo maker, with the models and how often each appears in complaints. */
const MODELS: ReadonlyArray<readonly [string, number]> = [
  ['SA-37A', 18], ['SA-55A', 14], ['SA-75B', 10], ['SA-22A', 8], ['SA-110', 5],
  ['DR-20', 9], ['DR-40', 6], ['VP-15', 7], ['VP-30', 5], ['CT-300', 4], ['CT-500', 3], ['FL-10', 2],
];

const CATEGORY_WEIGHTS: ReadonlyArray<readonly [DefectCategory, number]> = [
  ['electrical', 27], ['mechanical', 19], ['leakage', 14], ['control_software', 10], ['noise_vibration', 8],
  ['performance', 6], ['transport_damage', 4], ['appearance', 3], ['installation', 3], ['packaging', 1.6],
  ['documentation', 1.2], ['operation', 2], ['other', 1.2],
];

const DESCRIPTIONS: Record<DefectCategory, string[]> = {
  electrical: ['设备开机后主控板报过载故障，无法正常启动。', '电机接线盒发热，客户担心安全问题。', '变频器频繁报欠压，停机后需手动复位。', '接触器烧蚀，更换后一周再次出现。'],
  mechanical: ['主机运行一段时间后轴承异响，温度偏高。', '联轴器松动，皮带磨损严重。', '进气阀卡滞，排气量明显下降。', '安装底座螺栓断裂。'],
  leakage: ['油气分离器处漏油，地面有油渍。', '冷却器接头漏水，已影响生产。', '排气管路法兰处漏气，压力保持不住。'],
  control_software: ['触摸屏显示乱码，参数无法保存。', '远程监控断线，数据不能上传。', '控制程序升级后压力设定值被重置。'],
  noise_vibration: ['设备振动大，噪音超过合同约定值。', '风扇运行有周期性异响。'],
  performance: ['实测排气量低于铭牌参数约10%。', '排气温度偏高，夏季经常高温停机。', '能耗比上一代设备高，客户要求解释。'],
  transport_damage: ['到货时外壳凹陷，包装箱有明显撞击痕迹。', '运输途中仪表盘碎裂。'],
  appearance: ['外壳喷漆脱落，有锈斑。', '铭牌字迹模糊，客户要求更换。'],
  installation: ['现场安装后管路走向不合理，需要重新调整。', '安装人员未按规范接地。'],
  packaging: ['木箱包装破损，随机附件缺失。', '包装内缺少随机配件清单。'],
  documentation: ['说明书为英文版，客户要求提供中文说明书。', '电气图纸与实物不符。'],
  operation: ['客户操作人员不熟悉保养流程，要求培训。', '客户误操作导致设备报警，需远程指导。'],
  other: ['客户反馈交货延期，要求说明情况。', '发票信息有误，要求重开。'],
};

const CHANNEL_WEIGHTS: ReadonlyArray<readonly [Channel, number]> = [
  ['phone', 45], ['email', 30], ['distributor', 15], ['visit', 7], ['other', 3],
];
const SEVERITY_WEIGHTS: ReadonlyArray<readonly [Severity, number]> = [
  ['minor', 28], ['normal', 52], ['major', 17], ['safety', 3],
];

// Guard: the weight tables cover the shared enums (a new code must get a weight here).
void [CHANNELS, DEFECT_CATEGORIES, SEVERITIES];

export interface DemoOptions {
  complaints: number;
  seed?: number;
  /** The last instant of the demo period; the data covers the two years before it. */
  until: Date;
  /** Who the demo cases are registered by. */
  userId: number;
  /** Write a 'created' audit event per case (off in the benchmark's bulk seeding). */
  audit?: boolean;
  /** Walk the cases along the procedure with the demo office's people (default on). */
  lifecycle?: boolean;
  /** Days the complaints are spread over before `until` (default two years); a short span leaves most open. */
  spanDays?: number;
}

const YEAR_MS = 365.25 * 24 * 3600_000;

/** Inserts the demo customers, models and complaints in the caller's transaction; the table must be empty. */
export async function loadDemoData(db: Kysely<Database>, opts: DemoOptions): Promise<number> {
  const rng = mulberry32(opts.seed ?? 20261125);
  const settings = await getSettings(db);
  const tz = settings.officeTimeZone;
  const createdAt = opts.until.toISOString();

  // Customers: a long tail, where a few big accounts complain most.
  const customerCount = Math.max(20, Math.min(400, Math.round(opts.complaints / 25)));
  const names = new Set<string>();
  while (names.size < customerCount) {
    names.add(`${pick(rng, CITIES)}${pick(rng, WORDS)}${pick(rng, TRADES)}${pick(rng, SUFFIX)}`);
  }
  const existing = new Set((await db.selectFrom('customers').select('name').execute()).map((r) => r.name));
  const fresh = [...names].filter((n) => !existing.has(n));
  for (let i = 0; i < fresh.length; i += 200) {
    await db
      .insertInto('customers')
      .values(fresh.slice(i, i + 200).map((name) => ({ name, region: name.slice(0, 2), created_at: createdAt })))
      .execute();
  }
  const customers = await db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('name', 'in', [...names])
    .execute();
  const customerWeights = customers.map((c, i) => [c, 1 / (i + 1) ** 0.8] as const);
  // The biggest accounts (the first tenth by weight) are key customers: SLA rules may treat them apart.
  const keyAccounts = customers.slice(0, Math.max(1, Math.floor(customers.length / 10))).map((c) => c.id);
  await db.updateTable('customers').set({ tier: 'key' }).where('id', 'in', keyAccounts).execute();

  for (const [model] of MODELS) {
    await db
      .insertInto('product_models')
      .values({ model, product_line: model.split('-')[0]!, created_at: createdAt })
      .onConflict((oc) => oc.column('model').doNothing())
      .execute();
  }
  const models = new Map(
    (await db.selectFrom('product_models').select(['id', 'model']).execute()).map((m) => [m.model, m.id]),
  );

  // Complaints, spread over two years with a mild upward trend.
  const end = opts.until.getTime();
  const start = end - (opts.spanDays ? opts.spanDays * 24 * 3600_000 : 2 * YEAR_MS);
  const times: number[] = [];
  for (let i = 0; i < opts.complaints; i++) times.push(start + Math.sqrt(rng()) * (end - start - 3600_000));
  times.sort((a, b) => a - b);

  const people = opts.lifecycle === false ? null : await demoPeople(db, opts.until);
  const plans: DemoCasePlan[] = [];
  const seqByKey = new Map<string, number>();
  const rows: NewComplaint[] = [];
  for (const t of times) {
    const received = new Date(t);
    const p = zonedParts(received, tz);
    const ym = { year: p.year, month: p.month };
    const key = periodKey(settings.trackingNumberFormat, ym);
    const n = (seqByKey.get(key) ?? 0) + 1;
    seqByKey.set(key, n);
    const customer = weighted(rng, customerWeights);
    const model = weighted(rng, MODELS);
    const category = weighted(rng, CATEGORY_WEIGHTS);
    const delivery = addDays(calendarDateOf(received, tz), -Math.floor(20 + rng() * 900));
    const contactName = `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}`;
    const row = {
      tracking_no: formatTrackingNumber(settings.trackingNumberFormat, ym, n),
      received_at: received.toISOString(),
      channel: weighted(rng, CHANNEL_WEIGHTS),
      customer_id: customer.id,
      customer_name: customer.name,
      contact_name: contactName,
      contact_phone: `1${pick(rng, ['3', '5', '8', '9'])}${String(Math.floor(rng() * 1e9)).padStart(9, '0')}`,
      contact_email: null,
      product_model_id: models.get(model)!,
      product_model: model,
      serial_no: `${model.replace('-', '')}${delivery.slice(2, 4)}${String(Math.floor(rng() * 1e5)).padStart(5, '0')}`,
      delivery_date: delivery,
      // Installed one to four weeks after delivery (the default warranty counts from installation);
      // derived without the random stream, so the rest of the demo stays as it was.
      installation_date: minDate(addDays(delivery, 7 + (n % 22)), calendarDateOf(received, tz)),
      description: pick(rng, DESCRIPTIONS[category]),
      defect_category: category,
      severity: weighted(rng, SEVERITY_WEIGHTS),
      state: 'registered',
      created_at: received.toISOString(),
      created_by: opts.userId,
      updated_at: received.toISOString(),
      version: 0,
    };
    const full: NewComplaint = { ...row, search_text: searchText(row), serial_key: normalizeKey(row.serial_no) };
    if (people) {
      const plan = planDemoCase(db, rng, { received_at: row.received_at, severity: row.severity, defect_category: category }, people, opts.until);
      Object.assign(full, plan.complaint);
      plans.push(plan);
    }
    rows.push(full);
  }

  for (const [key, n] of seqByKey) {
    await db.insertInto('sequences').values({ key, last: n }).execute();
  }

  // The contact people the demo cases name, so that the registration form can suggest them.
  const contacts = new Map<string, { customer_id: number; name: string; phone: string | null }>();
  for (const r of rows) contacts.set(`${r.customer_id}\u0000${r.contact_name}`, { customer_id: r.customer_id, name: r.contact_name!, phone: r.contact_phone ?? null });
  const contactRows = [...contacts.values()].map((c) => ({ ...c, email: null, created_at: createdAt }));
  for (let i = 0; i < contactRows.length; i += 500) await db.insertInto('contacts').values(contactRows.slice(i, i + 500)).execute();

  const BATCH = 500; // 23 columns × 500 rows stays under SQLite's bound-parameter limit
  for (let i = 0; i < rows.length; i += BATCH) {
    const ids = await db.insertInto('complaints').values(rows.slice(i, i + BATCH)).returning('id').execute();
    const events: NewEvent[] = [];
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j]!.id;
      const r = rows[i + j]!;
      const plan = plans[i + j];
      if (plan) await plan.children(id);
      if (opts.audit === false) continue;
      const entries: AuditEntry[] = [{ complaintId: id, kind: 'created', after: { trackingNo: r.tracking_no, demo: true } }, ...(plan?.events(id) ?? [])];
      const times = plan?.times ?? [new Date(r.received_at)];
      entries.forEach((e, k) =>
        events.push({
          complaint_id: e.complaintId,
          at: (times[k] ?? opts.until).toISOString(),
          actor_id: plan?.actors[k] ?? opts.userId,
          kind: e.kind,
          field: e.field ?? null,
          before: e.before === undefined ? null : JSON.stringify(e.before),
          after: e.after === undefined ? null : JSON.stringify(e.after),
        }),
      );
    }
    for (let k = 0; k < events.length; k += 500) await db.insertInto('events').values(events.slice(k, k + 500)).execute();
  }
  // Visits, parts, returns and contracts on the cases that reached service (issue 5).
  if (people) await loadDemoService(db, { until: opts.until, userId: opts.userId });
  return rows.length;
}
