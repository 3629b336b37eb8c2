import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type Plugin,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { FONT_FAMILY } from '../shell/theme';

/** chart.js with only what the analysis screens draw: bars, lines, a legend and tooltips. */
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);
Chart.defaults.font.family = FONT_FAMILY;
Chart.defaults.font.size = 12;
Chart.defaults.color = '#4a5568';

export const PALETTE = ['#1f5fa8', '#4c9be8', '#f0a030', '#d9534f', '#6aa84f', '#8e6cc0', '#3bb0a6', '#a0a7b4'];

/**
 * A canvas that draws one chart.js configuration; a new configuration draws a new chart. No
 * animation: the figures are read, not watched, and screenshots see the final state.
 */
export function ChartCanvas<T extends ChartType>({
  config,
  height,
  testId,
  plugins = [],
}: {
  config: ChartConfiguration<T>;
  height: number;
  testId?: string;
  plugins?: Plugin<T>[];
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = new Chart(ref.current, {
      ...config,
      plugins: [...(config.plugins ?? []), ...plugins],
      options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options },
    } as ChartConfiguration<T>);
    return () => chart.destroy();
  }, [config, plugins]);
  return (
    <div className="analysis-chart" style={{ height }} data-testid={testId}>
      <canvas ref={ref} />
    </div>
  );
}
