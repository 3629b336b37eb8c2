import { expect } from 'vitest';
import type { DeskApp } from '../../src/main/app';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/contract';
import type { Role } from '../../src/shared/domain';
import type { CaseFile } from '../../src/shared/types';

/**
 * A quality case taken through the api from registration to verification, each step by the role
 * seed 002 gives it (main/rules/workflow.ts, case-edits.ts): every part of the feedback form filled.
 */

export type Api = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export function apiOf(app: DeskApp): Api {
  return async (method, input) => {
    const r = await app.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as never;
  };
}

const PEOPLE: Array<[Role, string]> = [
  ['sales_admin', '张敏'],
  ['sales_manager', '李建国'],
  ['production_technology', '王海峰'],
  ['chairman', '陈志远'],
];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000);
const date = (offset: number) => day(offset).toISOString().slice(0, 10);

/** A 1×1 PNG: a "photo" attachment. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export async function makePeople(api: Api): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [role, name] of PEOPLE) ids[role] = (await api('users.create', { name, role })).id;
  return ids;
}

export async function registerCase(api: Api, people: Record<string, number>, customer: string): Promise<CaseFile> {
  await api('session.switch', { userId: people.sales_admin! });
  const c = await api('complaints.create', {
    receivedAt: day(-3).toISOString(),
    channel: 'phone',
    newCustomer: { name: customer, region: '浙江' },
    contactName: '周工',
    contactPhone: '0571-8888 6666',
    contactEmail: 'zhou.gong@example.cn',
    productModel: 'SA-55A 螺杆空压机',
    serialNo: 'SN-2026-0042 / LOT 2611',
    deliveryDate: date(-200),
    description: '设备运行两小时后排气温度过高（约 118 ℃），自动停机。客户已清洗冷却器，问题依旧。\n要求三天内到现场处理。',
    defectCategory: 'performance',
    severity: 'major',
  });
  return api('complaints.file', { id: c.id });
}

/** Every step after registration; answers the case as verified. */
export async function runQualityCase(api: Api, people: Record<string, number>, start: CaseFile): Promise<CaseFile> {
  let f = start;
  const as = async (role: string) => api('session.switch', { userId: people[role]! });
  const ref = () => ({ id: f.id, version: f.version });

  await as('sales_admin');
  f = await api('complaints.classify', { ...ref(), classification: 'quality' });
  f = await api('complaints.assign', { ...ref(), ownerId: people.sales_admin! });
  await as('sales_manager');
  f = await api('complaints.transition', { ...ref(), action: 'accept', reason: null });
  await as('production_technology');
  f = await api('complaints.saveInvestigation', {
    ...ref(),
    method: 'five_why',
    whys: ['排气温度高：冷却效果不足', '冷却不足：温控阀未全开', '温控阀未全开：阀芯卡滞', '阀芯卡滞：装配时混入铁屑', '混入铁屑：装配工位无清洁检查'],
    cause: '温控阀阀芯被装配时残留的铁屑卡滞，冷却油量不足，导致排气温度过高。',
    countermeasures: '更换温控阀并冲洗油路；装配工位增加清洁检查，首件确认记录。',
    technicalSupport: '技术部提供温控阀拆检指导及油路冲洗规程。',
  });
  f = await api('complaints.saveOptions', {
    ...ref(),
    options: [
      { kind: 'repair', description: '上门更换温控阀并冲洗油路、重新标定', estimatedCost: 123450, payer: 'company' },
      { kind: 'replacement', description: '整机更换（运费由公司承担）', estimatedCost: 2345678, payer: 'company' },
      { kind: 'onsite_service', description: '供应商派员现场服务', estimatedCost: 80001, payer: 'supplier' },
    ],
  });
  await as('sales_admin');
  const production = (await api('departments.list', {})).find((d) => d.code === 'production')!;
  f = await api('complaints.saveResponsibility', {
    ...ref(),
    entries: [
      { departmentId: production.id, personName: null, shareBp: 6667, note: '装配工位清洁管理缺失' },
      { departmentId: null, personName: '王海峰', shareBp: 3333, note: '出厂检验未发现' },
    ],
  });
  f = await api('complaints.setEscalation', { ...ref(), escalated: true, reason: '客户为重点客户，要求董事长知悉。' });
  const photo = await api('attachments.add', { complaintId: f.id, name: '现场照片-温控阀.png', mime: 'image/png', purpose: 'photo', data: PNG });
  const receipt = await api('attachments.add', { complaintId: f.id, name: 'receipt-signed.png', mime: 'image/png', purpose: 'receipt', data: PNG });
  expect(photo.id).toBeGreaterThan(0);
  f = await api('complaints.file', { id: f.id });
  await as('production_technology');
  f = await api('complaints.transition', { ...ref(), action: 'submit_for_decision', reason: null });
  await as('sales_manager');
  f = await api('complaints.transition', { ...ref(), action: 'decide', optionIndex: 0, reason: '维修可在两天内完成，费用最低。' });
  expect(f.state).toBe('awaiting_chairman');
  await as('chairman');
  f = await api('complaints.transition', { ...ref(), action: 'chairman_decide', optionIndex: 0, reason: '同意维修方案；装配质量问题须在月度质量会上通报。' });
  await as('sales_admin');
  f = await api('complaints.recordAcceptance', { ...ref(), acceptedBy: '周工', acceptedOn: date(0), receiptAttachmentId: receipt.id, note: '设备连续运行 8 小时正常。' });
  f = await api('complaints.transition', { ...ref(), action: 'record_acceptance', reason: null });
  f = await api('complaints.recordVerification', {
    ...ref(),
    channel: 'phone',
    contactName: '周工',
    verifiedAt: new Date(Date.now() - 60_000).toISOString(),
    resolved: true,
    satisfaction: 5,
    note: '客户确认问题已解决。',
  });
  f = await api('complaints.transition', { ...ref(), action: 'verify', reason: null });
  expect(f.state).toBe('verified');
  return f;
}
