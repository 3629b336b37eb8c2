import { BarChartOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import type { ChartConfiguration } from 'chart.js';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardData } from '../../shared/analysis';
import { call, on } from '../api/client';
import { formatFen } from '../case/amounts';
import { useShowError } from '../common/api-errors';
import { navigate, paths } from '../shell/router';
import { ChartCanvas, PALETTE } from './chart-canvas';

const AGE_COLORS = ['#9dbfe3', '#4c9be8', '#f0a030', '#d9534f'];

/** The dashboard: KPI cards, open cases by state and age, complaints per month, costs against last month. */
export function DashboardView({ onPareto }: { onPareto(): void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [data, setData] = useState<DashboardData | null>(null);

  const load = useCallback(() => {
    let live = true;
    call('analysis.dashboard', {}).then(
      (d) => live && setData(d),
      (e: unknown) => live && showError(e),
    );
    return () => {
      live = false;
    };
  }, [showError]);
  useEffect(load, [load]);
  useEffect(() => {
    const offs = ['complaints.changed', 'costs.changed', 'capa.changed', 'app.dataReset'].map((ev) => on(ev as 'complaints.changed', () => load()));
    return () => offs.forEach((off) => off());
  }, [load]);

  const ageLabels = useMemo(() => ['0_2', '3_7', '8_30', 'over_30'].map((k) => t(`analysis.dashboard.age.${k}`)), [t]);
  const byState = useMemo<ChartConfiguration<'bar'> | null>(
    () =>
      data && {
        type: 'bar',
        data: {
          labels: data.openByState.map((s) => t(`enum.state.${s.state}`, { defaultValue: s.state })),
          datasets: ageLabels.map((label, i) => ({
            label,
            data: data.openByState.map((s) => s.buckets[i] ?? 0),
            backgroundColor: AGE_COLORS[i],
            stack: 'age',
          })),
        },
        options: {
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: t('analysis.pareto.valueCases') } } },
          plugins: { legend: { position: 'top', title: { display: true, text: t('analysis.dashboard.ageLegend') } } },
        },
      },
    [data, ageLabels, t],
  );
  const perMonth = useMemo<ChartConfiguration<'line'> | null>(
    () =>
      data && {
        type: 'line',
        data: {
          labels: data.perMonth.map((m) => m.month),
          datasets: [
            { label: t('analysis.dashboard.received'), data: data.perMonth.map((m) => m.count), borderColor: PALETTE[0], backgroundColor: PALETTE[0], tension: 0.2 },
            { label: t('analysis.dashboard.repeats'), data: data.perMonth.map((m) => m.repeats), borderColor: PALETTE[3], backgroundColor: PALETTE[3], tension: 0.2 },
          ],
        },
        options: { scales: { y: { beginAtZero: true } }, plugins: { legend: { position: 'top' } } },
      },
    [data, t],
  );
  const costs = useMemo<ChartConfiguration<'bar'> | null>(
    () =>
      data && {
        type: 'bar',
        data: {
          labels: [t('analysis.dashboard.lastMonth'), t('analysis.dashboard.thisMonth')],
          datasets: [
            {
              label: t('analysis.dashboard.approvedCosts'),
              data: [data.costs.lastMonth / 100, data.costs.thisMonth / 100],
              backgroundColor: [PALETTE[7], PALETTE[0]],
            },
          ],
        },
        options: {
          indexAxis: 'y',
          scales: { x: { beginAtZero: true, title: { display: true, text: t('analysis.pareto.valueYuan') } } },
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: (i) => formatFen(Math.round(Number(i.raw) * 100)) } } },
        },
      },
    [data, t],
  );

  if (!data) return <Skeleton active />;
  const open = data.openByState.reduce((s, x) => s + x.buckets.reduce((a, b) => a + b, 0), 0);
  const old = data.openByState.reduce((s, x) => s + (x.buckets[3] ?? 0), 0);
  const stopped = data.sla.met + data.sla.breached;
  const change = data.costs.lastMonth ? Math.round(((data.costs.thisMonth - data.costs.lastMonth) * 1000) / data.costs.lastMonth) / 10 : null;

  return (
    <div className="dashboard-view" data-testid="dashboard-view">
      <Row gutter={[12, 12]}>
        <Col xs={12} lg={6} xxl={4}>
          <Card size="small" hoverable onClick={() => navigate(paths.complaints)} data-testid="kpi-open">
            <Statistic title={t('analysis.kpi.open')} value={open} />
            <Typography.Text type="secondary">{t('analysis.kpi.openOld', { count: old })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6} xxl={4}>
          <Card size="small" data-testid="kpi-sla">
            <Statistic title={t('analysis.kpi.sla')} value={stopped ? Math.round((data.sla.met * 1000) / stopped) / 10 : '—'} suffix={stopped ? '%' : undefined} />
            <Typography.Text type="secondary">{t('analysis.kpi.slaDetail', { met: data.sla.met, breached: data.sla.breached, atRisk: data.sla.atRisk, running: data.sla.running })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6} xxl={4}>
          <Card size="small" data-testid="kpi-decisions">
            <Statistic title={t('analysis.kpi.decisions')} value={data.awaitingDecision.manager + data.awaitingDecision.chairman} />
            <Typography.Text type="secondary">
              {t('analysis.kpi.decisionsDetail', { ...data.awaitingDecision })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6} xxl={4}>
          <Card size="small" data-testid="kpi-costs">
            <Statistic title={t('analysis.kpi.costs')} value={formatFen(data.costs.thisMonth)} />
            <Typography.Text type="secondary">
              {t('analysis.kpi.costsDetail', { last: formatFen(data.costs.lastMonth), change: change === null ? '—' : `${change > 0 ? '+' : ''}${change} %`, pending: formatFen(data.costs.pending) })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6} xxl={4}>
          <Card size="small" data-testid="kpi-repeats">
            <Statistic title={t('analysis.kpi.repeats')} value={data.repeats} />
            <Typography.Text type="secondary">{t('analysis.kpi.repeatsDetail')}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6} xxl={4}>
          <Card size="small" hoverable onClick={() => navigate(paths.capa)} data-testid="kpi-capa">
            <Statistic title={t('analysis.kpi.capa')} value={data.capa.open} />
            <Typography.Text type={data.capa.overdue ? 'danger' : 'secondary'}>{t('analysis.kpi.capaOverdue', { count: data.capa.overdue })}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('analysis.dashboard.openByState')}>
            {byState && <ChartCanvas config={byState} height={280} testId="chart-open-by-state" />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('analysis.dashboard.perMonth')}>
            {perMonth && <ChartCanvas config={perMonth} height={280} testId="chart-per-month" />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('analysis.dashboard.costs')}>
            {costs && <ChartCanvas config={costs} height={160} testId="chart-costs" />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('analysis.dashboard.paretoTitle')}>
            <Typography.Paragraph type="secondary">{t('analysis.dashboard.paretoHint')}</Typography.Paragraph>
            <Button type="primary" icon={<BarChartOutlined />} onClick={onPareto} data-testid="dashboard-to-pareto">
              {t('analysis.dashboard.toPareto')}
            </Button>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
