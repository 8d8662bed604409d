// Diagnostics on CDNOW (BTYD's calibration/holdout summary, weeks 1–39 / 40–78) with the BG/NBD fitted
// to the calibration period. FHL (2005) Figures 2–4 show the BG/NBD reproducing the calibration
// histogram, the holdout conditional expectations and the weekly cumulative tracking closely; the
// tolerances below are the size of the gaps visible there, so a wrong model or a wrong formula fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data.ts';
import { bgNbd, fitBgNbd } from '../models/bg-nbd.ts';
import { toRfPatterns } from '../models/rf-patterns.ts';
import { frequencyHistogram } from './frequency-histogram.ts';
import { holdoutCheck } from './holdout-check.ts';
import { expectedCumulativePurchases, trackingComparison } from './tracking.ts';

function csv(path: string): number[][] {
  return readFileSync(sharedData(path), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));
}
const cbs = csv('cdnow/cdnowSummary_cbs.csv'); // cust,x,t.x,T.cal,x.star,m.x
const x = cbs.map((r) => r[1]), tx = cbs.map((r) => r[2]), T = cbs.map((r) => r[3]), xStar = cbs.map((r) => r[4]);
const data = toRfPatterns({ x, tx, T });
const fit = fitBgNbd(data, { standardErrors: false });

describe('repeat-frequency histogram', () => {
  it('counts the calibration frequencies and spreads all customers over the model bins', () => {
    const bins = frequencyHistogram(bgNbd, fit.params, data, 7);
    // CDNOW calibration counts of 0, 1, …, 6, 7+ repeat purchases (BTYD walkthrough's histogram).
    expect(bins.map((b) => b.actual)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(bins.reduce((s, b) => s + b.expected, 0)).toBeCloseTo(2357, 6);
    // The BG/NBD reproduces the zero and one bins within 5 % (FHL 2005, Figure 2).
    for (const b of bins.slice(0, 2)) expect(Math.abs(b.expected - b.actual) / b.actual).toBeLessThan(0.05);
  });
});

describe('calibration vs holdout', () => {
  it('compares the holdout purchases with the conditional expectations by frequency', () => {
    const check = holdoutCheck(bgNbd, fit.params, { x, tx, T, xHoldout: xStar, durationHoldout: T.map(() => 39) });
    // 1,882 repeat purchase days in weeks 40–78 (sum of BTYD's x.star).
    expect(check.totalActual).toBe(1882);
    // The BG/NBD under-forecasts CDNOW's holdout (measured: 1,653 expected vs 1,882, −12 %; FHL 2005
    // Figure 4 shows the same shortfall for customers with 1–2 calibration purchases). Pinned to
    // [−15 %, −9 %] so a change in the model or in the conditional expectation shows up here.
    const gap = (check.totalExpected - check.totalActual) / check.totalActual;
    expect(gap).toBeGreaterThan(-0.15);
    expect(gap).toBeLessThan(-0.09);
    // For customers without a repeat purchase the forecast is close: 0.225 vs 0.237 per customer.
    expect(Math.abs(check.bins[0].expected - check.bins[0].actual) / check.bins[0].actual).toBeLessThan(0.1);
    expect(check.bins[0].customers).toBe(1411);
    // Customers with 0 calibration repeats bought 0.24 times on average in the holdout (BTYD data).
    expect(check.bins[0].actual).toBeCloseTo(xStar.filter((_, i) => x[i] === 0).reduce((a, b) => a + b, 0) / 1411, 12);
    expect(check.errors.n).toBe(2357);
    // Expected purchases rank who buys again far better than chance; P(alive) does not (it is 1 for
    // every customer without a repeat purchase, most of whom stay away), which the report says.
    expect(check.expectedPurchasesAuc).toBeGreaterThan(0.7);
    expect(check.pAlive.auc).toBeLessThan(0.5);
  });
});

describe('cumulative tracking', () => {
  it('tracks CDNOW weekly cumulative repeat purchases over 78 weeks', () => {
    const tracking = csv('cdnow/cdnowSummary_cu_tracking.csv').map((r) => r[1]);
    // First purchase of each customer, in weeks after 1997-01-01: the calibration ends 272 days in.
    const starts = new Map<number, number>();
    for (const t of T) {
      const s = Math.round((272 / 7 - t) * 7) / 7;
      starts.set(s, (starts.get(s) ?? 0) + 1);
    }
    const weeks = Array.from({ length: 78 }, (_, i) => i + 1);
    const expected = expectedCumulativePurchases(bgNbd, fit.params, [...starts].map(([time, customers]) => ({ time, customers })), weeks);
    const cmp = trackingComparison(weeks, expected, tracking);
    // 4,339 cumulative repeat purchases by week 78 (BTYD's cu.tracking); FHL 2005 Figure 3 shows the
    // BG/NBD within a few per cent at the end of the holdout.
    expect(tracking[77]).toBe(4339);
    expect(Math.abs(cmp.finalRelativeError)).toBeLessThan(0.05);
  });
});

describe('holdout check on grouped, sorted input', () => {
  it('gives the same figures as per customer in file order', () => {
    // Group the CDNOW customers by (x, t_x, T, x*) as holdout-diagnostics.ts does, sorted by them.
    const groups = new Map<string, { x: number; tx: number; T: number; xh: number; w: number }>();
    cbs.forEach((r) => {
      const key = `${r[1]}|${r[2]}|${r[3]}|${r[4]}`;
      const g = groups.get(key) ?? { x: r[1], tx: r[2], T: r[3], xh: r[4], w: 0 };
      g.w++;
      groups.set(key, g);
    });
    const rows = [...groups.values()].sort((a, b) => a.x - b.x || a.tx - b.tx || a.T - b.T || a.xh - b.xh);
    const col = (f: (g: (typeof rows)[number]) => number) => rows.map(f);
    const grouped = holdoutCheck(bgNbd, fit.params, {
      x: col((g) => g.x), tx: col((g) => g.tx), T: col((g) => g.T), xHoldout: col((g) => g.xh), durationHoldout: rows.map(() => 39), weight: col((g) => g.w),
    });
    const single = holdoutCheck(bgNbd, fit.params, { x, tx, T, xHoldout: xStar, durationHoldout: T.map(() => 39) });
    expect(grouped.bins.map((b) => b.customers)).toEqual(single.bins.map((b) => b.customers));
    expect(grouped.pAlive.auc).toBe(single.pAlive.auc);
    expect(grouped.expectedPurchasesAuc).toBe(single.expectedPurchasesAuc);
    expect(grouped.totalExpected).toBeCloseTo(single.totalExpected, 9);
    expect(grouped.errors.rmse).toBeCloseTo(single.errors.rmse, 12);
  });
});
