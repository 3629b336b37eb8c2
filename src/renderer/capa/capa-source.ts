import type { TFunction } from 'i18next';
import { PARETO_DIMENSIONS, type Capa, type ParetoDimension } from '../../shared/analysis';

/**
 * Where a new CAPA comes from: a Pareto bar (`#/capa?new=<encoded JSON {dimension,key,label,from,to,count?}>`,
 * written by the analysis page) or a case. Read defensively: the hash is typed by people and links.
 */

export type ParetoSource = NonNullable<Capa['source']>;
export interface ParetoPrefill extends ParetoSource {
  /** The bar's value (cases, or fen for costs), when the link carries it. */
  count: number | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const str = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length <= max ? v : null);

/** The query of the hash (`#/capa?new=...&id=3`). */
export function hashQuery(hash: string): URLSearchParams {
  const k = hash.indexOf('?');
  return new URLSearchParams(k < 0 ? '' : hash.slice(k + 1));
}

export function parseParetoPrefill(raw: string | null): ParetoPrefill | null {
  if (!raw) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const dimension = str(o.dimension, 50);
  const key = str(o.key, 200);
  const from = str(o.from, 10);
  const to = str(o.to, 10);
  if (!dimension || !(PARETO_DIMENSIONS as readonly string[]).includes(dimension) || key === null || !from || !to || !DATE.test(from) || !DATE.test(to)) return null;
  return {
    dimension: dimension as ParetoDimension,
    key,
    label: str(o.label, 200) ?? key,
    from,
    to,
    count: typeof o.count === 'number' && Number.isFinite(o.count) ? o.count : typeof o.value === 'number' && Number.isFinite(o.value) ? o.value : null,
  };
}

/** A bar's label in words: codes (defect category, treatment kind, cost type) are translated. */
export function barLabel(t: TFunction, s: Pick<ParetoSource, 'dimension' | 'key' | 'label'>): string {
  if (s.key === '__other') return t('capa.source.other');
  const keys: Partial<Record<ParetoDimension, string>> = {
    defect_category: `enum.defectCategory.${s.key}`,
    return_reason: `enum.defectCategory.${s.key}`,
    repair_type: `treatment.kind.${s.key}`,
    cost_type: `costs.enum.costType.${s.key}`,
  };
  const k = keys[s.dimension];
  return k ? t(k, { defaultValue: s.label }) : s.label;
}

export function dimensionLabel(t: TFunction, d: ParetoDimension): string {
  return t(`capa.dimension.${d}`);
}

/** "缺陷类别：电气 (2026-01-01 – 2026-11-30)" */
export function sourceTitle(t: TFunction, s: ParetoSource): string {
  return t('capa.source.title', { dimension: dimensionLabel(t, s.dimension), label: barLabel(t, s), from: s.from, to: s.to });
}

/** The problem statement a bar suggests, naming it and its count when given. */
export function sourceProblem(t: TFunction, s: ParetoPrefill): string {
  const base = { dimension: dimensionLabel(t, s.dimension), label: barLabel(t, s), from: s.from, to: s.to };
  if (s.count === null) return t('capa.source.problem', base);
  if (s.dimension === 'cost_type') return t('capa.source.problemCost', { ...base, amount: (s.count / 100).toFixed(2) });
  return t('capa.source.problemCount', { ...base, count: s.count });
}
