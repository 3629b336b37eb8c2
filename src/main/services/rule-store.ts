import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { Role } from '../../shared/domain';
import { isRuleListKind, RULE_EDITORS, type RuleDataByKind, type RuleDocument, type RuleKind, type RuleSaveResult } from '../../shared/engine';
import { ApiError, type FieldIssue } from '../../shared/errors';
import { ruleIssues, type EscalationRule, type RepeatSettings, type RoutingRule } from '../../shared/schemas/rules-escalation';
import {
  businessCalendarSettingsSchema,
  DEFAULT_BUSINESS_CALENDAR_SETTINGS,
  DEFAULT_SLA_POLICY,
  DEFAULT_WARRANTY_POLICY_SET,
  slaPolicySchema,
  warrantyPolicySetSchema,
} from '../../shared/schemas/rules-policies';
import { repeatSettingsSchema } from '../../shared/schemas/rules-escalation';
import type { Database } from '../db/schema';
import { DEFAULT_ESCALATION_RULES, DEFAULT_REPEAT_SETTINGS, reviseRoutingRule, reviseRule, type RuleRevision } from '../rules/escalation';
import { DEFAULT_ROUTING_RULES } from '../rules/routing';
import { chineseDaysYears, withChineseHolidays } from '../rules/business-calendar';
import { appendEvents } from './audit';
import { getFlag, getSettings, setFlag } from './settings';

/**
 * Rules as versioned documents (issue 4; DESIGN "Rule engine": rules are data the office can read and
 * change in Settings). Every save appends a version, so a firing can always be traced to the wording
 * that decided it; the current version is the highest. A refused draft writes nothing: the version in
 * use stays. Every change also renews the rules stamp, by which the engine knows to reload.
 */

const STAMP = 'rules.stamp';

/** Renewed (a random token, so that a rolled-back change can never be mistaken for a later one) on every change. */
export const touchRules = (db: Kysely<Database>) => setFlag(db, STAMP, randomUUID());
export const rulesStamp = async (db: Kysely<Database>) => String((await getFlag(db, STAMP)) ?? '');

type DocRow = { id: number; kind: string; key: string; version: number; data: string; enabled: number; saved_at: string; savedBy: string | null };

const docQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('rule_documents')
    .leftJoin('users', 'users.id', 'rule_documents.saved_by')
    .select(['rule_documents.id', 'kind', 'key', 'version', 'data', 'enabled', 'saved_at', 'users.name as savedBy']);

const toDocument = (r: DocRow): RuleDocument =>
  ({ kind: r.kind, key: r.key, version: r.version, enabled: r.enabled === 1, data: JSON.parse(r.data), savedAt: r.saved_at, savedBy: r.savedBy }) as RuleDocument;

/** The version in use of every document of a kind, in the order the keys were first saved (rule order). */
export async function currentDocuments(db: Kysely<Database>, kind: RuleKind): Promise<RuleDocument[]> {
  const rows = await docQuery(db).where('kind', '=', kind).orderBy('rule_documents.id').execute();
  const latest = new Map<string, DocRow>();
  for (const r of rows) {
    const seen = latest.get(r.key);
    // Map keeps the first insertion's position: the rule order is the order rules were created.
    if (!seen || r.version > seen.version) latest.set(r.key, r);
  }
  return [...latest.values()].map(toDocument);
}

export async function documentHistory(db: Kysely<Database>, kind: RuleKind, key: string): Promise<RuleDocument[]> {
  const rows = await docQuery(db).where('kind', '=', kind).where('key', '=', key).orderBy('version', 'desc').execute();
  return rows.map(toDocument);
}

async function current(db: Kysely<Database>, kind: RuleKind, key: string): Promise<RuleDocument | null> {
  const r = await docQuery(db).where('kind', '=', kind).where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return r ? toDocument(r) : null;
}

async function append(db: Kysely<Database>, kind: RuleKind, key: string, version: number, data: unknown, enabled: boolean, at: Date, by: number | null) {
  await db
    .insertInto('rule_documents')
    .values({ kind, key, version, data: JSON.stringify(data), enabled: enabled ? 1 : 0, saved_at: at.toISOString(), saved_by: by })
    .execute();
}

// ------------------------------------------------------------------------------------------- seeding

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en', { maximumFractionDigits: 2 })}`;

/**
 * The escalation defaults, with the chairman's cost rule taken from the office's threshold
 * (settings.chairmanCostThreshold) and read as the workflow reads it: over, not at, the threshold.
 */
