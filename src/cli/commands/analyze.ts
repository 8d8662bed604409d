// `cvm analyze <transactions>`: the main job. Loads the file into an embedded DuckDB, builds the
// customer summary, fits the count model and Gamma-Gamma, scores every customer and writes
// DIR/customers.csv and DIR/customers.parquet.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { TIME_UNITS, type TimeUnit } from '../../analytics/models/types.ts';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { runValuePipeline, type CountModelChoice, type PipelineResult } from '../../pipeline/value-pipeline.ts';
import { CliError } from '../cli-error.ts';
import { detectColumns } from '../detect-columns.ts';
import { emit, formatOption, info, num, type OutputFormat } from '../output.ts';

interface AnalyzeFlags {
  customer?: string;
  date?: string;
  amount?: string;
  dateFormat?: string;
  unit: TimeUnit;
  end?: string;
  model: CountModelChoice;
  clvMonths: string;
  discountRate: string;
  out: string;
  format: OutputFormat;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('the whole value pipeline: transactions → summary → BG/NBD or Pareto/NBD + Gamma-Gamma → customers.csv/.parquet')
    .argument('<transactions>', 'CSV (also .csv.gz) or Parquet with a customer id, a date and an amount per purchase')
    .option('--customer <col>', 'customer id column (default: detected, e.g. customer_id, CustomerID, 会员编号)')
    .option('--date <col>', 'purchase date column (default: detected, e.g. date, InvoiceDate, 日期)')
    .option('--amount <col>', 'amount column (default: detected, e.g. amount, sales, 金额)')
    .option('--date-format <fmt>', 'strptime format of the dates, e.g. %d/%m/%Y (default: common formats)')
    .addOption(new Option('--unit <unit>', 'time unit of the summary').choices(TIME_UNITS).default('week'))
    .option('--end <date>', 'end of observation, YYYY-MM-DD (default: the last purchase day)')
    .addOption(new Option('--model <model>', 'purchase model; auto fits both and keeps the better').choices(['bgnbd', 'pnbd', 'auto']).default('bgnbd'))
    .option('--clv-months <n>', 'CLV horizon in months', '12')
    .option('--discount-rate <rate>', 'annual discount rate for CLV (applied monthly)', '0.10')
    .option('--out <dir>', 'output folder', 'cvm-out')
    .addOption(formatOption())
    .addHelpText('after', `
Example:
  cvm analyze samples/transactions.csv --out out
  cvm analyze orders.parquet --customer member_no --date paid_at --amount total --model auto --format json`)
    .action(async (file: string, flags: AnalyzeFlags) => {
      const clvMonths = Number(flags.clvMonths);
      const annual = Number(flags.discountRate);
      if (!(Number.isInteger(clvMonths) && clvMonths >= 1 && clvMonths <= 600)) throw new CliError('usage', `--clv-months must be a whole number from 1 to 600, got "${flags.clvMonths}"`);
      if (!(annual >= 0 && annual < 10)) throw new CliError('usage', `--discount-rate must be a yearly rate such as 0.1, got "${flags.discountRate}"`);
      const outDir = resolve(flags.out);
      mkdirSync(outDir, { recursive: true });
      const db = await DuckDbEngine.open();
      try {
        const mapping = await detectColumns(db, file, { customer: flags.customer, date: flags.date, amount: flags.amount });
        if (flags.format === 'text') info(`columns: customer=${mapping.customer}, date=${mapping.date}, amount=${mapping.amount ?? '(none)'}${mapping.detected ? ' (detected)' : ''}`);
        const started = performance.now();
        const result = await runValuePipeline(db, {
          load: { path: file, customer: mapping.customer, date: mapping.date, amount: mapping.amount, dateFormat: flags.dateFormat },
          unit: flags.unit, end: flags.end, model: flags.model, clvMonths, annualDiscountRate: annual,
          outCsv: join(outDir, 'customers.csv'), outParquet: join(outDir, 'customers.parquet'),
          onStep: (s) => { if (flags.format === 'text') info(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${STEP_LABELS[s] ?? s}`); },
        });
        emit(flags.format, { ...result, columns: mapping, output: { dir: outDir, csv: join(outDir, 'customers.csv'), parquet: join(outDir, 'customers.parquet') } }, () => render(result, outDir));
      } finally {
        db.close();
      }
    });
}

const STEP_LABELS: Record<string, string> = {
  load: 'reading transactions', summary: 'building the customer summary', fit: 'fitting the models',
  score: 'scoring customers', write: 'writing results',
};

function render(r: PipelineResult, outDir: string): string {
  const p = r.countFit.params as Record<string, number>;
  const lines = [
    `${r.rows} transactions, ${r.summary.customers} customers (unit: ${r.summary.unit}, observed to ${r.summary.end})`,
    `model: ${r.choice.reason}`,
    `  ${Object.entries(p).map(([k, v]) => `${k}=${num(v, 4)}`).join('  ')}   log-likelihood ${num(r.countFit.logLik, 8)}`,
  ];
  if (r.spendFit) {
    const g = r.spendFit.params as Record<string, number>;
    lines.push(`spend (Gamma-Gamma on ${r.spendFit.n} repeat customers): ${Object.entries(g).map(([k, v]) => `${k}=${num(v, 4)}`).join('  ')}`);
  }
  lines.push(`wrote ${join(outDir, 'customers.csv')} and customers.parquet in ${r.timings.total.toFixed(1)} s`);
  return lines.join('\n');
}
