// cvm analyze groups `transactions` into customer-days once (value-pipeline.ts `keepDays`) and hands
// that table to the summary, the holdout check, lifecycle stages, time to lapse and cohorts. Each of
// them must give exactly what it gives when it groups `transactions` itself: checked here on a log
// with several orders a day, returns (negative amounts, and days of returns only) and whole-unit
// amounts (so that a DOUBLE sum and an exact one are the same number, and any difference is a bug).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bgNbd } from '../analytics/models/bg-nbd.ts';
import type { CountModel } from '../analytics/models/types.ts';
import { generateTransactions } from '../analytics/simulate/generate-transactions.ts';
import { runLifecycle } from '../analytics/lifecycle/lifecycle-model.ts';
import { transactionDaysSql } from '../analytics/summary/transactions-sql.ts';
import { cohortRetention } from '../analytics/survival/cohort-retention.ts';
import { lapseDurationsSql } from '../analytics/survival/lapse-sql.ts';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { holdoutDiagnostics } from './holdout-diagnostics.ts';
import { runValuePipeline } from './value-pipeline.ts';

// Before the last day of the log, so that every part's end filter matters.
const END = '1998-05-31';
let db: DuckDbEngine;
let dir: string;
let csv: string;

beforeAll(async () => {
  // 3,000 CDNOW-like customers (so the purchase model has something to fit), amounts rounded to whole
  // units, every 7th order partly returned the same day and every 11th customer returning something
  // on a day of its own (a day of returns only).
  dir = mkdtempSync(join(tmpdir(), 'cvm-days-'));
  csv = join(dir, 'tx.csv');
  writeFileSync(csv, Buffer.concat([...generateTransactions({ customers: 3000, seed: 5 })]));
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE generated AS SELECT row_number() OVER () AS i, customer_id, CAST(date AS TIMESTAMP) AS ts, round(amount) AS amount FROM read_csv(${quoteString(csv)})`);
  await db.run(`CREATE TABLE transactions AS
    SELECT customer_id, ts, amount FROM generated
    UNION ALL SELECT customer_id, ts + INTERVAL 3 HOUR, -floor(amount / 2) FROM generated WHERE i % 7 = 0
    UNION ALL SELECT customer_id, ts + INTERVAL 1 DAY, -1 FROM generated WHERE i % 11 = 0`);
  await db.run(transactionDaysSql('transactions', 'days', { purchase: true }));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const difference = async (a: string, b: string): Promise<number> =>
  Number(await db.scalar(`SELECT count(*) FROM ((SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) UNION ALL (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a}))`));

describe('parts reading the customer-days instead of transactions', () => {
  it('the log has what the comparison needs: returns-only days and days with several orders', async () => {
    const r = (await db.rows('SELECT count(*) FILTER (WHERE NOT purchase) AS returns_only, count(*) FILTER (WHERE n_rows > 1) AS several FROM days'))[0];
    expect(Number(r.returns_only)).toBeGreaterThan(0);
    expect(Number(r.several)).toBeGreaterThan(0);
  });

  it('the value pipeline builds the same summary and customers, and keeps the days', async () => {
    // Its own database without the returns: cvm analyze's `transactions` holds sales only (returns are
    // excluded on import), and Gamma-Gamma refuses a negative mean spend.
    const sales = await DuckDbEngine.open();
    try {
      await sales.run(`CREATE TABLE transactions AS SELECT customer_id, CAST(date AS TIMESTAMP) AS ts, round(amount) AS amount FROM read_csv(${quoteString(csv)})`);
      const plain = await runValuePipeline(sales, { load: null, end: END });
      await sales.run('CREATE TABLE customers_plain AS SELECT * FROM customers');
      const kept = await runValuePipeline(sales, { load: null, end: END, keepDays: 'kept_days' });
      expect(kept.rows).toBe(plain.rows);
      expect(kept.summary).toEqual(plain.summary);
      expect(kept.countFit.params).toEqual(plain.countFit.params);
      expect(kept.spendFit?.params).toEqual(plain.spendFit?.params);
      const differ = Number(await sales.scalar('SELECT count(*) FROM ((SELECT * FROM customers EXCEPT ALL SELECT * FROM customers_plain) UNION ALL (SELECT * FROM customers_plain EXCEPT ALL SELECT * FROM customers))'));
      expect(differ).toBe(0);
      expect(Number(await sales.scalar('SELECT sum(n_rows) FROM kept_days'))).toBe(Number(await sales.scalar('SELECT count(*) FROM transactions')));
    } finally {
      sales.close();
    }
  });

  it('time to lapse: the same durations', async () => {
    await db.run(lapseDurationsSql({ end: END, lapseDays: 60, target: 'lapse_plain' }));
    await db.run(lapseDurationsSql({ end: END, lapseDays: 60, target: 'lapse_days', days: 'days' }));
    expect(Number(await db.scalar('SELECT count(*) FROM lapse_plain'))).toBeGreaterThan(2000);
    expect(await difference('lapse_plain', 'lapse_days')).toBe(0);
  });

  it('cohorts: the same matrix', async () => {
    const plain = await cohortRetention(db, { months: 6, end: END });
    expect(plain.cohorts.length).toBeGreaterThan(0);
    expect(await cohortRetention(db, { months: 6, end: END, days: 'days' })).toEqual(plain);
  });

  it('lifecycle stages: the same tree, accuracy, stages and movement', async () => {
    const plain = await runLifecycle(db, { windowDays: 90, end: END });
    const withDays = await runLifecycle(db, { windowDays: 90, end: END, days: 'days' });
    expect(plain.train.customers).toBeGreaterThan(100);
    expect(withDays).toEqual(plain);
  });

  it('the holdout check: the same calibration fit, errors and tracking', async () => {
    const model = bgNbd as CountModel;
    const plain = await holdoutDiagnostics(db, model, 'week', END);
    expect('unavailable' in plain).toBe(false);
    expect(await holdoutDiagnostics(db, model, 'week', END, { days: 'days' })).toEqual(plain);
    // The caller's table is left in place.
    expect(Number(await db.scalar('SELECT count(*) FROM days'))).toBeGreaterThan(0);
  });
});
