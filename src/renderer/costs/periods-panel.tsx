import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Card, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountingPeriod } from '../../shared/costs';
import { call, on } from '../api/client';
import { useShowError } from '../common/api-errors';
import { formatInstant } from '../common/format';
import { currentLanguage } from '../i18n';
import { monthNames } from './labels';

/**
 * The twelve accounting periods of a year. Finance closes a month that has begun: its amortisation
 * is locked for good, and later changes land as adjustments in the first open month (issue 6).
 */

export function yearOptions(around: number): { value: number; label: string }[] {
  return Array.from({ length: 7 }, (_, i) => around - 5 + i).map((y) => ({
    value: y,
    label: String(y),
  }));
}

export function PeriodsPanel({ finance }: { finance: boolean }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const thisYear = dayjs().year();
  const thisMonth = dayjs().format('YYYY-MM');
  const [year, setYear] = useState(thisYear);
  const [periods, setPeriods] = useState<AccountingPeriod[] | null>(null);
  const months = monthNames(currentLanguage());

  const load = useCallback(() => {
    call('periods.list', { year }).then(setPeriods, (e: unknown) => {
      setPeriods([]);
      showError(e);
    });
  }, [year, showError]);
  useEffect(load, [load]);
  useEffect(() => on('costs.changed', () => load()), [load]);

  const close = (p: AccountingPeriod) =>
    modal.confirm({
      title: t('costsUi.periods.confirmTitle', { period: p.period }),
      content: t('costsUi.periods.confirmBody'),
      okText: t('costsUi.periods.close'),
      okButtonProps: { danger: true, id: 'period-close-ok' },
      onOk: () =>
        call('periods.close', { period: p.period }).then(
          () => {
            void message.success(t('costsUi.periods.closed', { period: p.period }));
            load();
          },
          (e: unknown) => showError(e),
        ),
    });

  return (
    <Card
      size="small"
      title={t('costsUi.periods.title')}
      extra={<Select id="periods-year" size="small" value={year} onChange={setYear} options={yearOptions(thisYear)} style={{ width: 96 }} />}
      data-testid="periods-panel"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t(finance ? 'costsUi.periods.hint' : 'costsUi.periods.hintReadOnly')}
      </Typography.Paragraph>
      <div className="costs-periods">
        {(periods ?? []).map((p) => {
          const month = Number(p.period.slice(5, 7));
          const closable = finance && !p.closed && p.period <= thisMonth;
          return (
            <div key={p.period} className={`costs-period${p.closed ? ' costs-period-closed' : ''}`} data-testid={`period-${p.period}`}>
              <Space size={6}>
                <Typography.Text strong>{months[month - 1]}</Typography.Text>
                <Typography.Text type="secondary">{p.period}</Typography.Text>
              </Space>
              {p.closed ? (
                <>
                  <Tag color="default" icon={<LockOutlined />}>
                    {t('costsUi.periods.isClosed')}
                  </Tag>
                  <Typography.Text type="secondary" className="costs-period-by">
                    {p.closedBy} {formatInstant(p.closedAt)}
                  </Typography.Text>
                </>
              ) : (
                <Space size={4}>
                  <Tag color="green" icon={<UnlockOutlined />}>
                    {t('costsUi.periods.isOpen')}
                  </Tag>
                  {closable && (
                    <Button size="small" danger data-testid={`period-close-${p.period}`} onClick={() => close(p)}>
                      {t('costsUi.periods.close')}
                    </Button>
                  )}
                </Space>
              )}
            </div>
          );
        })}
      </div>
    </Card>
  );
}
