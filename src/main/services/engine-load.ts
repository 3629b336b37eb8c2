import { sql, type Kysely, type SqlBool } from 'kysely';
import type { EscalationActions, EscalationLevel, RuleReason } from '../../shared/schemas/rules-escalation';
import type { ServiceContract } from '../../shared/schemas/rules-policies';
import type { TreatmentKind } from '../../shared/domain';
import { COVERING_CONTRACT_STATES } from '../../shared/service';
import type { Database } from '../db/schema';
import type { Firing } from '../rules/escalation';
import type { SlaPause } from '../rules/sla';

/**
 * What the rule engine reads about cases, the same queries for one case (every change) and for a
 * page of 500 (the scheduler): one row per case from complaints with its customer's tier and its
 * product line, then the pauses, the options and the recorded firings of the page, each one query.
 * Reading the rows is a third of the scheduler's minute: the row holds only what the engine uses.
 */

export const OPEN_STATES_SQL = sql<SqlBool>`complaints.state NOT IN ('closed', 'rejected')`;
/** Open cases the engine has yet to evaluate in full: the partial index complaints_engine_pending (migration 004). */
export const PENDING_SQL = sql<SqlBool>`engine_at IS NULL AND state NOT IN ('closed', 'rejected')`;

const ENGINE_COLUMNS_SQL = [
  'complaints.id',
  'complaints.tracking_no',
  'complaints.version',
  'complaints.state',
  'complaints.severity',
  'complaints.classification',
  'complaints.defect_category',
  'complaints.product_model',
  'complaints.serial_no',
  'complaints.serial_key',
  'complaints.customer_id',
  'complaints.customer_name',
  'customers.tier as customer_tier',
  'complaints.received_at',
  'complaints.escalated',
  'complaints.dispute_open',
  'complaints.customer_pressure',
  'complaints.estimated_cost',
  'complaints.onsite_from',
  'complaints.responded_at',
  'complaints.on_site_at',
  'complaints.resolved_at',
  'complaints.repeat_customer',
  'complaints.repeat_model',
  'complaints.repeat_serial',
  'complaints.repeat_window',
  'complaints.contract_no',
  'complaints.warranty_status',
  'complaints.sla_response_due',
  'complaints.sla_onsite_due',
  'complaints.sla_resolution_due',
  'complaints.sla_due_at',
  'complaints.sla_state',
  'complaints.sla_breached_at',
  'complaints.escalation_level',
  'complaints.priority',
  'complaints.management_review',
  'complaints.engine_at',
] as const;

/**
 * A case as the engine reads it every minute. What only a full evaluation needs (warranty facts,
 * the option chosen, when the state changed) is `FullFacts`, read for those cases alone: the
 * minute's pass reads a third less per case.
 */
export function engineQuery(db: Kysely<Database>) {
  return db.selectFrom('complaints').innerJoin('customers', 'customers.id', 'complaints.customer_id').select(ENGINE_COLUMNS_SQL);
}
export type EngineRow = Awaited<ReturnType<ReturnType<typeof engineQuery>['execute']>>[number];

/** A page of open cases along the partial index of open ids (migration 004). */
export async function openCaseRows(db: Kysely<Database>, afterId: number, limit: number): Promise<EngineRow[]> {
  return engineQuery(db).where(OPEN_STATES_SQL).where('complaints.id', '>', afterId).orderBy('complaints.id').limit(limit).execute();
}

export async function loadEngineRow(db: Kysely<Database>, id: number): Promise<EngineRow | undefined> {
  return engineQuery(db).where('complaints.id', '=', id).executeTakeFirst();
}

const fullQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('complaints')
    .leftJoin('product_models', 'product_models.id', 'complaints.product_model_id')
    .select([
      'complaints.id',
      'product_models.product_line',
      'complaints.state_changed_at',
      'complaints.delivery_date',
      'complaints.installation_date',
      'complaints.invoice_date',
      'complaints.warranty_exclusions',
      'complaints.warranty_suspensions',
      'complaints.chosen_option',
      'complaints.decided_at',
      'complaints.chairman_at',
      // The recorded warranty decision, to tell a re-decision.
      'complaints.warranty_reason',
    ]);
