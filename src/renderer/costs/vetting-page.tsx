import { Alert, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useSession } from '../shell/session';
import { PeriodsPanel } from './periods-panel';
import { VettingQueue } from './vetting-queue';
import './costs.css';

/**
 * `#/costs/vetting`: Finance vets the service costs (seed 002 §5.3) — the queue of lines waiting,
 * approve or reject with a comment, reverse an approved line — and closes accounting periods.
 * Everyone else sees the same lists read-only.
 */
export function VettingPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const finance = user?.role === 'finance';
  const [baseCurrency, setBaseCurrency] = useState<string | null>(null);
  useEffect(() => {
    call('settings.get', {}).then(
      (s) => setBaseCurrency(s.baseCurrency),
      () => setBaseCurrency('CNY'),
    );
  }, []);

  return (
    <div className="costs-page" data-testid="vetting-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('costsUi.title')}
      </Typography.Title>
      {user && !finance && <Alert type="info" showIcon data-testid="vetting-read-only" style={{ marginBottom: 12 }} title={t('costsUi.readOnly')} />}
      {baseCurrency && (
        <Tabs
          defaultActiveKey="queue"
          items={[
            {
              key: 'queue',
              label: t('costsUi.tab.queue'),
              children: <VettingQueue finance={finance} baseCurrency={baseCurrency} />,
            },
            {
              key: 'periods',
              label: t('costsUi.tab.periods'),
              children: <PeriodsPanel finance={finance} />,
            },
          ]}
        />
      )}
    </div>
  );
}
