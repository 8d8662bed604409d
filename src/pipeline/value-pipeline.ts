// The value pipeline behind `cvm analyze` and the benchmark: transactions file → customer summary →
// count model (BG/NBD or Pareto/NBD, or the better of the two) → Gamma-Gamma → per-customer scores →
// customers.csv / customers.parquet. Everything heavy stays in DuckDB; models fit on distinct patterns.
import { convertTime, unitsPerMonth } from '../analytics/models/clv.ts';
import { bgNbd } from '../analytics/models/bg-nbd.ts';
import { fitGammaGamma, type GammaGammaParams } from '../analytics/models/gamma-gamma.ts';
import { ModelError } from '../analytics/models/model-error.ts';
import { paretoNbd } from '../analytics/models/pareto-nbd.ts';
import type { CountModel, FitResult, TimeUnit } from '../analytics/models/types.ts';
import { buildSummary, describeSummary, summaryOptionsError, type SummaryInfo } from '../analytics/summary/build-summary.ts';
import { loadTransactions, type LoadOptions } from '../analytics/summary/load-transactions.ts';
import { readRfPatterns } from '../analytics/summary/read-summary.ts';
import type { PeriodConvention } from '../analytics/summary/summary-sql.ts';
import { dropDaysSql, transactionDaysSql } from '../analytics/summary/transactions-sql.ts';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteIdent } from '../engines/duckdb/sql-literal.ts';
import { overlapped } from '../engines/duckdb/overlapped.ts';
import { joinScores, patternScores, storePatternScores, type PatternScores, type ScoreInfo } from './score-customers.ts';
import { PIPELINE_MEMORY_BYTES, PIPELINE_MEMORY_LIMIT, withMemoryCap } from './memory-cap.ts';
import { checkCustomerIdsSql, csvPatternText, customerIdsPlain, writeCustomers } from './write-customers.ts';

/** The temporary table of (frequency, mean spend) patterns Gamma-Gamma fits on. */
const SPEND_PATTERNS = 'spend_patterns';

/** The temporary table of day totals between loading and summarising a file. */
const DAYS_TABLE = 'transaction_days';

export type CountModelChoice = 'bgnbd' | 'pnbd' | 'auto';

export interface PipelineOptions {
  /** The file to read; null when `transactions(customer_id, ts, amount)` already exists (an import's view). */
  load: LoadOptions | null;
  unit?: TimeUnit;
  periods?: PeriodConvention;
  end?: string;
  model?: CountModelChoice;
  /** Months of CLV, discounted monthly (default 12). */
  clvMonths?: number;
  /** Annual discount rate for CLV (default 0.10), applied as the equivalent monthly rate. */
  annualDiscountRate?: number;
  /** Output files; omitted: results stay in the `customers` table. */
  outCsv?: string;
  outParquet?: string;
  /** Called as each step starts, for progress display. */
  onStep?: (step: string) => void;
  /**
   * With `load: null`: group `transactions` into this temporary table of customer-days first
   * (transactionDaysSql, with `purchase`), build the summary from it and keep it for the caller.
   * cvm analyze's later parts (holdout check, lifecycle, time to lapse, cohorts) read the same
   * customer-days, and `transactions` there is a view that groups the sales lines into orders on
   * every read: grouped once, the days cost one pass instead of five.
   */
  keepDays?: string;
}

export interface ModelChoice {
  chosen: 'bgnbd' | 'pnbd';
  reason: string;
  candidates: { model: string; logLik: number; bic: number }[];
}

export interface PipelineResult {
  rows: number;
  summary: SummaryInfo;
  patterns: number;
  countFit: FitResult;
  choice: ModelChoice;
  spendFit: (FitResult & { skipped: number }) | null;
  /** Why there is no spend model although the file has amounts (Gamma-Gamma did not converge). */
  spendUnavailable?: string;
  score: ScoreInfo;
  horizon: { purchasesWeeks: number; clvMonths: number; annualDiscountRate: number };
  timings: Record<string, number>;
}

/** Runs the pipeline with DuckDB's memory bounded (memory-cap.ts) unless the caller set a limit. */
export function runValuePipeline(db: DuckDbEngine, o: PipelineOptions): Promise<PipelineResult> {
  return withMemoryCap(db, PIPELINE_MEMORY_LIMIT, PIPELINE_MEMORY_BYTES, () => runSteps(db, o));
}

