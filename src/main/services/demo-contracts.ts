import type { Kysely } from 'kysely';
import { addDays, calendarDateOf } from '../../shared/dates';
import type { ContractState } from '../../shared/service';
import type { Database } from '../db/schema';
import { appendEvents } from './audit';
import { nextContractNo } from './contracts';
import { OPEN_STATES_SQL } from './engine-load';
import { getSettings } from './settings';

/**
 * Service contracts for the demo office (issue 5): recent cases on units installed long ago get an
 * after-sales service contract at each stage — a quotation, one sent, one signed, one invoiced, and
 * a key customer's fleet contract by model. Each step is on the case's trail as the staff took it.
 * The cases a contract may cover are left for the scheduler's next full evaluation (engine_at
 * cleared), which reads the signed ones.
 */

const HOUR = 3600_000;

interface Plan {
  state: ContractState;
  scope: string;
  fee: number;
  byModel?: boolean;
}

const PLANS: Plan[] = [
  { state: 'quotation', scope: '过保维修：更换主控板及现场调试，含人工与差旅', fee: 460_000 },
  { state: 'sent', scope: '年度维保：每季度上门巡检一次，故障 48 小时内到场，备件另计', fee: 1_280_000 },
  { state: 'signed', scope: '年度维保：每季度上门巡检一次，故障 24 小时内到场，含常用易损件', fee: 1_860_000 },
  { state: 'invoiced', scope: '过保维修：更换冷却风扇与启动电容，整机保养一次', fee: 320_000 },
  { state: 'invoiced', scope: '设备群年度维保：同型号设备全部纳入，每半年巡检，故障优先响应', fee: 5_600_000, byModel: true },
];

const SIGNATORIES = ['设备部 周工', '采购部 陈经理', '厂长 刘总', '设备科 王科长', '总经理 李总'];

export async function loadDemoContracts(db: Kysely<Database>, opts: { until: Date; userId: number }): Promise<void> {
  const tz = (await getSettings(db)).officeTimeZone;
  const today = calendarDateOf(opts.until, tz);
  const staff = async (role: string) =>
    (await db.selectFrom('users').select('id').where('role', '=', role).where('active', '=', 1).orderBy('id').executeTakeFirst())?.id ?? opts.userId;
  const [sales, manager, finance] = [await staff('sales_admin'), await staff('branch_manager'), await staff('finance')];

  // Open cases of the last two months on units installed more than two years before the complaint:
  // out of warranty under any ordinary policy.
  const since = new Date(opts.until.getTime() - 60 * 24 * HOUR).toISOString();
  const candidates = await db
    .selectFrom('complaints')
    .select(['id', 'customer_id', 'serial_no', 'product_model', 'received_at', 'installation_date'])
    .where(OPEN_STATES_SQL)
    .where('received_at', '>=', since)
    .where('installation_date', 'is not', null)
    .orderBy('received_at', 'desc')
    .limit(400)
    .execute();
  const used = new Set<number>();
  const picked = candidates.filter((c) => {
    const received = calendarDateOf(new Date(c.received_at), tz);
    if (!c.installation_date || c.installation_date > addDays(received, -730) || used.has(c.customer_id)) return false;
    used.add(c.customer_id);
    return true;
  });

  for (const [k, plan] of PLANS.entries()) {
    const c = picked[k];
    if (!c) break;
    const received = calendarDateOf(new Date(c.received_at), tz);
    // Quoted a few hours after the complaint came in, each later step a day on, none after `until`:
    // on a case that came in less than three days ago the steps follow each other more closely.
    // (Never before the complaint itself: the case's trail starts with its registration.)
    const quotedAt = new Date(Math.min(Date.parse(c.received_at) + 4 * HOUR, opts.until.getTime()));
    const gap = Math.min(24 * HOUR, Math.floor((opts.until.getTime() - quotedAt.getTime()) / 3));
    const at = (days: number) => new Date(quotedAt.getTime() + days * gap);
    const contractNo = await nextContractNo(db, quotedAt, tz);
    const reached = (s: ContractState) => PLANS_ORDER.indexOf(plan.state) >= PLANS_ORDER.indexOf(s);
    const sentAt = reached('sent') ? at(1) : null;
    const signedAt = reached('signed') ? at(2) : null;
    const invoicedAt = reached('invoiced') ? at(3) : null;
    const signedBy = signedAt ? SIGNATORIES[k % SIGNATORIES.length]! : null;
    const invoiceNo = invoicedAt ? `FP${today.replaceAll('-', '')}${String(k + 1).padStart(4, '0')}` : null;
    const serials = plan.byModel || !c.serial_no ? [] : [c.serial_no];
    const models = plan.byModel || !c.serial_no ? [c.product_model] : [];
    const last = invoicedAt ?? signedAt ?? sentAt ?? quotedAt;
    await db
      .insertInto('service_contracts')
      .values({
        contract_no: contractNo,
        customer_id: c.customer_id,
        serials: JSON.stringify(serials),
        models: JSON.stringify(models),
        // From the day the complaint came in, so that the signed contract covers the case it was quoted for.
        valid_from: received,
        valid_to: addDays(received, 364),
        created_at: quotedAt.toISOString(),
        complaint_id: c.id,
        state: plan.state,
        scope: plan.scope,
        fee: plan.fee,
        quote_valid_until: addDays(calendarDateOf(quotedAt, tz), 30),
        sent_at: sentAt?.toISOString() ?? null,
        signed_at: signedAt ? calendarDateOf(signedAt, tz) : null,
        signed_by: signedBy,
        invoiced_at: invoicedAt?.toISOString() ?? null,
        invoice_no: invoiceNo,
        note: null,
        created_by: sales,
        updated_at: last.toISOString(),
        version: PLANS_ORDER.indexOf(plan.state),
      })
      .execute();
    const event = (field: string, before: ContractState | null, after: ContractState, extra: Record<string, unknown> = {}) => ({
      complaintId: c.id,
      kind: 'service_contract',
      field,
      before: before && { contractNo, state: before },
      after: { contractNo, state: after, ...extra },
    });
    await appendEvents(db, sales, quotedAt, [
      event('quote', null, 'quotation', { scope: plan.scope, serials, models, fee: plan.fee, validFrom: received, validTo: addDays(received, 364) }),
    ]);
    if (sentAt) await appendEvents(db, sales, sentAt, [event('send', 'quotation', 'sent')]);
    if (signedAt) await appendEvents(db, manager, signedAt, [event('sign', 'sent', 'signed', { signedBy, signedOn: calendarDateOf(signedAt, tz) })]);
    if (invoicedAt) await appendEvents(db, finance, invoicedAt, [event('invoice', 'signed', 'invoiced', { invoiceNo })]);
    if (signedAt) {
      // The scheduler's next pass decides the warranty of the customer's open cases again, with this contract.
      await db.updateTable('complaints').set({ engine_at: null }).where(OPEN_STATES_SQL).where('customer_id', '=', c.customer_id).execute();
    }
  }
}

const PLANS_ORDER: ContractState[] = ['quotation', 'sent', 'signed', 'invoiced'];
