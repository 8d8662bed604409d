// Products: hot products with the conditions met, the association rules explorer and the
// replenishment due list (who is about to run out of what). Staff see only the due list.
import { Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/api-client.ts';
import type { DueItem, HotProductsSection, RulesSection, Section } from '../../../../src/report/report-data.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { seesAnalyses } from '../../auth/page-access.ts';
import { QueryView } from '../../components/query-view.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { ServerTable } from '../../components/server-table.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../router/use-location.tsx';
import { pathOf } from '../../router/match-route.ts';
import { HotProducts } from './hot-products.tsx';
import { RulesExplorer } from './rules-explorer.tsx';

export function ProductsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const analyst = user ? seesAnalyses(user.role) : false;
  const hot = useQuery({ queryKey: ['/products/hot'], queryFn: () => apiGet<Section<HotProductsSection>>('/products/hot'), enabled: analyst });
  const rules = useQuery({ queryKey: ['/rules'], queryFn: () => apiGet<Section<RulesSection>>('/rules'), enabled: analyst });
  return (
    <Stack>
      <Title order={2}>{t('nav.products')}</Title>
      {analyst && (
        <SectionCard title={t('products.hot')} testId="section-hot">
          <QueryView query={hot} id="hot">{(h) => <HotProducts hot={h} />}</QueryView>
        </SectionCard>
      )}
      {analyst && (
        <SectionCard title={t('products.rules')} testId="section-rules">
          <QueryView query={rules} id="rules">{(r) => <RulesExplorer rules={r} />}</QueryView>
        </SectionCard>
      )}
      <SectionCard title={t('products.replenishment')} testId="section-replenishment">
        {/* The server keeps the run's order (soonest due first) and does not sort this list. */}
        <ServerTable<DueItem & Record<string, unknown>> id="replenishment" path="/replenishment"
          rowKey={(r) => `${r.customer_id}/${r.product_id}`}
          columns={[
            { key: 'customer_id', label: t('col.customer_id'), render: (r) => <Link to={pathOf('/customers/:id', { id: r.customer_id })}>{r.customer_id}</Link> },
            { key: 'product_id', label: t('products.product'), render: (r) => r.product_name ?? r.product_id },
            { key: 'purchases', label: t('col.orders'), kind: 'count' },
            { key: 'median_interval_days', label: t('products.interval'), kind: 'count' },
            { key: 'last_purchase', label: t('col.last_purchase') },
            { key: 'next_purchase', label: t('products.dueDate') },
          ]} />
      </SectionCard>
    </Stack>
  );
}
