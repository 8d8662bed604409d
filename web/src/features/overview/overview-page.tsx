// The morning view: the headline figures of the latest analysis and their change since the run before,
// and the data-quality checks of that run.
import { Badge, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { navigate } from '../../router/use-location.tsx';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/api-client.ts';
import { OVERVIEW_METRICS, type Overview, type OverviewMetric } from '../../api/api-types.ts';
import type { DataQualitySection, Section } from '../../../../src/report/report-data.ts';
import { hasText, textIn } from '../../../../src/report/report-text.ts';
import { Num } from '../../components/num.tsx';
import { QueryView } from '../../components/query-view.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import type { ValueKind } from '../../components/format-value.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useAuth } from '../../auth/auth-context.tsx';
import { seesAnalyses } from '../../auth/page-access.ts';
import { metricTestId } from './metric-test-id.ts';
import { baseName } from '../../i18n/data-words.ts';

const KIND: Record<OverviewMetric, ValueKind> = {
  customers: 'count', activeCustomers: 'count', revenue: 'money', repeatRate: 'percent',
  predictedValue12m: 'money', atRiskCustomers: 'count', valueAtRisk: 'money',
};

export function OverviewPage() {
  const { t } = useI18n();
  const overview = useQuery({ queryKey: ['/overview'], queryFn: () => apiGet<Section<Overview>>('/overview') });
  const { user } = useAuth();
  const analyst = user ? seesAnalyses(user.role) : false;
  const quality = useQuery({ queryKey: ['/quality'], queryFn: () => apiGet<Section<DataQualitySection>>('/quality'), enabled: analyst });
  return (
    <Stack>
      <Title order={2}>{t('nav.overview')}</Title>
      <QueryView query={overview} id="overview">
        {(o) => (
          <Stack>
            <LastRunLine o={o} canImport={analyst} />
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
              {OVERVIEW_METRICS.map((m) => (
                <StatCard key={m} label={t(`overview.${m}`)} value={o[m]?.value ?? null} previous={o[m]?.previous ?? null}
                  kind={KIND[m]} testId={metricTestId(m)} higherIsBetter={m !== 'atRiskCustomers' && m !== 'valueAtRisk'} />
              ))}
            </SimpleGrid>
          </Stack>
        )}
      </QueryView>
      {analyst && (
        <SectionCard title={t('overview.quality')} testId="quality">
          <QueryView query={quality} id="quality">
            {(q) => <QualityTable q={q} />}
          </QueryView>
        </SectionCard>
      )}
    </Stack>
  );
}

function LastRunLine({ o, canImport }: { o: Overview; canImport: boolean }) {
  const { t, lang } = useI18n();
  if (!o.lastRun) {
    return (
      <Group>
        <Text c="dimmed" data-testid="overview-no-run">{t('app.noRun')}</Text>
        {canImport && <Button size="xs" onClick={() => navigate('/import')} data-testid="overview-go-import">{t('import.title')}</Button>}
      </Group>
    );
  }
  const when = new Date(o.lastRun.createdAt);
  return (
    <Text size="sm" c="dimmed" data-testid="overview-last-run" data-value={o.lastRun.runId}>
      {t('app.lastRun')}: {Number.isNaN(when.getTime()) ? o.lastRun.createdAt : when.toLocaleString(lang)} · {baseName(o.lastRun.inputFile)}
    </Text>
  );
}

const SEVERITY_COLOR = { info: 'blue', warning: 'yellow', error: 'red' } as const;

function QualityTable({ q }: { q: DataQualitySection }) {
  const { lang, local, t } = useI18n();
  return (
    <Table>
      <Table.Tbody>
        {q.checks.map((c) => (
          <Table.Tr key={c.id} data-testid={`quality-${c.id}`}>
            <Table.Td><Badge color={SEVERITY_COLOR[c.severity]} variant="light">{t(`severity.${c.severity}`)}</Badge></Table.Td>
            <Table.Td>{hasText(c.labelKey) ? textIn(c.labelKey, lang) : c.label ? local(c.label) : c.id}</Table.Td>
            <Table.Td ta="right"><Num value={c.count} testId={`quality-${c.id}-count`} /></Table.Td>
            <Table.Td ta="right" c="dimmed"><Num value={c.total > 0 ? c.count / c.total : null} kind="share" testId={`quality-${c.id}-share`} /></Table.Td>
            <Table.Td c="dimmed">{c.examples.slice(0, 5).join(', ') || t('app.none')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
