// The pipeline on CDNOW (cdnowElog.csv, 2,357 customers): the result file against the model functions
// called customer by customer, and the one-file (view) and two-file (table) paths against each other.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bgNbd, type BgNbdParams } from '../analytics/models/bg-nbd.ts';
import { customerLifetimeValue } from '../analytics/models/clv.ts';
import { gammaGammaExpectedSpend, type GammaGammaParams } from '../analytics/models/gamma-gamma.ts';
import { loadTransactions } from '../analytics/summary/load-transactions.ts';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { sharedData } from '../testing/shared-data.ts';
import { runValuePipeline, type PipelineResult } from './value-pipeline.ts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cvm-pipeline-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const load = { path: sharedData('cdnow/cdnowElog.csv'), customer: 'masterid', date: 'date', amount: 'sales' };

async function run(files: { outCsv?: string; outParquet?: string }): Promise<{ r: PipelineResult; kind: unknown; parquetRows?: unknown }> {
  const db = await DuckDbEngine.open({ threads: 1 });
  try {
    const r = await runValuePipeline(db, { load, ...files });
    const kind = await db.scalar("SELECT table_type FROM information_schema.tables WHERE table_name = 'customers'");
    const parquetRows = files.outParquet ? await db.scalar(`SELECT count(*) FROM read_parquet(${quoteString(files.outParquet)})`) : undefined;
    return { r, kind, parquetRows };
  } finally {
    db.close();
  }
}

