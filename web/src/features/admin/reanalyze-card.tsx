// "Re-analyse now" on the settings page: saved settings apply from the next analysis, so this runs one
// (POST /api/settings/reanalyze) and follows its progress events until the new results are served,
// then refreshes every page's data. Disabled while the page holds unsaved changes, so that what runs is
// what the page shows.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Text, Timeline } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { apiUrl, apiWrite } from '../../api/api-client.ts';
import { SectionCard } from '../../components/section-card.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

type Run =
  | { state: 'idle' }
  | { state: 'running'; id: string; messages: string[] }
  | { state: 'done'; messages: string[] }
  | { state: 'failed'; messages: string[]; error: string };

export function ReanalyzeCard({ unsaved }: { unsaved: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [run, setRun] = useState<Run>({ state: 'idle' });

  const start = async () => {
    setRun({ state: 'running', id: '', messages: [] });
    try {
      const { id } = await apiWrite<{ id: number }>('POST', '/settings/reanalyze');
      setRun({ state: 'running', id: String(id), messages: [] });
    } catch (e) {
      setRun({ state: 'failed', messages: [], error: e instanceof Error ? e.message : String(e) });
    }
  };

  const runningId = run.state === 'running' ? run.id : '';
  useEffect(() => {
    if (!runningId) return undefined;
    const source = new EventSource(apiUrl(`/settings/reanalyze/${encodeURIComponent(runningId)}/events`));
    const data = (e: Event): Record<string, unknown> => {
      try { return JSON.parse((e as MessageEvent<string>).data) as Record<string, unknown>; } catch { return {}; }
    };
    source.addEventListener('progress', (e) => {
      const m = String(data(e).message ?? '');
      setRun((r) => (r.state === 'running' ? { ...r, messages: [...r.messages, m] } : r));
    });
    source.addEventListener('done', () => {
      source.close();
      setRun((r) => (r.state === 'running' ? { state: 'done', messages: r.messages } : r));
      // Every figure on every page may have changed.
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    });
    source.addEventListener('error', (e) => {
      const message = e instanceof MessageEvent ? String(data(e).message ?? '') : '';
      // A connection error without a message while the server is still working: EventSource reconnects.
      if (!message && source.readyState !== EventSource.CLOSED) return;
      source.close();
      setRun((r) => (r.state === 'running' ? { state: 'failed', messages: r.messages, error: message || t('settings.reanalyzeFailed') } : r));
    });
    return () => source.close();
  }, [runningId, client, t]);

  const messages = run.state === 'idle' ? [] : run.messages;
  return (
    <SectionCard title={t('settings.reanalyze')} testId="settings-reanalyze">
      <Text size="sm" c="dimmed">{t('settings.reanalyzeNote')}</Text>
      <Group mt="sm">
        <Button onClick={() => void start()} disabled={unsaved || run.state === 'running'} loading={run.state === 'running'} data-testid="settings-reanalyze-start">
          {t('settings.reanalyze')}
        </Button>
        {unsaved && <Text size="sm" c="dimmed">{t('settings.saveFirst')}</Text>}
      </Group>
      {messages.length > 0 && (
        <Timeline mt="md" bulletSize={12} lineWidth={2} active={messages.length - 1} data-testid="settings-reanalyze-progress">
          {messages.map((m, i) => <Timeline.Item key={i}><Text size="sm">{m}</Text></Timeline.Item>)}
        </Timeline>
      )}
      {run.state === 'done' && <Text mt="md" fw={600} c="teal" data-testid="settings-reanalyze-done">{t('settings.reanalyzeDone')}</Text>}
      {run.state === 'failed' && <Alert color="red" mt="md" title={t('settings.reanalyzeFailed')} data-testid="settings-reanalyze-error">{run.error}</Alert>}
    </SectionCard>
  );
}
