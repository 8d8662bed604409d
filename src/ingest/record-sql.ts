// SQL that reads a customers / products / events / interactions file into ingest_rows, parsing and
// judging every record inside DuckDB (as sales-sql.ts does for sales): one typed column per field
// (f_<role>), the first problem as a reason code and a sentence, the raw record of a rejected row,
// whether a value had to be repaired, and a status that the duplicate passes below refine.
import { quoteIdent, quoteString } from '../engines/duckdb/sql-literal.ts';
import { rawRecordSql } from './read-source-sql.ts';
import { EVENT_WORDS, INTERACTION_WORDS, KIND_FIELDS, type FieldSpec, type RecordColumns, type RecordKind } from './record-kinds.ts';
import { dateSql } from './sales-sql.ts';

export interface RecordSqlOptions {
  readonly kind: RecordKind;
  readonly columns: RecordColumns;
  /** Every column of the file, in order (to re-join a rejected record). */
  readonly names: readonly string[];
  readonly delimiter: string;
  /** Parquet: columns are typed and cast to text first. */
  readonly typed: boolean;
  readonly dateFormat?: string;
}

/** The fields of a kind that the file has (the others are NULL). */
export const mappedFields = (o: Pick<RecordSqlOptions, 'kind' | 'columns'>): FieldSpec[] => KIND_FIELDS[o.kind].filter((s) => o.columns[s.role] !== undefined);

const kebabRole = (role: string): string => role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const words = (map: Readonly<Record<string, readonly string[]>>): string => Object.keys(map).join(', ');

/** A vocabulary word (lowercased, trimmed) as its stored value, or NULL. */
function vocabularySql(text: string, map: Readonly<Record<string, readonly string[]>>): string {
  const whens = Object.entries(map).map(([value, list]) => `WHEN list_contains([${list.map(quoteString).join(', ')}], lower(${text})) THEN ${quoteString(value)}`);
  return `CASE ${whens.join(' ')} END`;
}

// A number as a till or a spreadsheet writes it: "¥1,299.00", "$ 12", "1,000". Only this shape is
// repaired (the sign, the currency mark and comma thousands separators removed); "12,5" is not a
// number here, because the comma could be a decimal one.
const REPAIRABLE_NUMBER = String.raw`^[-+]?\s*[¥￥$€£]?\s*[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?$|^[-+]?\s*[¥￥$€£]\s*[0-9]+(\.[0-9]+)?$`;

/**
 * ingest_rows from the reader: a projection over one scan, no joins, so rowid order is file order
 * (numberedRowsSql turns rowid into the line number).
 */
