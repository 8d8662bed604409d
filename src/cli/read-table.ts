// Reads the numeric columns a command needs from a CSV or Parquet file (a customer summary, an RF
// matrix, a survival table) through an in-memory DuckDB, with clear errors: a missing column names
// the columns the file has, a non-numeric value names its line.
import { existsSync } from 'node:fs';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteIdent, quoteString } from '../engines/duckdb/sql-literal.ts';
import { CliError } from './cli-error.ts';

export interface WantedColumn {
  /** The role's name (e.g. 'frequency'); the file column is `mapping[name] ?? name`. */
  name: string;
  required: boolean;
  /** Read as text (ids) instead of numbers. */
  text?: boolean;
}

export interface Table {
  numbers: Record<string, Float64Array>;
  text: Record<string, string[]>;
  rows: number;
}

/** Every input name a model command reads. */
const KNOWN_INPUTS = ['customer_id', 'frequency', 'recency', 'T', 'n_periods', 'weight', 'monetary_value'];

/** Parses `--map frequency=x,recency=t_x` into { frequency: 'x', recency: 't_x' }. */
export function parseMapping(spec: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!spec) return out;
  for (const part of spec.split(',')) {
    const m = /^\s*([^=\s]+)\s*=\s*(.+?)\s*$/.exec(part);
    if (!m) throw new CliError('usage', `--map expects name=column pairs separated by commas, got "${part}"`);
    out[m[1]] = m[2];
  }
  return out;
}

const readerFor = (path: string) =>
  /\.parquet$/i.test(path) ? `read_parquet(${quoteString(path)})` : `read_csv(${quoteString(path)}, header = true)`;

export async function readTable(path: string, wanted: readonly WantedColumn[], mapping: Record<string, string>): Promise<Table> {
  if (!existsSync(path)) throw new CliError('io', `file not found: ${path}`);
  // One --map can serve fit, predict and the spend model alike, so names another model reads are fine.
  const unknown = Object.keys(mapping).filter((k) => !wanted.some((w) => w.name === k) && !KNOWN_INPUTS.includes(k));
  if (unknown.length) throw new CliError('usage', `--map names unknown input(s) ${unknown.join(', ')}; this command reads ${wanted.map((w) => w.name).join(', ')}`);
  const db = await DuckDbEngine.open({ threads: 2 });
  try {
    let available: string[];
    try {
      available = (await db.rows(`DESCRIBE SELECT * FROM ${readerFor(path)}`)).map((r) => String(r.column_name));
    } catch (e) {
      throw new CliError('input', `cannot read ${path} as a table: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    const pick = wanted.map((w) => ({ ...w, column: mapping[w.name] ?? w.name })).filter((w) => w.required || available.includes(w.column));
    const missing = pick.filter((w) => !available.includes(w.column));
    if (missing.length) {
      throw new CliError('input', `${path}: column(s) ${missing.map((m) => `"${m.column}"`).join(', ')} not found (the file has ${available.join(', ')}); map them with --map ${missing.map((m) => `${m.name}=COLUMN`).join(',')}`);
    }
    const numeric = pick.filter((w) => !w.text);
    // Line numbers: the header is line 1, so data row k (0-based) is line k + 2.
    const checks = numeric.map((w) => `SELECT ${quoteString(w.column)} AS col, line, CAST(v AS VARCHAR) AS v FROM (SELECT row_number() OVER () + 1 AS line, ${quoteIdent(w.column)} AS v FROM src) WHERE v IS NOT NULL AND TRY_CAST(v AS DOUBLE) IS NULL`);
    await db.run(`CREATE TEMP TABLE src AS SELECT * FROM ${readerFor(path)}`);
    if (checks.length) {
      const bad = await db.rows(`${checks.join(' UNION ALL ')} ORDER BY line LIMIT 5`);
      if (bad.length) throw new CliError('input', `${path}: not a number: ${bad.map((b) => `line ${b.line} ${b.col}="${b.v}"`).join('; ')}`);
    }
    const select = pick.map((w) => (w.text ? `CAST(${quoteIdent(w.column)} AS VARCHAR)` : `TRY_CAST(${quoteIdent(w.column)} AS DOUBLE)`) + ` AS ${quoteIdent(w.name)}`);
    const cols = await db.columns(`SELECT ${select.join(', ')} FROM src`);
    const table: Table = { numbers: {}, text: {}, rows: 0 };
    for (const w of pick) {
      const c = cols[w.name];
      if (c instanceof Float64Array) table.numbers[w.name] = c;
      else table.text[w.name] = c.map((v) => v ?? '');
      table.rows = c.length;
    }
    return table;
  } finally {
    db.close();
  }
}

/** Throws when an id column has duplicates, naming up to five of them. */
export function assertUniqueIds(ids: readonly string[] | undefined, path: string): void {
  if (!ids) return;
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  if (dup.size) throw new CliError('input', `${path}: ${dup.size} duplicate customer id(s): ${[...dup].slice(0, 5).join(', ')}${dup.size > 5 ? ', …' : ''}`);
}
