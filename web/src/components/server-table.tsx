// A table that pages, sorts and filters on the server (`?page&pageSize&sort&order&…filters` →
// `{items,total,page,pageSize}`), so a list of a million customers costs one page of rows in the
// browser. The same filters and sort go to the `.csv` export link.
import { useState, type ReactNode } from 'react';
import { Anchor, Group, Pagination, ScrollArea, Select, Table, Text, UnstyledButton } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, apiUrl, type QueryParams } from '../api/api-client.ts';
import type { Page } from '../api/api-types.ts';
import { isUnavailable, type Section } from '../../../src/report/report-data.ts';
import { UnavailableNotice } from './unavailable-notice.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Num } from './num.tsx';
import { ErrorNotice } from './query-view.tsx';
import type { ValueKind } from './format-value.ts';

export interface Column<R> {
  key: string;
  label: string;
  /** Numbers are formatted and carry data-value; text columns are shown as they come. */
  kind?: ValueKind;
  sortable?: boolean;
  /** Custom cell; `index` is the row's place on the page, for test ids like `<table>-<key>-<index>`. */
  render?: (row: R, index: number) => ReactNode;
}

export interface ServerTableProps<R> {
  id: string;
  path: string;
  columns: Column<R>[];
  filters?: QueryParams;
  defaultSort?: string;
  defaultOrder?: 'asc' | 'desc';
  csvPath?: string;
  csvLabel?: string;
  rowKey: (row: R) => string;
}

const PAGE_SIZES = ['25', '50', '100', '200'];

export function ServerTable<R extends Record<string, unknown>>(p: ServerTableProps<R>) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [sort, setSort] = useState<{ field?: string; order: 'asc' | 'desc' }>({ field: p.defaultSort, order: p.defaultOrder ?? 'desc' });
  const filterKey = JSON.stringify(p.filters ?? {});
  // A new filter starts again at page 1 (the page number of the old filter may not exist).
  const [lastFilterKey, setLastFilterKey] = useState(filterKey);
  if (filterKey !== lastFilterKey) { setLastFilterKey(filterKey); setPage(1); }

  const params: QueryParams = { ...p.filters, page, pageSize, sort: sort.field, order: sort.field ? sort.order : undefined };
  const query = useQuery({
    queryKey: [p.path, params],
    queryFn: () => apiGet<Section<Page<R>>>(p.path, params),
    placeholderData: keepPreviousData,
  });

  const toggleSort = (key: string) => setSort((s) => ({ field: key, order: s.field === key && s.order === 'desc' ? 'asc' : 'desc' }));
  const arrow = (key: string) => (sort.field === key ? (sort.order === 'desc' ? ' ↓' : ' ↑') : '');

  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} testId={`${p.id}-error`} />;
  // A list the run could not produce (e.g. no product column for replenishment) says why.
  if (query.data && isUnavailable(query.data)) return <UnavailableNotice reason={query.data.unavailable} testId={`${p.id}-unavailable`} />;
  const data = query.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <div data-testid={p.id} aria-busy={query.isFetching}>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          <Num value={data?.total} testId={`${p.id}-total`} /> {t('table.rows')}
        </Text>
        {p.csvPath && (
          <Anchor href={apiUrl(p.csvPath, { ...p.filters, sort: sort.field, order: sort.field ? sort.order : undefined })}
            download data-testid={`${p.id}-csv`} size="sm">
            {p.csvLabel ?? 'CSV'}
          </Anchor>
        )}
      </Group>
      <ScrollArea>
        <Table striped highlightOnHover stickyHeader miw={600}>
          <Table.Thead>
            <Table.Tr>
              {p.columns.map((c) => (
                <Table.Th key={c.key} ta={c.kind ? 'right' : undefined}>
                  {c.sortable
                    ? <UnstyledButton fw={600} fz="sm" onClick={() => toggleSort(c.key)} data-testid={`${p.id}-sort-${c.key}`}>{c.label}{arrow(c.key)}</UnstyledButton>
                    : c.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((row, i) => (
              <Table.Tr key={p.rowKey(row)} data-testid={`${p.id}-row`}>
                {p.columns.map((c) => (
                  <Table.Td key={c.key} ta={c.kind ? 'right' : undefined}>
                    {c.render ? c.render(row, i)
                      : c.kind ? <Num value={typeof row[c.key] === 'number' ? row[c.key] as number : null} kind={c.kind} testId={`${p.id}-${c.key}-${i}`} />
                        : String(row[c.key] ?? '')}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {data && data.items.length === 0 && (
              <Table.Tr><Table.Td colSpan={p.columns.length}><Text c="dimmed" ta="center">{t('table.empty')}</Text></Table.Td></Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Group justify="space-between" mt="sm">
        <Pagination total={pages} value={page} onChange={setPage} size="sm" data-testid={`${p.id}-pages`} />
        <Select w={100} size="xs" data={PAGE_SIZES} value={String(pageSize)} allowDeselect={false}
          onChange={(v) => { if (v) { setPageSize(Number(v)); setPage(1); } }} aria-label={t('table.rows')} />
      </Group>
    </div>
  );
}
