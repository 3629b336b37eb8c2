import type { TFunction } from 'i18next';

/**
 * ag-grid's own words (filter operators, loading, empty table) from the `grid` section of the
 * catalogues; keys are ag-grid's localeText keys. Words the catalogue lacks stay in English.
 */
export function gridLocaleText(t: TFunction): Record<string, string> {
  const section: unknown = t('grid', { returnObjects: true });
  const out: Record<string, string> = {};
  if (section && typeof section === 'object') {
    for (const [k, v] of Object.entries(section)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}
