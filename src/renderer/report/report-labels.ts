import type { TFunction } from 'i18next';
import type { ParetoBar, ParetoDimension } from '../../shared/analysis';
import { departmentCode } from '../../shared/departments';
import type { FormLanguage } from '../../shared/print';
import type { Department } from '../../shared/types';

/**
 * Words and numbers of the monthly report in the report's language (not necessarily the app's):
 * the Pareto bars' codes, departments by their key in the amortisation totals, money and percents.
 */

/** A bar's label: codes translated, names (customers, departments, models) as they are. */
export function barLabel(t: TFunction, dimension: ParetoDimension, bar: ParetoBar, departments: Department[]): string {
  if (bar.key === '__other') return t('report.pareto.other');
  switch (dimension) {
    case 'defect_category':
    case 'return_reason':
      return t(`enum.defectCategory.${bar.key}`, { defaultValue: bar.label || bar.key });
    case 'cost_type':
      return t(`costs.enum.costType.${bar.key}`, { defaultValue: bar.label || bar.key });
    case 'repair_type':
      return t(`form.treatment.${bar.key}`, { defaultValue: bar.label || bar.key });
    case 'responsible_department':
      return departmentName(t, departments, Number(bar.key), bar.label);
    default:
      return bar.label || bar.key;
  }
}

function departmentName(t: TFunction, departments: Department[], id: number, fallback: string): string {
  const d = departments.find((x) => x.id === id);
  if (!d) return fallback;
  const code = departmentCode(d);
  return code ? t(`department.${code}`, { defaultValue: d.name }) : d.name;
}

/** A bearer of the amortisation totals: `d:<id>`, `p:<name>` or `unallocated`. */
export function bearerLabel(t: TFunction, key: string, label: string, departments: Department[]): string {
  if (key === 'unallocated') return t('report.costs.unallocated');
  if (key.startsWith('d:')) return departmentName(t, departments, Number(key.slice(2)), label);
  return label;
}

/** Yuan from fen with two decimals and thousands separators; `short` drops the decimals (chart axes). */
export function yuan(fen: number, lang: FormLanguage, short = false): string {
  return (fen / 100).toLocaleString(lang, { minimumFractionDigits: short ? 0 : 2, maximumFractionDigits: short ? 0 : 2 });
}

export const count = (n: number, lang: FormLanguage) => n.toLocaleString(lang);

export const percentOfBp = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(1)}%`);

/** Change against the previous month, signed, as a percentage; none when there is nothing to compare with. */
export function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? '0%' : '—';
  const p = ((now - before) / before) * 100;
  return `${p > 0 ? '+' : ''}${p.toFixed(1)}%`;
}

/** `2026年10月` or `October 2026`. */
export function monthTitle(month: string, lang: FormLanguage): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)));
}
