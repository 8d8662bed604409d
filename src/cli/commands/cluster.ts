// `cvm cluster <file>`: k-means customer segments (聚类分析) with k chosen by the mean silhouette.
// Input is either a customer table whose numeric columns are named with --features (e.g. the
// customers.csv `cvm analyze` writes), or a transactions / order-lines file from which the behaviour
// features are computed in DuckDB (recency, frequency, spend per order, and basket size, discount
// share and categories when the columns exist).
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { clusterCustomers, type ClusterResult, type Feature } from '../../analytics/clustering/cluster-customers.ts';
import { customerFeaturesFromFile } from '../../analytics/clustering/customer-features.ts';
import { vocabularyFor } from '../../analytics/clustering/describe-cluster.ts';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { CliError } from '../cli-error.ts';
import { detectColumns } from '../detect-columns.ts';
import { emit, formatOption, num, type OutputFormat } from '../output.ts';
import { readTable } from '../read-table.ts';

interface ClusterFlags {
  features?: string;
  id?: string;
  customer?: string;
  date?: string;
  amount?: string;
  quantity?: string;
  price?: string;
  order?: string;
  discount?: string;
  category?: string;
  dateFormat?: string;
  end?: string;
  k?: string;
  kMin: string;
  kMax: string;
  seed: string;
  restarts: string;
  out?: string;
  format: OutputFormat;
}

const HELP = `
Features: log1p of each, then z-scores (sample sd). From transactions: recency_days (days since the
last purchase), frequency (orders: --order ids, else purchase days), monetary (net spend per order),
and with --quantity basket_size (items per order), with --discount discount_share (share of lines
with discount > 0), with --category categories (distinct categories bought).
k: k-means++ with several restarts for each k from --k-min to --k-max; the k with the highest mean
silhouette width is kept (exact up to 10,000 customers, a seeded sample of 10,000 beyond).
Clusters are described from their centroids: a feature ≥ 0.25 sd from the mean earns a word.

Examples:
  cvm cluster cdnowElog.csv --customer masterid --date date --amount sales
  cvm cluster onlineretail.csv.gz --customer CustomerID --date InvoiceDate --quantity Quantity \\
    --price UnitPrice --order InvoiceNo --format json
  cvm cluster out/customers.csv --features frequency,recency,monetary_value --id customer_id`;

const int = (flag: string, v: string, min: number): number => {
  const n = Number(v);
  if (!(Number.isInteger(n) && n >= min)) throw new CliError('usage', `${flag} must be a whole number ≥ ${min}, got "${v}"`);
  return n;
};

export function registerCluster(program: Command): void {
  program
    .command('cluster')
    .description('k-means customer segments on standardised log features, k chosen by silhouette, described in words')
    .argument('<file>', 'a customer table (with --features) or a transactions / order-lines file (CSV, .csv.gz, Parquet)')
    .option('--features <cols>', 'customer table: comma-separated numeric columns to cluster on')
    .option('--id <col>', 'customer table: the customer id column')
    .option('--customer <col>', 'transactions: customer id column (default: detected)')
    .option('--date <col>', 'transactions: date column (default: detected)')
    .option('--amount <col>', 'transactions: line amount column (default: detected)')
    .option('--quantity <col>', 'transactions: quantity column (amount = quantity × price without --amount; adds basket_size)')
    .option('--price <col>', 'transactions: unit price column')
    .option('--order <col>', 'transactions: order / invoice id column (default: one order per customer-day)')
    .option('--discount <col>', 'transactions: discount column (adds discount_share)')
    .option('--category <col>', 'transactions: product category column (adds categories)')
    .option('--date-format <fmt>', 'strptime format of the dates, e.g. %d/%m/%Y')
    .option('--end <date>', 'transactions: day recency is counted to, YYYY-MM-DD (default: the last transaction day)')
    .option('--k <n>', 'use this k (the silhouette curve is still reported)')
    .option('--k-min <n>', 'smallest k tried', '2')
    .option('--k-max <n>', 'largest k tried', '8')
    .option('--seed <n>', 'random seed', '1')
    .option('--restarts <n>', 'k-means++ starts per k', '10')
    .option('--out <file>', 'write customer_id, cluster and the features to this CSV')
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (file: string, flags: ClusterFlags) => {
      const options = {
        kMin: int('--k-min', flags.kMin, 2), kMax: int('--k-max', flags.kMax, 2), seed: int('--seed', flags.seed, 0),
        restarts: int('--restarts', flags.restarts, 1), k: flags.k === undefined ? undefined : int('--k', flags.k, 1),
      };
      if (flags.end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.end)) throw new CliError('usage', `--end must be a date written YYYY-MM-DD, got "${flags.end}"`);
      const input = flags.features ? await fromTable(file, flags) : await fromTransactions(file, flags);
      const result = clusterCustomers(input.features, options);
      if (flags.out) writeAssignments(flags.out, input.ids, result, input.features);
      const { labels: _labels, ...rest } = result;
      emit(flags.format, { input: input.info, ...rest, output: flags.out ?? null }, () => render(input.info, result));
    });
}

