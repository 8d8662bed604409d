// k-means clusters described in words, with their size and the members' mean of each feature.
import { Table, Text } from '@mantine/core';
import type { ClustersSection } from '../../../../src/report/report-data.ts';
import { Num } from '../../components/num.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

export function ClusterTable({ clusters }: { clusters: ClustersSection }) {
  const { t, label, lang, fmt } = useI18n();
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs" data-testid="clusters-k" data-value={clusters.k}>
        k = {clusters.k} ({clusters.chosenBy === 'silhouette' ? (lang === 'en' ? 'chosen by silhouette' : '按轮廓系数选择') : (lang === 'en' ? 'given' : '指定')}),
        {' '}{lang === 'en' ? 'sample' : '样本'} {fmt.count(clusters.sample.rows)} / {fmt.count(clusters.sample.of)}
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.cluster')}</Table.Th>
              <Table.Th ta="right">{t('col.customers')}</Table.Th>
              <Table.Th ta="right">{t('col.customerShare')}</Table.Th>
              {clusters.features.map((f) => <Table.Th key={f.id} ta="right">{label(f.label)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {clusters.clusters.map((c) => (
              <Table.Tr key={c.id} data-testid={`cluster-${c.id}`}>
                <Table.Td>{label(c.label)}</Table.Td>
                <Table.Td ta="right"><Num value={c.customers} testId={`cluster-${c.id}-customers`} /></Table.Td>
                <Table.Td ta="right"><Num value={c.share} kind="share" testId={`cluster-${c.id}-share`} /></Table.Td>
                {clusters.features.map((f) => (
                  <Table.Td key={f.id} ta="right"><Num value={c.means[f.id] ?? null} kind="significant" testId={`cluster-${c.id}-${f.id}`} /></Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
