// `cvm churn <customers.csv>`: the churn early-warning list (流失预警) from the scored customers
// `cvm analyze` writes: ranked by value at risk = (1 − P(alive)) × expected value, flagged by an
// explained threshold, optionally exported as CSV for staff.
import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { churnCsv, churnList, type ChurnListRow } from '../../analytics/churn/churn-list.ts';
import { DEFAULT_RULE, DEFAULT_TAU, DEFAULT_VALUE_SHARE, rankValueAtRisk, type ThresholdRule } from '../../analytics/churn/churn-warning.ts';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteIdent, quoteString } from '../../engines/duckdb/sql-literal.ts';
import { CliError } from '../cli-error.ts';
import { emit, formatOption, num, type OutputFormat } from '../output.ts';

interface ChurnFlags {
  threshold?: string;
  valueShare?: string;
  value?: string;
  top?: string;
  asOf?: string;
  out?: string;
  format: OutputFormat;
}

const HELP = `
Value at risk = (1 − p_alive) × value, with value = clv_12m by default (expected_purchases_52w when
the file has no clv_12m). Customers are ranked by it, highest first, and flagged by one rule:
  --threshold τ      P(alive) < τ (default ${DEFAULT_TAU}: more likely gone than active)
  --value-share X    the smallest top-ranked set holding X of all value at risk (e.g. ${DEFAULT_VALUE_SHARE})
The CSV (--out) lists the flagged customers: customer_id, p_alive, value, value_at_risk, rank,
last_purchase, days_since_last_purchase and the reason in English and Chinese (UTF-8 with BOM, for Excel).

Examples:
  cvm analyze orders.csv --out out && cvm churn out/customers.csv --top 200 --out churn-list.csv
  cvm churn out/customers.csv --value-share 0.8 --format json
`;

