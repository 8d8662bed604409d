// `cvm summary`: transactions file → per-customer frequency / recency / T / monetary value (and
// holdout columns with a calibration split), written to CSV or Parquet. Runs on an in-memory DuckDB.
import { Option, type Command } from 'commander';
import { buildSummary } from '../../analytics/summary/build-summary.ts';
import { loadTransactions } from '../../analytics/summary/load-transactions.ts';
import { PERIOD_CONVENTIONS, type PeriodConvention } from '../../analytics/summary/summary-sql.ts';
import { writeSummary } from '../../analytics/summary/write-summary.ts';
import { TIME_UNITS, type TimeUnit } from '../../analytics/models/types.ts';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { emit, formatOption, num, type OutputFormat } from '../output.ts';

interface SummaryFlags {
  customer: string;
  date: string;
  amount?: string;
  dateFormat?: string;
  unit: TimeUnit;
  periods: PeriodConvention;
  end?: string;
  calibrationEnd?: string;
  out: string;
  header: boolean;
  delimiter?: string;
  format: OutputFormat;
}

const HELP = `
Conventions (--periods):
  fractional  BTYD / CLVTools: purchases on the same day merge; frequency = purchase days - 1;
              recency and T are days divided by the unit's length (week 7, month 365/12,
              year 365 days, as BTYD's dc.ElogToCbsCbt; CLVTools agrees for days and weeks).
  whole       lifetimes (summary_data_from_transaction_data / calibration_and_holdout_data with
              freq D, W, M or Y): dates become whole periods (weeks run Monday-Sunday), purchases
              in one period merge, recency and T count whole periods.
  In both, monetary_value is the mean spend of the repeat purchase days/periods (the first one
  excluded; 0 without repeats). The end and calibration-end days themselves are included.

Columns are named by header, or numbered from 1 with --no-header. Dates: YYYY-MM-DD, YYYYMMDD,
YYYY/MM/DD, YYYY-MM-DD HH:MM:SS and ISO 8601; other layouts with --date-format (strptime).
Files: .csv, .csv.gz, .txt (delimiter detected; blank-separated columns too) and .parquet.

Example (BTYD's CDNOW summary: 39 calibration weeks, holdout to the last transaction):
  cvm summary cdnowElog.csv --customer masterid --date date --amount sales \\
    --unit week --periods fractional --calibration-end 1997-09-30 --out cdnow-summary.csv
`;

export function registerSummary(program: Command): void {
  program
    .command('summary')
    .description('per-customer frequency, recency, T and monetary value from a transactions file')
    .argument('<transactions>', 'transactions file: CSV (optionally .gz), whitespace-separated text or Parquet')
    .requiredOption('--customer <column>', 'customer id column')
    .requiredOption('--date <column>', 'purchase date or timestamp column')
    .option('--amount <column>', 'purchase amount column (adds monetary_value)')
    .option('--date-format <format>', 'strptime format of the dates, e.g. %d/%m/%Y')
    .addOption(new Option('--unit <unit>', 'time unit of recency and T').choices(TIME_UNITS).default('week'))
    .addOption(new Option('--periods <convention>', 'whole (lifetimes) or fractional (BTYD/CLVTools)').choices(PERIOD_CONVENTIONS).default('fractional'))
    .option('--end <date>', 'last day observed, YYYY-MM-DD (default: day of the last transaction)')
    .option('--calibration-end <date>', 'last calibration day, YYYY-MM-DD: adds frequency_holdout, monetary_value_holdout, duration_holdout')
    .requiredOption('--out <file>', 'output file (.csv, or .parquet)')
    .option('--no-header', 'the file has no header line: columns are given by position (1 = first)')
    .option('--delimiter <char>', "field delimiter, or 'whitespace' (default: detected)")
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (file: string, flags: SummaryFlags) => {
      const db = await DuckDbEngine.open();
      try {
        const loaded = await loadTransactions(db, {
          path: file, customer: flags.customer, date: flags.date, amount: flags.amount, dateFormat: flags.dateFormat,
          header: flags.header, delimiter: flags.delimiter,
        });
        const info = await buildSummary(db, { unit: flags.unit, periods: flags.periods, end: flags.end, calibrationEnd: flags.calibrationEnd }, loaded.hasAmount);
        const rows = await writeSummary(db, flags.out);
        const result = {
          rowsWritten: rows, transactions: loaded.rows, unit: info.unit, periods: info.periods, end: info.end,
          calibrationEnd: info.calibrationEnd, output: flags.out,
        };
        emit(flags.format, result, () =>
          `${num(rows)} customers (${num(loaded.rows)} transactions) → ${flags.out}\n` +
          `unit ${info.unit}, ${info.periods} periods, observed to ${info.end}` +
          (info.calibrationEnd ? `, calibration to ${info.calibrationEnd}` : ''));
      } finally {
        db.close();
      }
    });
}