export function defaultEscalationRules(threshold: number): EscalationRule[] {
  return DEFAULT_ESCALATION_RULES.map((r) =>
    r.id !== 'cost-threshold'
      ? r
      : {
          ...r,
          name: `Cost over ${yuan(threshold)}`,
          description: `The chosen (or highest proposed) option's estimate is over ${yuan(threshold)}: the chairman decides (seed 002 §5.3).`,
          conditions: { all: [{ fact: 'estimatedCost', operator: 'greaterThan', value: threshold }] },
        },
  );
}

/** Seeds every kind that has no document yet (first start, or a kind added by a later version). Idempotent. */
export async function ensureDefaultRules(db: Kysely<Database>, now: Date): Promise<void> {
  const kinds = new Set((await db.selectFrom('rule_documents').select('kind').distinct().execute()).map((r) => r.kind));
  const seeds: Array<[RuleKind, string, unknown, boolean]> = [];
  const settings = await getSettings(db);
  if (!kinds.has('warranty')) seeds.push(['warranty', 'default', DEFAULT_WARRANTY_POLICY_SET, true]);
  if (!kinds.has('sla')) seeds.push(['sla', 'default', DEFAULT_SLA_POLICY, true]);
  if (!kinds.has('repeat')) seeds.push(['repeat', 'default', DEFAULT_REPEAT_SETTINGS, true]);
  if (!kinds.has('escalation')) for (const r of defaultEscalationRules(settings.chairmanCostThreshold)) seeds.push(['escalation', r.id, r, r.enabled]);
  if (!kinds.has('routing')) for (const r of DEFAULT_ROUTING_RULES) seeds.push(['routing', r.id, r, r.enabled]);
  if (!kinds.has('calendar')) {
    // China's public holidays and adjusted working days for every year the chinese-days package knows.
    const { days, ...document } = withChineseHolidays({ ...DEFAULT_BUSINESS_CALENDAR_SETTINGS, timeZone: settings.officeTimeZone });
    seeds.push(['calendar', 'default', document, true]);
    const known = new Set((await db.selectFrom('calendar_days').select('date').execute()).map((d) => d.date));
    const fresh = days.filter((d) => !known.has(d.date));
    for (let i = 0; i < fresh.length; i += 200) await db.insertInto('calendar_days').values(fresh.slice(i, i + 200)).execute();
  }
  for (const [kind, key, data, enabled] of seeds) await append(db, kind, key, 1, data, enabled, now, null);
  const added = kinds.has('calendar') ? await addNewHolidayYears(db, now) : false;
  if (seeds.length || added) await touchRules(db);
}

/**
 * A newer app brings a chinese-days that knows more years (the calendar's missing-year warning says
 * "or update the app"): their holidays are added at start, as a new version of the calendar saved by
 * the app, without touching the office's own days.
 */
async function addNewHolidayYears(db: Kysely<Database>, now: Date): Promise<boolean> {
  const doc = await current(db, 'calendar', 'default');
  if (!doc || doc.kind !== 'calendar') return false;
  const missing = chineseDaysYears().filter((y) => !doc.data.holidayYears.includes(y));
  if (!missing.length) return false;
  const { days, holidayYears } = withChineseHolidays({ ...doc.data, days: [] }, missing);
  const known = new Set(
    (await db.selectFrom('calendar_days').select('date').where('date', '>=', `${missing[0]}-01-01`).execute()).map((d) => d.date),
  );
  const fresh = days.filter((d) => !known.has(d.date));
  for (let i = 0; i < fresh.length; i += 200) await db.insertInto('calendar_days').values(fresh.slice(i, i + 200)).execute();
  await append(db, 'calendar', 'default', doc.version + 1, { ...doc.data, holidayYears }, true, now, null);
  return true;
}

// -------------------------------------------------------------------------------------------- saving

export interface RuleSaveInput {
  kind: RuleKind;
  key: string;
  data: unknown;
  expectedVersion: number | null;
}

const invalid = (issues: FieldIssue[]) =>
  new ApiError(
    'VALIDATION',
    issues.map((i) => i.message).join('; '),
    issues.map((i) => ({ ...i, path: i.path ? `data.${i.path}` : 'data' })),
  );

/** JSON with sorted keys: equal documents compare equal whatever order the editor wrote the keys in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The one-document kinds: their schema, and what is stored (the calendar's days live in their own table). */
function parsePolicy(kind: Exclude<RuleKind, 'escalation' | 'routing'>, data: unknown): { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] } {
  const check = <S extends z.ZodType>(schema: S, v: unknown) => {
    const r = schema.safeParse(v);
    return r.success ? ({ ok: true, value: r.data } as const) : ({ ok: false, issues: ruleIssues(r.error) } as const);
  };
  switch (kind) {
    case 'warranty':
      return check(warrantyPolicySetSchema, data);
    case 'sla':
      return check(slaPolicySchema, data);
    case 'repeat':
      return check(repeatSettingsSchema, data);
    case 'calendar': {
      const r = check(businessCalendarSettingsSchema, data && typeof data === 'object' ? { ...data, days: [] } : data);
      if (!r.ok) return r;
      const { days: _days, ...document } = r.value;
      void _days;
      return { ok: true, value: document };
    }
  }
}

