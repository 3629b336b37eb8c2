import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DayTableEntry } from '../../shared/schemas/rules-policies';
import { dayName } from './calendar-labels';

/**
 * The year at a glance: twelve small months, public holidays in red, adjusted working days (调休上班)
 * outlined in blue, weekends grey — the way the office checks the State Council's notice.
 */
export function CalendarYearGrid({ year, days, weekendDays }: { year: number; days: DayTableEntry[]; weekendDays: number[] }) {
  const { t } = useTranslation();
  const byDate = new Map(days.map((d) => [d.date, d]));
  const weekdays = [1, 2, 3, 4, 5, 6, 0];
  return (
    <>
      <div className="cal-legend">
        <span className="cal-day cal-holiday">1</span> {t('calendar.kind.holiday')}
        <span className="cal-day cal-workday">1</span> {t('calendar.kind.workday')}
        <span className="cal-day cal-weekend">1</span> {t('calendar.weekend')}
      </div>
      <div className="cal-grid" data-testid="calendar-grid">
        {Array.from({ length: 12 }, (_, m) => {
          const first = dayjs(new Date(year, m, 1));
          const lead = (first.day() + 6) % 7;
          const count = first.daysInMonth();
          return (
            <div key={m} className="cal-month">
              <div className="cal-month-name">{t('calendar.month', { month: m + 1 })}</div>
              <div className="cal-week">
                {weekdays.map((w) => (
                  <span key={w} className="cal-head">
                    {t(`calendar.weekdayShort.${w}`)}
                  </span>
                ))}
                {Array.from({ length: lead }, (_, i) => (
                  <span key={`x${i}`} />
                ))}
                {Array.from({ length: count }, (_, i) => {
                  const date = first.date(i + 1);
                  const iso = date.format('YYYY-MM-DD');
                  const entry = byDate.get(iso);
                  const cls = entry ? `cal-day cal-${entry.kind}` : weekendDays.includes(date.day()) ? 'cal-day cal-weekend' : 'cal-day';
                  const cell = (
                    <span key={iso} className={cls} data-date={iso}>
                      {i + 1}
                    </span>
                  );
                  return entry ? (
                    <Tooltip key={iso} title={`${iso} ${dayName(t, entry)}`}>
                      {cell}
                    </Tooltip>
                  ) : (
                    cell
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
    </>
  );
}
