// The value pyramid (客户金字塔): tiers from key (top 1 %) to small (last 80 %) with their shares of
// customers, revenue and predicted value, and the 80/20 sentence the picture is about.
import { useMemo } from 'react';
import { Grid, Table, Text } from '@mantine/core';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import { Num } from '../../components/num.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { tierName } from '../../i18n/domain-labels.ts';
import type { Pyramid } from './customers-api.ts';
import { pyramidRows } from './pyramid-rows.ts';

export function ValuePyramid({ pyramid }: { pyramid: Pyramid }) {
  const { t, lang, fmt } = useI18n();
  const { tiers, topShare } = useMemo(() => pyramidRows(pyramid.items), [pyramid]);
  const ranked = tiers.filter((x) => x.tier !== 'prospect');
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'item' },
    series: [{
      // 'ascending' builds from the base up, so each band widens downwards and the key tier is the apex.
      type: 'funnel', sort: 'ascending', left: '10%', width: '80%', gap: 2, minSize: '15%',
      // Equal steps draw the pyramid's shape: the few key customers at the narrow apex, the many small
      // ones as the wide base (a funnel draws the larger value wider); the label carries the revenue share.
      data: ranked.map((x, i) => ({ name: tierName(x.tier, lang), value: i + 1 })),
      label: {
        position: 'inside',
        formatter: (p: { dataIndex: number; name: string }) => `${p.name} ${fmt.share(ranked[p.dataIndex].revenueShare ?? Number.NaN)}`,
      },
      tooltip: {
        formatter: (p: { dataIndex: number; name: string }) =>
          `${p.name}: ${fmt.count(ranked[p.dataIndex].customers)} · ${t('col.revenueShare')} ${fmt.share(ranked[p.dataIndex].revenueShare ?? Number.NaN)}`,
      },
    }],
  }), [ranked, lang, fmt, t]);
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 5 }}><EChart option={option} height={280} testId="pyramid-chart" /></Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        {topShare !== null && (
          <Text mb="xs" data-testid="pyramid-top20" data-value={topShare}>
            {lang === 'en'
              ? `The top 20 % of customers (key, large and medium) bring ${fmt.share(topShare)} of revenue.`
              : `前 20% 的客户（主顾客、大顾客、普通顾客）贡献了 ${fmt.share(topShare)} 的收入。`}
          </Text>
        )}
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.tier')}</Table.Th>
              <Table.Th ta="right">{t('col.customers')}</Table.Th>
              <Table.Th ta="right">{t('col.customerShare')}</Table.Th>
              <Table.Th ta="right">{t('col.revenueShare')}</Table.Th>
              <Table.Th ta="right">{t('col.valueShare')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tiers.map((x) => (
              <Table.Tr key={x.tier} data-testid={`pyramid-${x.tier}`}>
                <Table.Td>{tierName(x.tier, lang)}</Table.Td>
                <Table.Td ta="right"><Num value={x.customers} testId={`pyramid-${x.tier}-customers`} /></Table.Td>
                <Table.Td ta="right"><Num value={x.customerShare} kind="share" testId={`pyramid-${x.tier}-customer-share`} /></Table.Td>
                <Table.Td ta="right"><Num value={x.revenueShare} kind="share" testId={`pyramid-${x.tier}-revenue-share`} /></Table.Td>
                <Table.Td ta="right"><Num value={x.valueShare} kind="share" testId={`pyramid-${x.tier}-value-share`} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Grid.Col>
    </Grid>
  );
}
