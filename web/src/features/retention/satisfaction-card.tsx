// NPS (推荐指数) from the survey answers and how many surveyed customers fall in each satisfaction ×
// loyalty quadrant (Jones & Sasser; loyalty = P(alive)), as the report shows them. Without survey
// answers the section says so (QueryView shows the reason).
import { SimpleGrid, Text } from '@mantine/core';
import { QUADRANT_LABELS, type Quadrant } from '../../../../src/analytics/loyalty/satisfaction-loyalty.ts';
import type { SatisfactionSection } from '../../../../src/report/report-data.ts';
import { Num } from '../../components/num.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

const QUADRANTS: readonly Quadrant[] = ['apostle', 'hostage', 'mercenary', 'defector'];

export function SatisfactionCard({ s }: { s: SatisfactionSection }) {
  const { t, lang } = useI18n();
  const count = new Map(s.quadrants.map((q) => [q.quadrant, q.customers]));
  return (
    <SimpleGrid cols={{ base: 1, sm: 3, lg: 5 }}>
      <div>
        <Text size="sm" c="dimmed">{t('satisfaction.nps')}</Text>
        <Text fz={22} fw={700} component="div"><Num value={s.nps} kind="score" testId="satisfaction-nps" /></Text>
        <Text size="xs" c="dimmed"><Num value={s.responses} testId="satisfaction-responses" /> {t('satisfaction.responses')}</Text>
      </div>
      {QUADRANTS.map((q) => (
        <div key={q}>
          <Text size="sm" c="dimmed">{lang === 'en' ? QUADRANT_LABELS[q].en : QUADRANT_LABELS[q].zh}</Text>
          <Text fz={22} fw={700} component="div"><Num value={count.get(q) ?? 0} testId={`satisfaction-${q}`} /></Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
