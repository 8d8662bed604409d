// Settings (admin only): thresholds, weights and the segment map (an RFM segment's name in reports),
// the analysis configuration as the server keeps it (src/api/settings/analysis-settings.ts). The server
// validates names and values and its message is shown when it refuses. They apply from the next
// analysis (an import, or "re-analyse now" below, or `cvm analyze --data`).
import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiWrite } from '../../api/api-client.ts';
import { ErrorNotice } from '../../components/query-view.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { DEFAULT_SEGMENTS } from '../../../../src/analytics/rfm/rfm-segments.ts';
import { DEFAULT_WEIGHTS } from '../../../../src/analytics/composite/composite-score.ts';
import { segmentName } from '../../i18n/domain-labels.ts';
import { KeyValueEditor } from './key-value-editor.tsx';
import { ReanalyzeCard } from './reanalyze-card.tsx';
import { fromRows, toRows, type Settings, type SettingsRows } from './settings-rows.ts';

export function SettingsPage() {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['/settings'], queryFn: () => apiGet<Settings>('/settings') });
  const [draft, setDraft] = useState<SettingsRows | null>(null);
  const rows = draft ?? (settings.data ? toRows(settings.data) : null);
  const parsed = rows ? fromRows(rows) : null;
  const save = useMutation({
    mutationFn: (body: Settings) => apiWrite<Settings>('PUT', '/settings', body),
    onSuccess: (saved) => { setDraft(null); client.setQueryData(['/settings'], saved); void client.invalidateQueries({ queryKey: ['/segment-names'] }); },
  });
  const set = (part: keyof SettingsRows) => (next: SettingsRows[typeof part]) => rows && setDraft({ ...rows, [part]: next });
  return (
    <Stack>
      <Title order={2}>{t('settings.title')}</Title>
      <Text c="dimmed" size="sm">{t('settings.note')}</Text>
      {settings.isError && <ErrorNotice error={settings.error} />}
      {rows && (
        <>
          <SectionCard title={t('settings.thresholds')} testId="settings-thresholds">
            <KeyValueEditor rows={rows.thresholds} onChange={set('thresholds')} numeric id="thresholds" />
          </SectionCard>
          <SectionCard title={t('settings.weights')} testId="settings-weights">
            <KeyValueEditor rows={rows.weights} onChange={set('weights')} numeric min={0} id="weights"
              keys={Object.keys(DEFAULT_WEIGHTS).map((w) => ({ value: w, label: w }))} />
          </SectionCard>
          <SectionCard title={t('settings.segmentMap')} testId="settings-segment-map">
            <KeyValueEditor rows={rows.segmentMap} onChange={set('segmentMap')} id="segment-map"
              keys={DEFAULT_SEGMENTS.map(({ id }) => ({ value: id, label: segmentName(id, lang) }))} />
          </SectionCard>
          <Group>
            <Button disabled={draft === null || typeof parsed === 'string'} loading={save.isPending}
              onClick={() => { if (parsed && typeof parsed !== 'string') save.mutate(parsed); }} data-testid="settings-save">
              {t('settings.save')}
            </Button>
            {typeof parsed === 'string' && draft !== null && <Text c="red" size="sm" data-testid="settings-invalid">{parsed}</Text>}
            {save.isSuccess && draft === null && <Text c="teal" size="sm" data-testid="settings-saved">{t('settings.saved')}</Text>}
          </Group>
          {save.isError && <Alert color="red" data-testid="settings-error">{save.error.message}</Alert>}
          <ReanalyzeCard unsaved={draft !== null} />
        </>
      )}
    </Stack>
  );
}
