import { BulbOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Empty, Menu, Segmented, Select, Space, Spin, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARETO_DIMENSIONS, type ParetoBar, type ParetoDimension, type ParetoResult } from '../../shared/analysis';
import { CLASSIFICATIONS, SEVERITIES, type Classification, type Severity } from '../../shared/domain';
import type { Department } from '../../shared/types';
import { call, on } from '../api/client';
import { formatFen } from '../case/amounts';
import { departmentName } from '../case/labels';
import { useShowError } from '../common/api-errors';
import { navigate } from '../shell/router';
import { ParetoChart, type BarClick } from './pareto-chart';
import { capaHash, casesLink, OTHER_KEY, type ParetoFilters } from './pareto-links';

export const PERIOD_PRESETS = ['this_month', 'last_month', 'this_quarter', 'this_year', 'last_12_months', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
const FMT = 'YYYY-MM-DD';

/** The calendar dates of a preset, today included. */
export function presetRange(p: Exclude<PeriodPreset, 'custom'>, today: Dayjs = dayjs()): [string, string] {
  switch (p) {
    case 'this_month':
      return [today.startOf('month').format(FMT), today.format(FMT)];
    case 'last_month': {
      const m = today.subtract(1, 'month');
      return [m.startOf('month').format(FMT), m.endOf('month').format(FMT)];
    }
    case 'this_quarter': {
      const first = today.month() - (today.month() % 3);
      return [today.month(first).startOf('month').format(FMT), today.format(FMT)];
    }
    case 'this_year':
      return [today.startOf('year').format(FMT), today.format(FMT)];
    case 'last_12_months':
      return [today.subtract(12, 'month').add(1, 'day').format(FMT), today.format(FMT)];
  }
}

/** The screen words of a bar: codes translated, customers and departments by name. */
export function barLabel(t: TFunction, dimension: ParetoDimension, bar: ParetoBar, departments: readonly Department[]): string {
  if (bar.key === OTHER_KEY) return t('analysis.pareto.other');
  switch (dimension) {
    case 'defect_category':
    case 'return_reason':
      return t(`enum.defectCategory.${bar.key}`, { defaultValue: bar.key });
    case 'repair_type':
      return t(`treatment.kind.${bar.key}`, { defaultValue: bar.key });
    case 'cost_type':
      return t(`costs.enum.costType.${bar.key}`, { defaultValue: bar.key });
    case 'responsible_department':
      return departments.some((d) => String(d.id) === bar.key) ? departmentName(t, departments, Number(bar.key)) : bar.label;
    case 'customer':
      return bar.label;
    case 'product_model':
      return bar.key;
  }
}

const pct = (bp: number) => `${(bp / 100).toFixed(1)} %`;

export function ParetoView() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [dimension, setDimension] = useState<ParetoDimension>('defect_category');
  const [preset, setPreset] = useState<PeriodPreset>('last_12_months');
  const [range, setRange] = useState<[string, string]>(() => presetRange('last_12_months'));
  const [severities, setSeverities] = useState<Severity[]>([]);
  const [classifications, setClassifications] = useState<Classification[]>([]);
  const [productLine, setProductLine] = useState<string | null>(null);
  const [productLines, setProductLines] = useState<string[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  // The answer with what it was asked for: while another one loads the old chart stays, dimmed.
  const [answer, setAnswer] = useState<{ asked: string; result: ParetoResult | null } | null>(null);
  // The bar menu belongs to the chart it was opened on.
  const [opened, setMenu] = useState<(BarClick & { of: ParetoResult }) | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    call('departments.list', {}).then(setDepartments, () => undefined);
    call('products.search', { q: '', limit: 50 }).then(
      (ps) => setProductLines([...new Set(ps.map((p) => p.productLine).filter((l): l is string => !!l))].sort()),
      () => undefined,
    );
  }, []);

  const filters: ParetoFilters = useMemo(() => ({ severities, classifications, productLine }), [severities, classifications, productLine]);
  const asked = JSON.stringify([dimension, range, filters]);
  const loading = answer?.asked !== asked;
  const result = answer?.result ?? null;
  const menu = opened && opened.of === result ? opened : null;
  const load = useCallback(() => {
    let live = true;
    const key = JSON.stringify([dimension, range, filters]);
    call('analysis.pareto', { dimension, from: range[0], to: range[1], ...filters, limit: 15 }).then(
      (r) => live && setAnswer({ asked: key, result: r }),
      (e: unknown) => {
        if (!live) return;
        setAnswer({ asked: key, result: null });
        showError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [dimension, range, filters, showError]);
  useEffect(load, [load]);
  useEffect(() => {
    const offs = [on('complaints.changed', () => load()), on('costs.changed', () => load()), on('app.dataReset', () => load())];
    return () => offs.forEach((off) => off());
  }, [load]);

  const labels = useMemo(() => (result ? result.bars.map((b) => barLabel(t, result.dimension, b, departments)) : []), [result, t, departments]);
  const onBarClick = useCallback(
    (c: BarClick) => {
      if (!result) return;
      // The menu stays inside the chart's box.
      const width = box.current?.clientWidth ?? 600;
      setMenu({ ...c, x: Math.max(0, Math.min(c.x, width - 310)), of: result });
    },
    [result],
  );
  const picked = result && menu ? result.bars[menu.index] : undefined;
  const link = result && picked ? casesLink(result, picked, filters) : null;
  const fen = result?.unit === 'fen';

  const openCases = (bar: ParetoBar) => {
    if (!result) return;
    const l = casesLink(result, bar, filters);
    if (l.hash) navigate(l.hash);
  };
  const createCapa = (bar: ParetoBar, label: string) => result && navigate(capaHash(result, bar, label));

  return (
    <div className="pareto-view" data-testid="pareto-view">
      <Space wrap className="pareto-controls">
        <Select<ParetoDimension>
          id="pareto-dimension"
          data-testid="pareto-dimension"
          value={dimension}
          onChange={setDimension}
          style={{ width: 200 }}
          options={PARETO_DIMENSIONS.map((d) => ({ value: d, label: t(`analysis.dimension.${d}`) }))}
        />
        <Segmented<PeriodPreset>
          data-testid="pareto-preset"
          value={preset}
          onChange={(p) => {
            setPreset(p);
            if (p !== 'custom') setRange(presetRange(p));
          }}
          options={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`analysis.period.${p}`) }))}
        />
        <DatePicker.RangePicker
          data-testid="pareto-range"
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => {
            if (!v?.[0] || !v[1]) return;
            setPreset('custom');
            setRange([v[0].format(FMT), v[1].format(FMT)]);
          }}
        />
      </Space>
      <Space wrap className="pareto-controls">
        <Select<Severity[]>
          mode="multiple"
          allowClear
          data-testid="pareto-severity"
          placeholder={t('analysis.filter.severity')}
          value={severities}
          onChange={setSeverities}
          style={{ minWidth: 200 }}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`enum.severity.${s}`) }))}
        />
        <Select<Classification[]>
          mode="multiple"
          allowClear
          data-testid="pareto-classification"
          placeholder={t('analysis.filter.classification')}
          value={classifications}
          onChange={setClassifications}
          style={{ minWidth: 200 }}
          options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`analysis.classification.${c}`) }))}
        />
        <Select<string>
          allowClear
          data-testid="pareto-product-line"
          placeholder={t('analysis.filter.productLine')}
          value={productLine ?? undefined}
          onChange={(v) => setProductLine(v ?? null)}
          style={{ minWidth: 160 }}
          options={productLines.map((l) => ({ value: l, label: l }))}
        />
      </Space>

      <Spin spinning={loading}>
        {result && (
          <Typography.Paragraph className="pareto-summary" data-testid="pareto-summary">
            {result.total === 0
              ? t('analysis.pareto.emptySummary', { from: result.from, to: result.to })
              : t(fen ? 'analysis.pareto.summaryCost' : 'analysis.pareto.summary', {
                  from: result.from,
                  to: result.to,
                  total: fen ? formatFen(result.total) : result.total,
                  vital: result.vitalFew,
                  bars: result.bars.length,
                })}
          </Typography.Paragraph>
        )}
        {result && result.total > 0 ? (
          <div className="pareto-chart-box" ref={box} onKeyDown={(e) => e.key === 'Escape' && setMenu(null)}>
            <ParetoChart result={result} labels={labels} onBarClick={onBarClick} />
            {picked && menu && (
              <div className="pareto-bar-menu" data-testid="pareto-bar-menu" style={{ left: menu.x, top: menu.y }}>
                <div className="pareto-bar-menu-title">
                  {labels[menu.index]} · {fen ? formatFen(picked.value) : t('analysis.pareto.cases', { count: picked.value })}
                </div>
                <Menu
                  selectable={false}
                  onClick={({ key }) => {
                    setMenu(null);
                    if (key === 'cases') openCases(picked);
                    else if (key === 'capa') createCapa(picked, labels[menu.index] ?? picked.key);
                  }}
                  items={[
                    {
                      key: 'cases',
                      icon: <UnorderedListOutlined />,
                      disabled: !link?.hash,
                      label: <span data-testid="pareto-open-cases">{t(link?.exact ? 'analysis.links.open' : link?.hash ? 'analysis.links.openWider' : 'analysis.links.none')}</span>,
                    },
                    { key: 'capa', icon: <BulbOutlined />, label: <span data-testid="pareto-create-capa">{t('analysis.links.capa')}</span> },
                  ]}
                />
                {link && link.notes.length > 0 && (
                  <div className="pareto-bar-menu-note">{link.notes.map((n) => t(`analysis.links.note.${n}`)).join(' ')}</div>
                )}
                <Button size="small" type="link" onClick={() => setMenu(null)}>
                  {t('analysis.links.close')}
                </Button>
              </div>
            )}
          </div>
        ) : (
          !loading && <Empty description={t('analysis.pareto.empty')} />
        )}
        {result && result.total > 0 && (
          <>
            <Alert type="info" showIcon className="pareto-hint" title={t('analysis.pareto.clickHint')} />
            <Table<ParetoBar & { rank: number }>
              size="small"
              data-testid="pareto-table"
              rowKey="key"
              pagination={false}
              dataSource={result.bars.map((b, i) => ({ ...b, rank: i + 1 }))}
              rowClassName={(r) => (r.rank <= result.vitalFew ? 'pareto-vital' : '')}
              columns={[
                { title: t('analysis.table.rank'), dataIndex: 'rank', width: 60 },
                { title: t(`analysis.dimension.${result.dimension}`), key: 'label', render: (_, r) => labels[r.rank - 1] },
                {
                  title: fen ? t('analysis.pareto.valueYuan') : t('analysis.pareto.valueCases'),
                  dataIndex: 'value',
                  align: 'right',
                  render: (v: number) => (fen ? formatFen(v) : v),
                },
                { title: t('analysis.table.share'), key: 'share', align: 'right', render: (_, r) => pct(Math.round((r.value * 10000) / result.total)) },
                { title: t('analysis.table.cumulative'), dataIndex: 'cumulativeBp', align: 'right', render: (v: number) => pct(v) },
                {
                  title: t('analysis.table.actions'),
                  key: 'actions',
                  render: (_, r) => {
                    const l = casesLink(result, r, filters);
                    return (
                      <Space size={0}>
                        {l.hash && (
                          <Button size="small" type="link" onClick={() => openCases(r)} title={l.notes.map((n) => t(`analysis.links.note.${n}`)).join(' ')}>
                            {t(l.exact ? 'analysis.links.openShort' : 'analysis.links.openWiderShort')}
                          </Button>
                        )}
                        <Button size="small" type="link" onClick={() => createCapa(r, labels[r.rank - 1] ?? r.key)}>
                          {t('analysis.links.capaShort')}
                        </Button>
                      </Space>
                    );
                  },
                },
              ]}
            />
          </>
        )}
      </Spin>
    </div>
  );
}
