// `cvm diagnose <transactions> --calibration-end DATE`: how well a model describes the data — the
// calibration repeat-frequency histogram, holdout purchases vs conditional expectations by frequency
// with error metrics, and weekly cumulative tracking — as data (JSON or a short text summary).
import { Option, type Command } from 'commander';
import { bgNbd } from '../../analytics/models/bg-nbd.ts';
import { mbgNbd } from '../../analytics/models/mbg-nbd.ts';
import { paretoNbd } from '../../analytics/models/pareto-nbd.ts';
import { TIME_UNITS, type CountModel, type TimeUnit } from '../../analytics/models/types.ts';
import { frequencyHistogram } from '../../analytics/diagnostics/frequency-histogram.ts';
import { holdoutCheck } from '../../analytics/diagnostics/holdout-check.ts';
import { actualTrackingSql, trackingStartsSql, UNIT_DAYS } from '../../analytics/diagnostics/tracking-sql.ts';
import { expectedCumulativePurchases, trackingComparison } from '../../analytics/diagnostics/tracking.ts';
import { buildSummary } from '../../analytics/summary/build-summary.ts';
import { loadTransactions } from '../../analytics/summary/load-transactions.ts';
import { readRfPatterns, readSummaryColumns } from '../../analytics/summary/read-summary.ts';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { CliError } from '../cli-error.ts';
import { emit, formatOption, num, type OutputFormat } from '../output.ts';

interface DiagnoseFlags {
  customer: string;
  date: string;
  dateFormat?: string;
  calibrationEnd: string;
  end?: string;
  unit: TimeUnit;
  model: 'bgnbd' | 'mbgnbd' | 'pnbd';
  maxBin: string;
  format: OutputFormat;
}

const MODELS: Record<DiagnoseFlags['model'], CountModel> = { bgnbd: bgNbd as CountModel, mbgnbd: mbgNbd as CountModel, pnbd: paretoNbd as CountModel };

export function registerDiagnose(program: Command): void {
  program
    .command('diagnose')
    .description('fit on a calibration period and check the model against the holdout: histogram, conditional expectations, tracking, errors')
    .argument('<transactions>', 'CSV or Parquet transaction log')
    .requiredOption('--customer <col>', 'customer id column')
    .requiredOption('--date <col>', 'date column')
    .requiredOption('--calibration-end <date>', 'last day of the calibration period (YYYY-MM-DD)')
    .option('--end <date>', 'end of the holdout (default: the last purchase day)')
    .option('--date-format <fmt>', 'strptime format of the dates')
    .addOption(new Option('--unit <unit>', 'time unit').choices(TIME_UNITS).default('week'))
    .addOption(new Option('--model <model>', 'count model').choices(Object.keys(MODELS)).default('bgnbd'))
    .option('--max-bin <n>', 'last frequency bin ("n or more")', '7')
    .addOption(formatOption())
    .addHelpText('after', `
Example:
  cvm diagnose cdnowElog.csv --customer masterid --date date --calibration-end 1997-09-30 --format json`)
    .action(async (file: string, flags: DiagnoseFlags) => {
      const maxBin = Number(flags.maxBin);
      if (!(Number.isInteger(maxBin) && maxBin >= 1 && maxBin <= 100)) throw new CliError('usage', `--max-bin must be a whole number from 1 to 100, got "${flags.maxBin}"`);
      const model = MODELS[flags.model];
      const db = await DuckDbEngine.open();
      try {
        await loadTransactions(db, { path: file, customer: flags.customer, date: flags.date, dateFormat: flags.dateFormat });
        const info = await buildSummary(db, { unit: flags.unit, periods: 'fractional', end: flags.end, calibrationEnd: flags.calibrationEnd }, false);
        const patterns = await readRfPatterns(db);
        const fit = model.fit(patterns, { standardErrors: false });
        const c = await readSummaryColumns(db);
        if (!c.frequencyHoldout || !c.durationHoldout) throw new Error('the summary has no holdout columns');
        const histogram = frequencyHistogram(model, fit.params, patterns, maxBin);
        const holdout = holdoutCheck(model, fit.params, { x: c.frequency, tx: c.recency, T: c.T, xHoldout: c.frequencyHoldout, durationHoldout: c.durationHoldout }, maxBin);
        const days = UNIT_DAYS[flags.unit];
        const periods = Math.ceil(Number(await db.scalar(`SELECT date_diff('day', min(CAST(ts AS DATE)), DATE '${info.end}') + 1 FROM transactions`)) / days);
        const actual = await db.columns(actualTrackingSql(days, periods));
        const starts = await db.rows(trackingStartsSql(days));
        const times = Array.from({ length: periods }, (_, i) => i + 1);
        const expected = expectedCumulativePurchases(model, fit.params, starts.map((s) => ({ time: Number(s.time), customers: Number(s.customers) })), times);
        const tracking = trackingComparison(times, expected, actual.cumulative as Float64Array);
        const result = { model: fit.model, params: fit.params, logLik: fit.logLik, summary: info, histogram, holdout, tracking };
        emit(flags.format, result, () => [
          `${fit.model} fitted on ${info.customers} customers to ${flags.calibrationEnd}; holdout to ${info.end}`,
          `holdout purchases: actual ${holdout.totalActual}, expected ${num(holdout.totalExpected, 6)}; MAE ${num(holdout.errors.mae, 4)}, RMSE ${num(holdout.errors.rmse, 4)}`,
          `ranking buyers in the holdout: AUC of expected purchases ${num(holdout.expectedPurchasesAuc, 3)}, of P(alive) ${num(holdout.pAlive.auc, 3)}`,
          `cumulative tracking: final error ${(100 * tracking.finalRelativeError).toFixed(1)} %, largest ${(100 * tracking.maxRelativeError).toFixed(1)} %`,
          'frequency  customers  actual  expected (holdout mean)',
          ...holdout.bins.map((b) => `${(b.frequency + (b.orMore ? '+' : '')).padStart(9)}  ${String(b.customers).padStart(9)}  ${num(b.actual, 3).padStart(6)}  ${num(b.expected, 3).padStart(8)}`),
        ].join('\n'));
      } finally {
        db.close();
      }
    });
}
