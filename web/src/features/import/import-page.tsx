// Import: upload a transactions file, follow the server's progress events (import, then analysis),
// see the row counts and download the rejected rows; earlier imports below.
import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, FileInput, Group, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiUpload, apiUrl } from '../../api/api-client.ts';
import { Num } from '../../components/num.tsx';
import { ErrorNotice } from '../../components/query-view.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { countRows, type ImportBatch, type ImportCountsView } from './import-counts-view.ts';

type Run =
  | { state: 'idle' }
  | { state: 'running'; id: string; messages: string[] }
  | { state: 'done'; id: string; messages: string[]; counts: ImportCountsView }
  | { state: 'failed'; id: string | null; messages: string[]; error: string };

export function ImportPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const batches = useQuery({ queryKey: ['/imports'], queryFn: () => apiGet<{ items: ImportBatch[] }>('/imports') });

  const start = async () => {
    if (!file) return;
    const form = new FormData();
    form.set('file', file);
    setRun({ state: 'running', id: '', messages: [] });
    try {
      const { id } = await apiUpload<{ id: string | number }>('/imports', form);
      setRun({ state: 'running', id: String(id), messages: [] });
    } catch (e) {
      setRun({ state: 'failed', id: null, messages: [], error: e instanceof Error ? e.message : String(e) });
    }
  };

  const runningId = run.state === 'running' ? run.id : '';
  useEffect(() => {
    if (!runningId) return undefined;
    const source = new EventSource(apiUrl(`/imports/${encodeURIComponent(runningId)}/events`));
    const data = (e: Event): Record<string, unknown> => {
      try { return JSON.parse((e as MessageEvent<string>).data) as Record<string, unknown>; } catch { return {}; }
    };
    source.addEventListener('progress', (e) => {
      const m = String(data(e).message ?? '');
      setRun((r) => (r.state === 'running' ? { ...r, messages: [...r.messages, m] } : r));
    });
    source.addEventListener('done', (e) => {
      source.close();
      const counts = (data(e).counts ?? {}) as ImportCountsView;
      setRun((r) => (r.state === 'running' ? { state: 'done', id: r.id, messages: r.messages, counts } : r));
      // Every figure on every page may have changed.
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    });
    source.addEventListener('error', (e) => {
      const message = e instanceof MessageEvent ? String(data(e).message ?? '') : '';
      // A connection error without a message while the server is still working: EventSource reconnects.
      if (!message && source.readyState !== EventSource.CLOSED) return;
      source.close();
      setRun((r) => (r.state === 'running' ? { state: 'failed', id: r.id, messages: r.messages, error: message || t('import.failed') } : r));
    });
    return () => source.close();
  }, [runningId, client, t]);

  const messages = run.state === 'idle' ? [] : run.messages;
  return (
    <Stack>
      <Title order={2}>{t('import.title')}</Title>
      <SectionCard title={t('import.upload')} testId="section-import">
        <Group align="flex-end">
          <FileInput label={t('import.file')} value={file} onChange={setFile} accept=".csv,.txt,.tsv,.gz,.parquet" w={360} data-testid="import-file" clearable />
          <Button onClick={() => void start()} disabled={!file || run.state === 'running'} loading={run.state === 'running'} data-testid="import-start">
            {t('import.start')}
          </Button>
        </Group>
        {messages.length > 0 && (
          <Timeline mt="md" bulletSize={12} lineWidth={2} active={messages.length - 1} data-testid="import-progress">
            {messages.map((m, i) => <Timeline.Item key={i}><Text size="sm">{m}</Text></Timeline.Item>)}
          </Timeline>
        )}
        {run.state === 'done' && <ImportResult id={run.id} counts={run.counts} />}
        {run.state === 'failed' && <Alert color="red" mt="md" title={t('import.failed')} data-testid="import-error">{run.error}</Alert>}
      </SectionCard>
      <SectionCard title={t('import.batches')} testId="section-batches">
        {batches.isError ? <ErrorNotice error={batches.error} /> : batches.data && <BatchTable batches={batches.data.items} />}
      </SectionCard>
    </Stack>
  );
}

function ImportResult({ id, counts }: { id: string; counts: ImportCountsView }) {
  const { t, lang } = useI18n();
  const rows = countRows(counts);
  return (
    <Stack mt="md" gap="xs" data-testid="import-done">
      <Text fw={600} c="teal">{t('import.done')}</Text>
      <Table w={420}>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{lang === 'en' ? r.en : r.zh}</Table.Td>
              <Table.Td ta="right"><Num value={r.value} testId={`import-${r.key}`} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {(counts.rejected ?? 0) > 0 && (
        <Anchor href={apiUrl(`/imports/${encodeURIComponent(id)}/rejects.csv`)} download data-testid="import-rejects">{t('import.rejects')}</Anchor>
      )}
    </Stack>
  );
}

function BatchTable({ batches }: { batches: ImportBatch[] }) {
  const { t, lang } = useI18n();
  if (batches.length === 0) return <Text c="dimmed">{t('table.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th><Table.Th>{t('import.fileName')}</Table.Th><Table.Th>{t('import.status')}</Table.Th>
            <Table.Th>{t('import.started')}</Table.Th><Table.Th ta="right">{t('import.read')}</Table.Th>
            <Table.Th ta="right">{t('import.loaded')}</Table.Th><Table.Th ta="right">{t('import.rejected')}</Table.Th><Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {batches.map((b) => (
            <Table.Tr key={b.id} data-testid="batch-row">
              <Table.Td>{b.id}</Table.Td>
              <Table.Td>{b.fileName ?? b.kind}</Table.Td>
              <Table.Td title={b.error ?? undefined}>{b.status}</Table.Td>
              <Table.Td>{new Date(b.startedAt).toLocaleString(lang)}</Table.Td>
              <Table.Td ta="right"><Num value={b.counts.read} testId={`batch-${b.id}-read`} /></Table.Td>
              <Table.Td ta="right"><Num value={b.counts.loaded} testId={`batch-${b.id}-loaded`} /></Table.Td>
              <Table.Td ta="right"><Num value={b.counts.rejected} testId={`batch-${b.id}-rejected`} /></Table.Td>
              <Table.Td>
                {b.hasRejects && <Anchor href={apiUrl(`/imports/${b.id}/rejects.csv`)} download size="sm">{t('import.rejects')}</Anchor>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