export function createRecordRowsSql(o: RecordSqlOptions, reader: string): string {
  const fields = mappedFields(o);
  const all = KIND_FIELDS[o.kind];
  const raw = (s: FieldSpec): string => (o.typed ? `CAST(r.${quoteIdent(o.columns[s.role])} AS VARCHAR)` : `r.${quoteIdent(o.columns[s.role])}`);
  const texts = fields.map((s) => `NULLIF(trim(${raw(s)}), '') AS t_${s.role}`);
  const parsed = all.map((s) => {
    if (o.columns[s.role] === undefined) {
      const type = s.type === 'number' ? 'DOUBLE' : s.type === 'date' ? 'DATE' : s.type === 'timestamp' ? 'TIMESTAMP' : 'VARCHAR';
      return `NULL::${type} AS f_${s.role}`;
    }
    const t = `t_${s.role}`;
    switch (s.type) {
      case 'text': return `${t} AS f_${s.role}`;
      case 'timestamp': return `${dateSql(t, o.dateFormat)} AS f_${s.role}`;
      case 'date': return `CAST(${dateSql(t, o.dateFormat)} AS DATE) AS f_${s.role}`;
      case 'event': return `${vocabularySql(t, EVENT_WORDS)} AS f_${s.role}`;
      case 'interaction': return `${vocabularySql(t, INTERACTION_WORDS)} AS f_${s.role}`;
      case 'number': return `CASE WHEN isfinite(try_cast(${t} AS DOUBLE)) THEN try_cast(${t} AS DOUBLE)
        WHEN regexp_matches(${t}, ${quoteString(REPAIRABLE_NUMBER)}) THEN try_cast(regexp_replace(${t}, '[¥￥$€£,\\s]', '', 'g') AS DOUBLE) END AS f_${s.role}`;
    }
  });
  const repaired = fields.filter((s) => s.type === 'number').map((s) => `(t_${s.role} IS NOT NULL AND NOT coalesce(isfinite(try_cast(t_${s.role} AS DOUBLE)), false))`);
  const col = (s: FieldSpec): string => quoteString(o.columns[s.role]);
  const value = (s: FieldSpec): string => `'"' || t_${s.role} || '" in ' || ${col(s)}`;
  const checks: [string, string, string][] = [];
  for (const s of fields) {
    const t = `t_${s.role}`, v = `f_${s.role}`;
    if (s.required) checks.push([`${t} IS NULL`, `missing-${kebabRole(s.role)}`, `${col(s)} || ' is empty'`]);
    const what: Record<FieldSpec['type'], string | undefined> = {
      text: undefined,
      number: 'is not a number',
      date: o.dateFormat ? `is not a date in the layout ${o.dateFormat}` : 'is not a date (YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYY.MM.DD, YYYY年MM月DD日; give --date-format for other layouts)',
      timestamp: o.dateFormat ? `is not a date in the layout ${o.dateFormat}` : 'is not a date or time (YYYY-MM-DD[ HH:MM[:SS]], YYYY/MM/DD, YYYY年MM月DD日, ISO 8601; give --date-format for other layouts)',
      event: `is not an event (${words(EVENT_WORDS)}, or 浏览, 收藏, 加购)`,
      interaction: `is not an interaction kind (${words(INTERACTION_WORDS)}, or 电话, 拜访, 投诉, 调查)`,
    };
    const problem = what[s.type];
    if (problem === undefined) continue;
    // PostgreSQL has no year 0 and DuckDB reads years up to 294247: out-of-range dates are bad dates, not crashes later.
    const bad = s.type === 'date' || s.type === 'timestamp' ? `(${v} IS NULL OR year(${v}) NOT BETWEEN 1 AND 9999)` : `${v} IS NULL`;
    checks.push([`${t} IS NOT NULL AND ${bad}`, `bad-${kebabRole(s.role)}`, `${value(s)} || ' ${problem.replace(/'/g, "''")}'`]);
  }
  const reject = checks.length ? `CASE ${checks.map(([w, c]) => `WHEN ${w} THEN ${quoteString(c)}`).join(' ')} END` : 'NULL::VARCHAR';
  const reason = checks.length ? `CASE ${checks.map(([w, c, text]) => `WHEN ${w} THEN ${quoteString(`${c}: `)} || ${text}`).join(' ')} END` : 'NULL::VARCHAR';
  const fieldList = all.map((s) => `f_${s.role}`);
  return `CREATE OR REPLACE TEMP TABLE ingest_rows AS
WITH texts AS (
  SELECT ${[...texts, `${rawRecordSql(o.names, o.delimiter)} AS raw_all`].join(', ')} FROM ${reader} r
), parsed AS (
  SELECT *, ${parsed.join(', ')} FROM texts
), judged AS (
  SELECT ${fieldList.join(', ')}, raw_all, ${reject} AS reject, ${reason} AS reason, ${repaired.length ? repaired.join(' OR ') : 'false'} AS fixed FROM parsed
)
SELECT ${fieldList.join(', ')}, reject, reason, CASE WHEN reject IS NOT NULL THEN raw_all END AS raw, fixed AND reject IS NULL AS fixed,
  CASE WHEN reject IS NULL THEN 'loaded' ELSE 'rejected' END AS status,
  CASE WHEN reject IS NULL THEN hash(${fieldList.join(', ')}) END AS h
FROM judged`;
}

/** The field whose repeats replace earlier records (the member number, the product id); none for events and interactions. */
export const KEY_FIELD: Readonly<Record<RecordKind, string | undefined>> = { customers: 'customer', products: 'product', events: undefined, interactions: undefined };

/**
 * Exact repeats of an earlier record of the file become 'duplicate' (the first stays); then, for kinds
 * with a key, a record followed by a later one with the same key becomes 'superseded' (the last one
 * is the current state, as in an export that lists every change).
 */
export function markRecordRepeatsSql(kind: RecordKind): string {
  const fields = KIND_FIELDS[kind].map((s) => `f_${s.role}`);
  const dup = `UPDATE ingest_rows SET status = 'duplicate' WHERE rowid IN (
  SELECT rid FROM (SELECT rowid AS rid, row_number() OVER (PARTITION BY ${fields.join(', ')} ORDER BY rowid) AS k
    FROM ingest_rows WHERE h IN (SELECT h FROM ingest_rows WHERE h IS NOT NULL GROUP BY h HAVING count(*) > 1)) WHERE k > 1)`;
  const key = KEY_FIELD[kind];
  if (key === undefined) return dup;
  return `${dup};
UPDATE ingest_rows SET status = 'superseded' WHERE rowid IN (
  SELECT rid FROM (SELECT rowid AS rid, row_number() OVER (PARTITION BY f_${key} ORDER BY rowid DESC) AS k FROM ingest_rows WHERE status = 'loaded') WHERE k > 1)`;
}

/** Counts by status and reason, and repaired rows among the loaded ones. */
export const recordCountsSql = `SELECT status, reject AS reason, count(*) AS n, count(*) FILTER (WHERE fixed AND status = 'loaded') AS fixed
FROM ingest_rows GROUP BY ALL ORDER BY ALL`;
