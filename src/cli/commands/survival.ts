// `cvm survival <transactions>`: time to lapse per customer (SQL), Kaplan-Meier curves with
// confidence bands and the median, overall and by group, and with --cohorts the monthly cohort
// retention matrix. Runs on an in-memory DuckDB.
import { Option, type Command } from 'commander';
import { cohortRetention, DEFAULT_COHORT_MONTHS, type CohortMatrix } from '../../analytics/survival/cohort-retention.ts';
import { loadSegmentGroups, loadTransactionGroups } from '../../analytics/survival/customer-groups.ts';
import { observationEnd } from '../../analytics/survival/observation-end.ts';
import { survivalAt, type KaplanMeierCurve } from '../../analytics/survival/kaplan-meier.ts';
import { CONF_TYPES, type ConfType } from '../../analytics/survival/survival-bands.ts';
import { DEFAULT_LAPSE_DAYS, timeToLapse, type TimeToLapse } from '../../analytics/survival/time-to-lapse.ts';
import { loadTransactions } from '../../analytics/summary/load-transactions.ts';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { CliError } from '../cli-error.ts';
import { detectColumns } from '../detect-columns.ts';
import { emit, formatOption, info, num, type OutputFormat } from '../output.ts';

interface SurvivalFlags {
  customer?: string;
  date?: string;
  dateFormat?: string;
  end?: string;
  lapseDays: string;
  by?: string;
  segments?: string;
  segmentsId: string;
  confType: ConfType;
  confLevel: string;
  cohorts?: boolean;
  cohortMonths: string;
  header: boolean;
  delimiter?: string;
  format: OutputFormat;
}

const HELP = `
A customer lapses when L days (--lapse-days, default ${DEFAULT_LAPSE_DAYS}) pass without a purchase; the time to
lapse runs from the first purchase to that day. Customers still inside their L quiet days at the end
are censored there. Curves are Kaplan-Meier estimates with Greenwood standard errors and pointwise
bands as R's survival::survfit (conf.type log by default); the median and its interval as print.survfit.
--by COL groups customers by the value of COL on their first purchase (e.g. Country), or, with
--segments FILE, by COL of that one-row-per-customer file (e.g. a segment column in customers.csv).
--cohorts adds the monthly cohort retention matrix: the share of each first-purchase month's customers
buying again k calendar months later (k = 0..--cohort-months).

Examples:
  cvm survival cdnowElog.csv --customer masterid --date date --lapse-days 90 --cohorts
  cvm survival orders.csv --by country --conf-type log-log --format json
`;

export function registerSurvival(program: Command): void {
  program
    .command('survival')
    .description('time to lapse: Kaplan-Meier curves with confidence bands and medians, by segment; monthly cohort retention')
    .argument('<transactions>', 'transactions file: CSV (optionally .gz), whitespace-separated text or Parquet')
    .option('--customer <col>', 'customer id column (default: detected)')
    .option('--date <col>', 'purchase date column (default: detected)')
    .option('--date-format <fmt>', 'strptime format of the dates, e.g. %d/%m/%Y')
    .option('--end <date>', 'last day observed, YYYY-MM-DD (default: the last purchase day)')
    .option('--lapse-days <n>', 'days without a purchase after which a customer counts as lapsed', String(DEFAULT_LAPSE_DAYS))
    .option('--by <col>', 'grouping column: one curve per group')
    .option('--segments <file>', 'read --by from this one-row-per-customer file (e.g. customers.csv) instead')
    .option('--segments-id <col>', 'customer id column of --segments', 'customer_id')
    .addOption(new Option('--conf-type <type>', 'confidence band transformation (survfit conf.type)').choices(CONF_TYPES).default('log'))
    .option('--conf-level <p>', 'confidence level of the bands and the median interval', '0.95')
    .option('--cohorts', 'add the monthly cohort retention matrix')
    .option('--cohort-months <k>', 'months after the first purchase in the cohort matrix', String(DEFAULT_COHORT_MONTHS))
    .option('--no-header', 'the file has no header line: columns are given by position (1 = first)')
    .option('--delimiter <char>', "field delimiter, or 'whitespace' (default: detected)")
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (file: string, flags: SurvivalFlags) => {
      const lapseDays = wholeNumber(flags.lapseDays, '--lapse-days', 1);
      const cohortMonths = wholeNumber(flags.cohortMonths, '--cohort-months', 0);
      const confInt = Number(flags.confLevel);
      if (!(confInt > 0 && confInt < 1)) throw new CliError('usage', `--conf-level must be between 0 and 1, e.g. 0.95 (got "${flags.confLevel}")`);
      if (flags.segments !== undefined && flags.by === undefined) throw new CliError('usage', '--segments needs --by COL, the column of that file to group by');
      const db = await DuckDbEngine.open();
      try {
        const cols = flags.header ? await detectColumns(db, file, { customer: flags.customer, date: flags.date }) : { customer: flags.customer, date: flags.date, detected: false };
        if (cols.customer === undefined || cols.date === undefined) throw new CliError('usage', 'without a header, give --customer and --date as column positions');
        if (cols.detected && flags.format === 'text') info(`columns: customer=${cols.customer}, date=${cols.date} (detected)`);
        const loaded = await loadTransactions(db, {
          path: file, customer: cols.customer, date: cols.date, dateFormat: flags.dateFormat, header: flags.header, delimiter: flags.delimiter,
        });
        const end = await observationEnd(db, flags.end);
        let groupTable: string | undefined;
        if (flags.by !== undefined) {
          if (flags.segments !== undefined) await loadSegmentGroups(db, { path: flags.segments, id: flags.segmentsId, by: flags.by });
          else await loadTransactionGroups(db, { source: loaded.source, customer: cols.customer, date: cols.date, dateFormat: flags.dateFormat, by: flags.by, end });
          groupTable = 'customer_group';
        }
        const lapse = await timeToLapse(db, { lapseDays, end, groupTable, confType: flags.confType, confInt });
        const cohorts = flags.cohorts ? await cohortRetention(db, { months: cohortMonths, end: lapse.end }) : undefined;
        const result = {
          transactions: loaded.rows, customers: lapse.customers, end: lapse.end, lapseDays, lapsed: lapse.lapsed, censored: lapse.censored,
          returnedAfterLapse: lapse.returnedAfterLapse, confType: flags.confType, confLevel: confInt, by: flags.by ?? null,
          overall: curveJson(lapse.overall),
          groups: lapse.groups.map((g) => ({ group: g.group, ...curveJson(g.curve) })),
          ...(cohorts ? { cohorts } : {}),
        };
        emit(flags.format, result, () => render(loaded.rows, lapse, cohorts));
      } finally {
        db.close();
      }
    });
}

