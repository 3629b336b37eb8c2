import { LeftOutlined, RightOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, calendarDateOf } from '../../shared/dates';
import type { FieldCalendarEntry, FieldCalendarWeek } from '../../shared/service';
import { call, on } from '../api/client';
import { toApiError } from '../common/api-errors';
import { navigate, paths } from '../shell/router';
import { dayIndexes, mondayOf, timeIn, weekDays } from './calendar-layout';
import './field-calendar.css';

/**
 * The field-service calendar (issue 5): each engineer's on-site visits and training of a week,
 * Monday to Sunday in the office time zone; an engineer booked twice at once shows in red. A card
 * opens its case.
 */
export function FieldCalendarPage() {
  const { t } = useTranslation();
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [weekStart, setWeekStart] = useState<string | null>(null);
  const [week, setWeek] = useState<FieldCalendarWeek | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    call('settings.get', {}).then(
      (s) => {
        setTimeZone(s.officeTimeZone);
        setWeekStart(mondayOf(calendarDateOf(new Date(), s.officeTimeZone)));
      },
      (e: unknown) => setError(toApiError(e).message),
    );
    return on('complaints.changed', () => setTick((n) => n + 1));
  }, []);

  useEffect(() => {
    if (!weekStart) return;
    let live = true;
    call('service.fieldCalendar', { weekOf: weekStart }).then(
      (w) => {
        if (!live) return;
        setWeek(w);
        setError(null);
      },
      (e: unknown) => live && setError(toApiError(e).message),
    );
    return () => {
      live = false;
    };
  }, [weekStart, tick]);

  const today = timeZone ? calendarDateOf(new Date(), timeZone) : null;
  const days = useMemo(() => (weekStart ? weekDays(weekStart) : []), [weekStart]);

  if (error) return <Result status="warning" title={t('visits.calendar.loadFailed')} subTitle={error} />;
  if (!weekStart || !timeZone) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  return (
    <Card>
      <div className="fc-toolbar">
        <Space>
          <Button icon={<LeftOutlined />} aria-label={t('visits.calendar.prev')} data-testid="fc-prev" onClick={() => setWeekStart(addDays(weekStart, -7))} />
          <Button data-testid="fc-today" onClick={() => today && setWeekStart(mondayOf(today))}>
            {t('visits.calendar.today')}
          </Button>
          <Button icon={<RightOutlined />} aria-label={t('visits.calendar.next')} data-testid="fc-next" onClick={() => setWeekStart(addDays(weekStart, 7))} />
          <span className="fc-week" data-testid="fc-week">
            {t('visits.calendar.week', { from: days[0], to: days[6] })}
          </span>
        </Space>
        <Space>
          {week && week.weekStart === weekStart && (
            week.conflicts ? (
              <Tag color="red" icon={<WarningOutlined />} data-testid="fc-conflicts">
                {t('visits.calendar.conflicts', { count: week.conflicts })}
              </Tag>
            ) : (
              <Tag data-testid="fc-conflicts">{t('visits.calendar.noConflicts')}</Tag>
            )
          )}
          <Typography.Text type="secondary">{t('visits.calendar.zone', { zone: timeZone })}</Typography.Text>
        </Space>
      </div>
      {!week || week.weekStart !== weekStart ? (
        <Spin style={{ display: 'block', margin: '40px auto' }} />
      ) : week.engineers.length === 0 ? (
        <Alert type="info" title={t('visits.calendar.empty')} />
      ) : (
        <table className="fc-grid" data-testid="fc-grid">
          <thead>
            <tr>
              <th className="fc-engineer">{t('visits.calendar.engineer')}</th>
              {days.map((d, i) => (
                <th key={d} className={d === today ? 'fc-today' : undefined}>
                  {t(`visits.calendar.weekday.${i}`)} {d.slice(5)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {week.engineers.map((eng) => (
              <tr key={eng.userId} data-testid={`fc-row-${eng.userId}`}>
                <td className="fc-engineer">{eng.name}</td>
                {days.map((d, i) => (
                  <td key={d} className={d === today ? 'fc-today' : undefined}>
                    {eng.entries
                      .filter((e) => dayIndexes(e, weekStart, timeZone).includes(i))
                      .map((e) => (
                        <VisitCard key={e.actionId} e={e} timeZone={timeZone} />
                      ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function VisitCard({ e, timeZone }: { e: FieldCalendarEntry; timeZone: string }) {
  const { t } = useTranslation();
  const conflict = e.conflictsWith.length > 0;
  const cls = `fc-card${e.state === 'done' ? ' fc-card-done' : ''}${conflict ? ' fc-card-conflict' : ''}`;
  const card = (
    <a
      className={cls}
      href={paths.case(e.complaintId)}
      data-testid={`fc-card-${e.actionId}`}
      data-conflict={conflict ? '1' : '0'}
      onClick={(ev) => {
        ev.preventDefault();
        navigate(paths.case(e.complaintId));
      }}
    >
      <div className="fc-card-no">
        {conflict && <WarningOutlined style={{ color: '#cf1322', marginRight: 4 }} />}
        {e.trackingNo}
      </div>
      <div className="fc-card-customer">{e.customerName}</div>
      <div className="fc-card-time">
        {timeIn(e.start, timeZone)}–{timeIn(e.end, timeZone)} · {t(`visits.enum.mode.${e.mode}`)}
      </div>
    </a>
  );
  return conflict ? <Tooltip title={t('visits.calendar.conflictWith')}>{card}</Tooltip> : card;
}
