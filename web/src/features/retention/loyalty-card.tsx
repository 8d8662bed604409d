// Loyalty measures of the domain notes (忠诚度): repeat rate, time between orders, price sensitivity
// (share bought on discount) and tolerance (buying again after a complaint); a measure the data
// cannot give says why.
import type { ReactNode } from 'react';
import { SimpleGrid, Text } from '@mantine/core';
import { isUnavailable, type LoyaltySection, type Section } from '../../../../src/report/report-data.ts';
import { Num } from '../../components/num.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

function Measure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fz={22} fw={700} component="div">{children}</Text>
    </div>
  );
}

function ShareOrReason({ s, testId }: { s: Section<{ share: number }>; testId: string }) {
  const { local } = useI18n();
  return isUnavailable(s)
    ? <Text size="sm" c="dimmed" fw={400} data-testid={`${testId}-unavailable`}>{local(s.unavailable)}</Text>
    : <Num value={s.share} kind="percent" testId={testId} />;
}

export function LoyaltyCard({ l }: { l: LoyaltySection }) {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
      <Measure label={t('loyalty.repeatRate')}><Num value={l.repeatRate} kind="percent" testId="loyalty-repeat-rate" /></Measure>
      <Measure label={t('loyalty.daysBetween')}><Num value={l.meanDaysBetweenOrders} kind="score" testId="loyalty-days-between" /></Measure>
      <Measure label={t('loyalty.discountShare')}><ShareOrReason s={l.discountShare} testId="loyalty-discount-share" /></Measure>
      <Measure label={t('loyalty.afterComplaint')}><ShareOrReason s={l.boughtAfterComplaint} testId="loyalty-after-complaint" /></Measure>
    </SimpleGrid>
  );
}
