import type { Kysely } from 'kysely';
import type { EscalationRule, RepeatSettings, RoutingRule } from '../../shared/schemas/rules-escalation';
import type { SlaPolicy, WarrantyPolicySet } from '../../shared/schemas/rules-policies';
import type { Database } from '../db/schema';
import { createBusinessCalendar, type BusinessCalendar } from '../rules/business-calendar';
import { calendarSettings } from './calendar';
import { currentDocuments, rulesStamp } from './rule-store';

/**
 * Everything the engine evaluates with, loaded from the rule documents once per change of the rules
 * stamp (rule-store.ts). Arrays are new on every load: the compiled rule sets and json-rules-engine
 * instances are cached by the identity of the rules array, so a saved rule is never evaluated with
 * a stale compilation.
 */

export interface RuleContext {
  stamp: string;
  escalation: readonly EscalationRule[];
  routing: readonly RoutingRule[];
  warranty: { set: WarrantyPolicySet; version: number };
  sla: { policy: SlaPolicy; version: number };
  repeat: { settings: RepeatSettings; version: number };
  calendar: BusinessCalendar;
  /** The calendar's zone: business time, office days for warranty and repeat windows. */
  timeZone: string;
}

/** The share of an SLA target at which a clock is "at risk" (the first escalation default). */
export const WARN_PERCENT = 80;

async function load(db: Kysely<Database>, stamp: string): Promise<RuleContext> {
  const one = async <K extends 'warranty' | 'sla' | 'repeat'>(kind: K) => {
    const d = (await currentDocuments(db, kind))[0];
    if (!d || d.kind !== kind) throw new Error(`no ${kind} rules: the defaults were not seeded`);
    return d;
  };
  const [warranty, sla, repeat] = [await one('warranty'), await one('sla'), await one('repeat')];
  const escalation = (await currentDocuments(db, 'escalation')).flatMap((d) => (d.kind === 'escalation' ? [d.data] : []));
  const routing = (await currentDocuments(db, 'routing')).flatMap((d) => (d.kind === 'routing' ? [d.data] : []));
  const settings = await calendarSettings(db);
  return {
    stamp,
    escalation,
    routing,
    warranty: { set: warranty.data as WarrantyPolicySet, version: warranty.version },
    sla: { policy: sla.data as SlaPolicy, version: sla.version },
    repeat: { settings: repeat.data as RepeatSettings, version: repeat.version },
    calendar: createBusinessCalendar(settings),
    timeZone: settings.timeZone,
  };
}

export interface RuleContextCache {
  /** The context for the rules as the database holds them now (inside a transaction: as it sees them). */
  get(db: Kysely<Database>): Promise<RuleContext>;
}

export function createRuleContextCache(): RuleContextCache {
  let cached: RuleContext | null = null;
  return {
    async get(db) {
      const stamp = await rulesStamp(db);
      if (!cached || cached.stamp !== stamp) cached = await load(db, stamp);
      return cached;
    },
  };
}
