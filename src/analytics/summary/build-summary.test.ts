// customer_summary on small logs. Expected values are either lifetimes' own test fixtures
// (CamDavidsonPilon/lifetimes tests/test_utils.py, values printed there; exact, since they are whole
// periods or small sums) or worked out by hand in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { buildSummary, type SummaryOptions } from './build-summary.ts';
import { readRfPatterns, readSummaryColumns } from './read-summary.ts';
import { SummaryError } from './summary-error.ts';
import { transactionDaysSql } from './transactions-sql.ts';

let db: DuckDbEngine;
beforeAll(async () => { db = await DuckDbEngine.open({ threads: 1 }); });
afterAll(() => db.close());

type Tx = [id: string | number, date: string, amount?: number];

/** Loads the log and returns the summary as { id: [column values…] } in the table's column order. */
async function summarise(log: Tx[], o: Partial<SummaryOptions> & Pick<SummaryOptions, 'unit' | 'periods'>): Promise<Record<string, number[]>> {
  const hasAmount = log.some((t) => t[2] !== undefined);
  const values = log.map(([id, d, a]) => `('${id}', TIMESTAMP '${d.length === 10 ? `${d} 00:00:00` : d}', ${a ?? 'NULL'})`).join(', ');
  await db.run(`CREATE OR REPLACE TABLE transactions (customer_id VARCHAR, ts TIMESTAMP, amount DOUBLE); INSERT INTO transactions VALUES ${values}`);
  await buildSummary(db, o, hasAmount);
  const c = await readSummaryColumns(db);
  const cols = [c.frequency, c.recency, c.T, c.monetaryValue, c.frequencyHoldout, c.monetaryValueHoldout, c.durationHoldout].filter((v) => v !== undefined);
  return Object.fromEntries(c.ids.map((id, i) => [String(id), cols.map((col) => col[i])]));
}

// lifetimes tests/test_utils.py fixtures
const transactionLevel: Tx[] = [[1, '2015-02-01'], [1, '2015-02-06'], [2, '2015-01-01'], [3, '2015-01-01'], [3, '2015-01-02'], [3, '2015-01-05']];
const large: Tx[] = [
  [1, '2015-01-01', 1], [1, '2015-02-06', 2], [2, '2015-01-01', 2], [3, '2015-01-01', 3], [3, '2015-01-02', 1], [3, '2015-01-05', 5],
  [4, '2015-01-16', 6], [4, '2015-02-02', 3], [4, '2015-02-05', 3], [5, '2015-01-16', 3], [5, '2015-01-17', 1], [5, '2015-01-18', 8],
  [6, '2015-02-02', 5],
];
const largeNoMoney: Tx[] = large.map(([id, d]) => [id, d]);

