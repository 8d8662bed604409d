// `cvm analyze <transactions>`: the main job. Imports the file into a data folder (temporary unless
// --data), builds the customer summary, fits the purchase model and Gamma-Gamma, segments and scores
// every customer, checks the model on a holdout, and writes DIR/customers.csv, customers.parquet,
// report.html and report.json. Thresholds, weights and labels come from --config, else from the
// settings an admin saved in the kept data folder (the dashboard's settings page), else the defaults.
import { Option, type Command } from 'commander';
import { TIME_UNITS, type TimeUnit } from '../../analytics/models/types.ts';
import type { ColumnChoice } from '../../ingest/sales-columns.ts';
import type { TextEncoding } from '../../ingest/sniff-file.ts';
import { savedAnalyzeConfig } from '../../api/settings/analysis-settings.ts';
import { readAnalyzeConfig, type AnalyzeConfig } from '../../pipeline/analyze-config.ts';
import { analyzeFile, type AnalyzeResult } from '../../pipeline/analyze-run.ts';
import type { CountModelChoice } from '../../pipeline/value-pipeline.ts';
import type { Lang } from '../../report/report-data.ts';
import { hasOperationalStore, operationalStoreOptions } from '../../store/data-folder.ts';
import { openOperationalStore } from '../../store/open-operational-store.ts';
import { CliError } from '../cli-error.ts';
import { emit, formatOption, info, num, type OutputFormat } from '../output.ts';
import { refuseWhileServing } from '../serving-guard.ts';

