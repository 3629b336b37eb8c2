import { Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DashboardView } from './dashboard-view';
import { ParetoView } from './pareto-view';
import './analysis.css';

type Tab = 'dashboard' | 'pareto';
const HASH: Record<Tab, string> = { dashboard: '#/analysis', pareto: '#/analysis?tab=pareto' };

/**
 * `#/analysis` (issue 7, seed 001: "statistical analysis … Pareto diagrams of repairs and returns"):
 * the dashboard, and the Pareto diagrams whose bars open the tracking table filtered to their cases
 * or start a corrective action. `?tab=pareto` opens the Pareto tab (and a reload keeps it).
 */
export function AnalysisPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>(() => (/[?&]tab=pareto\b/.test(window.location.hash) ? 'pareto' : 'dashboard'));
  const choose = (k: Tab) => {
    setTab(k);
    // Same route, no re-mount: the address only remembers the tab for a reload or the back button.
    window.history.replaceState(null, '', HASH[k]);
  };
  return (
    <div className="analysis-page" data-testid="analysis-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('analysis.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => choose(k as Tab)}
        destroyOnHidden
        items={[
          { key: 'dashboard', label: <span data-testid="analysis-tab-dashboard">{t('analysis.tab.dashboard')}</span>, children: <DashboardView onPareto={() => choose('pareto')} /> },
          { key: 'pareto', label: <span data-testid="analysis-tab-pareto">{t('analysis.tab.pareto')}</span>, children: <ParetoView /> },
        ]}
      />
    </div>
  );
}
