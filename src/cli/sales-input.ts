// The input of the retail CLI commands (rfm, pyramid, hot-products, replenishment, loyalty): a sales
// file imported as `cvm analyze` imports it (column detection, reject file, exclusions), into a
// temporary data folder or the one given with --data; or, with --data and no file, the sales already
// imported there. Either way the command reads the store's `sales_lines` and `transactions`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { importSales } from '../ingest/import-sales.ts';
import type { ColumnChoice } from '../ingest/sales-columns.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { readAnalyzeConfig, DEFAULT_ANALYZE_CONFIG, type AnalyzeConfig } from '../pipeline/analyze-config.ts';
import { analyticsStorePath } from '../store/data-folder.ts';
import { CliError } from './cli-error.ts';

export interface SalesInputFlags {
  data?: string;
  customer?: string;
  date?: string;
  amount?: string;
  order?: string;
  quantity?: string;
  price?: string;
  product?: string;
  productName?: string;
  discount?: string;
  dateFormat?: string;
  end?: string;
  config?: string;
}

export interface SalesInput {
  db: DuckDbEngine;
  /** The observation end, YYYY-MM-DD: --end, else the last day of the customers' purchases. */
  end: string;
  /** What was read: the file, or the data folder. */
  source: string;
  /** Rows of the file set aside (excluded, rejected), for the reader; null when reading a data folder. */
  rows: { read: number; loaded: number; excluded: number; rejected: number } | null;
  config: AnalyzeConfig;
}

/** Adds --data, the column flags, --end and --config. */
export function salesInputOptions(c: Command): Command {
  return c
    .option('--data <dir>', 'data folder: import the file there (kept), or, without a file, read the sales imported there')
    .option('--customer <col>', 'customer id column (default: detected)')
    .option('--date <col>', 'date column (default: detected)')
    .option('--amount <col>', 'amount column (default: detected; or quantity × price)')
    .option('--order <col>', 'order id column (default: detected)')
    .option('--quantity <col>', 'quantity column')
    .option('--price <col>', 'unit price column')
    .option('--product <col>', 'product id column')
    .option('--product-name <col>', 'product name column')
    .option('--discount <col>', 'discount column')
    .option('--date-format <fmt>', 'strptime format of the dates, e.g. %d/%m/%Y')
    .option('--end <date>', 'observation end, YYYY-MM-DD (default: the last purchase day)')
    .option('--config <file>', "thresholds and labels, the same JSON file as cvm analyze's --config (docs/retail-analytics.md)");
}

/**
 * Runs `use` on the sales of a file or a data folder, then closes the store and removes a temporary folder.
 * @example await withSales('onlineretail.csv.gz', flags, async (s) => retailLoyalty(s.db))
 */
export async function withSales<T>(file: string | undefined, flags: SalesInputFlags, use: (s: SalesInput) => Promise<T>): Promise<T> {
  if (flags.end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.end)) throw new CliError('usage', `--end must be a date written YYYY-MM-DD, got "${flags.end}"`);
  if (file === undefined && flags.data === undefined) throw new CliError('usage', 'give a sales file, or --data DIR with sales imported by cvm import');
  const config = flags.config === undefined ? DEFAULT_ANALYZE_CONFIG : await readAnalyzeConfig(flags.config);
  const temp = flags.data === undefined ? mkdtempSync(join(tmpdir(), 'cvm-sales-')) : undefined;
  const dataDir = flags.data ?? temp ?? '';
  try {
    let rows: SalesInput['rows'] = null;
    if (file !== undefined) {
      const columns: ColumnChoice = {};
      for (const [role, col] of [['customer', flags.customer], ['date', flags.date], ['amount', flags.amount], ['order', flags.order], ['quantity', flags.quantity],
        ['unitPrice', flags.price], ['product', flags.product], ['productName', flags.productName], ['discount', flags.discount]] as const) {
        if (col !== undefined) columns[role] = col;
      }
      const r = await importSales({ path: file, dataDir, columns, dateFormat: flags.dateFormat });
      rows = { read: r.counts.read, loaded: r.counts.loaded, excluded: r.counts.excluded.total, rejected: r.counts.rejected.total };
    } else if (!existsSync(analyticsStorePath(dataDir))) {
      throw new CliError('input', `${dataDir} holds no imported sales (no ${analyticsStorePath(dataDir)}); run cvm import first or give a file`);
    }
    // The store is attached read-only to an in-memory database: the commands' work tables (and
    // `cvm pyramid --by predicted`'s customers table) never touch a data folder the user keeps.
    const db = await DuckDbEngine.open();
    try {
      await db.run(`ATTACH ${quoteString(analyticsStorePath(dataDir))} AS store (READ_ONLY)`);
      const tables = new Set((await db.rows("SELECT table_name FROM duckdb_tables() WHERE database_name = 'store'")).map((r) => String(r.table_name)));
      if (!tables.has('sales_lines')) throw new CliError('input', `${dataDir} holds no imported sales; run cvm import first or give a file`);
      await db.run('CREATE VIEW sales_lines AS SELECT * FROM store.sales_lines; CREATE VIEW transactions AS SELECT * FROM store.transactions');
      // Product events are copied, not viewed: the hot-product query looks for a table of that name.
      if (tables.has('product_events')) await db.run('CREATE TABLE product_events AS SELECT * FROM store.product_events');
      const last = await db.scalar("SELECT strftime(max(ts), '%Y-%m-%d') FROM transactions");
      if (typeof last !== 'string') throw new CliError('input', `${file ?? dataDir}: no purchase with a customer id to analyse`);
      return await use({ db, end: flags.end ?? last, source: file ?? dataDir, rows, config });
    } finally {
      db.close();
    }
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

/** A number flag in [min, max]. */
export function numberFlag(flag: string, v: string | undefined, min: number, max: number, integer = false): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n)))) {
    throw new CliError('usage', `${flag} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${v}"`);
  }
  return n;
}
