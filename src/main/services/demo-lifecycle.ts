import type { Kysely } from 'kysely';
import type { DefectCategory, Role, Severity, TreatmentKind } from '../../shared/domain';
import type { Database, NewComplaint } from '../db/schema';
import type { AuditEntry } from './audit';

/**
 * The demo office's people and how far each demo case has got. A case walks the procedure with
 * realistic delays; where it stands today is simply the last step whose time has come, so old
 * cases are closed and this week's are still being registered, investigated and decided.
 */

type Rng = () => number;

const PEOPLE: ReadonlyArray<readonly [string, Role, string]> = [
  ['李娜', 'sales_admin', 'sales_admin_office'],
  ['张伟', 'sales_admin', 'sales_admin_office'],
  ['王强', 'sales_manager', 'sales'],
  ['陈杰', 'branch_manager', 'sales'],
  ['刘洋', 'production_after_sales', 'production'],
  ['赵敏', 'production_after_sales', 'production'],
  ['孙涛', 'production_technology', 'production_technology'],
  ['周磊', 'technical_support', 'technical'],
  ['吴芳', 'finance', 'finance'],
  ['黄建华', 'chairman', 'management'],
];

export interface DemoPeople {
  byRole: Map<Role, number[]>;
  departments: Map<string, number>;
}

/** Creates the demo profiles (once) and answers who holds which role. */
export async function demoPeople(db: Kysely<Database>, now: Date): Promise<DemoPeople> {
  const departments = new Map((await db.selectFrom('departments').select(['id', 'code']).execute()).map((d) => [d.code, d.id]));
  const existing = new Set((await db.selectFrom('users').select('name').execute()).map((u) => u.name));
  const fresh = PEOPLE.filter(([name]) => !existing.has(name));
  if (fresh.length) {
    await db
      .insertInto('users')
      .values(
        fresh.map(([name, role, dept]) => ({
          name,
          role,
          department_id: departments.get(dept) ?? null,
          password_hash: null,
          active: 1,
          created_at: now.toISOString(),
        })),
      )
      .execute();
  }
  const byRole = new Map<Role, number[]>();
  for (const u of await db.selectFrom('users').select(['id', 'role']).where('active', '=', 1).orderBy('id').execute()) {
    const list = byRole.get(u.role as Role) ?? [];
    list.push(u.id);
    byRole.set(u.role as Role, list);
  }
  return { byRole, departments };
}

const CAUSES: Partial<Record<DefectCategory, [string, string]>> = {
  electrical: ['主控板电源模块电容批次不良，高温下容量衰减。', '更换该批次电容，来料增加高温老化抽检。'],
  mechanical: ['轴承装配预紧力不足，运行后游隙变大。', '修订装配作业指导书，增加预紧力矩检验。'],
  leakage: ['密封圈材质不耐高温，长期运行后老化。', '改用氟橡胶密封圈，并通知在用客户更换。'],
  control_software: ['程序版本缺陷：断电后参数未写入存储器。', '发布修正版本，远程升级在用设备。'],
  noise_vibration: ['风扇叶片动平衡超差。', '增加风扇动平衡检测工序。'],
  performance: ['进气滤芯规格错误，进气阻力大。', '按正确规格更换滤芯，核对物料清单。'],
  transport_damage: ['承运商装卸不当，包装无防撞标识。', '加固包装并与承运商索赔。'],
  operation: ['客户操作人员未按说明书保养。', '对客户进行现场操作培训。'],
};

const OPTION_FOR: Partial<Record<DefectCategory, [TreatmentKind, string, number]>> = {
  electrical: ['repair', '上门更换主控板', 180000],
  mechanical: ['repair', '上门更换轴承并调整', 120000],
  leakage: ['repair', '更换密封件', 45000],
  control_software: ['remote_guidance', '远程升级控制程序', 0],
  noise_vibration: ['onsite_service', '现场动平衡校正', 60000],
  performance: ['replacement', '更换正确规格滤芯', 30000],
  transport_damage: ['replacement', '更换受损部件', 80000],
  operation: ['explanation_training', '现场操作培训', 20000],
};

const HOUR = 3600_000;

export interface DemoCasePlan {
  complaint: Partial<NewComplaint>;
  /** Rows to write once the complaint's id is known. */
  children(id: number): Promise<void>;
  events(id: number): AuditEntry[];
  /** When each event happened and who did it (null: the person loading the demo), parallel to events(). */
  times: Date[];
  actors: Array<number | null>;
}

