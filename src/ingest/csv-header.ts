// The header line of a CSV file, read by us rather than DuckDB's sniffer: the sniffer gives up (or
// picks the wrong quote rule) on exactly the files ingest must survive, e.g. one broken quote in the
// first rows. With the column names and the delimiter known, read_csv runs with auto_detect off and
// every faulty line becomes a reject instead of a failed read.
import { IngestError } from './ingest-error.ts';

export interface CsvHeader {
  readonly delimiter: string;
  /** Column names as DuckDB will see them: unique and non-empty. */
  readonly names: readonly string[];
}

/** Delimiters tried, most common first; a tie goes to the earlier one. */
const DELIMITERS = [',', '\t', ';', '|'] as const;

/**
 * Parses the header from the decoded head of a file.
 * @example parseCsvHeader('会员编号,日期,金额\n1,2024-01-02,9.5') // => { delimiter: ',', names: ['会员编号', '日期', '金额'] }
 */
export function parseCsvHeader(head: string, fileName = 'the file', delimiter?: string): CsvHeader {
  const line = firstLine(head);
  if (line.trim() === '') throw new IngestError('empty-file', `${fileName} has no header line (its first line is empty)`);
  const delim = delimiter ?? detectDelimiter(line);
  const names = uniqueNames(splitCsvLine(line, delim));
  return { delimiter: delim, names };
}

/** The first line, up to LF or CRLF (a quoted field may not span lines in a header). */
function firstLine(head: string): string {
  const end = head.indexOf('\n');
  return (end < 0 ? head : head.slice(0, end)).replace(/\r$/, '');
}

/** The candidate occurring most often outside quotes; ',' when none occurs (a one-column file). */
export function detectDelimiter(line: string): string {
  let best: string = DELIMITERS[0];
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = splitCsvLine(line, d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** RFC 4180 fields of one line: "" inside quotes is a quote; text around a quoted part is kept. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** Trims names, names empty ones by position (column3) and numbers repeats (amount, amount_2). */
function uniqueNames(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  return raw.map((r, i) => {
    const base = r.trim() === '' ? `column${i + 1}` : r.trim();
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base}_${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}
