// ECharts through its tree-shakeable core: only the chart types and components the pages use are
// registered, which keeps the chunk near half of the full build. Canvas renderer, because the
// large-data modes (progressive rendering, `large` scatter/bar) are canvas-only.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, SankeyChart, ScatterChart, FunnelChart } from 'echarts/charts';
import {
  DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useI18n } from '../i18n/i18n-context.tsx';

echarts.use([
  BarChart, HeatmapChart, LineChart, SankeyChart, ScatterChart, FunnelChart,
  DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = EChartsCoreOption;

export interface EChartProps {
  option: ChartOption;
  height?: number;
  testId?: string;
  onClick?: (params: { name?: string; data?: unknown }) => void;
}

/**
 * No animation for users who asked the system for reduced motion (browser tests can ask the same, so
 * a screenshot never catches a chart half drawn).
 */
function withMotion(option: ChartOption): ChartOption {
  const reduce = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  return reduce ? { ...option, animation: false } : option;
}

export function EChartCanvas({ option, height = 320, testId, onClick }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const optionRef = useRef(option);
  optionRef.current = option;
  // ECharts picks its own locale (month names, toolbox) from the page at load; it must follow the switch.
  const { lang } = useI18n();
  const locale = lang === 'en' ? 'EN' : 'ZH';

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const c = echarts.init(el, undefined, { renderer: 'canvas', locale });
    chart.current = c;
    c.setOption(withMotion(optionRef.current), { notMerge: true });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(withMotion(option), { notMerge: true });
  }, [option]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return undefined;
    c.on('click', onClick);
    return () => { c.off('click', onClick); };
  }, [onClick, locale]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} role="img" />;
}