interface Input { ids: string[]; features: Feature[]; info: Record<string, unknown> }

async function fromTable(file: string, flags: ClusterFlags): Promise<Input> {
  const names = (flags.features ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new CliError('usage', '--features needs at least one column name');
  const wanted = [...names.map((name) => ({ name, required: true })), ...(flags.id ? [{ name: flags.id, required: true, text: true }] : [])];
  const table = await readTable(file, wanted, {});
  const features = names.map((name) => ({ name, values: table.numbers[name] }));
  const missing = names.filter((nm) => features.find((f) => f.name === nm)?.values.some(Number.isNaN));
  if (missing.length) throw new CliError('input', `${file}: empty values in ${missing.join(', ')}; fill or drop those rows first`);
  const ids = flags.id ? table.text[flags.id] : Array.from({ length: table.rows }, (_, i) => String(i + 1));
  return { ids, features, info: { kind: 'customer table', file, customers: table.rows } };
}

async function fromTransactions(file: string, flags: ClusterFlags): Promise<Input> {
  const db = await DuckDbEngine.open();
  try {
    // With quantity and price and no amount column, the amount is their product: a detected "price"
    // or "total" column must not take its place.
    const byPrice = flags.quantity !== undefined && flags.price !== undefined && flags.amount === undefined;
    const cols = await detectColumns(db, file, { customer: flags.customer, date: flags.date, amount: flags.amount });
    const f = await customerFeaturesFromFile(db, file, {
      customer: cols.customer, date: cols.date, amount: byPrice ? undefined : cols.amount,
      quantity: flags.quantity, price: flags.price, order: flags.order, discount: flags.discount, category: flags.category, dateFormat: flags.dateFormat,
    }, flags.end);
    const info = {
      kind: 'transactions', file, columns: { customer: cols.customer, date: cols.date, amount: f.load.amountFrom, order: flags.order ?? null, quantity: flags.quantity ?? null, discount: flags.discount ?? null, category: flags.category ?? null },
      rows: f.load.rows, skippedNoCustomer: f.load.skippedNoCustomer, customers: f.ids.length, customersWithoutPurchase: f.withoutPurchase, end: f.end,
    };
    return { ids: f.ids, features: [...f.features], info };
  } finally {
    db.close();
  }
}

function writeAssignments(path: string, ids: string[], r: ClusterResult, features: Feature[]): void {
  const used = features.filter((f) => r.features.includes(f.name));
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = [['customer_id', 'cluster', ...used.map((f) => f.name)].join(',')];
  for (let i = 0; i < ids.length; i++) lines.push([quote(ids[i]), r.labels[i], ...used.map((f) => f.values[i])].join(','));
  try {
    writeFileSync(path, lines.join('\n') + '\n');
  } catch (e) {
    throw new CliError('io', `cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function render(info: Record<string, unknown>, r: ClusterResult): string {
  const count = (v: number) => v.toLocaleString('en-US');
  const out = [`${count(r.labels.length)} customers from ${String(info.file)}; features ${r.features.join(', ')} (log1p, then z-scores)`];
  if (typeof info.skippedNoCustomer === 'number' && info.skippedNoCustomer > 0) out.push(`${count(info.skippedNoCustomer)} lines without a customer id skipped`);
  for (const d of r.dropped) out.push(`dropped ${d.feature}: ${d.reason}`);
  out.push(`mean silhouette (${r.silhouetteExact ? 'exact' : `seeded sample of ${count(r.silhouetteRows)}`}): ${r.silhouette.map((s) => `k=${s.k} ${s.mean.toFixed(3)}`).join('  ')}`);
  out.push(`k = ${r.k} (${r.chosenBy === 'given' ? 'given' : 'highest mean silhouette'})`, '');
  for (const c of r.clusters) {
    out.push(`cluster ${c.id}: ${count(c.size)} customers (${(100 * c.share).toFixed(1)} %) — ${c.description.en} / ${c.description.zh}`);
    out.push(`  means: ${r.features.map((f) => `${vocabularyFor(f).label.en} ${num(c.means[f], 4)}`).join(' · ')}`);
  }
  return out.join('\n');
}
