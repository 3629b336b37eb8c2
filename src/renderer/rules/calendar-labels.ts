import type { TFunction } from 'i18next';
import type { DayTableEntry } from '../../shared/schemas/rules-policies';

/** "春节" / "调休上班（春节）" / the office's own note. */
export function dayName(t: TFunction, d: Pick<DayTableEntry, 'kind' | 'holiday' | 'note'>): string {
  const holiday = d.holiday ? t(`calendar.holiday.${d.holiday}`, { defaultValue: d.holiday.replace(/_/g, ' ') }) : null;
  const base =
    d.kind === 'holiday'
      ? (holiday ?? t('calendar.kind.holiday'))
      : holiday
        ? t('calendar.workdayFor', { holiday })
        : t('calendar.kind.workday');
  return d.note ? `${base} · ${d.note}` : base;
}

/** Public holiday codes as chinese-days names them (main/rules/business-calendar.ts), for the office's own entries. */
export const HOLIDAY_CODES = [
  'new_years_day',
  'spring_festival',
  'tomb_sweeping_day',
  'labour_day',
  'dragon_boat_festival',
  'mid_autumn_festival',
  'national_day',
] as const;
