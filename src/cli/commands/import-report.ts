// The text report of `cvm import`: the mapping it chose, then every row accounted for, by reason.
import type { ImportSalesResult } from '../../ingest/import-sales.ts';
import { describeRole, SALES_ROLES } from '../../ingest/sales-columns.ts';

const n = (v: number): string => v.toLocaleString('en-US');

/** Reason counts as indented lines, largest first. */
const reasons = (byReason: Record<string, number>): string[] =>
  Object.entries(byReason).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r, k]) => `      ${r.padEnd(24)} ${n(k).padStart(11)}`);

export function renderImport(r: ImportSalesResult): string {
  const c = r.counts;
  const mapping = SALES_ROLES.filter((role) => r.mapping[role] !== undefined)
    .map((role) => `  ${describeRole(role).replace(/^the /, '').padEnd(18)} ← ${r.mapping[role]}${r.mappingSource[role] === 'detected' ? '' : ` (${r.mappingSource[role]})`}`);
  const head = r.status === 'already-imported'
    ? [`${r.file} was already imported as batch ${r.batchId} (${r.importedAt ?? 'earlier'}); nothing changed.`]
    : [`Imported ${r.file} as batch ${r.batchId} in ${r.seconds.toFixed(1)} s (${r.format}${r.encoding ? `, ${r.encoding}` : ''}).`];
  const lines = [
    ...head,
    'Columns:',
    ...mapping,
    ...(r.cancelPrefix ? [`  ${'cancelled invoices'.padEnd(18)} ← ${r.mapping.order} starting with "${r.cancelPrefix}"`] : []),
    r.status === 'already-imported' ? 'Counts of that import:' : 'Rows:',
    `  read                       ${n(c.read).padStart(11)}`,
    `  loaded                     ${n(c.loaded).padStart(11)}   (of which anonymous, no customer id: ${n(c.anonymous)})`,
    `  excluded (kept, not used)  ${n(c.excluded.total).padStart(11)}`,
    ...reasons(c.excluded.byReason),
    `  duplicates dropped         ${n(c.duplicates).padStart(11)}`,
    `  already loaded, skipped    ${n(c.alreadyLoaded).padStart(11)}`,
    `  rejected                   ${n(c.rejected.total).padStart(11)}`,
    ...reasons(c.rejected.byReason),
    `  read = loaded + excluded + duplicates + already loaded + rejected: ${n(c.read)} = ${n(c.loaded)} + ${n(c.excluded.total)} + ${n(c.duplicates)} + ${n(c.alreadyLoaded)} + ${n(c.rejected.total)}`,
    ...(r.rejectFile ? [`Rejected rows (line, reason, raw): ${r.rejectFile}`] : []),
    ...r.warnings.map((w) => `warning: ${w}`),
  ];
  return lines.join('\n');
}
