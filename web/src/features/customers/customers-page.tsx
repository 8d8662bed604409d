// Customers: the RFM heatmap and segments, the value pyramid, clusters, lifecycle stages, and the full
// customer list (paged on the server) filtered by segment, tier or a search.
import { useState } from 'react';
import { Grid, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/api-client.ts';
import type { CustomerRow } from '../../api/api-types.ts';
import { isUnavailable, type ClustersSection, type LifecycleSection, type Section } from '../../../../src/report/report-data.ts';
import { STAGES } from '../../../../src/analytics/lifecycle/lifecycle-stages.ts';
import { QueryView } from '../../components/query-view.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { ServerTable } from '../../components/server-table.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useAuth } from '../../auth/auth-context.tsx';
import { seesAnalyses } from '../../auth/page-access.ts';
import { SEGMENT_IDS, TIER_IDS, segmentName, stageName, tierName } from '../../i18n/domain-labels.ts';
import type { Pyramid, RfmGrid, Segments } from './customers-api.ts';
import { RfmHeatmap } from './rfm-heatmap.tsx';
import { SegmentTable } from './segment-table.tsx';
import { ValuePyramid } from './value-pyramid.tsx';
import { ClusterTable } from './cluster-table.tsx';
import { LifecycleView } from './lifecycle-view.tsx';
import { customerColumns } from './customer-columns.tsx';

function useSection<T>(path: string, enabled: boolean) {
  return useQuery({ queryKey: [path], queryFn: () => apiGet<Section<T>>(path), enabled });
}

export function CustomersPage() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { user } = useAuth();
  const analyst = user ? seesAnalyses(user.role) : false;
  const grid = useSection<RfmGrid>('/rfm-grid', analyst);
  const segments = useSection<Segments>('/segments', analyst);
  const pyramid = useSection<Pyramid>('/pyramid', analyst);
  const clusters = useSection<ClustersSection>('/clusters', analyst);
  const lifecycle = useSection<LifecycleSection>('/lifecycle', analyst);
  const [segment, setSegment] = useState<string | null>(null);
  const [tier, setTier] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const [cluster, setCluster] = useState<string | null>(null);
  // Picking a segment or stage in the analyses lists its customers below.
  const pick = (set: (v: string) => void) => (v: string) => {
    set(v);
    document.querySelector('[data-testid="section-customer-list"]')?.scrollIntoView({ behavior: 'smooth' });
  };
  const clusterOptions = clusters.data && !isUnavailable(clusters.data)
    ? clusters.data.clusters.map((c) => ({ value: String(c.id), label: i18n.label(c.label) }))
    : [];
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);

  return (
    <Stack>
      <Title order={2}>{t('nav.customers')}</Title>
      {analyst && (
        <>
        <Grid>
          {/* The segment table has six columns of figures; the 5 × 5 heatmap reads as well in less room. */}
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <SectionCard title={t('customers.rfm')} hint={t('customers.rfmHint')} testId="section-rfm">
              <QueryView query={grid} id="rfm">{(g) => <RfmHeatmap grid={g} />}</QueryView>
            </SectionCard>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <SectionCard title={t('customers.segments')} testId="section-segments">
              <QueryView query={segments} id="segments">{(s) => <SegmentTable segments={s} onPick={pick(setSegment)} />}</QueryView>
            </SectionCard>
          </Grid.Col>
        </Grid>
        <SectionCard title={t('customers.pyramid')} testId="section-pyramid">
          <QueryView query={pyramid} id="pyramid">{(p) => <ValuePyramid pyramid={p} />}</QueryView>
        </SectionCard>
        <SectionCard title={t('customers.clusters')} testId="section-clusters">
          <QueryView query={clusters} id="clusters">{(c) => <ClusterTable clusters={c} />}</QueryView>
        </SectionCard>
        <SectionCard title={t('customers.lifecycle')} testId="section-lifecycle">
          <QueryView query={lifecycle} id="lifecycle">{(l) => <LifecycleView lifecycle={l} onPick={pick(setStage)} />}</QueryView>
        </SectionCard>
        </>
      )}
      <SectionCard title={t('customers.list')} testId="section-customer-list">
        <Group mb="sm">
          <TextInput placeholder={t('customers.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} data-testid="customers-search" />
          <Select placeholder={t('col.segment')} clearable value={segment} onChange={setSegment} data-testid="customers-segment"
            data={SEGMENT_IDS.map((id) => ({ value: id, label: segmentName(id, lang) }))} />
          <Select placeholder={t('col.tier')} clearable value={tier} onChange={setTier} data-testid="customers-tier"
            data={TIER_IDS.map((id) => ({ value: id, label: tierName(id, lang) }))} />
          <Select placeholder={t('col.stage')} clearable value={stage} onChange={setStage} data-testid="customers-stage"
            data={STAGES.map((id) => ({ value: id, label: stageName(id, lang) }))} />
          {clusterOptions.length > 0 && (
            <Select placeholder={t('col.cluster')} clearable value={cluster} onChange={setCluster} data-testid="customers-cluster" data={clusterOptions} />
          )}
        </Group>
        {/* No default sort: the server orders by the predicted-value column, whatever its horizon, when the run has one. */}
        <ServerTable<CustomerRow> id="customers" path="/customers" csvPath="/customers.csv" csvLabel={t('churn.export')}
          filters={{ q, segment, tier, stage, cluster }} columns={customerColumns(i18n, 'customers')}
          rowKey={(r) => String(r.customer_id)} />
      </SectionCard>
    </Stack>
  );
}