async function runSteps(db: DuckDbEngine, o: PipelineOptions): Promise<PipelineResult> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    o.onStep?.(name);
    return () => { timings[name] = (performance.now() - now) / 1000; };
  };
  let done = step('load');
  const unit = o.unit ?? 'week';
  const periods = o.periods ?? 'fractional';
  // A view, and the summary built in the reading that checks the file when DuckDB's typed reader
  // takes it (the end must be known before reading, for T): a clean file is parsed once, in one
  // query, and its rows are never copied into memory. Otherwise the day totals the summary starts
  // from are taken in that reading.
  const days = o.load ? DAYS_TABLE : o.keepDays;
  const end = o.end;
  const inReading = end !== undefined && summaryOptionsError({ unit, periods, end }) === null ? { unit, periods, end } : undefined;
  const loaded = o.load ? await loadTransactions(db, { ...o.load, view: true, days, summary: inReading }) : { ...await existingTransactions(db, o.keepDays), summarised: false };
  done();
  done = step('summary');
  const summary = loaded.summarised && end !== undefined
    ? await describeSummary(db, { unit, periods, end }, loaded.hasAmount)
    : await buildSummary(db, { unit, periods, end: end ?? loaded.lastDay, history: true, days }, loaded.hasAmount);
  if (o.load && days !== undefined) await db.run(dropDaysSql(days));
  done();
  done = step('fit');
  const patterns = await readRfPatterns(db);
  // While JS fits the count model, DuckDB groups the spend patterns and, with result files, checks the
  // customer ids for them (checkCustomerIdsSql). The files are sorted as they are written: sorting the
  // summary here instead left a sort by row position to do after the scores were joined on (a hash
  // join keeps no order), and the two sorts cost more than the one (fit step 1.1 s against 0.75 s at
  // 1M customers, the write the same).
  const files = o.outCsv !== undefined || o.outParquet !== undefined;
  const ahead = [
    // Sorted here, where DuckDB has a core to spare, so that the read after the fit is a plain scan
    // (a table keeps its insertion order): the fit waited ~0.07 s for that sort at 1M customers.
    ...(loaded.hasAmount ? [`CREATE OR REPLACE TEMP TABLE ${SPEND_PATTERNS} AS SELECT frequency AS x, monetary_value AS m, count(*) AS w FROM customer_summary WHERE frequency > 0 GROUP BY ALL ORDER BY ALL`] : []),
    ...(files ? [checkCustomerIdsSql()] : []),
  ];
  const aheadDone = ahead.length > 0 ? overlapped(db, ahead.join(';\n')) : async () => {};
  const fitOptions = { standardErrors: true };
  const fits: { model: CountModel; fit: FitResult }[] = [];
  let spendFit: (FitResult & { skipped: number }) | null = null;
  // The SQL ahead is settled before anything is thrown, so a failed fit never leaves the connection
  // busy or a rejection unhandled.
  let fitFailure: { error: unknown } | null = null;
  let spendUnavailable: string | undefined;
  // With `auto`, a model that cannot be fitted to these data (ModelError) leaves the choice to the
  // other, and the reason says why; a model asked for by name fails the run as before.
  const wanted = o.model ?? 'bgnbd';
  const candidates = [...(wanted !== 'pnbd' ? [bgNbd as CountModel] : []), ...(wanted !== 'bgnbd' ? [paretoNbd as CountModel] : [])];
  let failed: { model: string; message: string } | undefined;
  for (const [k, model] of candidates.entries()) {
    try {
      // The second model of `auto` is there to be compared: no simplex if L-BFGS fails (FitOptions.fallback).
      fits.push({ model, fit: model.fit(patterns, k === 0 ? fitOptions : { ...fitOptions, fallback: false }) });
    } catch (error) {
      if (wanted === 'auto' && error instanceof ModelError && failed === undefined) failed = { model: model.name, message: error.message };
      else fitFailure ??= { error };
    }
  }
  await aheadDone();
  if (fitFailure) throw fitFailure.error;
  const plainIds = files && await customerIdsPlain(db);
  const best = fits.reduce((a, b) => (b.fit.bic < a.fit.bic ? b : a));
  const choice = explainChoice(o.model, fits.map((f) => f.fit), best.fit, failed);
  // The count model's scores per pattern need neither the spend patterns nor the spend model: JS
  // computes them while DuckDB reads the spend patterns (in a fixed order, so that the same summary
  // gives the same fit; money-sql.ts makes the summary the same), and DuckDB builds their table (and a
  // lone CSV's pattern text, write-customers.ts) while JS fits Gamma-Gamma. The pattern columns of the
  // result are the same with or without spend columns, so the text can be chosen before that fit.
  const spendRead = loaded.hasAmount
    ? db.columns(`SELECT x, m, w FROM ${SPEND_PATTERNS}`).then((v) => ({ v }), (e: unknown) => ({ e }))
    : null;
  const clvMonths = o.clvMonths ?? 12;
  const annual = o.annualDiscountRate ?? 0.1;
  const horizon = convertTime(52, 'week', unit);
  const patternText = o.outCsv !== undefined && o.outParquet === undefined;
  const patternColumns = patternText ? csvPatternText(loaded.hasAmount, clvMonths) : undefined;
  const discount = { steps: clvMonths, stepLength: unitsPerMonth(unit), discountRate: Math.pow(1 + annual, 1 / 12) - 1 };
  let scores: PatternScores | { error: unknown };
  try {
    scores = patternScores(best.model, best.fit.params, patterns, { horizon, discount: loaded.hasAmount ? discount : undefined });
  } catch (error) {
    scores = { error };
  }
  const spendOutcome = spendRead ? await spendRead : null;
  if ('error' in scores) throw scores.error;
  if (spendOutcome && 'e' in spendOutcome) throw spendOutcome.e;
  const spend = spendOutcome ? spendOutcome.v : null;
  if (loaded.hasAmount) await db.run(`DROP TABLE IF EXISTS temp.main.${SPEND_PATTERNS}`);
  const scored = await storePatternScores(db, patterns, scores, patternColumns);
  let spendFailure: { error: unknown } | null = null;
  if (spend && spend.x instanceof Float64Array && spend.m instanceof Float64Array && spend.w instanceof Float64Array && spend.x.length > 0) {
    try {
      spendFit = fitGammaGamma({ x: spend.x, monetary: spend.m, weight: spend.w }, fitOptions);
    } catch (e) {
      // Spend that hardly varies between purchases (a fixed-price product, a test file) puts
      // Gamma-Gamma's optimum at infinity: the purchase model still stands, so the run goes on
      // without spend predictions and says why, instead of failing as a whole.
      if (e instanceof ModelError && e.code === 'not-converged') spendUnavailable = `the spend model (Gamma-Gamma) did not converge, so there is no CLV: ${e.message}`;
      else spendFailure = { error: e };
    }
  }
  await scored.ready();
  if (spendFailure) throw spendFailure.error;
  done();
  done = step('score');
  const customers = await joinScores(db, { view: true, patternColumns, spend: spendFit ? (spendFit.params as GammaGammaParams) : undefined, clv: spendFit !== null });
  const score: ScoreInfo = { ...scored.info, customers };
  done();
  done = step('write');
  await writeCustomers(db, { csv: o.outCsv, parquet: o.outParquet, hasSpend: spendFit !== null, clvMonths, idsChecked: files, patternText, plainIds });
  done();
  timings.total = (performance.now() - t0) / 1000;
  return {
    rows: loaded.rows, summary, patterns: patterns.x.length, countFit: best.fit, choice, spendFit, spendUnavailable, score,
    horizon: { purchasesWeeks: 52, clvMonths, annualDiscountRate: annual }, timings,
  };
}

