// Hot products (热门商品) with each of the four conditions marked met, not met or unknown (and why).
import { Badge, Table, Text, Tooltip } from '@mantine/core';
import type { HotCondition, HotProductsSection } from '../../../../src/report/report-data.ts';
import { Num } from '../../components/num.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

const CONDITIONS: { id: HotCondition; en: string; zh: string; kind: 'count' | 'share' }[] = [
  { id: 'weeklyUnits', en: 'weekly units', zh: '周销量', kind: 'count' },
  { id: 'firstTimeBuyerShare', en: 'first-time buyers', zh: '首次购买者占比', kind: 'share' },
  { id: 'favorites', en: 'favourites', zh: '收藏数', kind: 'count' },
  { id: 'views', en: 'views', zh: '浏览量', kind: 'count' },
];

const COLOR = { met: 'teal', 'not-met': 'gray', unknown: 'yellow' } as const;

export function HotProducts({ hot }: { hot: HotProductsSection }) {
  const { t, lang, local, fmt } = useI18n();
  const name = (c: (typeof CONDITIONS)[number]) => (lang === 'en' ? c.en : c.zh);
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        {hot.from} – {hot.to}: <Num value={hot.hot} testId="hot-count" /> / <Num value={hot.products} testId="hot-products" />
        {' '}{lang === 'en' ? 'products are hot' : '个商品为热门商品'} ({CONDITIONS.map((c) => `${name(c)} ≥ ${c.kind === 'share' ? fmt.percent(hot.thresholds[c.id], 0) : fmt.count(hot.thresholds[c.id])}`).join(', ')})
      </Text>
      {hot.unknown.map((u) => (
        <Text key={u.condition} size="sm" c="yellow.8">{name(CONDITIONS.find((c) => c.id === u.condition) ?? CONDITIONS[0])}: {local(u.reason)}</Text>
      ))}
      <Table.ScrollContainer minWidth={700}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('products.product')}</Table.Th>
              {CONDITIONS.map((c) => <Table.Th key={c.id} ta="right">{name(c)}</Table.Th>)}
              <Table.Th>{t('products.conditions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hot.top.map((p, i) => (
              <Table.Tr key={p.productId} data-testid="hot-row">
                <Table.Td>{p.name ?? p.productId} {p.hot && <Badge color="orange" size="xs" data-testid="hot-badge">{lang === 'en' ? 'hot' : '热门'}</Badge>}</Table.Td>
                {CONDITIONS.map((c) => (
                  <Table.Td key={c.id} ta="right"><Num value={p[c.id]} kind={c.kind} testId={`hot-${c.id}-${i}`} /></Table.Td>
                ))}
                <Table.Td>
                  {CONDITIONS.map((c) => (
                    <Tooltip key={c.id} label={name(c)}>
                      <Badge mr={4} size="xs" color={COLOR[p.conditions[c.id]]} variant="light">{name(c).slice(0, lang === 'en' ? 6 : 4)}</Badge>
                    </Tooltip>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
