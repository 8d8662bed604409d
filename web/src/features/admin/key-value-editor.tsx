// Rows of name → value with add and remove; names are free text or picked from a list.
import { ActionIcon, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { Row } from './settings-rows.ts';

export function KeyValueEditor({ rows, onChange, numeric = false, min, keys, id }: {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  numeric?: boolean;
  min?: number;
  /** When given, names are picked from these. */
  keys?: { value: string; label: string }[];
  id: string;
}) {
  const { t } = useI18n();
  const put = (i: number, row: Row) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <Stack gap="xs">
      {rows.map((row, i) => (
        <Group key={i} gap="xs" data-testid={`${id}-row`}>
          {keys
            ? <Select w={220} data={keys} value={row.key || null} onChange={(v) => put(i, { ...row, key: v ?? '' })} aria-label={t('settings.name')} />
            : <TextInput w={220} value={row.key} onChange={(e) => put(i, { ...row, key: e.currentTarget.value })} aria-label={t('settings.name')} />}
          <TextInput w={numeric ? 140 : 360} value={row.value} inputMode={numeric ? 'decimal' : undefined}
            onChange={(e) => put(i, { ...row, value: e.currentTarget.value })} aria-label={t('settings.value')}
            error={numeric && row.value.trim() !== '' && (!Number.isFinite(Number(row.value)) || (min !== undefined && Number(row.value) < min))} />
          <ActionIcon variant="subtle" color="red" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t('users.delete')}>×</ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="light" onClick={() => onChange([...rows, { key: '', value: '' }])} data-testid={`${id}-add`}>{t('settings.add')}</Button>
      </Group>
    </Stack>
  );
}