interface AnalyzeFlags {
  customer?: string; date?: string; amount?: string; order?: string; quantity?: string; price?: string; product?: string;
  dateFormat?: string; encoding?: TextEncoding; strict?: boolean; data?: string; databaseUrl?: string;
  unit: TimeUnit; end?: string; model?: CountModelChoice; clvMonths: string; discountRate: string;
  holdout: boolean; segments: boolean; lang: Lang; currency?: string; out: string; format: OutputFormat; config?: string;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('the main job: import → summary → BG/NBD or Pareto/NBD + Gamma-Gamma → segments → customers.csv/.parquet and report.html')
    .argument('<transactions>', 'CSV (also .csv.gz, UTF-8 or GBK) or Parquet: one row per purchase or per order line')
    .option('--customer <col>', 'customer id column (default: detected, e.g. customer_id, CustomerID, 会员编号)')
    .option('--date <col>', 'date column (default: detected, e.g. date, InvoiceDate, 日期)')
    .option('--amount <col>', 'amount column (default: detected; or quantity × price)')
    .option('--order <col>', 'order id column (default: detected, e.g. InvoiceNo, order_id, 订单号)')
    .option('--quantity <col>', 'quantity column, with --price when there is no amount')
    .option('--price <col>', 'unit price column')
    .option('--product <col>', 'product id column')
    .option('--date-format <fmt>', 'strptime format of the dates, e.g. %d/%m/%Y (default: common formats)')
    .addOption(new Option('--encoding <enc>', 'text encoding (default: detected)').choices(['utf8', 'gbk']))
    .option('--strict', 'fail when any row is rejected')
    .option('--data <dir>', 'keep the imported data in this folder (default: a temporary folder)')
    .option('--database-url <url>', 'with --data: the folder\'s operational store (surveys, complaints) is on this PostgreSQL server (postgres://…)')
    .addOption(new Option('--unit <unit>', 'time unit of the summary').choices(TIME_UNITS).default('week'))
    .option('--end <date>', 'end of observation, YYYY-MM-DD (default: the last purchase day)')
    .addOption(new Option('--model <model>', 'purchase model (default: auto, which fits both and keeps the better fit)').choices(['bgnbd', 'pnbd', 'auto']))
    .option('--clv-months <n>', 'CLV horizon in months', '12')
    .option('--discount-rate <rate>', 'annual discount rate for CLV (applied monthly)', '0.10')
    .option('--no-holdout', 'skip the holdout check of the model')
    .option('--no-segments', 'skip RFM, the value pyramid, the composite score and the churn ranking (to measure what they cost)')
    .addOption(new Option('--lang <lang>', 'report language (the page can switch)').choices(['en', 'zh-CN']).default('en'))
    .option('--currency <symbol>', 'currency symbol for the report, e.g. ¥')
    .option('--out <dir>', 'output folder', 'cvm-out')
    .option('--config <file>', 'JSON file of thresholds, weights and labels (RFM map, pyramid cuts, weights, churn threshold, clusters, lifecycle, survival, hot products, rules, replenishment; docs/retail-analytics.md); default: the settings saved in the --data folder, if any')
    .addOption(formatOption())
    .addHelpText('after', `
Examples:
  cvm analyze samples/transactions.csv --out out
  cvm analyze ../shared/data/online-retail/onlineretail.csv.gz --out retail --currency £
  cvm analyze orders.parquet --customer member_no --date paid_at --amount total --format json
  cvm analyze samples/orders.csv --data cvm-data --out out   # after cvm import --kind customers|products|events|interactions --data cvm-data: NPS, quadrants, margins
  cvm analyze sales.csv --data cvm-data --database-url postgres://cvm@127.0.0.1/cvm --out out
  cvm analyze sales.csv --config cvm-config.json --out out   # e.g. {"rules": {"support": 0.005}, "churn": {"threshold": 0.3}}`)
    .action(async (file: string, flags: AnalyzeFlags) => {
      const clvMonths = Number(flags.clvMonths);
      const annual = Number(flags.discountRate);
      if (!(Number.isInteger(clvMonths) && clvMonths >= 1 && clvMonths <= 600)) throw new CliError('usage', `--clv-months must be a whole number from 1 to 600, got "${flags.clvMonths}"`);
      if (!(annual >= 0 && annual < 10)) throw new CliError('usage', `--discount-rate must be a yearly rate such as 0.1, got "${flags.discountRate}"`);
      const columns: ColumnChoice = {};
      for (const [role, col] of [['customer', flags.customer], ['date', flags.date], ['amount', flags.amount], ['order', flags.order], ['quantity', flags.quantity], ['unitPrice', flags.price], ['product', flags.product]] as const) {
        if (col !== undefined) columns[role] = col;
      }
      if (flags.databaseUrl !== undefined && flags.data === undefined) throw new CliError('usage', '--database-url needs --data DIR (the folder whose operational store is on that server)');
      if (flags.data !== undefined) refuseWhileServing(flags.data, 'upload the file on the dashboard\'s import page or POST /api/imports (its analysis uses the saved settings)');
      const { config, settings } = await chooseConfig(flags);
      if (flags.format === 'text') info(`settings: ${describeSettings(settings)}`);
      const started = performance.now();
      const result = await analyzeFile({
        file, outDir: flags.out, dataDir: flags.data, columns, dateFormat: flags.dateFormat, encoding: flags.encoding, strict: flags.strict,
        unit: flags.unit, end: flags.end, model: flags.model, clvMonths, annualDiscountRate: annual, holdout: flags.holdout, segments: flags.segments, lang: flags.lang, currency: flags.currency, config, databaseUrl: flags.databaseUrl,
        onStep: (m) => { if (flags.format === 'text') info(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${m}`); },
      });
      emit(flags.format, { ...result, settings }, () => render(result));
    });
}

/** Where the run's thresholds, weights and labels came from (also in --format json). */
export type SettingsSource = { source: 'config-file'; file: string } | { source: 'data-folder'; savedAt: string } | { source: 'defaults' };

/** --config wins; else the settings saved in the kept data folder's operational store; else the defaults. */
async function chooseConfig(flags: AnalyzeFlags): Promise<{ config: AnalyzeConfig | undefined; settings: SettingsSource }> {
  if (flags.config !== undefined) return { config: await readAnalyzeConfig(flags.config), settings: { source: 'config-file', file: flags.config } };
  if (flags.data === undefined || !hasOperationalStore(flags.data, flags.databaseUrl)) return { config: undefined, settings: { source: 'defaults' } };
  const store = await openOperationalStore(operationalStoreOptions(flags.data, flags.databaseUrl));
  try {
    const saved = await savedAnalyzeConfig(store.db);
    if (!saved) return { config: undefined, settings: { source: 'defaults' } };
    return { config: saved.config, settings: { source: 'data-folder', savedAt: saved.savedAt.toISOString() } };
  } finally {
    await store.close();
  }
}

function describeSettings(s: SettingsSource): string {
  if (s.source === 'config-file') return `from ${s.file}`;
  if (s.source === 'data-folder') return `from the data folder (saved ${s.savedAt}; --config FILE to override)`;
  return 'defaults';
}

function render(r: AnalyzeResult): string {
  const c = r.import.counts;
  const p = r.pipeline;
  const reasons = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ');
  const lines = [
    `columns: ${Object.entries(r.import.mapping).map(([k, v]) => `${k}=${v}`).join(', ')}`,
    `rows: read ${c.read} = loaded ${c.loaded} + excluded ${c.excluded.total}${c.excluded.total ? ` (${reasons(c.excluded.byReason)})` : ''} + duplicates ${c.duplicates} + already loaded ${c.alreadyLoaded} + rejected ${c.rejected.total}${c.rejected.total ? ` (${reasons(c.rejected.byReason)})` : ''}`,
    `  ${c.anonymous} loaded rows have no customer id: they count for products, not customers${r.import.rejectFile ? `; rejects in ${r.import.rejectFile}` : ''}`,
    `${p.summary.customers} customers (unit: ${p.summary.unit}, observed to ${p.summary.end})`,
    `model: ${p.choice.reason}`,
    `  ${Object.entries(p.countFit.params as Record<string, number>).map(([k, v]) => `${k}=${num(v, 4)}`).join('  ')}   log-likelihood ${num(p.countFit.logLik, 8)}`,
  ];
  if (p.spendFit) lines.push(`spend (Gamma-Gamma on ${p.spendFit.n} repeat customers): ${Object.entries(p.spendFit.params as Record<string, number>).map(([k, v]) => `${k}=${num(v, 4)}`).join('  ')}`);
  else if (p.spendUnavailable) lines.push(`spend: ${p.spendUnavailable}`);
  lines.push(`wrote ${r.output.csv}, customers.parquet, report.html and report.json`);
  return lines.join('\n');
}
