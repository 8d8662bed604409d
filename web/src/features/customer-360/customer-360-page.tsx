// Customer 360: profile, scores (value, P(alive), segment, tier), predicted value with its interval,
// P(alive) over time and the timeline of orders and interactions, newest first.
import { useMemo } from 'react';
import { Anchor, Badge, Grid, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/api-client.ts';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import { Num } from '../../components/num.tsx';
import { ErrorNotice } from '../../components/query-view.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { segmentName, tierName } from '../../i18n/domain-labels.ts';
import { profileValue } from '../../i18n/data-words.ts';
import { navigate } from '../../router/use-location.tsx';
import { clvInterval, clvOf } from '../customers/clv-columns.ts';
import type { Customer360 } from './customer-360-api.ts';
import { SegmentHistory } from './segment-history.tsx';
import type { ValueKind } from '../../components/format-value.ts';

const SCORE_FIELDS: { key: string; kind: ValueKind }[] = [
  { key: 'orders', kind: 'count' }, { key: 'total_spend', kind: 'money' }, { key: 'frequency', kind: 'count' },
  { key: 'p_alive', kind: 'probability' }, { key: 'value_at_risk', kind: 'money' }, { key: 'value_score', kind: 'score' },
];

export function Customer360Page({ id }: { id: string }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['/customers', id], queryFn: () => apiGet<Customer360>(`/customers/${encodeURIComponent(id)}`) });
  return (
    <Stack>
      <Group>
        <Anchor onClick={() => navigate('/customers')} size="sm">← {t('nav.customers')}</Anchor>
      </Group>
      <Title order={2} data-testid="c360-id">{id}</Title>
      {q.isError && <ErrorNotice error={q.error} testId="c360-error" />}
      {q.data && <Body c={q.data} />}
    </Stack>
  );
}

function Body({ c }: { c: Customer360 }) {
  const { t, lang } = useI18n();
  const s: Customer360['scores'] | null = c.scores;
  // The API's on-request interval (from the fit's parameter uncertainty) wins; a row written by
  // `cvm predict --interval` carries its own bounds as columns.
  const interval = c.intervals?.clv ?? (s ? clvInterval(s) : null);
  const coverage = c.intervals?.clv ? c.intervals.coverage : null;
  return (
    <Stack>
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <SectionCard title={t('c360.profile')} testId="c360-profile">
            {c.profile ? <Profile profile={c.profile} /> : <Text c="dimmed">{t('c360.noProfile')}</Text>}
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <SectionCard title={t('c360.scores')} testId="c360-scores">
            {s ? (
              <Stack gap="sm">
                <Group>
                  {s.rfm_segment && <Badge size="lg" data-testid="c360-segment" data-value={String(s.rfm_segment)}>{segmentName(String(s.rfm_segment), lang)}</Badge>}
                  {s.pyramid_tier && <Badge size="lg" variant="light" data-testid="c360-tier" data-value={String(s.pyramid_tier)}>{tierName(String(s.pyramid_tier), lang)}</Badge>}
                  {(s.churn_warning === true || s.churn_warning === 'true') && <Badge size="lg" color="red" data-testid="c360-churn">{t('nav.churn')}</Badge>}
                </Group>
                <Group align="baseline">
                  <Text c="dimmed">{t('col.clv_12m')}</Text>
                  <Num value={clvOf(s)} kind="money" testId="c360-clv" fz={24} fw={700} />
                  {!interval && <Text c="dimmed" size="sm" data-testid="c360-no-interval">{t('c360.noInterval')}</Text>}
                  {interval && (
                    <Text c="dimmed" size="sm">
                      {coverage !== null ? intervalLabel(coverage, lang) : t('c360.interval')} <Num value={interval[0]} kind="money" testId="c360-clv-lower" /> – <Num value={interval[1]} kind="money" testId="c360-clv-upper" />
                    </Text>
                  )}
                </Group>
                <SimpleGrid cols={{ base: 2, sm: 3 }}>
                  {SCORE_FIELDS.filter((f) => f.key in s).map((f) => (
                    <div key={f.key}>
                      <Text size="xs" c="dimmed">{t(`col.${f.key}` as 'col.orders')}</Text>
                      <Num value={typeof s[f.key] === 'number' ? s[f.key] as number : null} kind={f.kind} testId={`c360-${f.key}`} fw={600} />
                    </div>
                  ))}
                </SimpleGrid>
                <Text size="sm" c="dimmed">{t('col.first_purchase')} {String(s.first_purchase ?? '—')} · {t('col.last_purchase')} {String(s.last_purchase ?? '—')}</Text>
              </Stack>
            ) : <Text c="dimmed">—</Text>}
          </SectionCard>
        </Grid.Col>
      </Grid>
      <SectionCard title={t('c360.history')} testId="c360-history">
        <SegmentHistory history={c.history ?? []} />
      </SectionCard>
      <SectionCard title={t('c360.pAlivePath')} testId="c360-palive">
        {c.pAlivePath.length > 0 ? <PAliveChart path={c.pAlivePath} /> : <Text c="dimmed">{t('app.unavailable')}</Text>}
      </SectionCard>
      <SectionCard title={t('c360.timeline')} testId="c360-timeline">
        <Timeline c={c} />
      </SectionCard>
    </Stack>
  );
}

