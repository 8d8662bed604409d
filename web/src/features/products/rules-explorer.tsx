// Association rules (关联分析) explorer: the kept rules filtered by a product and a minimum lift, sorted
// by any measure, with a support × confidence scatter coloured by lift.
import { useMemo, useState } from 'react';
import { Grid, Group, NumberInput, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import type { RulesSection } from '../../../../src/report/report-data.ts';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import { Num } from '../../components/num.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { filterRules, itemName, type Measure } from './filter-rules.ts';

export function RulesExplorer({ rules }: { rules: RulesSection }) {
  const { t, lang, fmt } = useI18n();
  const [text, setText] = useState('');
  const [minLift, setMinLift] = useState<number>(1);
  const [by, setBy] = useState<Measure>('lift');
  const shown = useMemo(() => filterRules(rules.top, text, minLift, by), [rules, text, minLift, by]);
  const option = useMemo<ChartOption>(() => ({
    tooltip: {
      formatter: (p: { dataIndex: number }) => {
        const r = shown[p.dataIndex];
        return `${r.lhs.map(itemName).join(' + ')} → ${itemName(r.rhs)}<br/>lift ${fmt.fixed(r.lift, 2)}`;
      },
    },
    grid: { left: 50, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'value', name: t('products.support'), nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value', name: t('products.confidence'), max: 1 },
    visualMap: { dimension: 2, min: 1, max: Math.max(2, ...shown.map((r) => r.lift)), orient: 'horizontal', left: 'center', bottom: 0, text: [t('products.lift'), ''] },
    // `large` draws thousands of points as one path when the run kept many rules.
    series: [{ type: 'scatter', large: true, largeThreshold: 2000, symbolSize: 7, data: shown.map((r) => [r.support, r.confidence, r.lift]) }],
  }), [shown, t, fmt]);
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        <Num value={rules.baskets} testId="rules-baskets" /> {lang === 'en' ? `baskets (by ${rules.basketBy})` : `个购物篮（按${rules.basketBy === 'order' ? '订单' : '客户·日'}）`},
        {' '}<Num value={rules.kept} testId="rules-kept" /> / <Num value={rules.found} testId="rules-found" /> {lang === 'en' ? 'rules kept' : '条规则保留'}
        {' '}({t('products.support')} ≥ {fmt.significant(rules.support)}, {t('products.confidence')} ≥ {fmt.significant(rules.confidence)})
      </Text>
      {rules.top.length === 0 && (
        <Text c="dimmed" data-testid="rules-none">
          {lang === 'en'
            ? 'No rule reaches these thresholds: lower the minimum support or confidence in the settings and analyse again.'
            : '没有规则达到这些阈值：可在设置中降低最小支持度或置信度后重新分析。'}
        </Text>
      )}
      {rules.top.length > 0 && (
      <>
      <Group mb="sm">
        <TextInput placeholder={t('products.product')} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="rules-search" />
        <NumberInput label={t('products.minLift')} value={minLift} min={0} step={0.5} decimalScale={2} w={140}
          onChange={(v) => setMinLift(typeof v === 'number' ? v : 0)} data-testid="rules-min-lift" />
        <SegmentedControl value={by} onChange={(v) => setBy(v as Measure)} size="xs"
          data={[{ value: 'lift', label: t('products.lift') }, { value: 'confidence', label: t('products.confidence') }, { value: 'support', label: t('products.support') }]} />
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}><EChart option={option} height={300} testId="rules-scatter" /></Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Table.ScrollContainer minWidth={500} mah={360}>
            <Table striped stickyHeader fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('products.antecedent')}</Table.Th><Table.Th>{t('products.consequent')}</Table.Th>
                  <Table.Th ta="right">{t('products.support')}</Table.Th><Table.Th ta="right">{t('products.confidence')}</Table.Th><Table.Th ta="right">{t('products.lift')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.slice(0, 200).map((r, i) => (
                  <Table.Tr key={`${r.lhs.map((x) => x.id).join('+')}>${r.rhs.id}`} data-testid="rule-row">
                    <Table.Td>{r.lhs.map(itemName).join(' + ')}</Table.Td>
                    <Table.Td>{itemName(r.rhs)}</Table.Td>
                    <Table.Td ta="right"><Num value={r.support} kind="significant" testId={`rule-support-${i}`} /></Table.Td>
                    <Table.Td ta="right"><Num value={r.confidence} kind="percent" testId={`rule-confidence-${i}`} /></Table.Td>
                    <Table.Td ta="right"><Num value={r.lift} kind="fixed2" testId={`rule-lift-${i}`} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Grid.Col>
      </Grid>
      </>
      )}
    </>
  );
}
