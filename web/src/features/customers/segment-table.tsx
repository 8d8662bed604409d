// RFM segments with their size and revenue share; a click lists the segment's customers below.
import { Table, UnstyledButton } from '@mantine/core';
import { Num } from '../../components/num.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { segmentName } from '../../i18n/domain-labels.ts';
import type { Segments } from './customers-api.ts';

export function SegmentTable({ segments, onPick }: { segments: Segments; onPick: (id: string) => void }) {
  const { t, lang } = useI18n();
  return (
    // The scroll container keeps the last column inside the card when the English headings are wide.
    <Table.ScrollContainer minWidth={560} type="native">
    <Table highlightOnHover fz="sm" horizontalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('col.segment')}</Table.Th>
          <Table.Th ta="right">{t('col.customers')}</Table.Th>
          <Table.Th ta="right">{t('col.customerShare')}</Table.Th>
          <Table.Th ta="right">{t('col.revenue')}</Table.Th>
          <Table.Th ta="right">{t('col.revenueShare')}</Table.Th>
          <Table.Th ta="right">{t('col.clv_12m')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {segments.items.map((s) => (
          <Table.Tr key={s.segment} data-testid={`segment-${s.segment}`}>
            <Table.Td><UnstyledButton c="teal" fz="sm" onClick={() => onPick(s.segment)}>{segmentName(s.segment, lang)}</UnstyledButton></Table.Td>
            <Table.Td ta="right"><Num value={s.customers} testId={`segment-${s.segment}-customers`} /></Table.Td>
            <Table.Td ta="right"><Num value={s.customerShare} kind="share" testId={`segment-${s.segment}-customer-share`} /></Table.Td>
            <Table.Td ta="right"><Num value={s.revenue} kind="money" testId={`segment-${s.segment}-revenue`} /></Table.Td>
            <Table.Td ta="right"><Num value={s.revenueShare} kind="share" testId={`segment-${s.segment}-revenue-share`} /></Table.Td>
            <Table.Td ta="right"><Num value={s.predictedValue} kind="money" testId={`segment-${s.segment}-value`} /></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
    </Table.ScrollContainer>
  );
}
