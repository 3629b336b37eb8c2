import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/domain';
import type { CalendarStatus } from '../../shared/engine';
import { call, on } from '../api/client';
import { navigate, paths } from '../shell/router';
import { useSession } from '../shell/session';
import { calendarReasonText } from './reason-text';

/**
 * The warning that the coming year (or this one) has no public-holiday data: due times there count
 * weekends only, without Spring Festival or National Day. Shown in Settings → Calendar, and on the
 * tracking table to those who can act on it (the administrator, who enters the State Council's
 * notice, and the managers, whose SLA figures it affects).
 */
const AUDIENCE: readonly Role[] = ['admin', 'sales_manager', 'branch_manager'];

export function useCalendarStatus() {
  const [status, setStatus] = useState<CalendarStatus | null>(null);
  useEffect(() => {
    const load = () => void call('calendar.status', {}).then(setStatus, () => setStatus(null));
    load();
    return on('rules.changed', (p) => {
      if (p.kind === 'calendar') load();
    });
  }, []);
  return status;
}

export function CalendarWarningBanner({ where }: { where: 'settings' | 'table' }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const status = useCalendarStatus();
  if (!status?.warning || !user) return null;
  if (where === 'table' && !AUDIENCE.includes(user.role)) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner={where === 'table'}
      data-testid="calendar-warning"
      style={{ marginBottom: 12 }}
      title={t('calendar.warningTitle', { years: status.warning.years.join(t('rules.listJoin')) })}
      description={
        <>
          {calendarReasonText(t, status.warning)}
          {where === 'table' && user.role === 'admin' && (
            <a style={{ marginInlineStart: 8 }} onClick={() => navigate(paths.settings)}>
              {t('calendar.goToSettings')}
            </a>
          )}
        </>
      }
    />
  );
}
