import { ROLES, type Role } from '../../shared/domain';
import type { RoutingRule, RuleReason } from '../../shared/schemas/rules-escalation';
import { compileCondition, type CompiledCondition, type MatchedLeaf } from './escalation-conditions';
import type { EscalationFacts } from './escalation-facts';
import { firingReason } from './escalation-reasons';

/**
 * Routing (issue 4, seed 002 §5.1–5.2): which team owns a case and who else hears of it, as data
 * the office edits like the escalation rules (same condition JSON, fewer facts: see
 * `ROUTING_FIELDS`). Then whom in that team to suggest, by current load. Pure.
 */

export type RoutingFacts = Pick<EscalationFacts, 'classification' | 'defectCategory' | 'technicalQuestion' | 'severity' | 'productModel' | 'customerTier'>;

export const DEFAULT_ROUTING_RULES: readonly RoutingRule[] = [
  {
    id: 'quality',
    name: 'Quality cases to production after-sales',
    description: 'Seed 002 §5.3: production analyses quality problems.',
    enabled: true,
    version: 1,
    conditions: { all: [{ fact: 'classification', operator: 'equal', value: 'quality' }] },
    assignTo: 'production_after_sales',
    notify: [],
  },
  {
    id: 'non-quality',
    name: 'Non-quality cases to sales administration',
    description: 'Seed 002 §5.2: non-quality problems stay with sales administration.',
    enabled: true,
    version: 1,
    conditions: { all: [{ fact: 'classification', operator: 'equal', value: 'non_quality' }] },
    assignTo: 'sales_admin',
    notify: [],
  },
  {
    id: 'technical-question',
    name: 'Technical questions also to technical support',
    description: null,
    enabled: true,
    version: 1,
    conditions: {
      any: [
        { fact: 'defectCategory', operator: 'in', value: ['control_software', 'documentation'] },
        { fact: 'technicalQuestion', operator: 'equal', value: true },
      ],
    },
    assignTo: null,
    notify: ['technical_support'],
  },
];

export interface Route {
  /** The owning team: the first matching rule that assigns, else the fallback. */
  team: Role;
  /** Roles also told, from every matching rule (the team itself left out), in ROLES order. */
  notify: Role[];
  /** Why: one per matching rule, the deciding one first; the fallback's when none assigns. */
  reasons: RuleReason[];
  ruleIds: string[];
}

const compiled = new WeakMap<readonly RoutingRule[], Array<{ rule: RoutingRule; test: CompiledCondition }>>();

/**
 * Until a case is classified no rule assigns it, and sales administration, who registered it,
 * keeps it (`fallback`).
 */
export function routeCase(rules: readonly RoutingRule[], facts: RoutingFacts, fallback: Role = 'sales_admin'): Route {
  let tests = compiled.get(rules);
  if (!tests) {
    tests = rules.filter((r) => r.enabled).map((rule) => ({ rule, test: compileCondition(rule.conditions) }));
    compiled.set(rules, tests);
  }
  let team: Role | null = null;
  const notify = new Set<Role>();
  const reasons: RuleReason[] = [];
  const ruleIds: string[] = [];
  for (const { rule, test } of tests) {
    const matched: MatchedLeaf[] = [];
    if (!test(facts, matched)) continue;
    const deciding = team === null && rule.assignTo !== null;
    if (deciding) team = rule.assignTo;
    rule.notify.forEach((r) => notify.add(r));
    const { reason } = firingReason(matched, facts, rule.name);
    const entry = { code: reason.code, params: { ...reason.params, rule: rule.id }, message: `${rule.name}: ${reason.message}` };
    if (deciding) reasons.unshift(entry);
    else reasons.push(entry);
    ruleIds.push(rule.id);
  }
  if (team === null) {
    team = fallback;
    reasons.unshift({ code: 'route_fallback', params: { team: fallback }, message: `no routing rule assigns the case yet: ${fallback} keeps it` });
  }
  notify.delete(team);
  return { team, notify: ROLES.filter((r) => notify.has(r)), reasons, ruleIds };
}

export interface AssigneeCandidate {
  userId: number;
  role: Role;
  /** Cases the person owns that are not closed or rejected. */
  openCases: number;
  active: boolean;
  /** For the sentence only. */
  name?: string;
}

export type AssigneeSuggestion = { userId: number; openCases: number; reason: RuleReason } | { userId: null; reason: RuleReason };

/**
 * The active person in the role with the fewest open cases; a tie goes to the lowest id, so the
 * same load always gives the same suggestion. A suggestion only: the sales manager assigns.
 */
export function suggestAssignee(candidates: readonly AssigneeCandidate[], role: Role): AssigneeSuggestion {
  const pool = candidates.filter((c) => c.active && c.role === role).sort((a, b) => a.openCases - b.openCases || a.userId - b.userId);
  const best = pool[0];
  if (!best) return { userId: null, reason: { code: 'assignee_none', params: { role }, message: `no active ${role} to suggest` } };
  const tied = pool.filter((c) => c.openCases === best.openCases).length;
  const who = best.name ?? `user ${best.userId}`;
  const message =
    pool.length === 1
      ? `${who} is the only active ${role} (${best.openCases} open cases)`
      : `${who} has the fewest open cases (${best.openCases}) of ${pool.length} active ${role}${tied > 1 ? `, first of ${tied} tied by id` : ''}`;
  return {
    userId: best.userId,
    openCases: best.openCases,
    reason: { code: 'assignee_least_loaded', params: { userId: best.userId, openCases: best.openCases, candidates: pool.length, tied, role }, message },
  };
}
