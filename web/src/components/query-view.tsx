// Loading, error and "not available" states of one API answer in one place, so no page shows a blank.
import type { ReactNode } from 'react';
import { Alert, Button, Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { isUnavailable, type Section } from '../../../src/report/report-data.ts';
import { ApiError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { UnavailableNotice } from './unavailable-notice.tsx';

export function ErrorNotice({ error, onRetry, testId }: { error: unknown; onRetry?: () => void; testId?: string }) {
  const { t } = useI18n();
  const forbidden = error instanceof ApiError && error.status === 403;
  const message = forbidden ? t('app.forbidden') : error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title={t('app.error')} data-testid={testId ?? 'error'}>
      {message}
      {onRetry && !forbidden && <Button size="xs" variant="light" ml="md" onClick={onRetry}>{t('app.retry')}</Button>}
    </Alert>
  );
}

export function QueryView<T extends object>({ query, id, children }: {
  query: UseQueryResult<Section<T>>;
  /** Prefix of the test ids of this section's states (`<id>-unavailable`, `<id>-error`). */
  id: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (query.isPending) return <Center p="md" aria-label={t('app.loading')}><Loader size="sm" /></Center>;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} testId={`${id}-error`} />;
  const data = query.data;
  if (isUnavailable<T>(data)) return <UnavailableNotice reason={data.unavailable} testId={`${id}-unavailable`} />;
  return <>{children(data)}</>;
}