/** Plans how far one demo case has got by `until`, with the records each step leaves. */
export function planDemoCase(
  db: Kysely<Database>,
  rng: Rng,
  c: { received_at: string; severity: Severity; defect_category: DefectCategory },
  people: DemoPeople,
  until: Date,
): DemoCasePlan {
  const pickId = (role: Role) => {
    const ids = people.byRole.get(role) ?? [];
    return ids.length ? ids[Math.floor(rng() * ids.length)]! : null;
  };
  const received = Date.parse(c.received_at);
  const nonQuality = c.defect_category === 'operation' || (c.defect_category === 'installation' && rng() < 0.5);
  const escalated = c.severity === 'safety' || rng() < 0.04;
  const [cause, countermeasure] = CAUSES[c.defect_category] ?? ['现场调查确认为个别质量问题。', '加强出厂检验。'];
  const [kind, optDesc, cost] = OPTION_FOR[c.defect_category] ?? ['repair', '上门维修', 50000];
  const steps: Array<[string, number]> = [];
  let t = received + (1 + rng() * 40) * HOUR;
  const step = (name: string, hoursMin: number, hoursMax: number) => {
    t += (hoursMin + rng() * (hoursMax - hoursMin)) * HOUR;
    steps.push([name, t]);
  };
  steps.push(['accept', t]);
  step('submit_for_decision', 12, 96);
  step('decide', 2, 48);
  if (escalated) step('chairman_decide', 4, 72);
  step('record_acceptance', 24, 240);
  step('verify', 12, 96);
  step('close', 2, 72);
  // A few cases are rejected, and a few stall in service (waiting for parts, a dispute).
  const rejected = rng() < 0.03;
  const stalled = !rejected && rng() < 0.01;
  const done = steps.filter(([name, at]) => at <= until.getTime() && !(stalled && (name === 'record_acceptance' || name === 'verify' || name === 'close')));
  const has = (name: string) => done.some(([n]) => n === name);
  const at = (name: string) => new Date(done.find(([n]) => n === name)![1]).toISOString();

  const STATE_AFTER: Record<string, string> = {
    accept: 'investigating',
    submit_for_decision: 'awaiting_decision',
    decide: escalated ? 'awaiting_chairman' : 'in_service',
    chairman_decide: 'in_service',
    record_acceptance: 'awaiting_verification',
    verify: 'verified',
    close: 'closed',
  };
  const manager = pickId('sales_manager');
  const chairman = pickId('chairman');
  const owner = has('accept') ? pickId(nonQuality ? 'sales_admin' : 'production_after_sales') : null;
  const last = done[done.length - 1];
  let state = rejected && has('accept') ? 'rejected' : last ? STATE_AFTER[last[0]]! : 'registered';
  if (rejected && !has('accept')) state = 'registered';
  const stateChangedAt = rejected && has('accept') ? at('accept') : last ? at(last[0]) : c.received_at;
  const complaint: Partial<NewComplaint> = {
    state,
    state_changed_at: stateChangedAt,
    classification: has('accept') || rejected ? (nonQuality ? 'non_quality' : 'quality') : rng() < 0.5 ? (nonQuality ? 'non_quality' : 'quality') : null,
    owner_id: state === 'rejected' ? null : owner,
    escalated: escalated ? 1 : 0,
    escalation_reason: escalated ? (c.severity === 'safety' ? '安全缺陷' : '客户多次投诉，压力较大') : null,
    rejection_reason: state === 'rejected' ? '经核实不属于本公司产品问题' : null,
    chosen_option: has('decide') && state !== 'rejected' ? 0 : null,
    chosen_kind: has('decide') && state !== 'rejected' ? kind : null,
    decision_note: has('decide') && state !== 'rejected' ? '同意生产技术部方案' : null,
    decided_by: has('decide') && state !== 'rejected' ? manager : null,
    decided_at: has('decide') && state !== 'rejected' ? at('decide') : null,
    chairman_note: has('chairman_decide') && state !== 'rejected' ? '同意，注意控制成本并跟踪客户反馈' : null,
    chairman_by: has('chairman_decide') && state !== 'rejected' ? chairman : null,
    chairman_at: has('chairman_decide') && state !== 'rejected' ? at('chairman_decide') : null,
    customer_agreed: nonQuality && has('submit_for_decision') ? 1 : null,
    closed_at: state === 'closed' ? at('close') : null,
    // When the SLA clocks stopped (issue 4), so that the scheduler's first pass judges the demo's
    // history as it happened: answered on accept (or rejection), on site when the service was
    // accepted, resolved when verified.
    responded_at: state === 'rejected' ? stateChangedAt : has('accept') ? at('accept') : null,
    ...(() => {
      const decided = has('decide') && state !== 'rejected';
      const visit = decided && (kind === 'onsite_service' || kind === 'repair' || kind === 'replacement') && ['in_service', 'awaiting_verification', 'verified', 'closed'].includes(state);
      const from = visit ? (has('chairman_decide') ? at('chairman_decide') : at('decide')) : null;
      return {
        estimated_cost: has('submit_for_decision') && state !== 'rejected' ? cost : 0,
        onsite_from: from,
        on_site_at: visit && has('record_acceptance') ? at('record_acceptance') : null,
        resolved_at: state === 'rejected' ? stateChangedAt : has('verify') ? at('verify') : null,
      };
    })(),
  };
  const actorFor: Record<string, Role> = {
    accept: 'sales_manager',
    submit_for_decision: 'production_technology',
    decide: 'sales_manager',
    chairman_decide: 'chairman',
    record_acceptance: 'sales_admin',
    verify: 'sales_admin',
    close: 'sales_admin',
  };
  const taken = state === 'rejected' ? [] : done;
  const times = [new Date(received), ...(state === 'rejected' ? [new Date(stateChangedAt)] : taken.map(([, when]) => new Date(when)))];

  const actors = [null, ...(state === 'rejected' ? [manager] : taken.map(([name]) => pickId(actorFor[name]!)))];

  return {
    complaint,
    times,
    actors,
    events(id) {
      const out: AuditEntry[] = [];
      if (state === 'rejected') {
        out.push({ complaintId: id, kind: 'transition', field: 'reject', before: 'registered', after: { state: 'rejected', reason: complaint.rejection_reason } });
        return out;
      }
      let prev = 'registered';
      for (const [name] of taken) {
        const next = STATE_AFTER[name]!;
        out.push({ complaintId: id, kind: 'transition', field: name, before: prev, after: { state: next, demo: true, actor: actorFor[name] } });
        prev = next;
      }
      return out;
    },
    async children(id) {
      if (state === 'rejected' || !has('submit_for_decision')) return;
      const by = pickId('production_technology') ?? 1;
      await db
        .insertInto('investigations')
        .values({ complaint_id: id, cause, countermeasures: countermeasure, method: 'free', whys: '[]', containment: null, root_cause_verified: null, permanent_action: null, prevention: null, technical_support: null, updated_at: at('submit_for_decision'), updated_by: by })
        .execute();
      await db
        .insertInto('treatment_options')
        .values({ complaint_id: id, position: 0, kind, description: optDesc, estimated_cost: cost, currency: 'CNY', payer: nonQuality ? 'customer' : 'company' })
        .execute();
      if (nonQuality) {
        await db
          .insertInto('customer_agreements')
          .values({ complaint_id: id, agreed: 1, customer_person: '客户设备主管', agreed_on: at('submit_for_decision').slice(0, 10), amount: cost, note: null, recorded_by: pickId('sales_admin') ?? 1, recorded_at: at('submit_for_decision') })
          .execute();
      }
      const admin = pickId('sales_admin') ?? 1;
      if (has('record_acceptance')) {
        await db
          .insertInto('acceptances')
          .values({ complaint_id: id, accepted_by: '客户设备主管', accepted_on: at('record_acceptance').slice(0, 10), receipt_attachment_id: null, note: '验收单已交财务部', recorded_by: admin, recorded_at: at('record_acceptance') })
          .execute();
      }
      if (has('verify')) {
        await db
          .insertInto('verifications')
          .values({ complaint_id: id, channel: rng() < 0.7 ? 'phone' : 'email', contact_name: '客户设备主管', verified_at: at('verify'), resolved: 1, satisfaction: 3 + Math.floor(rng() * 3), note: null, recorded_by: admin, recorded_at: at('verify') })
          .execute();
      }
      if (has('close') && !nonQuality) {
        const prod = people.departments.get('production');
        const tech = people.departments.get('production_technology');
        const split = rng() < 0.6 ? [[prod, 10000]] : [[prod, 7000], [tech, 3000]];
        await db
          .insertInto('responsibilities')
          .values(split.map(([dept, bp]) => ({ complaint_id: id, department_id: dept ?? null, person_name: null, share_bp: bp!, note: null, received_at: c.received_at })))
          .execute();
      }
    },
  };
}