describe('runValuePipeline', () => {
  it('writes every customer, sorted by numeric id, with the model values of each', async () => {
    const csv = join(dir, 'one.csv');
    const { r, kind } = await run({ outCsv: csv });
    expect(kind).toBe('VIEW'); // one file: written straight from the query, no second copy
    expect([r.rows, r.summary.customers, r.score.customers]).toEqual([6919, 2357, 2357]);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    const head = lines[0].split(',');
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v])));
    expect(rows.map((x) => Number(x.customer_id))).toEqual([...rows.map((x) => Number(x.customer_id))].sort((a, b) => a - b));
    // masterid 4: cdnowElog.csv lines 2-5, 1997-01-01 to 1997-12-12, 29.33 + 29.73 + 14.96 + 26.48 = 100.50.
    // Fixed-point decimals of each column's precision, whole numbers as integers (write-customers.ts).
    expect(rows[0]).toMatchObject({ customer_id: '4', frequency: '3', orders: '4', total_spend: '100.50', first_purchase: '1997-01-01', last_purchase: '1997-12-12' });
    expect(rows.every((c) => /^\d+\.\d{6}$/.test(c.p_alive) && /^\d+\.\d{4}$/.test(c.clv_12m))).toBe(true);
    // Every 97th customer against the model functions called directly (the pipeline computes them per
    // pattern and per (x, T) pair and joins them back): equal to the 6 or 4 decimals written.
    const count = r.countFit.params as BgNbdParams, spend = r.spendFit?.params as GammaGammaParams;
    const clv = { steps: 12, stepLength: 365.25 / 12 / 7, discountRate: Math.pow(1.1, 1 / 12) - 1 };
    for (let i = 0; i < rows.length; i += 97) {
      const c = rows[i], x = Number(c.frequency), tx = Number(c.recency), T = Number(c.T), m = Number(c.monetary_value);
      // recency and T are written rounded to 6 decimals; the model is smooth enough that this moves
      // nothing at the written precision except by a last-digit rounding, hence 1.5 units of it.
      expect(Math.abs(Number(c.p_alive) - bgNbd.pAlive(count, x, tx, T))).toBeLessThan(1.5e-6);
      expect(Math.abs(Number(c.expected_purchases_52w) - bgNbd.expectedPurchases(count, 52, x, tx, T))).toBeLessThan(1.5e-6);
      expect(Math.abs(Number(c.p_alive_52w) - bgNbd.pAliveAt(count, 52, x, tx, T))).toBeLessThan(1.5e-6);
      const es = gammaGammaExpectedSpend(spend, x, m);
      expect(Math.abs(Number(c.expected_spend) - es)).toBeLessThan(1.5e-4);
      expect(Math.abs(Number(c.clv_12m) - customerLifetimeValue(bgNbd, count, x, tx, T, es, clv))).toBeLessThan(1.5e-4 * Math.max(1, es));
    }
  });

  it('with two files keeps a `customers` table and writes the same CSV', async () => {
    const csv = join(dir, 'two.csv'), parquet = join(dir, 'two.parquet');
    const { kind, parquetRows } = await run({ outCsv: csv, outParquet: parquet });
    expect([kind, parquetRows]).toEqual(['BASE TABLE', 2357]);
    await run({ outCsv: join(dir, 'one-again.csv') });
    expect(readFileSync(csv, 'utf8')).toBe(readFileSync(join(dir, 'one-again.csv'), 'utf8'));
  });

  it('with an end, builds the summary in the reading of the file, and writes what the two-step path writes', async () => {
    // cdnowElog.csv's dates are YYYYMMDD: with that --date-format DuckDB's typed reader takes the file
    // (summary in the reading); without it the reader refuses it and the text reading is used.
    for (const end of ['1998-06-30', '1997-09-30']) {
      const csv = (name: string) => join(dir, `${name}-${end}.csv`);
      const db = await DuckDbEngine.open({ threads: 1 });
      try {
        const fused = await runValuePipeline(db, { load: { ...load, dateFormat: '%Y%m%d' }, end, outCsv: csv('fused') });
        const twoStep = await runValuePipeline(db, { load, end, outCsv: csv('two-step') });
        expect([fused.rows, fused.summary]).toEqual([twoStep.rows, twoStep.summary]);
        expect(fused.rows).toBe(6919); // rows after the end are counted too
        const typed = await loadTransactions(db, { ...load, dateFormat: '%Y%m%d', view: true, summary: { unit: 'week', periods: 'fractional', end } });
        expect(typed.summarised).toBe(true);
      } finally {
        db.close();
      }
      expect(readFileSync(csv('fused'), 'utf8')).toBe(readFileSync(csv('two-step'), 'utf8'));
    }
  });

  it('quotes ids that need it, in the one-file and the two-file paths alike', async () => {
    const write = async (ids: string[], name: string, parquet: boolean): Promise<string> => {
      const log = join(dir, `${name}-log.csv`), outCsv = join(dir, `${name}.csv`);
      const rows = ids.flatMap((id, i) => [`${id},1997-01-0${1 + i},${10 + i}`, `${id},1997-0${3 + i}-15,${5 + 2 * i}`, `${id},1997-1${i % 3}-2${i},${7 + i}`]);
      writeFileSync(log, ['id,date,amount', ...rows].join('\n'));
      const db = await DuckDbEngine.open({ threads: 1 });
      try {
        await runValuePipeline(db, { load: { path: log, customer: 'id', date: 'date', amount: 'amount' }, outCsv, outParquet: parquet ? join(dir, `${name}.parquet`) : undefined });
      } finally {
        db.close();
      }
      return readFileSync(outCsv, 'utf8');
    };
    // One file: written from the scored view with the pattern text; two: from the table.
    const ids = ['"a,b"', '"say ""hi"""', 'plain', '"two\nlines"', 'x#1'];
    const one = await write(ids, 'quoted-one', false);
    expect(one).toBe(await write(ids, 'quoted-two', true));
    expect(one).toContain('\n"a,b",');
    expect(one).toContain('\n"say ""hi""",');
    // '#' alone among the ids: DuckDB's writer quotes its comment character too (checkCustomerIdsSql).
    expect(await write(['plain', 'x#1', 'y'], 'hash', false)).toContain('\n"x#1",');
  });

  it('sorts text ids as text, and numbers first by value when there are any (CUSTOMER_ORDER)', async () => {
    const ids = async (list: string[]): Promise<string[]> => {
      const log = join(dir, 'ids.csv'), csv = join(dir, 'ids-out.csv');
      // Every id buys in week 1 and again later, so both models have something to fit.
      const rows = list.flatMap((id, i) => [`${id},1997-01-0${1 + (i % 7)},${10 + i}`, `${id},1997-0${2 + (i % 7)}-15,${5 + i}`, `${id},1997-1${i % 3}-2${i % 9},${7 + i}`]);
      writeFileSync(log, ['id,date,amount', ...rows].join('\n'));
      const db = await DuckDbEngine.open({ threads: 1 });
      try {
        await runValuePipeline(db, { load: { path: log, customer: 'id', date: 'date', amount: 'amount' }, outCsv: csv });
      } finally {
        db.close();
      }
      return readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    };
    const text = ['b', 'a10', 'a9', 'B', 'c', 'a1', 'x', 'y2', 'z', 'aa', 'ab', 'q'];
    expect(await ids(text)).toEqual([...text].sort());
    expect(await ids(['x', '10', '9', 'a', '0009', '100', 'b', '7', 'c', 'd', 'e', 'f'])).toEqual(['7', '0009', '9', '10', '100', 'a', 'b', 'c', 'd', 'e', 'f', 'x']);
  });
});

describe('spend that never varies', () => {
  it('finishes the run; when Gamma-Gamma cannot converge, CLV is left out with the reason', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { analyzeFile } = await import('./analyze-run.ts');
    const dir = mkdtempSync(join(tmpdir(), 'cvm-flat-spend-'));
    try {
      // Every purchase costs 10: Gamma-Gamma's likelihood grows without bound as p, q → ∞ (no spread to fit).
      const rows = ['customer_id,date,amount'];
      for (let c = 0; c < 5; c++) for (let k = 0; k <= c; k++) rows.push(`c${c},2026-0${1 + k}-${String(1 + 5 * c).padStart(2, '0')},10`);
      rows.push('z,2026-06-30,10');
      writeFileSync(join(dir, 'tx.csv'), rows.join('\n') + '\n');
      // Whether the optimiser stops at a boundary point it accepts or gives up depends on the order the
      // patterns arrive in (floating-point sums); either way the run must finish, and a missing spend
      // model must come with its reason. (Before, the run failed with 'not-converged' now and then.)
      const r = await analyzeFile({ file: join(dir, 'tx.csv'), outDir: join(dir, 'out'), holdout: false });
      expect(r.pipeline.summary.customers).toBe(6);
      if (r.pipeline.spendFit === null) expect(r.pipeline.spendUnavailable).toMatch(/did not converge/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
