// Columns of customer lists (all customers, the churn list), shared so both read the same way.
import { Badge } from '@mantine/core';
import type { CustomerRow } from '../../api/api-types.ts';
import type { Column } from '../../components/server-table.tsx';
import { Num } from '../../components/num.tsx';
import type { I18n } from '../../i18n/i18n-context.tsx';
import { segmentName, tierName } from '../../i18n/domain-labels.ts';
import { Link } from '../../router/use-location.tsx';
import { pathOf } from '../../router/match-route.ts';
import { clvOf } from './clv-columns.ts';

export function customerColumns(i18n: I18n, id: string): Column<CustomerRow>[] {
  const { t, lang } = i18n;
  return [
    {
      key: 'customer_id', label: t('col.customer_id'), sortable: true,
      render: (r) => <Link to={pathOf('/customers/:id', { id: String(r.customer_id) })} testId={`${id}-link`}>{String(r.customer_id)}</Link>,
    },
    { key: 'rfm_segment', label: t('col.segment'), render: (r) => (r.rfm_segment ? segmentName(String(r.rfm_segment), lang) : '—') },
    { key: 'pyramid_tier', label: t('col.tier'), render: (r) => (r.pyramid_tier ? tierName(String(r.pyramid_tier), lang) : '—') },
    { key: 'orders', label: t('col.orders'), kind: 'count', sortable: true },
    { key: 'total_spend', label: t('col.total_spend'), kind: 'money', sortable: true },
    {
      key: 'clv_12m', label: t('col.clv_12m'), kind: 'money', sortable: true,
      render: (r, i) => <Num value={clvOf(r)} kind="money" testId={`${id}-clv_12m-${i}`} />,
    },
    { key: 'p_alive', label: t('col.p_alive'), kind: 'probability', sortable: true },
    { key: 'value_at_risk', label: t('col.value_at_risk'), kind: 'money', sortable: true },
    { key: 'last_purchase', label: t('col.last_purchase'), sortable: true },
    {
      key: 'churn_warning', label: t('col.churn_warning'),
      render: (r) => (r.churn_warning === true || r.churn_warning === 'true' ? <Badge color="red" variant="light">{t('nav.churn')}</Badge> : null),
    },
  ];
}