export type FullFacts = Awaited<ReturnType<ReturnType<typeof fullQuery>['execute']>>[number];

export async function loadFullFacts(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, FullFacts>> {
  if (!ids.length) return new Map();
  return new Map((await fullQuery(db).where('complaints.id', 'in', ids).execute()).map((r) => [r.id, r]));
}

/**
 * What the case page shows besides and the minute's pass never needs: the recorded warranty
 * decision, the routing, the pressure note, since when the case waits for the customer.
 */
export async function loadCaseTexts(db: Kysely<Database>, ids: readonly number[]) {
  if (!ids.length) return new Map<number, { warranty_reason: string | null; routing: string | null; customer_pressure_note: string | null; waiting_customer_since: string | null }>();
  const rows = await db
    .selectFrom('complaints')
    .select(['id', 'warranty_reason', 'routing', 'customer_pressure_note', 'waiting_customer_since'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}

const group = <T>(rows: ReadonlyArray<{ complaint_id: number }>, map: (r: never) => T): Map<number, T[]> => {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.complaint_id) ?? [];
    list.push(map(r as never));
    out.set(r.complaint_id, list);
  }
  return out;
};

export async function loadPauses(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, SlaPause[]>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('sla_pauses')
    .select(['complaint_id', 'started_at', 'ended_at'])
    .where('complaint_id', 'in', ids)
    .orderBy('complaint_id')
    .orderBy('started_at')
    .execute();
  return group(rows, (r: (typeof rows)[number]) => ({ from: r.started_at, to: r.ended_at }));
}

export interface OptionFact {
  kind: TreatmentKind;
  estimatedCost: number;
}

export async function loadOptions(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, OptionFact[]>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('treatment_options')
    .select(['complaint_id', 'kind', 'estimated_cost'])
    .where('complaint_id', 'in', ids)
    .orderBy('complaint_id')
    .orderBy('position')
    .execute();
  return group(rows, (r: (typeof rows)[number]) => ({ kind: r.kind as TreatmentKind, estimatedCost: r.estimated_cost }));
}

/** The pauses of the cases with ids in [from, to] (a page of open ones), one range read. */
export async function loadPausesBetween(db: Kysely<Database>, from: number, to: number): Promise<Map<number, SlaPause[]>> {
  const rows = await db
    .selectFrom('sla_pauses')
    .select(['complaint_id', 'started_at', 'ended_at'])
    .where('complaint_id', '>=', from)
    .where('complaint_id', '<=', to)
    .orderBy('complaint_id')
    .orderBy('started_at')
    .execute();
  return group(rows, (r: (typeof rows)[number]) => ({ from: r.started_at, to: r.ended_at }));
}

/** A firing as recorded on a case, with its row. */
export interface RecordedFiring extends Firing {
  rowId: number;
  firedAt: string;
  reviewedAt: string | null;
  reviewedBy: number | null;
}

type FiringRow = Awaited<ReturnType<ReturnType<typeof firingQuery>['execute']>>[number];
const firingQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('rule_firings')
    .select(['id', 'complaint_id', 'rule_id', 'rule_version', 'rule_name', 'level', 'reason', 'actions', 'deescalate', 'fired_at', 'cleared_at', 'reviewed_at', 'reviewed_by']);

/** Few distinct action sets exist (one per rule version): parsed once each. */
const actionsCache = new Map<string, EscalationActions>();
const actionsOf = (json: string) => {
  let a = actionsCache.get(json);
  if (!a) {
    if (actionsCache.size > 1000) actionsCache.clear();
    actionsCache.set(json, (a = JSON.parse(json) as EscalationActions));
  }
  return a;
};

/**
 * The reason is parsed only when read: the scheduler's quiet minute compares ids and versions of
 * every recorded firing and needs the sentences of none.
 */
export function toRecorded(r: FiringRow): RecordedFiring {
  let parsed: (RuleReason & { details: RuleReason[] }) | null = null;
  const reasonOf = () => (parsed ??= JSON.parse(r.reason) as RuleReason & { details: RuleReason[] });
  return {
    rowId: r.id,
    ruleId: r.rule_id,
    ruleVersion: r.rule_version,
    ruleName: r.rule_name,
    level: r.level as EscalationLevel,
    actions: actionsOf(r.actions),
    deescalate: r.deescalate === 1,
    get reason(): RuleReason {
      const { code, params, message } = reasonOf();
      return { code, params, message };
    },
    get details(): RuleReason[] {
      return reasonOf().details;
    },
    firedAt: r.fired_at,
    reviewedAt: r.reviewed_at,
    reviewedBy: r.reviewed_by,
  };
}

/** The active firings of these cases, in the order they were recorded. */
export async function loadActiveFirings(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, RecordedFiring[]>> {
  if (!ids.length) return new Map();
  const rows = await firingQuery(db).where('complaint_id', 'in', ids).where('cleared_at', 'is', null).orderBy('id').execute();
  return group(rows, toRecorded);
}

/**
 * The active firings of the cases with ids in [from, to], without their reasons and names: what
 * the minute's pass compares (rule, version, level) and combines (actions). The cases whose firings
 * change are read again whole (loadActiveFirings) before anything is written.
 */
export async function loadActiveFiringsBetween(db: Kysely<Database>, from: number, to: number): Promise<Map<number, RecordedFiring[]>> {
  const rows = await db
    .selectFrom('rule_firings')
    .select(['id', 'complaint_id', 'rule_id', 'rule_version', 'level', 'actions', 'deescalate', 'reviewed_at', 'reviewed_by'])
    .where('complaint_id', '>=', from)
    .where('complaint_id', '<=', to)
    .where('cleared_at', 'is', null)
    .orderBy('id')
    .execute();
  const unread = (): never => {
    throw new Error('a firing read for comparison only has no reason: read it with loadActiveFirings');
  };
  return group(rows, (r: (typeof rows)[number]): RecordedFiring => ({
    rowId: r.id,
    ruleId: r.rule_id,
    ruleVersion: r.rule_version,
    ruleName: r.rule_id,
    level: r.level as EscalationLevel,
    actions: actionsOf(r.actions),
    deescalate: r.deescalate === 1,
    get reason(): RuleReason {
      return unread();
    },
    get details(): RuleReason[] {
      return unread();
    },
    firedAt: '',
    reviewedAt: r.reviewed_at,
    reviewedBy: r.reviewed_by,
  }));
}

/** Every firing of one case, lifted ones included, newest first. */
export async function loadAllFirings(db: Kysely<Database>, id: number) {
  return firingQuery(db).where('complaint_id', '=', id).orderBy('id', 'desc').execute();
}

/**
 * The service contracts that may cover units of these customers (or of anyone: customer_id null).
 * Only signed and invoiced ones cover (issue 5): a quotation, a contract sent but not signed, or a
 * cancelled one never does.
 */
export async function loadContracts(db: Kysely<Database>, customerIds?: readonly number[]): Promise<ServiceContract[]> {
  let q = db
    .selectFrom('service_contracts')
    .select(['contract_no', 'customer_id', 'serials', 'models', 'valid_from', 'valid_to'])
    .where('state', 'in', [...COVERING_CONTRACT_STATES]);
  if (customerIds) q = q.where((eb) => eb.or([eb('customer_id', 'is', null), ...(customerIds.length ? [eb('customer_id', 'in', customerIds)] : [])]));
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.contract_no,
    customerId: r.customer_id,
    serialNos: JSON.parse(r.serials) as string[],
    models: JSON.parse(r.models) as string[],
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}
