// Benchmark of the whole value pipeline against DuckDB merely building the summary from the same CSV.
//
//   node bench/pipeline-bench.ts [--suite pipeline|analyze] [--sizes 100k,1m,5m] [--repeats 3] [--write bench/results/pipeline.md]
//
// For each size it generates the CDNOW-like log (bench/generate-transactions.ts, seed 1) once into
// bench/data/, then alternates two child processes `--repeats` times:
//   baseline  DuckDB reads the CSV and builds frequency/recency/T/monetary in one CREATE TABLE AS;
//   pipeline  read CSV → summary → BG/NBD fit → Gamma-Gamma fit → 52-week expected purchases,
//             P(alive) and 12-month CLV for every customer, written to CSV (runValuePipeline).
// Each child reports its wall time and peak RSS (process.resourceUsage().maxRSS, which includes
// DuckDB's native memory); we report medians and the ratio pipeline / baseline from the same run.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { cpus, loadavg, totalmem } from 'node:os';
import { generateTransactions } from './generate-transactions.ts';
import { DuckDbEngine } from '../src/engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../src/engines/duckdb/sql-literal.ts';
import { runValuePipeline } from '../src/pipeline/value-pipeline.ts';
import { main as analyzeSuite } from './analyze-bench.ts';

const SIZES: Record<string, number> = { '100k': 100_000, '1m': 1_000_000, '5m': 5_000_000 };
const dataDir = join(import.meta.dirname, 'data');

interface Measurement { seconds: number; peakMb: number; cpuSeconds?: number; customers?: number; timings?: Record<string, number> }

async function child(kind: string, file: string): Promise<void> {
  const t0 = performance.now();
  const db = await DuckDbEngine.open();
  let extra: Partial<Measurement> = {};
  if (kind === 'baseline') {
    // The least DuckDB must do for the same answer: parse the CSV, merge same-day purchases, and
    // aggregate per customer (fractional weeks, as the pipeline's default).
    await db.run(`CREATE TABLE s AS
      WITH d AS (SELECT customer_id, CAST(date AS DATE) AS day, sum(amount) AS spend
                 FROM read_csv(${quoteString(file)}, header = true) GROUP BY ALL),
      f AS (SELECT *, min(day) OVER (PARTITION BY customer_id) AS first_day FROM d)
      SELECT customer_id, count(*) - 1 AS frequency,
             (max(day) - min(day)) / 7.0 AS recency, (DATE '1998-06-30' - min(day)) / 7.0 AS "T",
             coalesce(avg(spend) FILTER (WHERE day > first_day), 0) AS monetary_value
      FROM f GROUP BY customer_id`);
    extra.customers = Number(await db.scalar('SELECT count(*) FROM s'));
  } else {
    const out = join(dataDir, `customers-${process.pid}.csv`);
    // CPU time per step (all threads): where the work goes, less disturbed by other load than wall time.
    const cpuNow = (): number => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };
    const marks: [string, number][] = [];
    const r = await runValuePipeline(db, {
      load: { path: file, customer: 'customer_id', date: 'date', amount: 'amount' }, unit: 'week', end: '1998-06-30', outCsv: out,
      onStep: (s) => marks.push([s, cpuNow()]),
    });
    marks.push(['', cpuNow()]);
    rmSync(out, { force: true });
    const stepCpu = Object.fromEntries(marks.slice(0, -1).map(([s, c], i) => [`${s} CPU`, marks[i + 1][1] - c]));
    extra = { customers: r.score.customers, timings: { ...r.timings, ...stepCpu, patterns: r.patterns, pairs: r.score.pairs } };
  }
  db.close();
  const u = process.resourceUsage();
  // CPU time (all threads, DuckDB's included) next to wall time: on a machine shared with other work
  // it is the steadier figure of the two.
  const m: Measurement = { seconds: (performance.now() - t0) / 1000, peakMb: u.maxRSS / 1024, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6, ...extra };
  process.stdout.write(JSON.stringify(m) + '\n');
}

async function ensureData(label: string, customers: number): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `tx-${label}.csv`);
  if (existsSync(file)) return file;
  const out = createWriteStream(file);
  const gen = generateTransactions({ customers, seed: 1 });
  for (;;) {
    const next = gen.next();
    if (next.done) break;
    if (!out.write(next.value)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

function run(kind: string, file: string): Measurement {
  const r = spawnSync(process.execPath, [import.meta.filename, '--child', kind, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Measurement;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function main(argv: string[]): Promise<void> {
  const arg = (name: string, fallback: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback; };
  if (argv[0] === '--child') return child(argv[1], argv[2]);
  // --suite analyze (issues 4 and 5): cvm analyze vs DuckDB reading the CSV into a table + the summary, with and without segments.
  if (arg('--suite', 'pipeline') === 'analyze') return analyzeSuite(argv.filter((_, i) => argv[i] !== '--suite' && argv[i - 1] !== '--suite'));
  const sizes = arg('--sizes', '100k,1m,5m').split(',');
  const repeats = Number(arg('--repeats', '3'));
  const rows: string[] = [];
  const loadStart = loadavg()[0];
  for (const label of sizes) {
    const n = SIZES[label];
    if (!n) throw new Error(`unknown size ${label}`);
    const file = await ensureData(label, n);
    const base: Measurement[] = [], pipe: Measurement[] = [];
    for (let i = 0; i < repeats; i++) { base.push(run('baseline', file)); pipe.push(run('pipeline', file)); }
    const b = median(base.map((m) => m.seconds)), p = median(pipe.map((m) => m.seconds));
    // Each repeat's own ratio (its pipeline over the baseline run just before it): steadier than the
    // ratio of medians when the machine's speed drifts during the run.
    const ratios = pipe.map((m, i) => m.seconds / base[i].seconds);
    const last = pipe[pipe.length - 1];
    const cpu = (ms: Measurement[]) => median(ms.map((m) => m.cpuSeconds ?? Number.NaN)).toFixed(2);
    const row = `| ${label} | ${last.customers?.toLocaleString('en-US')} | ${b.toFixed(2)} s | ${p.toFixed(2)} s | **${(p / b).toFixed(2)}×** | ${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) | ${Math.max(...base.map((m) => m.peakMb)).toFixed(0)} MB | ${Math.max(...pipe.map((m) => m.peakMb)).toFixed(0)} MB | CPU ${cpu(base)} s vs ${cpu(pipe)} s; ${Object.entries(last.timings ?? {}).map(([k, v]) => `${k} ${k === 'patterns' || k === 'pairs' ? v : v.toFixed(2)}`).join(', ')} |`;
    console.error(row);
    rows.push(row);
  }
  const table = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}; median of ${repeats} alternating runs; load average (1 min) at the start ${loadStart.toFixed(1)}, at the end ${loadavg()[0].toFixed(1)}. Last column: median CPU time (baseline vs measured), then the last run's step wall times.`,
    '',
    '| size | customers | DuckDB summary only | whole pipeline | ratio | ratio of pairs: median (range) | peak RSS summary | peak RSS pipeline | pipeline steps (s) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
  console.log(table);
  const target = arg('--write', '');
  if (target) writeFileSync(target, table + '\n');
}

await main(process.argv.slice(2));
