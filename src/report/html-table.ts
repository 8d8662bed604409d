// Tables of the report. Cells arrive as HTML already escaped by html-text.ts; numeric columns are
// right-aligned with tabular figures so digits line up on screen and on paper.

export interface TableColumn {
  /** Header cell HTML. */
  header: string;
  numeric?: boolean;
}

/**
 * @example htmlTable([{ header: 'Model' }, { header: 'BIC', numeric: true }], [['BG/NBD', '19,201.3']])
 */
export function htmlTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], className = ''): string {
  const cls = (c: TableColumn | undefined) => (c?.numeric ? ' class="n"' : '');
  const head = columns.map((c) => `<th scope="col"${cls(c)}>${c.header}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell, i) => `<td${cls(columns[i])}>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table${className ? ` class="${className}"` : ''}><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

/** A two-column table of labelled facts (label, value). */
export function factTable(rows: readonly (readonly [string, string])[]): string {
  const body = rows.map(([label, value]) => `<tr><th scope="row">${label}</th><td class="n">${value}</td></tr>`).join('\n');
  return `<div class="table-wrap"><table class="facts"><tbody>\n${body}\n</tbody></table></div>`;
}
