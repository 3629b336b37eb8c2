import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import type { ParetoResult } from '../../shared/analysis';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale);

/**
 * One Pareto diagram of the monthly report, drawn for paper: bars in descending order, the
 * cumulative percentage as a line on the right axis, the 80 % mark dashed. No animation and a fixed
 * size, so the chart is complete when its constructor returns; `onDrawn` then tells the page (which
 * tells the printer). Black, greys and one accent colour, legible in a black-and-white print.
 */

const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', Arial, sans-serif";
/** The canvas in CSS pixels (86 × 56 mm at 96 dpi), drawn at three times that for print. */
const WIDTH = 325;
const HEIGHT = 212;

/** The dashed 80 % line across the plot, on the cumulative axis. */
const eightyPercent: Plugin<'bar'> = {
  id: 'eightyPercent',
  afterDatasetsDraw(chart) {
    const y = chart.scales.pct?.getPixelForValue(80);
    if (y === undefined) return;
    const { left, right } = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = '#c0392b';
    ctx.lineWidth = 0.8;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#c0392b';
    ctx.font = `8px ${FONT}`;
    ctx.textAlign = 'right';
    ctx.fillText('80%', right - 2, y - 2);
    ctx.restore();
  },
};

const shorten = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function ParetoChart({
  result,
  labels,
  valueFormat,
  onDrawn,
  testId,
}: {
  result: ParetoResult;
  /** The bars' labels in the report's language. */
  labels: string[];
  valueFormat: (v: number) => string;
  onDrawn?: () => void;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const vital = result.vitalFew;
    const config: ChartConfiguration<'bar' | 'line'> = {
      type: 'bar',
      data: {
        labels: labels.map((l) => shorten(l, 10)),
        datasets: [
          {
            type: 'bar',
            data: result.bars.map((b) => b.value),
            // The vital few darker than the rest.
            backgroundColor: result.bars.map((_, i) => (i < vital ? '#2f5597' : '#9db3d6')),
            borderWidth: 0,
            yAxisID: 'y',
            order: 2,
          },
          {
            type: 'line',
            data: result.bars.map((b) => b.cumulativeBp / 100),
            borderColor: '#000',
            borderWidth: 1.2,
            pointRadius: 2,
            pointBackgroundColor: '#000',
            yAxisID: 'pct',
            order: 1,
          },
        ],
      },
      options: {
        animation: false,
        responsive: false,
        devicePixelRatio: 3,
        events: [],
        layout: { padding: { top: 4 } },
        font: { family: FONT, size: 8 },
        // Other screens may register the legend and tooltips globally: the printed chart has neither.
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
        scales: {
          x: { ticks: { font: { family: FONT, size: 8 }, color: '#000', maxRotation: 45, minRotation: 0, autoSkip: false }, grid: { display: false } },
          y: {
            beginAtZero: true,
            ticks: { font: { family: FONT, size: 8 }, color: '#000', callback: (v) => valueFormat(Number(v)), maxTicksLimit: 6 },
            grid: { color: '#e3e3e3' },
          },
          pct: {
            position: 'right',
            min: 0,
            max: 100,
            ticks: { font: { family: FONT, size: 8 }, color: '#000', stepSize: 20, callback: (v) => `${v}%` },
            grid: { display: false },
          },
        },
      },
      plugins: [eightyPercent as Plugin<'bar' | 'line'>],
    };
    const chart = new Chart(el, config);
    onDrawn?.();
    return () => chart.destroy();
    // The chart is redrawn when the data or the language changes; `onDrawn` is a notification only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, labels.join('\u0000')]);
  return <canvas ref={canvas} width={WIDTH} height={HEIGHT} className="mr-chart" data-testid={testId} />;
}
