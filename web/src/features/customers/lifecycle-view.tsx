// Lifecycle stages (客户生命周期): today's customers per stage, the tree's rules in words, and a sankey
// of the observed moves between two dates.
import { useMemo } from 'react';
import { Grid, Table, Text, UnstyledButton } from '@mantine/core';
import type { LifecycleSection } from '../../../../src/report/report-data.ts';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import { Num } from '../../components/num.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { stageName } from '../../i18n/domain-labels.ts';
import { movementGraph } from './movement-graph.ts';

export function LifecycleView({ lifecycle, onPick }: { lifecycle: LifecycleSection; onPick: (stage: string) => void }) {
  const { t, lang, fmt } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const { nodes, links } = movementGraph(lifecycle.movement.counts);
    return {
      tooltip: { trigger: 'item' },
      series: [{
        type: 'sankey', left: 10, right: 110, nodeGap: 10, emphasis: { focus: 'adjacency' },
        data: nodes, links,
        label: { formatter: (p: { name: string }) => stageName(p.name.slice(2), lang) },
        tooltip: {
          formatter: (p: { dataType: string; name: string; data: { source?: string; target?: string; value?: number } }) =>
            p.dataType === 'edge'
              ? `${stageName(String(p.data.source).slice(2), lang)} → ${stageName(String(p.data.target).slice(2), lang)}: ${fmt.count(p.data.value ?? 0)}`
              : stageName(p.name.slice(2), lang),
        },
        lineStyle: { color: 'gradient', opacity: 0.4 },
      }],
    };
  }, [lifecycle, lang, fmt]);
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Table>
          <Table.Tbody>
            {lifecycle.stages.map((s) => (
              <Table.Tr key={s.stage} data-testid={`stage-${s.stage}`}>
                <Table.Td><UnstyledButton c="teal" fz="sm" onClick={() => onPick(s.stage)}>{stageName(s.stage, lang)}</UnstyledButton></Table.Td>
                <Table.Td ta="right"><Num value={s.customers} testId={`stage-${s.stage}-customers`} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed" mt="sm" data-testid="lifecycle-accuracy" data-value={lifecycle.accuracy}>
          {lang === 'en'
            ? `Tree accuracy on the test period ${fmt.percent(lifecycle.accuracy)} (always "${stageName(lifecycle.baselineStage, lang)}": ${fmt.percent(lifecycle.baselineAccuracy)}).`
            : `决策树在检验期的准确率 ${fmt.percent(lifecycle.accuracy)}（全部判为“${stageName(lifecycle.baselineStage, lang)}”：${fmt.percent(lifecycle.baselineAccuracy)}）。`}
        </Text>
        <Table mt="sm" fz="xs">
          <Table.Tbody>
            {lifecycle.rules.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{stageName(r.stage, lang)}</Table.Td>
                <Table.Td>{lang === 'en' ? r.en : r.zh}</Table.Td>
                <Table.Td ta="right"><Num value={r.customers} testId={`lifecycle-rule-${r.id}-customers`} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Text size="sm" fw={600}>{t('customers.movement')} ({lifecycle.movement.from} → {lifecycle.movement.to})</Text>
        <EChart option={option} height={340} testId="lifecycle-sankey" />
      </Grid.Col>
    </Grid>
  );
}
