import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Segmented, Select, Skeleton, Space, Statistic, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarYear } from '../../shared/engine';
import { call, on } from '../api/client';
import { useShowError } from '../common/api-errors';
import { CalendarDays } from './calendar-days';
import { CalendarHours } from './calendar-hours';
import { CalendarWarningBanner, useCalendarStatus } from './calendar-warning';
import { CalendarYearGrid } from './calendar-year-grid';
import { toJson } from './json';
import { usePolicyDoc } from './policy-doc';
import './rules.css';

/**
 * Settings → Business calendar (issue 4): working hours and weekend, and per year China's public
 * holidays and adjusted working days, seeded from chinese-days and editable. SLA clocks run on it.
 */
export function CalendarSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const status = useCalendarStatus();
  const policy = usePolicyDoc('calendar');
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [data, setData] = useState<CalendarYear | null>(null);
  const [view, setView] = useState<'grid' | 'list'>('grid');

  const load = useCallback(() => {
    call('calendar.get', { year }).then(setData, showError);
  }, [year, showError]);
  useEffect(() => {
    load();
    return on('rules.changed', (p) => {
      if (p.kind === 'calendar') load();
    });
  }, [load]);

  const years = [
    ...new Set([...(status?.yearsCovered ?? []), ...(status?.packageYears ?? []), thisYear - 1, thisYear, thisYear + 1, thisYear + 2]),
  ].sort();
  const holidays = data?.days.filter((d) => d.kind === 'holiday').length ?? 0;
  const workdays = data?.days.filter((d) => d.kind === 'workday').length ?? 0;

  /** The office entered the year's notice itself: the year counts as covered from now on. */
  async function markCovered() {
    const doc = policy.doc;
    if (!doc || !data) return;
    try {
      const years = [...new Set([...doc.data.holidayYears, data.year])].sort();
      await call('rules.save', {
        kind: 'calendar',
        key: 'default',
        data: toJson({ ...doc.data, holidayYears: years }),
        expectedVersion: doc.version,
      });
      void message.success(t('calendar.markedCovered', { year: data.year }));
    } catch (e) {
      showError(e);
    }
  }

  return (
    <div className="calendar-settings" data-testid="calendar-settings">
      <CalendarWarningBanner where="settings" />
      <Card
        size="small"
        title={
          <Space>
            {t('calendar.daysTitle')}
            <Select
              id="calendar-year"
              size="small"
              value={year}
              onChange={setYear}
              options={years.map((y) => ({ value: y, label: t('calendar.year', { year: y }) }))}
            />
          </Space>
        }
        extra={
          <Segmented<'grid' | 'list'>
            size="small"
            value={view}
            onChange={setView}
            options={[
              { value: 'grid', label: t('calendar.viewGrid') },
              { value: 'list', label: <span data-testid="calendar-view-list">{t('calendar.viewList')}</span> },
            ]}
          />
        }
      >
        {!data ? (
          <Skeleton active />
        ) : (
          <>
            <Row gutter={16} style={{ marginBottom: 12 }}>
              <Col>
                <Statistic title={t('calendar.kind.holiday')} value={holidays} suffix={t('calendar.daysUnit')} />
              </Col>
              <Col>
                <Statistic title={t('calendar.kind.workday')} value={workdays} suffix={t('calendar.daysUnit')} />
              </Col>
              <Col flex="auto">
                {data.covered ? (
                  <Typography.Text type="success" data-testid="calendar-covered">
                    <CheckCircleOutlined /> {t('calendar.covered', { year: data.year })}
                  </Typography.Text>
                ) : (
                  <Alert
                    type="warning"
                    showIcon
                    data-testid="calendar-not-covered"
                    title={t('calendar.notCovered', { year: data.year })}
                    action={
                      policy.editable && (
                        <Button size="small" onClick={() => void markCovered()}>
                          {t('calendar.markCovered')}
                        </Button>
                      )
                    }
                  />
                )}
              </Col>
            </Row>
            {view === 'grid' ? (
              <CalendarYearGrid year={data.year} days={data.days} weekendDays={data.document.weekendDays} />
            ) : (
              <CalendarDays year={data.year} days={data.days} editable={policy.editable} onChanged={load} />
            )}
          </>
        )}
      </Card>
      <Card size="small" title={t('calendar.hoursTitle')} style={{ marginTop: 16 }}>
        <CalendarHours policy={policy} />
      </Card>
    </div>
  );
}
