// The customer's segment, tier, stage and value at each analysis run, newest first, so a move between
// segments (a champion slipping to "at risk") is visible at a glance.
import { Badge, Table, Text } from '@mantine/core';
import { Num } from '../../components/num.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { segmentName, stageName, tierName } from '../../i18n/domain-labels.ts';
import type { HistoryEntry } from './customer-360-api.ts';

export function SegmentHistory({ history }: { history: HistoryEntry[] }) {
  const { t, lang } = useI18n();
  if (history.length === 0) return <Text c="dimmed" data-testid="c360-history-empty">{t('table.empty')}</Text>;
  // The API lists runs oldest first; the newest is what the rest of the page shows, so it goes on top.
  const rows = [...history].reverse();
  return (
    <>
    {history.length === 1 && <Text c="dimmed" size="sm" mb="xs" data-testid="c360-history-single">{t('c360.noHistory')}</Text>}
    <Table.ScrollContainer minWidth={640} type="native">
      <Table striped fz="sm" horizontalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('c360.run')}</Table.Th>
            <Table.Th>{t('col.segment')}</Table.Th>
            <Table.Th>{t('col.tier')}</Table.Th>
            <Table.Th>{t('col.stage')}</Table.Th>
            <Table.Th>{t('col.cluster')}</Table.Th>
            <Table.Th ta="right">{t('col.value_score')}</Table.Th>
            <Table.Th ta="right">{t('col.p_alive')}</Table.Th>
            <Table.Th ta="right">{t('col.clv')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((h, i) => {
            const previous = rows[i + 1];
            const moved = previous !== undefined && previous.rfmSegment !== h.rfmSegment;
            const when = new Date(h.createdAt);
            return (
              <Table.Tr key={h.runId} data-testid="c360-history-row" data-value={h.runId}>
                <Table.Td>#{h.runId} · {Number.isNaN(when.getTime()) ? h.createdAt : when.toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' })}</Table.Td>
                <Table.Td data-testid={`c360-history-segment-${i}`} data-value={h.rfmSegment ?? ''}>
                  {h.rfmSegment ? segmentName(h.rfmSegment, lang) : '—'}
                  {moved && <Badge ml={6} size="xs" variant="light" color="orange">{t('c360.moved')}</Badge>}
                  {h.churnWarning === true && <Badge ml={6} size="xs" variant="light" color="red">{t('nav.churn')}</Badge>}
                </Table.Td>
                <Table.Td data-testid={`c360-history-tier-${i}`} data-value={h.pyramidTier ?? ''}>{h.pyramidTier ? tierName(h.pyramidTier, lang) : '—'}</Table.Td>
                <Table.Td>{h.lifecycleStage ? stageName(h.lifecycleStage, lang) : '—'}</Table.Td>
                <Table.Td data-testid={`c360-history-cluster-${i}`}>{(lang === 'en' ? h.clusterLabel : h.clusterLabelZh ?? h.clusterLabel) ?? '—'}</Table.Td>
                <Table.Td ta="right"><Num value={h.valueScore} kind="score" testId={`c360-history-value-score-${i}`} /></Table.Td>
                <Table.Td ta="right"><Num value={h.pAlive} kind="probability" testId={`c360-history-p-alive-${i}`} /></Table.Td>
                <Table.Td ta="right"><Num value={h.clv} kind="money" testId={`c360-history-clv-${i}`} /></Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
    </>
  );
}