describe("whole periods reproduce lifetimes' test_utils.py", () => {
  it('daily summary (test_summary_data_from_transaction_data_returns_correct_results)', async () => {
    expect(await summarise(transactionLevel, { unit: 'day', periods: 'whole', end: '2015-02-07' }))
      .toEqual({ 1: [1, 5, 6], 2: [0, 0, 37], 3: [2, 4, 37] });
  });

  it('weekly W-SUN periods (test_summary_date_from_transaction_data_with_specific_non_daily_frequency)', async () => {
    expect(await summarise(largeNoMoney, { unit: 'week', periods: 'whole', end: '2015-02-07' }))
      .toEqual({ 1: [1, 5, 5], 2: [0, 0, 5], 3: [1, 1, 5], 4: [1, 3, 3], 5: [0, 0, 3], 6: [0, 0, 0] });
  });

  it('monetary value over repeat periods only (test_summary_date_from_transaction_with_monetary_values)', async () => {
    expect(await summarise(large, { unit: 'day', periods: 'whole', end: '2015-02-07' })).toEqual({
      1: [1, 36, 37, 2], 2: [0, 0, 37, 0], 3: [2, 4, 37, 3], 4: [2, 20, 22, 3], 5: [2, 2, 22, 4.5], 6: [0, 0, 5, 0],
    });
  });

  it('drops the chronologically first purchase whatever the row order (…will_choose_the_correct_first_order…)', async () => {
    const s = await summarise([[2, '2014-04-09', 20], [2, '2014-03-14', 10], [2, '2014-05-21', 25]], { unit: 'day', periods: 'whole' });
    expect(s['2'][3]).toBe(22.5);
  });

  it('squashes purchases of one period into one (…squashes_period_purchases_to_one_purchase)', async () => {
    expect((await summarise([[1, '2015-01-01'], [1, '2015-01-01']], { unit: 'week', periods: 'whole' }))['1'][0]).toBe(0);
  });

  it('weekly calibration and holdout (test_calibration_and_holdout_data_works_with_specific_frequency)', async () => {
    // columns: frequency_cal, recency_cal, T_cal, frequency_holdout, duration_holdout; customer 6 is born after the split
    expect(await summarise(largeNoMoney, { unit: 'week', periods: 'whole', end: '2015-02-07', calibrationEnd: '2015-02-01' })).toEqual({
      1: [0, 0, 4, 1, 1], 2: [0, 0, 4, 0, 1], 3: [1, 1, 4, 0, 1], 4: [0, 0, 2, 1, 1], 5: [0, 0, 2, 0, 1],
    });
  });

  it('daily calibration with monetary values (test_calibration_and_holdout_data_with_monetary_value)', async () => {
    const s = await summarise(large, { unit: 'day', periods: 'whole', end: '2015-02-07', calibrationEnd: '2015-02-01' });
    expect(['1', '2', '3', '4', '5'].map((id) => s[id][3])).toEqual([0, 0, 3, 0, 4.5]); // monetary_value_cal
    expect(['1', '2', '3', '4', '5'].map((id) => s[id][5])).toEqual([2, 0, 0, 3, 0]); // monetary_value_holdout
    expect(s['1'][4]).toBe(1); // frequency_holdout (test_calibration_and_holdout_data)
    expect(s['2'][4]).toBe(0);
    expect(s['6']).toBeUndefined();
  });

  it('stops the holdout at the observation end (test_calibration_and_holdout_data_gives_correct_date_boundaries)', async () => {
    const s = await summarise(largeNoMoney, { unit: 'day', periods: 'whole', end: '2015-02-04', calibrationEnd: '2015-02-01' });
    expect(s['1'][3]).toBe(0); // its 2015-02-06 purchase is after the end
    expect(s['4'][3]).toBe(1); // 2015-02-02 counts, 2015-02-05 does not
  });
});

