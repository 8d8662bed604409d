// The CDNOW sample (2,357 customers, 6,919 transactions) against the summaries the reference
// libraries published for it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { sharedData } from '../../testing/shared-data.ts';
import { buildSummary } from './build-summary.ts';
import { loadTransactions } from './load-transactions.ts';
import { readRfPatterns, readSummaryColumns, type SummaryColumns } from './read-summary.ts';

let db: DuckDbEngine;
beforeAll(async () => { db = await DuckDbEngine.open({ threads: 1 }); });
afterAll(() => db.close());

const csvRows = (relative: string): number[][] =>
  readFileSync(sharedData(relative), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));

/** Largest |ours − theirs| over all customers for each compared column; fails on a customer we lack. */
function maxDiff(ours: SummaryColumns, idOf: (theirId: number) => string, theirs: number[][], columns: [number, Float64Array][]): number[] {
  const row = new Map(ours.ids.map((id, i) => [id, i]));
  const worst = columns.map(() => 0);
  for (const r of theirs) {
    const i = row.get(idOf(r[0]));
    if (i === undefined) throw new Error(`customer ${r[0]} missing from our summary`);
    columns.forEach(([k, col], c) => { worst[c] = Math.max(worst[c], Math.abs(col[i] - r[k])); });
  }
  return worst;
}

// BTYD's data/cdnowSummary.RData $cbs and $m.x (cdnowSummary_cbs.csv: cust, x, t.x, T.cal, x.star, m.x), made by
// dc.ElogToCbsCbt(elog, per = "week", T.cal = as.Date("1997-09-30")) on cdnowElog.csv with cust = sampleid.
// T.tot defaults to max(elog$date) = 1998-06-30: x.star counts purchase days 1997-10-01..1998-06-30 (39 weeks).
// 1e-9: the CSV holds 15 significant digits (|value| < 80, so rounding < 1e-13); any convention slip
// (a day off, 365.25 for 365, raw purchases instead of purchase days) moves a value by ≥ 1/7 week or ≥ 1 purchase.
const btyd = csvRows('cdnow/cdnowSummary_cbs.csv');
const TOL = 1e-9;

describe('fractional weeks reproduce BTYD cdnowSummary', () => {
  it('from cdnowElog.csv with customer = masterid', async () => {
    const load = await loadTransactions(db, { path: sharedData('cdnow/cdnowElog.csv'), customer: 'masterid', date: 'date', amount: 'sales' });
    expect(load.rows).toBe(6919);
    const info = await buildSummary(db, { unit: 'week', periods: 'fractional', calibrationEnd: '1997-09-30' }, true);
    expect([info.customers, info.end]).toEqual([2357, '1998-06-30']);
    const s = await readSummaryColumns(db);
    // BTYD keyed customers by sampleid; the elog pairs each masterid with one sampleid.
    const masterOf = new Map(csvRows('cdnow/cdnowElog.csv').map((r) => [r[1], String(r[0])]));
    const idOf = (sample: number): string => masterOf.get(sample) ?? '?';
    const diffs = maxDiff(s, idOf, btyd, [[1, s.frequency], [2, s.recency], [3, s.T], [4, s.frequencyHoldout ?? new Float64Array()], [5, s.monetaryValue ?? new Float64Array()]]);
    expect(diffs.every((d) => d < TOL)).toBe(true);
    expect([...new Set(s.durationHoldout)]).toEqual([39]); // (1998-06-30 − 1997-09-30) / 7 = 273 / 7
  });

  it('from the whitespace-separated CDNOW_sample.txt (no header, customer = sample id column 2)', async () => {
    await loadTransactions(db, { path: sharedData('cdnow/CDNOW_sample.txt'), header: false, customer: '2', date: '3', amount: '5' });
    await buildSummary(db, { unit: 'week', periods: 'fractional', calibrationEnd: '1997-09-30' }, true);
    const s = await readSummaryColumns(db);
    // sample ids are written 0001 … 2357 in this file
    const diffs = maxDiff(s, (id) => String(id).padStart(4, '0'), btyd, [[1, s.frequency], [2, s.recency], [3, s.T], [4, s.frequencyHoldout ?? new Float64Array()]]);
    expect(diffs.every((d) => d < TOL)).toBe(true);
    const patterns = await readRfPatterns(db);
    expect(patterns.weight.reduce((a, b) => a + b, 0)).toBe(2357);
    expect(patterns.x.length).toBeLessThan(2357);
  });
});

describe('CDNOW against lifetimes', () => {
  beforeAll(async () => {
    await loadTransactions(db, { path: sharedData('cdnow/cdnowElog.csv'), customer: 'sampleid', date: 'date', amount: 'sales' });
  });

  it('matches lifetimes cdnow_customers_summary.csv and its zbar (weeks and dollars to 2 decimals)', async () => {
    await buildSummary(db, { unit: 'week', periods: 'fractional', end: '1997-09-30' }, true);
    const s = await readSummaryColumns(db);
    // ±0.005 + 1e-9: both files round to 2 decimals.
    const [x, tx, T] = maxDiff(s, String, csvRows('cdnow/cdnow_customers_summary.csv'), [[1, s.frequency], [2, s.recency], [3, s.T]]);
    expect(x).toBe(0);
    expect(Math.max(tx, T)).toBeLessThanOrEqual(0.005 + 1e-9);
    const [zbar] = maxDiff(s, String, csvRows('cdnow/cdnow_customers_summary_with_transactions.csv'), [[4, s.monetaryValue ?? new Float64Array()]]);
    expect(zbar).toBeLessThanOrEqual(0.005 + 1e-9);
  });

  it('whole weeks give issue #100\'s printed row: customer 1 has frequency 2, recency 30, T 39', async () => {
    // lifetimes issue #100: summary_data_from_transaction_data(CDNOW_sample, freq='W', observation_period_end='19970930')
    await buildSummary(db, { unit: 'week', periods: 'whole', end: '1997-09-30' }, true);
    const s = await readSummaryColumns(db);
    const i = s.ids.indexOf('1');
    expect([s.frequency[i], s.recency[i], s.T[i]]).toEqual([2, 30, 39]);
  });

  it("daily repeat-spend statistics equal Hardie's RFM note as pinned by lifetimes' test_utils.py", async () => {
    // test_summary_statistics_are_indentical_to_hardies_paper_confirming_correct_aggregations: customers with
    // frequency > 0 before 1997-10-01: count 946; mean, std (sample), min, median, max of monetary_value
    // round to 35, 30, 3, 27, 300 (the test compares rounded values, so do we).
    await buildSummary(db, { unit: 'day', periods: 'whole', end: '1997-09-30' }, true);
    const [r] = await db.rows(`SELECT count(*) AS n, round(avg(monetary_value)) AS mean, round(stddev_samp(monetary_value)) AS sd,
      round(min(monetary_value)) AS lo, round(median(monetary_value)) AS mid, round(max(monetary_value)) AS hi
      FROM customer_summary WHERE frequency > 0`);
    expect(r).toEqual({ n: 946, mean: 35, sd: 30, lo: 3, mid: 27, hi: 300 });
  });
});
