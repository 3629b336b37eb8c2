import type { ChartConfiguration, Plugin } from 'chart.js';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParetoResult } from '../../shared/analysis';
import { formatFen } from '../case/amounts';
import { ChartCanvas } from './chart-canvas';

type ParetoType = 'bar' | 'line';

/** The 80 % mark: a dashed line across the plot at 80 on the cumulative axis, with its label. */
const eightyPercent: Plugin<'bar'> = {
  id: 'eightyPercent',
  afterDatasetsDraw(chart) {
    const y2 = chart.scales.y2;
    if (!y2) return;
    const { ctx, chartArea } = chart;
    const y = y2.getPixelForValue(80);
    ctx.save();
    ctx.strokeStyle = '#d9534f';
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(chartArea.left, y);
    ctx.lineTo(chartArea.right, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#d9534f';
    ctx.font = `600 11px ${String(chart.options.font?.family ?? 'sans-serif')}`;
    ctx.textAlign = 'right';
    ctx.fillText('80 %', chartArea.right - 4, y - 4);
    ctx.restore();
  },
};

/** Where each bar is drawn (canvas pixels), on the canvas: what a person clicks, findable by tests. */
const barCentres: Plugin<'bar'> = {
  id: 'barCentres',
  afterRender(chart) {
    const meta = chart.getDatasetMeta(0);
    const centres = meta.data.map((el) => {
      const p = el.getProps(['x', 'y', 'base'], true) as { x: number; y: number; base: number };
      return [Math.round(p.x), Math.round((p.y + p.base) / 2)];
    });
    chart.canvas.dataset.bars = JSON.stringify(centres);
  },
};

export interface BarClick {
  index: number;
  /** Position of the click within the chart's box. */
  x: number;
  y: number;
}

/**
 * The Pareto diagram: bars in descending order (the vital few darker), the cumulative share as a
 * line on the right-hand axis (0–100 %), and the 80 % mark.
 */
export function ParetoChart({ result, labels, onBarClick }: { result: ParetoResult; labels: string[]; onBarClick(c: BarClick): void }) {
  const { t } = useTranslation();
  const fen = result.unit === 'fen';
  const config = useMemo<ChartConfiguration<ParetoType>>(
    () => ({
      type: 'bar',
      data: {
        labels: labels.map((l) => (l.length > 14 ? `${l.slice(0, 13)}…` : l)),
        datasets: [
          {
            type: 'bar',
            label: fen ? t('analysis.pareto.valueYuan') : t('analysis.pareto.valueCases'),
            data: result.bars.map((b) => (fen ? b.value / 100 : b.value)),
            backgroundColor: result.bars.map((_, i) => (i < result.vitalFew ? '#1f5fa8' : '#9dbfe3')),
            yAxisID: 'y',
            order: 2,
          },
          {
            type: 'line',
            label: t('analysis.pareto.cumulative'),
            data: result.bars.map((b) => b.cumulativeBp / 100),
            borderColor: '#f0a030',
            backgroundColor: '#f0a030',
            pointRadius: 3,
            yAxisID: 'y2',
            order: 1,
          },
        ],
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { ticks: { autoSkip: false, maxRotation: 45, minRotation: 0 } },
          y: { beginAtZero: true, title: { display: true, text: fen ? t('analysis.pareto.valueYuan') : t('analysis.pareto.valueCases') } },
          y2: {
            position: 'right',
            min: 0,
            max: 100,
            grid: { drawOnChartArea: false },
            ticks: { callback: (v) => `${String(v)} %` },
            title: { display: true, text: t('analysis.pareto.cumulative') },
          },
        },
        plugins: {
          legend: { position: 'top', labels: { sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) } },
          tooltip: {
            callbacks: {
              title: (items) => labels[items[0]?.dataIndex ?? 0] ?? '',
              label: (item) =>
                item.datasetIndex === 0
                  ? `${String(item.dataset.label)}: ${fen ? formatFen(result.bars[item.dataIndex]!.value) : result.bars[item.dataIndex]!.value}`
                  : `${String(item.dataset.label)}: ${(result.bars[item.dataIndex]!.cumulativeBp / 100).toFixed(1)} %`,
            },
          },
        },
        onClick: (event, elements) => {
          const el = elements.find((e) => e.datasetIndex === 0) ?? elements[0];
          if (el && event.x !== null && event.y !== null) onBarClick({ index: el.index, x: event.x, y: event.y });
        },
        onHover: (event, elements) => {
          const target = event.native?.target as HTMLElement | undefined;
          if (target) target.style.cursor = elements.length ? 'pointer' : 'default';
        },
      },
    }),
    [result, labels, fen, t, onBarClick],
  );
  const plugins = useMemo(() => [eightyPercent, barCentres] as unknown as Plugin<ParetoType>[], []);
  return <ChartCanvas config={config} plugins={plugins} height={380} testId="pareto-chart" />;
}
