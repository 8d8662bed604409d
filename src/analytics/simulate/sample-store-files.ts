// Reading the committed sample files back, for the tests that check them: an RFC 4180 CSV reader
// kept independent of the writer (sample-store-csv.ts) so that a quoting bug in one is not hidden by
// the same bug in the other.
import { readFileSync } from 'node:fs';
import { repoPath } from '../../testing/shared-data.ts';
import type { SampleFile } from './sample-store.ts';

/** The text of a committed file under samples/. */
export const readSample = (name: SampleFile): string => readFileSync(repoPath('samples', name), 'utf8');

/** Rows of a CSV text (header first) as arrays of fields; quoted fields may hold commas, quotes, newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** A CSV text as objects keyed by the header's column names. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Yuan with two decimals as integer fen ("-27.05" → −2705), so sums compare exactly. */
export function fen(yuanText: string): number {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(yuanText);
  if (!m) throw new Error(`not a yuan amount with two decimals: ${yuanText}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}
