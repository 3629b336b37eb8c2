import { describe, expect, it } from 'vitest';
import { reviseRoutingRule } from '../../src/main/rules/escalation';
import { DEFAULT_ROUTING_RULES, routeCase, suggestAssignee, type AssigneeCandidate, type RoutingFacts } from '../../src/main/rules/routing';
import type { Role } from '../../src/shared/domain';
import { routingRuleSchema, type RoutingRule } from '../../src/shared/schemas/rules-escalation';

/**
 * Routing (issue 4, seed 002 §5.1–5.3): quality cases to production after-sales, non-quality ones to
 * sales administration, technical questions also to technical support; then the least-loaded
 * person of the team as the suggested assignee.
 */

const facts = (o: Partial<RoutingFacts> = {}): RoutingFacts => ({
  classification: 'quality',
  defectCategory: 'leakage',
  technicalQuestion: false,
  severity: 'normal',
  productModel: 'SA37',
  customerTier: 'standard',
  ...o,
});

describe('routeCase with the default rules', () => {
  it.each<[string, Partial<RoutingFacts>, Role, Role[], string[]]>([
    ['quality', {}, 'production_after_sales', [], ['quality']],
    ['non-quality', { classification: 'non_quality' }, 'sales_admin', [], ['non-quality']],
    ['not classified yet', { classification: null }, 'sales_admin', [], []],
    ['quality, control software', { defectCategory: 'control_software' }, 'production_after_sales', ['technical_support'], ['quality', 'technical-question']],
    ['non-quality, documentation', { classification: 'non_quality', defectCategory: 'documentation' }, 'sales_admin', ['technical_support'], ['non-quality', 'technical-question']],
    ['flagged as a technical question', { classification: 'non_quality', technicalQuestion: true }, 'sales_admin', ['technical_support'], ['non-quality', 'technical-question']],
    ['unclassified technical question', { classification: null, defectCategory: 'control_software' }, 'sales_admin', ['technical_support'], ['technical-question']],
  ])('%s', (_, o, team, notify, ruleIds) => {
    const r = routeCase(DEFAULT_ROUTING_RULES, facts(o));
    expect(r).toMatchObject({ team, notify, ruleIds });
  });

  it('says why, the deciding rule first', () => {
    expect(routeCase(DEFAULT_ROUTING_RULES, facts({ technicalQuestion: true })).reasons.map((x) => x.message)).toEqual([
      'Quality cases to production after-sales: classification is quality',
      'Technical questions also to technical support: it is a technical question',
    ]);
    expect(routeCase(DEFAULT_ROUTING_RULES, facts({ classification: null })).reasons[0]).toMatchObject({
      code: 'route_fallback',
      message: 'no routing rule assigns the case yet: sales_admin keeps it',
    });
  });
});

describe("routeCase with the office's own rules", () => {
  const safetyToTech: RoutingRule = {
    id: 'safety-tech',
    name: 'Safety to production technology',
    description: null,
    enabled: true,
    version: 1,
    conditions: { all: [{ fact: 'severity', operator: 'equal', value: 'safety' }] },
    assignTo: 'production_technology',
    notify: ['production_after_sales', 'branch_manager'],
  };

  it('lets the first assigning rule decide and never notifies the team itself', () => {
    const r = routeCase([safetyToTech, ...DEFAULT_ROUTING_RULES], facts({ severity: 'safety' }));
    expect(r.team).toBe('production_technology');
    expect(r.notify).toEqual(['branch_manager', 'production_after_sales']);
    expect(r.ruleIds).toEqual(['safety-tech', 'quality']); // "quality" held too, but assigned nothing
    const r2 = routeCase([...DEFAULT_ROUTING_RULES, safetyToTech], facts({ severity: 'safety' }));
    expect(r2.team).toBe('production_after_sales');
    expect(r2.notify).toEqual(['branch_manager']); // production_after_sales owns the case here
  });

  it('ignores disabled rules', () => {
    expect(routeCase([{ ...safetyToTech, enabled: false }, ...DEFAULT_ROUTING_RULES], facts({ severity: 'safety' })).team).toBe('production_after_sales');
  });

  it('versions routing rules like escalation rules', () => {
    const v1 = DEFAULT_ROUTING_RULES[0]!;
    expect(reviseRoutingRule(v1, { ...v1, assignTo: 'production_technology' })).toMatchObject({ ok: true, bumped: true, rule: { version: 2 } });
    expect(reviseRoutingRule(v1, { ...v1 })).toMatchObject({ ok: true, bumped: false, rule: { version: 1 } });
    expect(reviseRoutingRule(v1, { ...v1, notify: ['nobody'] })).toMatchObject({ ok: false, kept: v1, issues: [{ path: 'notify.0' }] });
  });

  it('validates routing rules against the routing facts only', () => {
    for (const r of DEFAULT_ROUTING_RULES) expect(routingRuleSchema.parse(r)).toEqual(r);
    const bad = routingRuleSchema.safeParse({ ...safetyToTech, conditions: { all: [{ fact: 'sla', path: '$.response.percentUsed', operator: 'percentAtLeast', value: 80 }] } });
    expect(!bad.success && bad.error.issues[0]).toMatchObject({ path: ['conditions', 'all', 0, 'fact'], params: { code: 'rule_unknown_fact' } });
  });
});

describe('suggestAssignee', () => {
  const c = (userId: number, openCases: number, o: Partial<AssigneeCandidate> = {}): AssigneeCandidate => ({
    userId,
    role: 'production_after_sales',
    openCases,
    active: true,
    ...o,
  });

  it.each<[string, AssigneeCandidate[], number | null, string]>([
    ['the fewest open cases', [c(3, 5), c(4, 2), c(5, 7)], 4, 'user 4 has the fewest open cases (2) of 3 active production_after_sales'],
    ['a tie goes to the lowest id', [c(9, 2), c(4, 2), c(5, 7)], 4, 'user 4 has the fewest open cases (2) of 3 active production_after_sales, first of 2 tied by id'],
    ['inactive people are skipped', [c(1, 0, { active: false }), c(2, 3)], 2, 'user 2 is the only active production_after_sales (3 open cases)'],
    ['other roles are skipped', [c(1, 0, { role: 'sales_admin' }), c(2, 1), c(3, 4)], 2, 'user 2 has the fewest open cases (1) of 2 active production_after_sales'],
    ['names when given', [c(2, 1, { name: 'Wang Li' }), c(3, 4)], 2, 'Wang Li has the fewest open cases (1) of 2 active production_after_sales'],
    ['nobody to suggest', [c(1, 0, { active: false }), c(2, 0, { role: 'finance' })], null, 'no active production_after_sales to suggest'],
  ])('%s', (_, candidates, userId, message) => {
    const s = suggestAssignee(candidates, 'production_after_sales');
    expect(s.userId).toBe(userId);
    expect(s.reason.message).toBe(message);
    expect(s.reason.code).toBe(userId === null ? 'assignee_none' : 'assignee_least_loaded');
  });

  it('gives the same answer whatever the order of the candidates', () => {
    const pool = [c(7, 1), c(3, 1), c(5, 1), c(2, 4)];
    expect(suggestAssignee(pool, 'production_after_sales').userId).toBe(3);
    expect(suggestAssignee([...pool].reverse(), 'production_after_sales').userId).toBe(3);
  });
});