const stale = (kind: RuleKind, key: string, version: number, seen: number | null) =>
  new ApiError('CONFLICT', `the ${kind} rule ${key} was changed to version ${version} since ${seen === null ? 'the editor opened' : `version ${seen}`}; reload it`, [
    { path: 'expectedVersion', code: 'rule_stale', params: { version, seen: seen ?? 0 }, message: `the version in use is ${version}` },
  ]);

/**
 * Validates and saves a rule document: the next version, or nothing when the draft equals the version
 * in use. `role` is checked against RULE_EDITORS for the kind.
 */
export async function saveRule(
  db: Kysely<Database>,
  who: { userId: number; role: Role; now: Date },
  input: RuleSaveInput,
): Promise<RuleSaveResult & { before: RuleDocument | null }> {
  const { kind, key } = input;
  if (!RULE_EDITORS[kind].includes(who.role)) {
    throw new ApiError('FORBIDDEN', `only ${RULE_EDITORS[kind].join(', ')} may change the ${kind} rules`);
  }
  const before = await current(db, kind, key);
  if (before && input.expectedVersion !== before.version) throw stale(kind, key, before.version, input.expectedVersion);
  if (!before && input.expectedVersion !== null) throw new ApiError('NOT_FOUND', `there is no ${kind} rule ${key} to change`);

  let value: unknown;
  let enabled = true;
  let version = (before?.version ?? 0) + 1;
  if (isRuleListKind(kind)) {
    const draft = input.data && typeof input.data === 'object' ? { ...input.data, version: input.expectedVersion ?? undefined } : input.data;
    if (draft && typeof draft === 'object' && 'id' in draft && draft.id !== key) {
      throw invalid([{ path: 'id', code: 'rule_key_mismatch', params: { key }, message: `id: the rule is saved under ${key}` }]);
    }
    const r: RuleRevision<EscalationRule | RoutingRule> =
      kind === 'escalation' ? reviseRule(before?.data as EscalationRule | null, draft) : reviseRoutingRule(before?.data as RoutingRule | null, draft);
    if (!r.ok) throw invalid(r.issues);
    if (before && !r.bumped) return { document: before, bumped: false, before };
    value = r.rule;
    enabled = r.rule.enabled;
    version = r.rule.version;
  } else {
    if (key !== 'default') throw invalid([{ path: '', code: 'rule_key', params: { key }, message: `the ${kind} rules are one document, saved under the key default` }]);
    const r = parsePolicy(kind, input.data);
    if (!r.ok) throw invalid(r.issues);
    if (before && canonical(r.value) === canonical(before.data)) return { document: before, bumped: false, before };
    value = r.value;
  }
  await append(db, kind, key, version, value, enabled, who.now, who.userId);
  await touchRules(db);
  if (kind === 'repeat' && (before?.data as RepeatSettings | undefined)?.windowDays !== (value as RepeatSettings).windowDays) {
    // Counts in another window: the open cases are counted again by the scheduler's next pass
    // (a full evaluation, engine-compute.ts needsFull).
    await db.updateTable('complaints').set({ engine_at: null }).where(sql<SqlBool>`state NOT IN ('closed', 'rejected')`).execute();
  }
  await appendEvents(db, who.userId, who.now, [
    { complaintId: null, kind: 'rule_saved', field: `${kind}:${key}`, before: before ? { version: before.version, data: before.data } : null, after: { version, data: value } },
  ]);
  return { document: (await current(db, kind, key))!, bumped: true, before };
}

/** Enables or disables one escalation or routing rule: a new version differing only in `enabled`. */
export async function setRuleEnabled(
  db: Kysely<Database>,
  who: { userId: number; role: Role; now: Date },
  input: { kind: 'escalation' | 'routing'; key: string; enabled: boolean; expectedVersion: number | null },
): Promise<RuleSaveResult> {
  const doc = await current(db, input.kind, input.key);
  if (!doc) throw new ApiError('NOT_FOUND', `there is no ${input.kind} rule ${input.key}`);
  const data = doc.data as RuleDataByKind['escalation' | 'routing'];
  const { document, bumped } = await saveRule(db, who, {
    kind: input.kind,
    key: input.key,
    data: { ...data, enabled: input.enabled },
    expectedVersion: input.expectedVersion ?? doc.version,
  });
  return { document, bumped };
}