describe('hand-worked logs', () => {
  // A: 2020-01-06 (Mon) 10 + 5 on the same day, 01-08 (Wed) 7, 01-20 (Mon) 3; end Fri 2020-01-31.
  // B: Sun 2020-01-12 and Mon 2020-01-13 — adjacent days in different W-SUN weeks.
  // C: Mon 2020-01-06 and Sun 2020-01-12 — the same W-SUN week.
  const log: Tx[] = [
    ['A', '2020-01-06', 10], ['A', '2020-01-06 18:30:00', 5], ['A', '2020-01-08', 7], ['A', '2020-01-20', 3],
    ['B', '2020-01-12', 1], ['B', '2020-01-13', 1], ['C', '2020-01-06', 1], ['C', '2020-01-12', 1],
  ];

  it('fractional days: same-day purchases merge, monetary value excludes the first day', async () => {
    // A: days 6, 8, 20 → x = 2, t_x = 14, T = 31 − 6 = 25, monetary = mean(7, 3) = 5 (the first day's 15 excluded)
    const s = await summarise(log, { unit: 'day', periods: 'fractional', end: '2020-01-31' });
    expect(s.A).toEqual([2, 14, 25, 5]);
    expect(s.B).toEqual([1, 1, 19, 1]);
  });

  it('monetary value is the exact mean of the repeat days, whatever the first day spent', async () => {
    // E: first day 0.3, repeats 11.1 and 33.59 → (11.1 + 33.59) / 2 = 22.345. The summary takes
    // (Σ spend − first day's spend) / (days − 1); in doubles that is ((0.3 + 11.1 + 33.59) − 0.3) / 2 =
    // 22.345000000000002, and with a first day of 100.7 it is 22.34499999999999. Summed as exact
    // decimals (money-sql.ts) the difference is exact, so both print 22.345 (summary-sql.ts).
    for (const first of [0.3, 100.7]) {
      const s = await summarise([['E', '2020-01-01', first], ['E', '2020-01-05', 11.1], ['E', '2020-01-09', 33.59]], { unit: 'day', periods: 'fractional', end: '2020-01-31' });
      expect(s.E[3]).toBe(22.345);
    }
  });

  it('fractional weeks are days / 7', async () => {
    const s = await summarise(log, { unit: 'week', periods: 'fractional', end: '2020-01-31' });
    expect(s.A).toEqual([2, 14 / 7, 25 / 7, 5]);
    expect(s.C).toEqual([1, 6 / 7, 25 / 7, 1]);
  });

  it('whole weeks follow pandas W-SUN (Monday to Sunday)', async () => {
    // Weeks from Mon 2020-01-06: A buys in weeks 0 (6th and 8th merge: 22) and 2 (3); the end is in week 3.
    const s = await summarise(log, { unit: 'week', periods: 'whole', end: '2020-01-31' });
    expect(s.A).toEqual([1, 2, 3, 3]);
    expect(s.B).toEqual([1, 1, 3, 1]); // Sunday then Monday: two weeks (weeks 0 and 1)
    expect(s.C).toEqual([0, 0, 3, 0]); // Monday then Sunday: one week
  });

  // D: 2019-01-31, 2019-02-01, 2019-03-15, 2020-12-31 (end 2020-12-31): 2019-01-31 → 2020-12-31 is 700 days.
  const longLog: Tx[] = [['D', '2019-01-31', 4], ['D', '2019-02-01', 6], ['D', '2019-03-15', 8], ['D', '2020-12-31', 10]];

  it('whole months and years are calendar periods', async () => {
    // months Jan-19, Feb-19, Mar-19, Dec-20: Dec-20 − Jan-19 = 23 months
    expect((await summarise(longLog, { unit: 'month', periods: 'whole' })).D).toEqual([3, 23, 23, 8]);
    // years 2019 (Jan, Feb, Mar merge) and 2020: monetary = the 2020 period's 10
    expect((await summarise(longLog, { unit: 'year', periods: 'whole' })).D).toEqual([1, 1, 1, 10]);
  });

  it("fractional months and years use BTYD's 365/12 and 365 days", async () => {
    expect((await summarise(longLog, { unit: 'month', periods: 'fractional' })).D).toEqual([3, 700 / (365 / 12), 700 / (365 / 12), 8]);
    expect((await summarise(longLog, { unit: 'year', periods: 'fractional' })).D).toEqual([3, 700 / 365, 700 / 365, 8]);
  });

  it('calibration/holdout: the calibration-end day is calibration; holdout value is per purchase day', async () => {
    // Calibration to 2020-01-15 inclusive, observed to 2020-01-31.
    // E: cal days 2 (10) and 10 (20) → x 1, t_x 8, T 13, m 20; holdout days 20 (4 + 6) and 25 (5) →
    //    frequency_holdout 2, monetary_value_holdout (10 + 5) / 2 = 7.5, duration 16 days.
    // F: first purchase after the calibration end → not in the summary (lifetimes and BTYD both drop it).
    // G: 23:59 on the calibration-end day is calibration, the next midnight holdout.
    const s = await summarise([
      ['E', '2020-01-02', 10], ['E', '2020-01-10', 20], ['E', '2020-01-20', 4], ['E', '2020-01-20', 6], ['E', '2020-01-25', 5],
      ['F', '2020-01-20', 9], ['G', '2020-01-15 23:59:00', 1], ['G', '2020-01-16 00:00:00', 2],
    ], { unit: 'day', periods: 'fractional', end: '2020-01-31', calibrationEnd: '2020-01-15' });
    expect(s).toEqual({ E: [1, 8, 13, 20, 2, 7.5, 16], G: [0, 0, 0, 0, 1, 2, 16] });
  });

  it('history columns: transaction rows, spend and first/last day to the end of observation', async () => {
    const history = async (o: SummaryOptions) => {
      await summarise(log, { ...o, history: true });
      return db.rows(`SELECT customer_id AS id, orders, total_spend AS spend, strftime(first_purchase, '%Y-%m-%d') AS first,
        strftime(last_purchase, '%Y-%m-%d') AS last FROM customer_summary ORDER BY customer_id`);
    };
    // A: four rows (two on 01-06) for 10 + 5 + 7 + 3; the whole-week convention merges ticks differently but not rows.
    const A = { id: 'A', orders: 4, spend: 25, first: '2020-01-06', last: '2020-01-20' };
    for (const periods of ['fractional', 'whole'] as const) {
      const rows = await history({ unit: 'week', periods, end: '2020-01-31' });
      expect(rows[0]).toEqual(A);
      expect(rows[1]).toEqual({ id: 'B', orders: 2, spend: 2, first: '2020-01-12', last: '2020-01-13' });
    }
    // An earlier end cuts the history too: A's 01-20 purchase is outside.
    expect((await history({ unit: 'day', periods: 'fractional', end: '2020-01-10' }))[0]).toEqual({ ...A, orders: 3, spend: 22, last: '2020-01-08' });
    // Without `history` the summary (and so the file of `cvm summary`) keeps its columns.
    await summarise(log, { unit: 'week', periods: 'fractional', end: '2020-01-31' });
    const cols = await db.rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'customer_summary'");
    expect(cols.map((c) => c.column_name)).toEqual(['customer_id', 'frequency', 'recency', 'T', 'monetary_value']);
  });

  it('collapses customers into (x, t_x, T) patterns with counts', async () => {
    await summarise([['a', '2020-01-01'], ['a', '2020-01-03'], ['b', '2020-01-01'], ['b', '2020-01-03'], ['c', '2020-01-02'], ['d', '2020-01-03']],
      { unit: 'day', periods: 'fractional', end: '2020-01-03' });
    const p = await readRfPatterns(db);
    // a, b: (1, 2, 2); c: (0, 0, 1); d: (0, 0, 0)
    expect({ x: [...p.x], tx: [...p.tx], T: [...p.T], w: [...p.weight] }).toEqual({ x: [0, 0, 1], tx: [0, 0, 2], T: [0, 1, 2], w: [1, 1, 2] });
  });

  it('rejects inconsistent options', async () => {
    const run = (o: SummaryOptions) => summarise([['a', '2020-01-01']], o);
    await expect(run({ unit: 'day', periods: 'whole', end: '2020-02-30' })).rejects.toMatchObject({ code: 'invalid-option' });
    await expect(run({ unit: 'day', periods: 'whole', end: '2020-01-05', calibrationEnd: '2020-01-05' })).rejects.toBeInstanceOf(SummaryError);
    await expect(run({ unit: 'day', periods: 'whole', end: '2020-01-05', calibrationEnd: '2019-12-01' })).rejects.toMatchObject({ code: 'no-transactions' });
  });
});

describe('from day totals (loadTransactions with `days`)', () => {
  it('gives the same summary as grouping the transactions, in every convention and with a split', async () => {
    const log: Tx[] = [...large, [4, '2015-02-05 18:30:00', 2], [7, '2015-01-31 23:59:59', 4], [7, '2015-02-01 00:00:01', 6], [8, '2015-02-07 12:00:00', 1]];
    const specs: SummaryOptions[] = [
      { unit: 'week', periods: 'fractional', end: '2015-02-07', history: true },
      { unit: 'day', periods: 'whole', end: '2015-02-05', calibrationEnd: '2015-01-20' },
      { unit: 'week', periods: 'whole', end: '2015-02-07', calibrationEnd: '2015-02-01', history: true },
      { unit: 'month', periods: 'fractional', calibrationEnd: '2015-01-31' },
    ];
    for (const spec of specs) {
      await summarise(log, spec);
      const direct = await db.rows('SELECT * FROM customer_summary ORDER BY customer_id');
      await db.run(transactionDaysSql('transactions', 'tdays'));
      await buildSummary(db, { ...spec, days: 'tdays' }, true);
      expect(await db.rows('SELECT * FROM customer_summary ORDER BY customer_id')).toEqual(direct);
    }
  });
});
