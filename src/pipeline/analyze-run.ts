// `cvm analyze` end to end: import the file into a data folder (a temporary one unless --data is
// given), run the value pipeline on the imported sales, add segments, check the model on a holdout,
// and write customers.csv, customers.parquet, report.html and report.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bgNbd } from '../analytics/models/bg-nbd.ts';
import { paretoNbd } from '../analytics/models/pareto-nbd.ts';
import type { CountModel, TimeUnit } from '../analytics/models/types.ts';
import { customerChecksOfFolder } from '../analytics/quality/data-folder-quality.ts';
import { salesQuality } from '../analytics/quality/sales-quality.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { importSales, STORE_FILE, type ImportSalesResult } from '../ingest/import-sales.ts';
import type { ColumnChoice } from '../ingest/sales-columns.ts';
import type { TextEncoding } from '../ingest/sniff-file.ts';
import { renderReport } from '../report/render-report.ts';
import type { OperationalStore } from '../store/open-operational-store.ts';
import type { Lang, ReportData } from '../report/report-data.ts';
import { DEFAULT_ANALYZE_CONFIG, type AnalyzeConfig } from './analyze-config.ts';
import { analyzeRetail, clustersAhead, retailPreparation, type RetailPreparation } from './analyze-retail.ts';
import { openAnalysisDb, keepInStore } from './analysis-db.ts';
import { holdoutDiagnostics } from './holdout-diagnostics.ts';
import { reportDataFromRun } from './report-data-from-run.ts';
import { saveAnalysisRun } from './save-analysis-run.ts';
import { runModelsOf } from './customer-intervals.ts';
import type { OperationalSnapshot } from './operational-snapshot.ts';
import { SEGMENT_CSV_FORMS, segmentCustomers } from './segment-customers.ts';
import { copyCustomersCsv, customerCsvForms } from './write-customers.ts';
import { runValuePipeline, type CountModelChoice, type PipelineResult } from './value-pipeline.ts';

export interface AnalyzeOptions {
  file: string;
  outDir: string;
  /** Keep the imported data here; default: a temporary folder removed afterwards. */
  dataDir?: string;
  columns?: ColumnChoice;
  dateFormat?: string;
  encoding?: TextEncoding;
  strict?: boolean;
  unit?: TimeUnit;
  end?: string;
  /** The purchase model; default `auto` (BG/NBD and Pareto/NBD, the better fit kept). */
  model?: CountModelChoice;
  clvMonths?: number;
  annualDiscountRate?: number;
  holdout?: boolean;
  /** false: skip RFM, the value pyramid, the composite score and the churn ranking (issue 5's benchmark measures their cost). */
  segments?: boolean;
  /** false: skip the lifecycle stages (the decision tree); with segments: false, issue 5's run "without them". */
  lifecycle?: boolean;
  lang?: Lang;
  currency?: string;
  /** Thresholds, weights and labels of the segments and retail analytics (analyze-config.ts); defaults when absent. */
  config?: AnalyzeConfig;
  onStep?: (message: string) => void;
  /** The data folder's operational store when the caller holds it open (cvm serve); else opened if the folder has one. */
  operational?: OperationalStore;
  /** The kept data folder's operational store is on this PostgreSQL server (instead of DIR/operational). */
  databaseUrl?: string;
  /** What the analysis needs of the folder's operational store, read by a parent process that holds it (cvm serve). */
  snapshot?: OperationalSnapshot;
}

export interface AnalyzeResult {
  import: ImportSalesResult;
  pipeline: PipelineResult;
  output: { dir: string; csv: string; parquet: string; report: string; reportJson: string };
  dataDir: string | null;
}

export async function analyzeFile(o: AnalyzeOptions): Promise<AnalyzeResult> {
  const step = o.onStep ?? (() => {});
  const temp = o.dataDir === undefined;
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'cvm-analyze-'));
  try {
    step('importing the file');
    const imported = await importSales({
      path: o.file, dataDir, columns: o.columns, dateFormat: o.dateFormat, encoding: o.encoding, strict: o.strict,
      onProgress: (_s, message) => step(message), compress: !temp,
    });
    const analysed = await analyzeStore(dataDir, temp, { shown: o.file, saved: resolve(o.file) }, imported, o);
    return { import: imported, ...analysed, dataDir: temp ? null : resolve(dataDir) };
  } finally {
    if (temp) rmSync(dataDir, { recursive: true, force: true });
  }
}

export type FolderAnalyzeOptions = Omit<AnalyzeOptions, 'file' | 'dataDir' | 'columns' | 'dateFormat' | 'encoding' | 'strict'> & {
  /** A kept data folder with imported sales. */
  dataDir: string;
  /** What the saved run and the report name as the input, e.g. "re-analysis with the saved settings". */
  label: string;
};

/**
 * The analysis of `cvm analyze` over a kept data folder's sales as they are, importing nothing: what
 * `cvm serve` runs when an admin asks for a re-analysis under new settings.
 * @example await analyzeFolder({ dataDir: 'cvm-data', outDir: 'out', label: 're-analysis', config });
 */
export async function analyzeFolder(o: FolderAnalyzeOptions): Promise<Omit<AnalyzeResult, 'import'>> {
  const analysed = await analyzeStore(o.dataDir, false, { shown: o.label, saved: o.label }, null, o);
  return { ...analysed, dataDir: resolve(o.dataDir) };
}

