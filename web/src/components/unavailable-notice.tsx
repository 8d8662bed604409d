// A section the run could not produce: its reason, never a blank.
import { Alert } from '@mantine/core';
import type { LocalText } from '../../../src/report/report-data.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function UnavailableNotice({ reason, testId }: { reason: LocalText; testId?: string }) {
  const { t, local } = useI18n();
  return (
    <Alert color="gray" title={t('app.unavailable')} data-testid={testId ?? 'unavailable'}>
      {local(reason)}
    </Alert>
  );
}