/** `wanted` undefined: nobody asked for a model, and the reason says BG/NBD is the default rather than "as requested". Sentences translated in src/report/model-reason.ts. */
function explainChoice(wanted: CountModelChoice | undefined, fits: FitResult[], best: FitResult, failed?: { model: string; message: string }): ModelChoice {
  const candidates = fits.map((f) => ({ model: f.model, logLik: f.logLik, bic: f.bic }));
  const chosen = best.model === 'pnbd' ? 'pnbd' : 'bgnbd';
  const name = (m: string) => (m === 'pnbd' ? 'Pareto/NBD' : 'BG/NBD');
  if (failed) return { chosen, reason: `${name(chosen)}, the only one of the two models that could be fitted (${name(failed.model)}: ${failed.message})`, candidates };
  if (wanted === undefined) return { chosen, reason: 'BG/NBD, the default (--model auto also fits Pareto/NBD and keeps the better)', candidates };
  if (wanted !== 'auto') return { chosen, reason: `${chosen === 'pnbd' ? 'Pareto/NBD' : 'BG/NBD'} as requested`, candidates };
  const other = fits.find((f) => f !== best);
  const gap = other ? other.bic - best.bic : 0;
  // Both models have four parameters, so BIC ranks them exactly as the log-likelihood does.
  const reason = `${chosen === 'pnbd' ? 'Pareto/NBD' : 'BG/NBD'} fits better (BIC lower by ${gap.toFixed(1)}; both have 4 parameters, so this is the higher likelihood)`
    + (gap < 2 ? '; the difference is small, so either model would serve' : '');
  return { chosen, reason, candidates };
}

/** What the pipeline needs to know of a `transactions` relation that is already there; with `days`, read from the customer-days made of it. */
async function existingTransactions(db: DuckDbEngine, days?: string): Promise<{ rows: number; hasAmount: boolean; lastDay?: string }> {
  if (days !== undefined) await db.run(transactionDaysSql('transactions', days, { purchase: true }));
  const r = (await db.rows(days === undefined
    ? "SELECT count(*) AS n, strftime(max(ts), '%Y-%m-%d') AS last FROM transactions"
    : `SELECT coalesce(sum(n_rows), 0) AS n, strftime(max(day), '%Y-%m-%d') AS last FROM ${quoteIdent(days)}`))[0];
  return { rows: Number(r.n), hasAmount: true, lastDay: typeof r.last === 'string' ? r.last : undefined };
}
