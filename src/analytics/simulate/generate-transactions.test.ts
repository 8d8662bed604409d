import { describe, expect, it } from 'vitest';
import { hyp2f1 } from '../numerics/special.ts';
import { ModelError } from '../models/model-error.ts';
import { CDNOW_LIKE, generateTransactions, type GenerateTransactionsOptions } from './generate-transactions.ts';

function collect(options: GenerateTransactionsOptions): { bytes: Buffer; rows: number } {
  const parts: Uint8Array[] = [];
  const it = generateTransactions(options);
  for (let step = it.next(); ; step = it.next()) {
    if (step.done) return { bytes: Buffer.concat(parts), rows: step.value.rows };
    parts.push(step.value);
  }
}

// Simpson's rule on [0, w] with 1200 panels: the integrands below are smooth in the first-purchase
// time, so the quadrature error (< 1e-9) is negligible next to the sampling error being tested.
function averageOverFirstPurchase(f: (T: number) => number): number {
  const { weeks, firstPurchaseWeeks: w } = CDNOW_LIKE;
  const n = 1200;
  const h = w / n;
  let acc = f(weeks) + f(weeks - w);
  for (let i = 1; i < n; i++) acc += (i % 2 ? 4 : 2) * f(weeks - i * h);
  return (acc * h) / 3 / w;
}

describe('generateTransactions', () => {
  it('same seed → same bytes for 1000 customers, whatever the chunk size; another seed differs', () => {
    const a = collect({ customers: 1000, seed: 42 });
    const b = collect({ customers: 1000, seed: 42, chunkBytes: 1024 });
    const c = collect({ customers: 1000, seed: 43 });
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.bytes.equals(c.bytes)).toBe(false);
    expect(a.rows).toBe(b.rows);
  });

  it('writes customer_id,date,amount rows inside the 78-week window, first purchases in the first 12 weeks', () => {
    const { bytes, rows } = collect({ customers: 3000, seed: 5 });
    const lines = bytes.toString('latin1').split('\n');
    expect(lines[0]).toBe('customer_id,date,amount');
    expect(lines.at(-1)).toBe('');
    const data = lines.slice(1, -1);
    expect(data.length).toBe(rows);
    const firstDate = new Map<string, string>();
    let previous = '';
    for (const line of data) {
      const m = /^(C\d{7}),(\d{4}-\d{2}-\d{2}),(\d+\.\d{2})$/.exec(line);
      expect(m, line).not.toBeNull();
      if (!m) continue;
      const [, id, date, amount] = m;
      // 78 weeks from 1997-01-01 end on 1998-06-30 (day 545), CDNOW's last day.
      expect(date >= '1997-01-01' && date <= '1998-06-30', line).toBe(true);
      expect(Number(amount) >= 0.01).toBe(true);
      if (id !== previous) {
        firstDate.set(id, date);
        previous = id;
      } else {
        expect(date >= (firstDate.get(id) ?? ''), line).toBe(true);
      }
    }
    expect(firstDate.size).toBe(3000);
    expect(firstDate.get('C0000001')).toBeDefined();
    expect(firstDate.get('C0003000')).toBeDefined();
    // 12 weeks = days 0…83: the last possible first-purchase date is 1997-03-25.
    expect([...firstDate.values()].every((d) => d <= '1997-03-25')).toBe(true);
  });

  it('rows per customer and single-purchase customers match BG/NBD (FHL 2005 eqs. 9 and 7)', () => {
    // Expected rows per customer = 1 + E[X(T)], T = 78 − U(0, 12) weeks, E[X(t)] from FHL eq. 9; the
    // share of customers with one row is E[P(X(T) = 0)] = E[(α/(α + T))^r] (eq. 7 at x = 0).
    // With the defaults the first is 2.7529: the "1M customers ≈ 2.75M rows".
    const { r, alpha, a, b } = CDNOW_LIKE.params;
    const ex = (t: number) => ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
    const expectedRows = 1 + averageOverFirstPurchase(ex);
    const expectedSingle = averageOverFirstPurchase((t) => Math.pow(alpha / (alpha + t), r));
    expect(expectedRows).toBeCloseTo(2.75, 2);

    const n = 100_000;
    const text = collect({ customers: n, seed: 2026 }).bytes.toString('latin1');
    const perCustomer = new Map<string, number>();
    let spend = 0;
    let spendSq = 0;
    let rows = 0;
    for (const line of text.split('\n').slice(1, -1)) {
      const [id, , amount] = line.split(',');
      perCustomer.set(id, (perCustomer.get(id) ?? 0) + 1);
      const v = Number(amount);
      spend += v;
      spendSq += v * v;
      rows++;
    }
    let sumSq = 0;
    let single = 0;
    for (const k of perCustomer.values()) {
      sumSq += k * k;
      if (k === 1) single++;
    }
    const mean = rows / n;
    // 4 standard errors from the sample variance: ~6e-5 chance of a false alarm, fixed seed.
    const se = Math.sqrt((sumSq / n - mean * mean) / (n - 1));
    expect(Math.abs(mean - expectedRows), `${mean} rows per customer vs ${expectedRows}`).toBeLessThan(4 * se);
    const seSingle = Math.sqrt((expectedSingle * (1 - expectedSingle)) / n);
    expect(Math.abs(single / n - expectedSingle)).toBeLessThan(4 * seSingle);

    // Spend: log-normal with mean $35 (rounding to cents moves the mean by < $0.005).
    const meanSpend = spend / rows;
    const seSpend = Math.sqrt((spendSq / rows - meanSpend * meanSpend) / rows);
    expect(Math.abs(meanSpend - 35), `mean spend ${meanSpend}`).toBeLessThan(4 * seSpend);
  });

  it('rejects bad options with ModelError("invalid-input")', () => {
    const first = (o: GenerateTransactionsOptions) => () => generateTransactions(o).next();
    expect(first({ customers: -1 })).toThrow(ModelError);
    expect(first({ customers: 10, start: '1997-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(first({ customers: 10, firstPurchaseWeeks: 100 })).toThrow(/firstPurchaseWeeks/);
    expect(first({ customers: 10, chunkBytes: 10 })).toThrow(/chunkBytes/);
  });
});