function wholeNumber(text: string, flag: string, min: number): number {
  const v = Number(text);
  if (!(Number.isInteger(v) && v >= min)) throw new CliError('usage', `${flag} must be a whole number ≥ ${min} (got "${text}")`);
  return v;
}

function curveJson(c: KaplanMeierCurve) {
  return {
    customers: c.records, lapsed: c.events, median: c.median.median, medianLower: c.median.lower, medianUpper: c.median.upper,
    curve: { time: c.time, nRisk: c.nRisk, nEvent: c.nEvent, nCensor: c.nCensor, surv: c.surv, stdErr: c.stdErr, lower: c.lower, upper: c.upper },
  };
}

const MAX_TEXT_GROUPS = 20;
const days = (v: number): string => (Number.isNaN(v) ? 'not reached' : `${num(v)} d`);
const percent = (v: number): string => (Number.isNaN(v) ? '–' : `${(100 * v).toFixed(1)}%`);

function render(transactions: number, r: TimeToLapse, cohorts: CohortMatrix | undefined): string {
  const c = r.overall;
  const level = `${num(100 * c.confInt)}%`;
  const lines = [
    `${num(r.customers)} customers (${num(transactions)} transactions), observed to ${r.end}; lapse = ${r.lapseDays} days without a purchase`,
    `lapsed ${num(r.lapsed)}, censored ${num(r.censored)}; ${num(r.returnedAfterLapse)} of the lapsed bought again later`,
  ];
  const marks = [...new Set([r.lapseDays, 180, 365, 730])].filter((t) => t >= r.lapseDays && t <= c.time[c.time.length - 1]).sort((a, b) => a - b);
  // Many groups (a customer-level column by mistake, or 40 countries) would bury the table: show the largest.
  const shown = r.groups.length > MAX_TEXT_GROUPS ? [...r.groups].sort((a, b) => b.curve.records - a.curve.records).slice(0, MAX_TEXT_GROUPS) : r.groups;
  const curves = [{ group: 'all', curve: c }, ...shown];
  const width = Math.max(12, ...curves.map((g) => g.group.length + 2));
  lines.push('', `${'not lapsed at'.padEnd(width)}${marks.map((t) => `${t} d`.padStart(10)).join('')}   median (${level} CI, ${c.confType} band)`);
  for (const g of curves) {
    const at = survivalAt(g.curve, marks).map((a) => percent(a.surv).padStart(10)).join('');
    const m = g.curve.median;
    lines.push(`${g.group.padEnd(width)}${at}   ${days(m.median)} (${days(m.lower)} – ${days(m.upper)}), n ${num(g.curve.records)}`);
  }
  if (shown.length < r.groups.length) lines.push(`… ${r.groups.length - shown.length} smaller groups not shown (--format json has them all)`);
  if (cohorts) {
    lines.push('', `cohort retention: share of each first-purchase month buying in month k${cohorts.partialLastMonth ? ` (${cohorts.end.slice(0, 7)} observed in part, to ${cohorts.end})` : ''}`);
    lines.push(`${'cohort'.padEnd(9)}${'n'.padStart(7)}${Array.from({ length: cohorts.months + 1 }, (_, k) => `${k}`.padStart(7)).join('')}`);
    for (const row of cohorts.cohorts) {
      lines.push(`${row.cohort.padEnd(9)}${String(row.customers).padStart(7)}${row.share.map((s) => (s === null ? '' : `${(100 * s).toFixed(0)}%`).padStart(7)).join('')}`);
    }
  }
  return lines.join('\n');
}
