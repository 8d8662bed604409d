// The model checks as charts: repeat-purchase histogram (actual vs model), holdout calibration by
// calibration-period purchases, and cumulative repeat purchases over time with the calibration end.
import { useMemo } from 'react';
import type { FrequencyBin, HoldoutSection, TrackingSection } from '../../../../src/report/report-data.ts';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { textIn, unitTextKey } from '../../../../src/report/report-text.ts';

const binLabel = (b: { frequency: number; orMore: boolean }) => `${b.frequency}${b.orMore ? '+' : ''}`;

export function FrequencyChart({ bins }: { bins: FrequencyBin[] }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: bins.map(binLabel), name: t('col.frequency'), nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value', name: t('col.customers') },
    series: [
      { name: t('models.actual'), type: 'bar', data: bins.map((b) => b.actual) },
      { name: t('models.expected'), type: 'bar', data: bins.map((b) => b.expected) },
    ],
  }), [bins, t]);
  return <EChart option={option} height={300} testId="models-histogram-chart" />;
}

export function CalibrationChart({ holdout }: { holdout: HoldoutSection }) {
  const { t, lang } = useI18n();
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: holdout.bins.map(binLabel), name: t('col.frequency'), nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value', name: lang === 'en' ? 'holdout purchases per customer' : '留出期人均购买次数' },
    series: [
      { name: t('models.actual'), type: 'line', data: holdout.bins.map((b) => b.actual) },
      { name: t('models.expected'), type: 'line', lineStyle: { type: 'dashed' }, data: holdout.bins.map((b) => b.expected) },
    ],
  }), [holdout, t, lang]);
  return <EChart option={option} height={300} testId="models-calibration-chart" />;
}

export function TrackingChart({ tracking }: { tracking: TrackingSection }) {
  const { t, lang } = useI18n();
  const unitKey = unitTextKey(tracking.unit);
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'value', name: unitKey ? textIn(unitKey, lang) : tracking.unit, nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value' },
    dataZoom: [{ type: 'inside' }],
    series: [
      {
        name: t('models.actual'), type: 'line', showSymbol: false, data: tracking.points.map((p) => [p.time, p.actual]),
        markLine: tracking.calibrationEnd === null ? undefined : {
          symbol: 'none', label: { formatter: t('models.calibrationEnd') }, data: [{ xAxis: tracking.calibrationEnd }],
        },
      },
      { name: t('models.expected'), type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: tracking.points.map((p) => [p.time, p.expected]) },
    ],
  }), [tracking, t, lang, unitKey]);
  return <EChart option={option} height={300} testId="models-tracking-chart" />;
}
