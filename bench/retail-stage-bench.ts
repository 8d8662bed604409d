// Cost of `cvm analyze`'s retail analytics stage (issue 5: clusters, lifecycle, survival, cohorts,
// loyalty, products) next to the stages before it, on one imported sales file, in one process:
//
//   node bench/retail-stage-bench.ts [--file bench/data/tx-1m.csv] [--data DIR]
//
// Imports the file into DIR (default: a temporary folder; an existing DIR is reused as is), then runs
// the value pipeline, the segments and the retail stage as analyze does, and prints each one's wall
// time and CPU time (process.cpuUsage: user + system of all threads, DuckDB's included), and the
// retail stage's steps. CPU time is reported because the machines this runs on are shared: wall time
// there measures the neighbours as much as the code.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importSales } from '../src/ingest/import-sales.ts';
import { openAnalysisDb } from '../src/pipeline/analysis-db.ts';
import { analyzeRetail } from '../src/pipeline/analyze-retail.ts';
import { segmentCustomers } from '../src/pipeline/segment-customers.ts';
import { runValuePipeline } from '../src/pipeline/value-pipeline.ts';
import { analyticsStorePath } from '../src/store/data-folder.ts';

const { values } = parseArgs({ options: { file: { type: 'string', default: join(import.meta.dirname, 'data', 'tx-1m.csv') }, data: { type: 'string' } } });
const temp = values.data === undefined ? mkdtempSync(join(tmpdir(), 'cvm-retail-bench-')) : undefined;
const dir = values.data ?? temp ?? '';

async function measure<T>(name: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now(), c = process.cpuUsage();
  const r = await f();
  const cu = process.cpuUsage(c);
  console.log(`${name.padEnd(16)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s wall ${((cu.user + cu.system) / 1e6).toFixed(1).padStart(6)} s cpu`);
  return r;
}

try {
  if (!existsSync(analyticsStorePath(dir))) await measure('import', () => importSales({ path: values.file, dataDir: dir }));
  // As analyze computes: in memory, with the store attached (analysis-db.ts); nothing is written back.
  const db = await openAnalysisDb(analyticsStorePath(dir), dir);
  try {
    const p = await measure('value pipeline', () => runValuePipeline(db, { load: null }));
    await measure('segments', () => segmentCustomers(db, { end: p.summary.end }));
    let t = performance.now(), c = process.cpuUsage(), last = 'start';
    const lap = (next: string) => {
      const cu = process.cpuUsage(c);
      if (last !== 'start') console.log(`  ${last.padEnd(60)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s wall ${((cu.user + cu.system) / 1e6).toFixed(1).padStart(6)} s cpu`);
      t = performance.now(); c = process.cpuUsage(); last = next;
    };
    await measure('retail stage', () => analyzeRetail(db, { end: p.summary.end, onStep: lap }));
    lap('end');
    console.log(`customers: ${p.summary.customers}; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    db.close();
  }
} finally {
  if (temp) rmSync(temp, { recursive: true, force: true });
}
