// Time to lapse (Kaplan-Meier curves with their bands, overall and per group) and monthly cohort
// retention as a heatmap.
import { useMemo } from 'react';
import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/api-client.ts';
import type { CohortsSection, LoyaltySection, SatisfactionSection, Section, SurvivalSection } from '../../../../src/report/report-data.ts';
import { LoyaltyCard } from './loyalty-card.tsx';
import { SatisfactionCard } from './satisfaction-card.tsx';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import { Num } from '../../components/num.tsx';
import { QueryView } from '../../components/query-view.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { segmentName, stageName, tierName } from '../../i18n/domain-labels.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import type { Lang } from '../../../../src/report/report-data.ts';

/** A curve's group named in the page's language when the split column is one of ours. */
function groupName(by: string, group: string, lang: Lang): string {
  if (group === 'all') return lang === 'en' ? 'all' : '全部';
  if (by === 'pyramid_tier') return tierName(group, lang);
  if (by === 'rfm_segment') return segmentName(group, lang);
  if (by === 'lifecycle_stage') return stageName(group, lang);
  return group;
}

const BY_LABEL: Record<string, MessageKey> = { pyramid_tier: 'col.tier', rfm_segment: 'col.segment', lifecycle_stage: 'col.stage' };

export function RetentionPage() {
  const { t } = useI18n();
  const survival = useQuery({ queryKey: ['/survival'], queryFn: () => apiGet<Section<SurvivalSection>>('/survival') });
  const cohorts = useQuery({ queryKey: ['/cohorts'], queryFn: () => apiGet<Section<CohortsSection>>('/cohorts') });
  const loyalty = useQuery({ queryKey: ['/loyalty'], queryFn: () => apiGet<Section<LoyaltySection>>('/loyalty') });
  const satisfaction = useQuery({ queryKey: ['/satisfaction'], queryFn: () => apiGet<Section<SatisfactionSection>>('/satisfaction') });
  return (
    <Stack>
      <Title order={2}>{t('nav.retention')}</Title>
      <SectionCard title={t('loyalty.title')} testId="section-loyalty">
        <QueryView query={loyalty} id="loyalty">{(l) => <LoyaltyCard l={l} />}</QueryView>
      </SectionCard>
      <SectionCard title={t('satisfaction.title')} testId="section-satisfaction">
        <QueryView query={satisfaction} id="satisfaction">{(s) => <SatisfactionCard s={s} />}</QueryView>
      </SectionCard>
      <SectionCard title={t('retention.survival')} testId="section-survival">
        <QueryView query={survival} id="survival">{(s) => <SurvivalChart s={s} />}</QueryView>
      </SectionCard>
      <SectionCard title={t('retention.cohorts')} testId="section-cohorts">
        <QueryView query={cohorts} id="cohorts">{(c) => <CohortHeatmap c={c} />}</QueryView>
      </SectionCard>
    </Stack>
  );
}

function SurvivalChart({ s }: { s: SurvivalSection }) {
  const { t, lang, fmt } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const curves = s.groups.length > 0 ? s.groups : [s.overall];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 50 },
      xAxis: { type: 'value', name: lang === 'en' ? 'days since first purchase' : '首次购买后天数', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', min: 0, max: 1, name: t('retention.survivalProb') },
      dataZoom: [{ type: 'inside' }],
      // Step lines as Kaplan-Meier is drawn; 'sampling' keeps a long curve light to draw.
      series: curves.map((c) => ({
        name: groupName(s.by, c.group, lang), type: 'line', step: 'end', showSymbol: false, sampling: 'lttb',
        data: c.points.map((p) => [p.time, p.surv]),
      })),
    };
  }, [s, t, lang]);
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        <Num value={s.customers} testId="survival-customers" /> {t('col.customers')} ·{' '}
        <Num value={s.lapsed} testId="survival-lapsed" /> {lang === 'en' ? `lapsed (no purchase for ${s.lapseDays} days)` : `已流失（${s.lapseDays} 天无购买）`} ·{' '}
        {lang === 'en' ? 'median' : '中位数'} <Num value={s.overall.median} testId="survival-median" /> {lang === 'en' ? 'days' : '天'}
        {s.by && s.groups.length > 0 ? ` · ${lang === 'en' ? 'by' : '分组'} ${BY_LABEL[s.by] ? t(BY_LABEL[s.by]) : s.by}` : ''}
        {' '}({fmt.percent(s.confInt, 0)} CI)
      </Text>
      <EChart option={option} height={340} testId="survival-chart" />
    </>
  );
}

function CohortHeatmap({ c }: { c: CohortsSection }) {
  const { t, fmt } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const data: [number, number, number][] = [];
    c.cohorts.forEach((row, y) => row.share.forEach((v, x) => { if (v !== null) data.push([x, y, v]); }));
    // Month 0 is 100 % by definition; scaling the colours to it would wash out the months that matter.
    const max = Math.max(0.05, ...data.filter((d) => d[0] > 0).map((d) => d[2]));
    return {
      tooltip: { formatter: (p: { data: [number, number, number] }) => `${c.cohorts[p.data[1]].cohort} +${p.data[0]}: ${fmt.percent(p.data[2])}` },
      grid: { left: 80, right: 20, top: 10, bottom: 85 },
      xAxis: { type: 'category', data: Array.from({ length: c.months }, (_, i) => String(i)), name: t('retention.period'), nameLocation: 'middle', nameGap: 25 },
      yAxis: { type: 'category', data: c.cohorts.map((r) => r.cohort), inverse: true },
      visualMap: { min: 0, max, orient: 'horizontal', left: 'center', bottom: 0, text: [fmt.percent(max, 0), '0%'], inRange: { color: ['#fff7ec', '#fc8d59', '#7f0000'] } },
      series: [{ type: 'heatmap', data, progressive: 2000 }],
    };
  }, [c, t, fmt]);
  const height = Math.max(240, 30 + c.cohorts.length * 18 + 80);
  return (
    <div data-testid="cohorts" data-value={c.cohorts.length}>
      <EChart option={option} height={height} testId="cohort-heatmap" />
    </div>
  );
}
