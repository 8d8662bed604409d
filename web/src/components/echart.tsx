// Charts load ECharts on first use: it is the largest part of the bundle (~220 kB gzipped) and the
// login form, the overview and the lists do not need it.
import { lazy, Suspense } from 'react';
import { Center, Loader } from '@mantine/core';
import type { EChartProps } from './echart-canvas.tsx';

export type { ChartOption } from './echart-canvas.tsx';

const EChartCanvas = lazy(() => import('./echart-canvas.tsx').then((m) => ({ default: m.EChartCanvas })));

export function EChart(props: EChartProps) {
  const height = props.height ?? 320;
  return (
    <Suspense fallback={<Center h={height}><Loader size="sm" /></Center>}>
      <EChartCanvas {...props} />
    </Suspense>
  );
}
