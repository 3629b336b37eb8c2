import type { Kysely } from 'kysely';
import type { Payer } from '../../shared/domain';
import type { CostLine, CostSource, CostType } from '../../shared/service';
import type { Database } from '../db/schema';
import type { AuditEntry } from './audit';
import { getSettings } from './settings';

/**
 * Cost lines written by service records (issue 5: "parts used and visit travel feed the cost lines
 * without a second entry"). A visit or a part line owns the lines of its `source`/`sourceId`; when
 * the record changes, its lines are brought in step: pending lines are rewritten, lines Finance has
 * already approved (issue 6) are never touched, and a difference to them becomes a new pending line
 * (negative where the record now costs less). Rejected lines stay as they are, for the record.
 * Service records count in the base currency (settings.baseCurrency, CNY by default).
 */

export interface WantedCost {
  costType: CostType;
  incurredOn: string;
  /** Fen, base currency. */
  amount: number;
  payer: Payer;
  description: string | null;
}

/**
 * Brings the cost lines of one service record in step with what it now costs. Answers the audit
 * entries describing the change (none when nothing changed); the caller appends them with the
 * record's own events.
 */
export async function syncSourceCosts(
  db: Kysely<Database>,
  o: { complaintId: number; source: Exclude<CostSource, 'manual'>; sourceId: number; wanted: WantedCost[]; userId: number; now: Date },
): Promise<AuditEntry[]> {
  const existing = await db
    .selectFrom('cost_lines')
    .select(['id', 'cost_type', 'amount', 'state', 'payer', 'incurred_on', 'description'])
    .where('source', '=', o.source)
    .where('source_id', '=', o.sourceId)
    .execute();
  const approved = new Map<string, number>();
  for (const l of existing) if (l.state === 'approved') approved.set(l.cost_type, (approved.get(l.cost_type) ?? 0) + l.amount);
  const pending = existing.filter((l) => l.state === 'pending');

  // What the pending lines should be: per cost type, what is wanted less what Finance already approved.
  const wantedByType = new Map<CostType, WantedCost>();
  for (const w of o.wanted) {
    const prev = wantedByType.get(w.costType);
    wantedByType.set(w.costType, prev ? { ...prev, amount: prev.amount + w.amount } : { ...w });
  }
  const next: WantedCost[] = [];
  for (const type of new Set<string>([...wantedByType.keys(), ...approved.keys()])) {
    const w = wantedByType.get(type as CostType);
    const diff = (w?.amount ?? 0) - (approved.get(type) ?? 0);
    if (diff !== 0) {
      next.push({
        costType: type as CostType,
        amount: diff,
        incurredOn: w?.incurredOn ?? o.now.toISOString().slice(0, 10),
        payer: w?.payer ?? 'company',
        description: w?.description ?? null,
      });
    }
  }

  const key = (l: { cost_type: string; amount: number; payer: string; incurred_on: string; description: string | null }) =>
    `${l.cost_type}|${l.amount}|${l.payer}|${l.incurred_on}|${l.description ?? ''}`;
  const before = pending.map(key).sort();
  const after = next
    .map((n) => key({ cost_type: n.costType, amount: n.amount, payer: n.payer, incurred_on: n.incurredOn, description: n.description }))
    .sort();
  if (JSON.stringify(before) === JSON.stringify(after)) return [];

  const baseCurrency = (await getSettings(db)).baseCurrency;
  if (pending.length) await db.deleteFrom('cost_lines').where('id', 'in', pending.map((l) => l.id)).execute();
  if (next.length) {
    await db
      .insertInto('cost_lines')
      .values(
        next.map((n) => ({
          complaint_id: o.complaintId,
          cost_type: n.costType,
          incurred_on: n.incurredOn,
          amount: n.amount,
          currency: baseCurrency,
          fx_rate: null,
          base_amount: n.amount,
          payer: n.payer,
          source: o.source,
          source_id: o.sourceId,
          description: n.description,
          state: 'pending',
          created_by: o.userId,
          created_at: o.now.toISOString(),
        })),
      )
      .execute();
  }
  const summary = (ls: Array<{ costType: string; amount: number }>) => ls.map((l) => ({ costType: l.costType, amount: l.amount }));
  return [
    {
      complaintId: o.complaintId,
      kind: 'cost_lines',
      field: `${o.source}:${o.sourceId}`,
      before: summary(pending.map((l) => ({ costType: l.cost_type, amount: l.amount }))),
      after: summary(next),
    },
  ];
}

/** The case's cost lines, oldest first. */
export async function listCostLines(db: Kysely<Database>, complaintId: number): Promise<CostLine[]> {
  const rows = await db
    .selectFrom('cost_lines as l')
    .innerJoin('users as u', 'u.id', 'l.created_by')
    .select([
      'l.id',
      'l.complaint_id',
      'l.cost_type',
      'l.incurred_on',
      'l.amount',
      'l.currency',
      'l.base_amount',
      'l.payer',
      'l.source',
      'l.source_id',
      'l.description',
      'l.state',
      'l.created_at',
      'u.name as created_by_name',
    ])
    .where('l.complaint_id', '=', complaintId)
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    complaintId: r.complaint_id,
    costType: r.cost_type as CostType,
    incurredOn: r.incurred_on,
    amount: r.amount,
    currency: r.currency,
    baseAmount: r.base_amount,
    payer: r.payer as Payer,
    source: r.source as CostSource,
    sourceId: r.source_id,
    description: r.description,
    state: r.state as CostLine['state'],
    createdAt: r.created_at,
    createdBy: r.created_by_name,
  }));
}
