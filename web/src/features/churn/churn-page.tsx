// The churn early-warning list (流失预警): customers the model thinks have likely left, most value at
// risk first, filtered by segment or tier, exported as CSV for the staff who call them.
import { useState } from 'react';
import { Group, Select, Stack, Text, Title } from '@mantine/core';
import type { CustomerRow } from '../../api/api-types.ts';
import { SectionCard } from '../../components/section-card.tsx';
import { ServerTable } from '../../components/server-table.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { SEGMENT_IDS, TIER_IDS, segmentName, tierName } from '../../i18n/domain-labels.ts';
import { customerColumns } from '../customers/customer-columns.tsx';

export function ChurnPage() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [segment, setSegment] = useState<string | null>(null);
  const [tier, setTier] = useState<string | null>(null);
  const columns = customerColumns(i18n, 'churn').filter((c) => c.key !== 'churn_warning');
  return (
    <Stack>
      <Title order={2}>{t('churn.title')}</Title>
      <Text c="dimmed">{t('churn.hint')}</Text>
      <SectionCard title={t('nav.churn')} testId="section-churn"
        right={(
          <Group>
            <Select placeholder={t('churn.filterSegment')} clearable value={segment} onChange={setSegment} data-testid="churn-segment"
              data={SEGMENT_IDS.map((id) => ({ value: id, label: segmentName(id, lang) }))} />
            <Select placeholder={t('churn.filterTier')} clearable value={tier} onChange={setTier} data-testid="churn-tier"
              data={TIER_IDS.map((id) => ({ value: id, label: tierName(id, lang) }))} />
          </Group>
        )}>
        <ServerTable<CustomerRow> id="churn" path="/churn" csvPath="/churn.csv" csvLabel={t('churn.export')}
          filters={{ segment, tier }} defaultSort="value_at_risk" defaultOrder="desc" columns={columns}
          rowKey={(r) => String(r.customer_id)} />
      </SectionCard>
    </Stack>
  );
}
