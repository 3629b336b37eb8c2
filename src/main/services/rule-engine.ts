import type { Kysely } from 'kysely';
import { ApiError } from '../../shared/errors';
import type { Role } from '../../shared/domain';
import type { CaseEngine, DryRunResult, FiringView, RoutingDecision } from '../../shared/engine';
import { escalationRuleDraftSchema, ruleIssues } from '../../shared/schemas/rules-escalation';
import type { WarrantyDecision } from '../../shared/schemas/rules-policies';
import type { Database } from '../db/schema';
import { diffEscalation, dryRun as dryRunRule, evaluateRules, evaluateRulesSync, levelRank, type Firing } from '../rules/escalation';
import { detectRepeats, normalizeKey, repeatWindowStart, type RepeatResult } from '../rules/repeat';
import { routeCase, suggestAssignee, type RoutingFacts } from '../rules/routing';
import type { ChairmanRuleRequirement } from '../rules/workflow';
import { writePlans, planChanges } from './engine-apply';
import { openPages, yieldToLoop } from './engine-batch';
import { computeCase, decideWarranty, type FullInputs } from './engine-compute';
import {
  loadActiveFirings,
  loadAllFirings,
  loadCaseTexts,
  loadContracts,
  loadEngineRow,
  loadFullFacts,
  loadOptions,
  loadPauses,
  toRecorded,
  type EngineRow,
} from './engine-load';
import type { Notified } from './notifications';
import type { RuleContext, RuleContextCache } from './rule-context';

/**
 * The rule engine for one case (issue 4): called on every change to a case, inside the change's
 * transaction, so that the case, its firings, their events and the notifications commit together.
 * json-rules-engine evaluates the escalation rules here (one case); the scheduler uses the compiled
 * evaluator, which the unit tests hold to the same answers.
 */

interface Actor {
  userId: number;
  now: Date;
}

async function mustLoad(db: Kysely<Database>, id: number): Promise<EngineRow> {
  const row = await loadEngineRow(db, id);
  if (!row) throw new ApiError('NOT_FOUND', `no complaint with id ${id}`);
  return row;
}

/** Repeats of one case, by the indexed candidate query repeat.ts describes. */
async function repeatsOf(db: Kysely<Database>, row: EngineRow, ctx: RuleContext): Promise<RepeatResult> {
  const settings = ctx.repeat.settings;
  const key = normalizeKey(row.serial_no);
  const candidates = await db
    .selectFrom('complaints')
    .select(['id', 'received_at as receivedAt', 'customer_id as customerId', 'product_model as productModel', 'serial_no as serialNo'])
    .where('received_at', '>=', repeatWindowStart(row.received_at, settings.windowDays, ctx.timeZone))
    .where('received_at', '<=', row.received_at)
    .where('id', '!=', row.id)
    .where((eb) => eb.or([eb('customer_id', '=', row.customer_id), ...(key ? [eb('serial_key', '=', key)] : [])]))
    .execute();
  const current = { id: row.id, receivedAt: row.received_at, customerId: row.customer_id, productModel: row.product_model, serialNo: row.serial_no };
  return detectRepeats(current, candidates, settings, ctx.timeZone);
}

async function fullInputs(db: Kysely<Database>, row: EngineRow, ctx: RuleContext, stopAt: string): Promise<FullInputs & { repeats: RepeatResult }> {
  const repeats = await repeatsOf(db, row, ctx);
  return {
    facts: (await loadFullFacts(db, [row.id])).get(row.id)!,
    options: (await loadOptions(db, [row.id])).get(row.id) ?? [],
    repeat: { sameCustomer: repeats.sameCustomer.count, sameModel: repeats.sameModel.count, sameSerial: repeats.sameSerial.count },
    contracts: await loadContracts(db, [row.customer_id]),
    stopAt,
    repeats,
  };
}

/** The firing whose action requires the chairman, highest level first, then in order (as `combine` picks it). */
function chairmanOf(firings: readonly Firing[]): ChairmanRuleRequirement | null {
  const f = firings
    .map((x, i) => ({ x, i }))
    .filter(({ x }) => x.actions.requireChairman)
    .sort((a, b) => levelRank(b.x.level) - levelRank(a.x.level) || a.i - b.i)[0]?.x;
  return f ? { ruleId: f.ruleId, ruleName: f.ruleName, ruleVersion: f.ruleVersion, reason: f.reason } : null;
}

/** A closed or rejected case is no longer a problem to escalate: only what stays until reviewed stays. */
const ENDED: ReadonlySet<string> = new Set(['closed', 'rejected']);