/** "90 % interval" / "90% 区间" for the coverage the API reports (0.9 → 90). */
function intervalLabel(coverage: number, lang: 'en' | 'zh-CN'): string {
  const pct = Math.round(coverage * 100);
  return lang === 'en' ? `${pct} % interval` : `${pct}% 区间`;
}

/** Profile fields shown, in this order, with their labels; bookkeeping columns (ids, timestamps) are left out. */
const PROFILE_FIELDS = ['name', 'phone', 'email', 'gender', 'birthday', 'city', 'join_date', 'tier', 'tags', 'source', 'origin_channel', 'profile_updated_at'] as const;

function Profile({ profile }: { profile: NonNullable<Customer360['profile']> }) {
  const { t, lang } = useI18n();
  return (
    <Table fz="sm">
      <Table.Tbody>
        {PROFILE_FIELDS.filter((k) => profile[k] !== null && profile[k] !== undefined && profile[k] !== '').map((k) => (
          <Table.Tr key={k}>
            <Table.Td c="dimmed">{t(`profile.${k}`)}</Table.Td>
            <Table.Td data-testid={`c360-profile-${k}`}>{k.endsWith('_at') ? String(profile[k]).slice(0, 10) : profileValue(k, String(profile[k]), lang)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function PAliveChart({ path }: { path: Customer360['pAlivePath'] }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 50, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', min: 0, max: 1, name: t('col.p_alive') },
    series: [{ type: 'line', showSymbol: false, data: path.map((p) => [p.date, p.pAlive]), areaStyle: { opacity: 0.15 } }],
  }), [path, t]);
  return <EChart option={option} height={240} testId="c360-palive-chart" />;
}

/** Interaction kinds of the operational store (calls, visits, complaints, surveys). */
const KIND_KEYS: Record<string, MessageKey> = { call: 'kind.call', visit: 'kind.visit', complaint: 'kind.complaint', survey: 'kind.survey' };

function Timeline({ c }: { c: Customer360 }) {
  const { t } = useI18n();
  if (c.timeline.length === 0) return <Text c="dimmed">{t('table.empty')}</Text>;
  return (
    <Table striped fz="sm">
      <Table.Thead>
        <Table.Tr><Table.Th>{t('c360.date')}</Table.Th><Table.Th>{t('c360.kind')}</Table.Th><Table.Th>{t('c360.detail')}</Table.Th><Table.Th ta="right">{t('c360.amount')}</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {c.timeline.slice(0, 500).map((e, i) => (
          <Table.Tr key={i} data-testid="c360-timeline-row">
            <Table.Td>{e.date}</Table.Td>
            <Table.Td>{e.kind === 'order' ? t('c360.order') : `${t('c360.interaction')} · ${KIND_KEYS[e.kind] ? t(KIND_KEYS[e.kind]) : e.kind}`}</Table.Td>
            <Table.Td>{[e.orderId, e.channel, e.subject].filter((x) => x).join(' · ')}</Table.Td>
            <Table.Td ta="right">{typeof e.amount === 'number' ? <Num value={e.amount} kind="money" testId={`c360-timeline-amount-${i}`} /> : ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
