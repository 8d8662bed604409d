// One headline figure with its change since the previous analysis run.
import { Card, Group, Text } from '@mantine/core';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Num } from './num.tsx';
import { relativeChange, type ValueKind } from './format-value.ts';

export function StatCard({ label, value, previous, kind, testId, higherIsBetter = true }: {
  label: string;
  /** False for figures where growth is bad news (customers at risk): the change is then shown red. */
  higherIsBetter?: boolean;
  value: number | null;
  previous: number | null;
  kind: ValueKind;
  testId: string;
}) {
  const { t, fmt } = useI18n();
  const change = relativeChange(value, previous);
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">{label}</Text>
      <Num value={value} kind={kind} testId={testId} fz={26} fw={700} />
      <Group gap={4} mt={4}>
        {change === null
          ? <Text size="xs" c="dimmed" data-testid={`${testId}-change`} data-value="">{previous === null ? t('overview.noPrevious') : '—'}</Text>
          : (
            <Text size="xs" c={change === 0 ? 'dimmed' : (change > 0) === higherIsBetter ? 'teal' : 'red'} data-testid={`${testId}-change`} data-value={change}>
              {change > 0 ? '▲' : change < 0 ? '▼' : '='} {fmt.percent(Math.abs(change))} {t('overview.change')}
            </Text>
          )}
      </Group>
    </Card>
  );
}