export interface RuleEngine {
  readonly contexts: RuleContextCache;
  /** Re-evaluates a case after a change to it (same transaction); answers who was notified. */
  afterChange(db: Kysely<Database>, actor: Actor, id: number): Promise<Notified>;
  /** The escalation rule requiring the chairman now, or — for a decision — with the option about to be chosen. */
  chairmanRequirement(db: Kysely<Database>, id: number, now: Date, optionIndex?: number | null): Promise<ChairmanRuleRequirement | null>;
  view(db: Kysely<Database>, id: number, now: Date): Promise<CaseEngine>;
  dryRun(db: Kysely<Database>, draft: unknown, now: Date, sampleSize: number): Promise<DryRunResult>;
  /** Routing rules for a case being accepted: the team, who else to tell, and whom to suggest by load. */
  route(db: Kysely<Database>, id: number): Promise<RoutingDecision>;
}

export function createRuleEngine(contexts: RuleContextCache): RuleEngine {
  return {
    contexts,

    async afterChange(db, actor, id) {
      const ctx = await contexts.get(db);
      const row = await mustLoad(db, id);
      const pauses = (await loadPauses(db, [id])).get(id) ?? [];
      const recorded = (await loadActiveFirings(db, [id])).get(id) ?? [];
      const full = await fullInputs(db, row, ctx, actor.now.toISOString());
      const computed = computeCase(row, pauses, ctx, actor.now, full);
      const held = await evaluateRules(ctx.escalation, computed.facts);
      const next = ENDED.has(row.state) ? held.filter((f) => !f.deescalate) : held;
      const plan = planChanges(row, computed, recorded, next, actor.now);
      if (!plan) return { roles: [], userIds: [] };
      return (await writePlans(db, [plan], actor.userId, actor.now, { checkVersion: false })).notified;
    },

    async chairmanRequirement(db, id, now, optionIndex) {
      const recorded = (await loadActiveFirings(db, [id])).get(id) ?? [];
      if (optionIndex == null) return chairmanOf(recorded);
      // Deciding: the rules as they will read the case once this option is chosen (its estimate).
      const ctx = await contexts.get(db);
      const row = await mustLoad(db, id);
      const options = (await loadOptions(db, [id])).get(id) ?? [];
      const computed = computeCase(row, (await loadPauses(db, [id])).get(id) ?? [], ctx, now, null);
      const facts = { ...computed.facts, estimatedCost: options[optionIndex]?.estimatedCost ?? computed.facts.estimatedCost };
      return chairmanOf(diffEscalation(recorded, evaluateRulesSync(ctx.escalation, facts)).active);
    },

    async view(db, id, now) {
      const ctx = await contexts.get(db);
      const row = await mustLoad(db, id);
      const pauses = (await loadPauses(db, [id])).get(id) ?? [];
      const live = computeCase(row, pauses, ctx, now, null);
      const inputs = await fullInputs(db, row, ctx, now.toISOString());
      const texts = (await loadCaseTexts(db, [id])).get(id);
      const stored = texts?.warranty_reason ? (JSON.parse(texts.warranty_reason) as WarrantyDecision & { policyVersion: number }) : null;
      const all = (await loadAllFirings(db, id)).map((r) => ({ r, f: toRecorded(r) }));
      const names = new Map(
        (await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [0, ...all.map((x) => x.f.reviewedBy ?? 0)]).execute()).map((u) => [u.id, u.name]),
      );
      const view = ({ r, f }: (typeof all)[number]): FiringView => ({
        ruleId: f.ruleId,
        ruleName: f.ruleName,
        ruleVersion: f.ruleVersion,
        level: f.level,
        actions: f.actions,
        deescalate: f.deescalate,
        reason: f.reason,
        details: f.details,
        firedAt: f.firedAt,
        clearedAt: r.cleared_at,
        reviewedAt: f.reviewedAt,
        reviewedBy: f.reviewedBy === null ? null : (names.get(f.reviewedBy) ?? null),
      });
      const active = all.filter((x) => x.r.cleared_at === null).reverse();
      const numbers = async (ids: number[]) => {
        if (!ids.length) return [];
        const m = new Map((await db.selectFrom('complaints').select(['id', 'tracking_no']).where('id', 'in', ids).execute()).map((c) => [c.id, c.tracking_no]));
        return ids.map((i) => m.get(i) ?? String(i));
      };
      const rep = inputs.repeats;
      return {
        warranty: stored ?? { ...decideWarranty(row, inputs.facts, ctx, inputs.contracts), policyVersion: ctx.warranty.version },
        sla: {
          ruleId: live.sla.ruleId,
          reason: live.sla.reason,
          clocks: live.sla.clocks,
          state: live.used.sla_state as CaseEngine['sla']['state'],
          dueAt: live.used.sla_due_at,
          breachedAt: row.sla_breached_at,
          waitingCustomerSince: texts?.waiting_customer_since ?? null,
          pauses: pauses.map((p) => ({ from: p.from, to: p.to })),
        },
        escalation: {
          level: row.escalation_level as CaseEngine['escalation']['level'],
          priority: row.priority as CaseEngine['escalation']['priority'],
          managementReview: row.management_review === 1,
          chairmanRequiredBy: (() => {
            const c = chairmanOf(active.map((x) => x.f));
            return c && { ...c.reason, ruleId: c.ruleId, ruleName: c.ruleName, ruleVersion: c.ruleVersion };
          })(),
          active: active.map(view),
          past: all.filter((x) => x.r.cleared_at !== null).slice(0, 50).map(view),
        },
        repeat: {
          windowDays: rep.windowDays,
          sameCustomer: { count: rep.sameCustomer.count, trackingNos: await numbers(rep.sameCustomer.ids) },
          sameModel: { count: rep.sameModel.count, trackingNos: await numbers(rep.sameModel.ids) },
          sameSerial: { count: rep.sameSerial.count, trackingNos: await numbers(rep.sameSerial.ids) },
          isRepeat: rep.isRepeat,
        },
        routing: texts?.routing ? (JSON.parse(texts.routing) as RoutingDecision) : null,
        customerPressure: { pressure: row.customer_pressure === 1, note: texts?.customer_pressure_note ?? null },
        estimatedCost: computeCase(row, pauses, ctx, now, inputs).used.estimated_cost,
        calendarWarning: ctx.calendar.missingYearWarning(now),
      };
    },

    async dryRun(db, draft, now, sampleSize) {
      const parsed = escalationRuleDraftSchema.safeParse(draft);
      if (!parsed.success) {
        const issues = ruleIssues(parsed.error).map((i) => ({ ...i, path: i.path ? `data.${i.path}` : 'data' }));
        throw new ApiError('VALIDATION', issues.map((i) => i.message).join('; '), issues);
      }
      const ctx = await contexts.get(db);
      let wouldFire = 0;
      let total = 0;
      const sample: string[] = [];
      for await (const page of openPages(db, ctx)) {
        // A hundred cases at a time (a few milliseconds), giving the event loop back in between.
        for (let i = 0; i < page.rows.length; i += 100) {
          const rows = page.rows.slice(i, i + 100);
          const byId = new Map(rows.map((r) => [r.id, r]));
          const facts = rows.map((r) => computeCase(r, page.pauses.get(r.id) ?? [], ctx, now, null).facts);
          const r = dryRunRule(parsed.data, facts, sampleSize - sample.length);
          wouldFire += r.wouldFire;
          total += facts.length;
          sample.push(...r.sample.map((id) => byId.get(id)!.tracking_no));
          await yieldToLoop();
        }
      }
      return { wouldFire, total, sample };
    },

    async route(db, id) {
      const ctx = await contexts.get(db);
      const row = await mustLoad(db, id);
      const route = routeCase(ctx.routing, {
        classification: row.classification as RoutingFacts['classification'],
        defectCategory: row.defect_category as RoutingFacts['defectCategory'],
        technicalQuestion: false,
        severity: row.severity as RoutingFacts['severity'],
        productModel: row.product_model,
        customerTier: row.customer_tier,
      });
      const people = await db
        .selectFrom('users')
        .leftJoin('complaints', (j) => j.onRef('complaints.owner_id', '=', 'users.id').on('complaints.state', 'not in', ['closed', 'rejected']))
        .select(['users.id', 'users.name', 'users.role', 'users.active', (eb) => eb.fn.count<number>('complaints.id').as('open')])
        .where('users.role', '=', route.team)
        .groupBy('users.id')
        .execute();
      const s = suggestAssignee(
        people.map((p) => ({ userId: p.id, name: p.name, role: p.role as Role, openCases: Number(p.open), active: p.active === 1 })),
        route.team,
      );
      return { team: route.team, notify: route.notify, reasons: route.reasons, ruleIds: route.ruleIds, assignee: { userId: s.userId, reason: s.reason } };
    },
  };
}
