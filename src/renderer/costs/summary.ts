import type { Payer } from '../../shared/domain';
import { PAYERS } from '../../shared/domain';
import { COST_TYPES, type CostLine, type CostType } from '../../shared/service';

/**
 * A case's costs in short, for its page and its feedback form: base amounts (fen) approved by
 * Finance and still waiting, by cost type and by who pays. Rejected lines do not count; a reversal
 * is an approved negative line, so a reversed line and its reversal net to zero.
 */

export interface SummaryRow<K> {
  key: K;
  approved: number;
  pending: number;
}

export interface CostSummaryData {
  byType: SummaryRow<CostType>[];
  byPayer: SummaryRow<Payer>[];
  approved: number;
  pending: number;
  /** Lines Finance rejected, counted only to say so. */
  rejectedCount: number;
}

type Line = Pick<CostLine, 'costType' | 'payer' | 'state' | 'baseAmount'>;

function rows<K extends string>(order: readonly K[], lines: Line[], keyOf: (l: Line) => K): SummaryRow<K>[] {
  const map = new Map<K, SummaryRow<K>>();
  for (const l of lines) {
    if (l.state === 'rejected') continue;
    const k = keyOf(l);
    const r = map.get(k) ?? { key: k, approved: 0, pending: 0 };
    if (l.state === 'approved') r.approved += l.baseAmount;
    else r.pending += l.baseAmount;
    map.set(k, r);
  }
  return order.flatMap((k) => map.get(k) ?? []);
}

export function summariseCosts(lines: Line[]): CostSummaryData {
  const byType = rows(COST_TYPES, lines, (l) => l.costType);
  return {
    byType,
    byPayer: rows(PAYERS, lines, (l) => l.payer),
    approved: byType.reduce((s, r) => s + r.approved, 0),
    pending: byType.reduce((s, r) => s + r.pending, 0),
    rejectedCount: lines.filter((l) => l.state === 'rejected').length,
  };
}