/** `input`: the file as the report shows it (as given) and as the saved run records it (absolute). */
async function analyzeStore(dataDir: string, temp: boolean, input: { shown: string; saved: string }, imported: ImportSalesResult | null, o: Omit<FolderAnalyzeOptions, 'dataDir' | 'label'>): Promise<Pick<AnalyzeResult, 'pipeline' | 'output'>> {
  const step = o.onStep ?? (() => {});
  const outDir = resolve(o.outDir);
  mkdirSync(outDir, { recursive: true });
  const db = await openAnalysisDb(join(dataDir, STORE_FILE), dataDir);
  try {
    const pipeline = await runValuePipeline(db, {
      // Both purchase models by default, the better fit kept and the choice explained (issue 4): since the
      // Pareto/NBD likelihood is tabled per distinct pair (pareto-nbd-prepared.ts) this costs ~1.5 s at
      // 1M customers (the analyze bench's fitting step 0.99 → 2.51 s), where the fit alone took 29 s.
      load: null, unit: o.unit, end: o.end, model: o.model ?? 'auto', clvMonths: o.clvMonths, annualDiscountRate: o.annualDiscountRate,
      onStep: (s) => step(STEP_LABELS[s] ?? s), keepDays: DAYS,
    });
    const cfg = o.config;
    let prepared: RetailPreparation | undefined;
    if (o.segments !== false) {
      step('segmenting customers (RFM, pyramid, value score, churn warning)');
      // The retail stage's first SQL runs on DuckDB's threads while the segment ranks are computed in JS,
      // and the clusters are fitted in JS while DuckDB writes the segment columns (on one thread).
      prepared = await retailPreparation(db, pipeline.summary.end);
      await segmentCustomers(db, {
        end: pipeline.summary.end, segments: cfg?.rfm.segments, cuts: cfg?.pyramid.cuts, weights: cfg?.composite.weights, churnThreshold: cfg?.churn.threshold, pyramidBy: cfg?.pyramid.rankBy,
        alongside: prepared.sql, duringRewrite: clustersAhead(db, prepared, (cfg ?? DEFAULT_ANALYZE_CONFIG).clusters),
      });
    }
    const retail = await analyzeRetail(db, {
      end: pipeline.summary.end, days: DAYS, prepared, config: cfg, lifecycle: o.lifecycle, interactions: o.snapshot?.interactions, onStep: step, dataDir: temp ? undefined : dataDir, operational: o.operational, databaseUrl: o.databaseUrl, discountRate: o.annualDiscountRate,
    });
    const csv = join(outDir, 'customers.csv'), parquet = join(outDir, 'customers.parquet');
    step('writing customers.csv and customers.parquet');
    await copyCustomersCsv(db, 'customers', csv, { ...customerCsvForms(pipeline.spendFit !== null, pipeline.horizon.clvMonths), ...SEGMENT_CSV_FORMS });
    await db.run(`COPY customers TO ${quoteString(parquet)} (FORMAT parquet)`);
    const model: CountModel = pipeline.choice.chosen === 'pnbd' ? (paretoNbd as CountModel) : (bgNbd as CountModel);
    let diagnostics: Awaited<ReturnType<typeof holdoutDiagnostics>> = { unavailable: 'the holdout check was switched off (--no-holdout)' };
    if (o.holdout !== false) {
      step('checking the model on a holdout period');
      diagnostics = await holdoutDiagnostics(db, model, pipeline.summary.unit, pipeline.summary.end, { days: DAYS });
    }
    step('writing report.html');
    const c = imported?.counts;
    const data: ReportData = await reportDataFromRun(db, {
      inputFile: input.shown, result: pipeline, diagnostics, currency: o.currency,
      // The customer checks need a member list: only a kept data folder with imported customers has one.
      quality: [...await salesQuality(db), ...(temp ? [] : await customerChecksOfFolder(dataDir, db, { store: o.operational, databaseUrl: o.databaseUrl, records: o.snapshot?.customers }))],
      // Without an import (a re-analysis) the report's row counts are the sales analysed.
      overview: c && {
        rows: { read: c.read, loaded: c.loaded, excluded: c.excluded.total, rejected: c.rejected.total, duplicates: c.duplicates, alreadyLoaded: c.alreadyLoaded, anonymous: c.anonymous },
        excludedByReason: Object.entries(c.excluded.byReason).map(([reason, count]) => ({ reason, count })),
        rejectedByReason: Object.entries(c.rejected.byReason).map(([reason, count]) => ({ reason, count })),
      },
    });
    Object.assign(data, retail);
    if (!temp) await keepInStore(db, () => saveAnalysisRun(db, input.saved, data, runModelsOf(pipeline)));
    const report = join(outDir, 'report.html'), reportJson = join(outDir, 'report.json');
    writeFileSync(reportJson, JSON.stringify(data, null, 1) + '\n');
    writeFileSync(report, renderReport(data, { lang: o.lang ?? 'en' }));
    return { pipeline, output: { dir: outDir, csv, parquet, report, reportJson } };
  } finally {
    // A temporary folder is deleted next: checkpointing its store on closing (the import's log
    // written into the file) would be 0.3 s at 2.75M lines for nothing.
    if (temp) await db.run('PRAGMA disable_checkpoint_on_shutdown').catch(() => {});
    db.close();
  }
}

/** The customer-days the pipeline groups `transactions` into once, for the summary, lifecycle, lapse, cohorts and the holdout check. */
const DAYS = 'analysis_days';

const STEP_LABELS: Record<string, string> = {
  load: 'reading transactions', summary: 'building the customer summary', fit: 'fitting the models', score: 'scoring customers', write: 'building the customer table',
};
