// Recency score × frequency score, each cell coloured by its customers' mean value and labelled with
// their number: where the valuable customers sit and which of them have not bought lately.
import { useMemo } from 'react';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { RfmGrid } from './customers-api.ts';

const SCORES = ['1', '2', '3', '4', '5'];

export function RfmHeatmap({ grid }: { grid: RfmGrid }) {
  const { t, fmt } = useI18n();
  const option = useMemo<ChartOption>(() => {
    // Coloured by mean predicted value, or by mean spend when the run had no spend model.
    const colour = (c: RfmGrid['items'][number]) => c.meanValue ?? c.meanSpend ?? 0;
    const values = grid.items.map(colour);
    const max = Math.max(1, ...values);
    return {
      tooltip: {
        formatter: (p: { data: [number, number, number, number] }) =>
          `R ${p.data[1] + 1} · F ${p.data[0] + 1}<br/>${t('col.customers')}: ${fmt.count(p.data[3])}<br/>${t('col.meanValue')}: ${fmt.money(p.data[2])}`,
      },
      grid: { left: 70, right: 20, top: 10, bottom: 95 },
      xAxis: { type: 'category', data: SCORES, name: t('customers.frequencyScore'), nameLocation: 'middle', nameGap: 25, splitArea: { show: true } },
      yAxis: { type: 'category', data: SCORES, name: t('customers.recencyScore'), nameLocation: 'middle', nameGap: 40, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f0f9e8', '#7bccc4', '#0868ac'] } },
      series: [{
        type: 'heatmap',
        data: grid.items.map((c) => [c.frequency - 1, c.recency - 1, colour(c), c.customers]),
        label: { show: true, formatter: (p: { data: [number, number, number, number] }) => fmt.compact(p.data[3]) },
        emphasis: { itemStyle: { shadowBlur: 8, shadowColor: 'rgba(0,0,0,0.4)' } },
      }],
    };
  }, [grid, t, fmt]);
  const total = grid.items.reduce((s, c) => s + c.customers, 0);
  return <div data-testid="rfm-grid" data-value={total}><EChart option={option} height={360} testId="rfm-heatmap" /></div>;
}