export function registerChurn(program: Command): void {
  program
    .command('churn')
    .description('churn early warning: customers ranked by value at risk, flagged by an explained threshold, exported for staff')
    .argument('<customers>', 'scored customers file from cvm analyze (customers.csv or .parquet)')
    .option('--threshold <tau>', `flag customers with P(alive) below this (default ${DEFAULT_TAU})`)
    .option('--value-share <share>', 'instead, flag the top customers holding this share of the value at risk')
    .option('--value <col>', 'expected value column (default: clv_12m, else expected_purchases_52w)')
    .option('--top <n>', 'list only the first N flagged customers')
    .option('--as-of <date>', 'count days since the last purchase to this day (default: the latest last purchase)')
    .option('--out <file>', 'write the list as CSV')
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (file: string, flags: ChurnFlags) => {
      const rule = ruleFrom(flags);
      const top = flags.top === undefined ? undefined : Number(flags.top);
      if (top !== undefined && !(Number.isInteger(top) && top >= 1)) throw new CliError('usage', `--top must be a whole number ≥ 1 (got "${flags.top}")`);
      if (flags.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.asOf)) throw new CliError('usage', `--as-of must be a day written YYYY-MM-DD (got "${flags.asOf}")`);
      const data = await readCustomers(file, flags.value);
      const ranking = rankValueAtRisk(data, rule);
      const rows = churnList(data, ranking, { top, asOf: flags.asOf });
      if (flags.out !== undefined) {
        try {
          writeFileSync(flags.out, churnCsv(rows));
        } catch (e) {
          throw new CliError('io', `cannot write ${flags.out}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      const result = {
        input: file, valueColumn: data.valueColumn, rule, customers: ranking.customers, excluded: ranking.excluded,
        flagged: ranking.flaggedCount, totalValueAtRisk: ranking.totalValueAtRisk, flaggedValueAtRisk: ranking.flaggedValueAtRisk,
        listed: rows.length, output: flags.out ?? null,
        list: rows.map((r) => ({
          rank: r.rank, customer_id: r.customerId, p_alive: r.pAlive, value: r.value, value_at_risk: r.valueAtRisk,
          last_purchase: r.lastPurchase, days_since_last_purchase: r.daysSinceLastPurchase, reason_en: r.reasonEn, reason_zh: r.reasonZh,
        })),
      };
      emit(flags.format, result, () => render(result, rows));
    });
}

function ruleFrom(flags: ChurnFlags): ThresholdRule {
  if (flags.threshold !== undefined && flags.valueShare !== undefined) throw new CliError('usage', 'give either --threshold or --value-share, not both');
  if (flags.valueShare !== undefined) {
    const share = Number(flags.valueShare);
    if (!(share > 0 && share <= 1)) throw new CliError('usage', `--value-share must be a share in (0, 1], e.g. 0.8 (got "${flags.valueShare}")`);
    return { kind: 'value-share', share };
  }
  if (flags.threshold === undefined) return DEFAULT_RULE;
  const tau = Number(flags.threshold);
  if (!(tau > 0 && tau <= 1)) throw new CliError('usage', `--threshold must be a probability in (0, 1], e.g. 0.5 (got "${flags.threshold}")`);
  return { kind: 'p-alive', tau };
}

interface CustomerColumns {
  ids: string[];
  pAlive: Float64Array;
  value: Float64Array;
  lastPurchase?: (string | null)[];
  valueColumn: string;
}

/** customer_id, p_alive, the value column and (if present) last_purchase, with errors that name the column or line. */
async function readCustomers(path: string, valueColumn: string | undefined): Promise<CustomerColumns> {
  if (!existsSync(path)) throw new CliError('io', `file not found: ${path}`);
  const reader = /\.(parquet|pq)$/i.test(path) ? `read_parquet(${quoteString(path)})` : `read_csv(${quoteString(path)}, header = true)`;
  const db = await DuckDbEngine.open({ threads: 2 });
  try {
    let names: string[];
    try {
      names = (await db.rows(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => String(r.column_name));
    } catch (e) {
      throw new CliError('input', `cannot read ${path} as a table: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    const value = valueColumn ?? (names.includes('clv_12m') ? 'clv_12m' : names.includes('expected_purchases_52w') ? 'expected_purchases_52w' : 'clv_12m');
    const missing = ['customer_id', 'p_alive', value].filter((c) => !names.includes(c));
    if (missing.length) {
      throw new CliError('input', `${path} has no column ${missing.map((m) => `"${m}"`).join(', ')} (columns: ${names.join(', ')}); `
        + 'churn reads the customers file of cvm analyze; name another value column with --value COL');
    }
    await db.run(`CREATE TEMP TABLE src AS SELECT * FROM ${reader}`);
    const numeric = ['p_alive', value];
    const bad = await db.rows(numeric.map((c) => `SELECT ${quoteString(c)} AS col, line, CAST(v AS VARCHAR) AS v FROM (SELECT row_number() OVER () + 1 AS line, ${quoteIdent(c)} AS v FROM src) WHERE v IS NOT NULL AND TRY_CAST(v AS DOUBLE) IS NULL`).join(' UNION ALL ') + ' ORDER BY line LIMIT 5');
    if (bad.length) throw new CliError('input', `${path}: not a number: ${bad.map((b) => `line ${b.line} ${b.col}="${b.v}"`).join('; ')}`);
    const last = names.includes('last_purchase') ? `, CAST(last_purchase AS VARCHAR) AS last_purchase` : '';
    const cols = await db.columns(`SELECT CAST(customer_id AS VARCHAR) AS id, TRY_CAST(p_alive AS DOUBLE) AS p, TRY_CAST(${quoteIdent(value)} AS DOUBLE) AS v${last} FROM src`);
    return {
      ids: (cols.id as (string | null)[]).map((v) => v ?? ''), pAlive: cols.p as Float64Array, value: cols.v as Float64Array,
      lastPurchase: last ? (cols.last_purchase as (string | null)[]) : undefined, valueColumn: value,
    };
  } finally {
    db.close();
  }
}

function render(r: { customers: number; excluded: number; flagged: number; totalValueAtRisk: number; flaggedValueAtRisk: number; valueColumn: string; rule: ThresholdRule; output: string | null }, rows: readonly ChurnListRow[]): string {
  const why = r.rule.kind === 'p-alive' ? `P(alive) < ${r.rule.tau}` : `top customers holding ${num(100 * r.rule.share)}% of the value at risk`;
  const share = r.totalValueAtRisk > 0 ? ` (${(100 * r.flaggedValueAtRisk / r.totalValueAtRisk).toFixed(1)}% of ${num(r.totalValueAtRisk, 8)})` : '';
  const lines = [
    `${num(r.customers)} customers${r.excluded ? ` (${num(r.excluded)} without P(alive) or ${r.valueColumn}, left out)` : ''}; value = ${r.valueColumn}`,
    `flagged ${num(r.flagged)} by ${why}, holding ${num(r.flaggedValueAtRisk, 8)} of value at risk${share}`,
  ];
  if (rows.length) {
    lines.push('', `${'rank'.padStart(6)}  ${'customer'.padEnd(12)}${'P(alive)'.padStart(9)}${'value'.padStart(11)}${'at risk'.padStart(11)}  last purchase`);
    for (const row of rows.slice(0, 10)) {
      lines.push(`${String(row.rank).padStart(6)}  ${row.customerId.padEnd(12)}${row.pAlive.toFixed(3).padStart(9)}${row.value.toFixed(2).padStart(11)}${row.valueAtRisk.toFixed(2).padStart(11)}  ${row.lastPurchase ?? ''}`);
    }
    if (rows.length > 10) lines.push(`   … ${num(rows.length - 10)} more${r.output ? ` in ${r.output}` : ' (--out FILE.csv writes them all)'}`);
  }
  if (r.output) lines.push(`wrote ${rows.length} rows to ${r.output}`);
  return lines.join('\n');
}
