// Settings (admin only): thresholds, weights and the segment map as the server keeps them, edited as
// JSON; the server validates and its message is shown when it refuses.
import { useState } from 'react';
import { Alert, Button, Group, JsonInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiWrite } from '../../api/api-client.ts';
import { ErrorNotice } from '../../components/query-view.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

export function SettingsPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['/settings'], queryFn: () => apiGet<unknown>('/settings') });
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? (settings.data === undefined ? '' : JSON.stringify(settings.data, null, 2));
  const save = useMutation({
    mutationFn: (body: unknown) => apiWrite('PUT', '/settings', body),
    onSuccess: () => { setDraft(null); void client.invalidateQueries({ queryKey: ['/settings'] }); },
  });
  let parsed: unknown = undefined;
  let invalid = false;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { invalid = true; }
  return (
    <Stack>
      <Title order={2}>{t('settings.title')}</Title>
      <SectionCard title={t('settings.title')} testId="section-settings">
        {settings.isError && <ErrorNotice error={settings.error} />}
        <JsonInput autosize minRows={12} maxRows={40} value={text} onChange={setDraft} formatOnBlur validationError={t('settings.invalid')}
          data-testid="settings-json" />
        <Group mt="sm">
          <Button disabled={invalid || parsed === undefined || draft === null} loading={save.isPending} onClick={() => save.mutate(parsed)} data-testid="settings-save">
            {t('settings.save')}
          </Button>
          {save.isSuccess && draft === null && <Text c="teal" size="sm">{t('settings.saved')}</Text>}
        </Group>
        {save.isError && <Alert color="red" mt="sm" data-testid="settings-error">{save.error.message}</Alert>}
      </SectionCard>
    </Stack>
  );
}
