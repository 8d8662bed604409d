// The text report of `cvm import --kind customers|products|events|interactions`: the mapping it
// chose, then every record accounted for, by reason.
import type { ImportRecordsResult } from '../../ingest/import-records.ts';
import { KIND_FIELDS } from '../../ingest/record-kinds.ts';

const n = (v: number): string => v.toLocaleString('en-US');
const line = (label: string, v: number, note = ''): string => `  ${label.padEnd(27)}${n(v).padStart(11)}${note}`;

const STORE_TEXT = { operational: 'the operational store', analytics: 'the analytics store' } as const;

export function renderImportRecords(r: ImportRecordsResult): string {
  const c = r.counts;
  const mapping = KIND_FIELDS[r.kind].filter((s) => r.mapping[s.role] !== undefined)
    .map((s) => `  ${s.role.padEnd(18)} ← ${r.mapping[s.role]}${r.mappingSource[s.role] === 'detected' ? '' : ` (${r.mappingSource[s.role]})`}`);
  const head = r.status === 'already-imported'
    ? `${r.file} was already imported as ${r.kind} batch ${r.batchId} of ${STORE_TEXT[r.store]} (${r.importedAt ?? 'earlier'}); nothing changed.`
    : `Imported ${r.file} as ${r.kind} batch ${r.batchId} of ${STORE_TEXT[r.store]} in ${r.seconds.toFixed(1)} s (${r.format}${r.encoding ? `, ${r.encoding}` : ''}).`;
  const outcome: string[] = [];
  if (c.inserted !== undefined) outcome.push(`new ${n(c.inserted)}, updated ${n(c.updated ?? 0)}, unchanged ${n(c.unchanged ?? 0)}`);
  if (r.kind === 'interactions') outcome.push(`member number not (yet) a customer: ${n(c.unlinked ?? 0)}, without member number: ${n(c.anonymous ?? 0)}`);
  if (r.kind === 'events') outcome.push(`anonymous visitors: ${n(c.anonymous ?? 0)}`);
  const reasons = Object.entries(c.rejected.byReason).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, v]) => `      ${k.padEnd(23)}${n(v).padStart(11)}`);
  return [
    head,
    'Columns:',
    ...mapping,
    r.status === 'already-imported' ? 'Counts of that import:' : 'Records:',
    line('read', c.read),
    line('loaded', c.loaded, outcome.length ? `   (${outcome.join('; ')})` : ''),
    line('  of which repaired', c.fixed, '   (a number written with a currency sign or thousands separators)'),
    line('duplicates dropped', c.duplicates),
    line('superseded by a later row', c.superseded),
    line('already loaded, skipped', c.alreadyLoaded),
    line('rejected', c.rejected.total),
    ...reasons,
    `  read = loaded + duplicates + superseded + already loaded + rejected: ${n(c.read)} = ${n(c.loaded)} + ${n(c.duplicates)} + ${n(c.superseded)} + ${n(c.alreadyLoaded)} + ${n(c.rejected.total)}`,
    ...(r.rejectFile ? [`Rejected records (line, reason, raw): ${r.rejectFile}`] : []),
  ].join('\n');
}
