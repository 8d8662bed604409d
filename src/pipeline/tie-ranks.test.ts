import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { percentileScores } from '../analytics/composite/composite-score.ts';
import { Random } from '../analytics/simulate/random.ts';
import { countedRanks, percentileOfRanks, positionsDescending, quintiles, sortedOrder, sortedRanks, tieRanks } from './tie-ranks.ts';

describe('tie ranks', () => {
  it('counts the values before and with each one, NaN last, −0 equal to 0', () => {
    const { lo, hi } = tieRanks(Float64Array.of(5, 3, 5, NaN, -1, 0, -0, NaN));
    // sorted: −1, 0, −0, 3, 5, 5, NaN, NaN
    expect(Array.from(lo)).toEqual([4, 3, 4, 6, 0, 1, 1, 6]);
    expect(Array.from(hi)).toEqual([6, 4, 6, 8, 1, 3, 3, 8]);
  });

  it('counts whole numbers, cents and rounded probabilities to the same ranks as the sort, and leaves anything else to the sort', () => {
    const rng = new Random(7);
    // Days, negated days with −0, a wide span of whole numbers, money in cents (0.29 · 100 is not a
    // whole double: the check must not rely on that), P(alive) to 6 places, scores to 2 and 4 places.
    const columns = [
      Float64Array.from({ length: 20_000 }, () => Math.floor(rng.uniform(0, 560))),
      Float64Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? -0 : -Math.floor(rng.uniform(0, 90)))),
      Float64Array.from({ length: 20_000 }, () => Math.floor(rng.uniform(-1e6, 1e6))),
      Float64Array.from({ length: 20_000 }, (_, i) => (i % 5 === 0 ? 0.29 : Math.round(rng.uniform(-50, 5000) * 100) / 100)),
      Float64Array.from({ length: 20_000 }, (_, i) => (i % 9 === 0 ? 1 : Math.round(rng.uniform(0, 1) * 1e6) / 1e6)),
      Float64Array.from({ length: 20_000 }, () => Math.round(rng.uniform(0, 100) * 100) / 100),
      Float64Array.from({ length: 20_000 }, () => Math.round(rng.uniform(0, 150) * 1e4) / 1e4),
    ];
    for (const v of columns) {
      const counted = countedRanks(v), sorted = sortedRanks(v);
      expect(counted).not.toBeNull();
      expect(Array.from(counted?.lo ?? [])).toEqual(Array.from(sorted.lo));
      expect(Array.from(counted?.hi ?? [])).toEqual(Array.from(sorted.hi));
    }
    expect(countedRanks(Float64Array.of(1, 2.5))).not.toBeNull(); // tenths are whole hundredths
    expect(countedRanks(Float64Array.of(1, 0.1234567))).toBeNull(); // 7 places
    expect(countedRanks(Float64Array.of(0.1, 1 / 3))).toBeNull();
    expect(countedRanks(Float64Array.of(1, NaN))).toBeNull();
    expect(countedRanks(Float64Array.of(0, Infinity))).toBeNull();
    expect(countedRanks(Float64Array.of(0, 2 ** 22))).toBeNull(); // span too wide
    expect(countedRanks(Float64Array.of(1e15, 1e15 + 0.125))).toBeNull(); // magnitude beyond exact scaled integers
    expect(countedRanks(new Float64Array(0))).toBeNull();
  });

  it('sorts stably, negatives and large magnitudes included', () => {
    const v = Float64Array.of(2, -3.5, 1e300, -1e-300, 2, -Infinity, 0.1, -3.5);
    expect(Array.from(sortedOrder(v))).toEqual([5, 1, 7, 3, 6, 0, 4, 2]);
    expect(sortedOrder(new Float64Array(0)).length).toBe(0);
  });

  it('gives percentile scores equal to the pure definition and positions with ties in row order', () => {
    const rng = new Random(3);
    const v = Float64Array.from({ length: 5000 }, () => Math.round(rng.uniform(-50, 50)) / 4);
    const mine = percentileOfRanks(v), pure = percentileScores(v);
    mine.forEach((s, i) => expect(s).toBeCloseTo(pure[i], 10));
    expect(Array.from(positionsDescending(Float64Array.of(1, 3, 3, NaN, 2)))).toEqual([4, 1, 2, 5, 3]);
    expect(Array.from(percentileOfRanks(Float64Array.of(7)))).toEqual([50]);
  });

  it('gives the same positions from ranks already made as from a second sort', () => {
    const rng = new Random(5);
    const v = Float64Array.from({ length: 5000 }, (_, i) => (i % 11 === 0 ? Infinity : i % 13 === 0 ? -0 : Math.round(rng.uniform(-20, 20))));
    const fromRanks = positionsDescending(v, tieRanks(v));
    expect(Array.from(fromRanks)).toEqual(Array.from(positionsDescending(v)));
    expect(new Set(fromRanks).size).toBe(v.length);
    const withNaN = Float64Array.of(1, Infinity, 3, NaN, 3, Infinity);
    expect(Array.from(positionsDescending(withNaN, tieRanks(withNaN)))).toEqual([5, 1, 3, 6, 4, 2]);
  });

  it('matches DuckDB\'s rank(), percent_rank(), cume_dist() and row_number() to the last bit', async () => {
    const rng = new Random(11);
    const n = 20_000;
    const v = Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : Math.round(rng.logNormal(3, 1) * 100) / 100));
    const db = await DuckDbEngine.open();
    try {
      await db.run('CREATE TABLE t (i DOUBLE, v DOUBLE)');
      await db.append('t', [Float64Array.from({ length: n }, (_, i) => i), v]);
      // NaN is stored as NaN by append; as NULL it is what db.columns reads back as NaN.
      await db.run("UPDATE t SET v = NULL WHERE isnan(v)");
      const sql = await db.columns(`SELECT i,
        LEAST(5, 1 + floor(5 * (rank() OVER (ORDER BY v) - 1) / count(*) OVER ()))::INTEGER AS q,
        50.0 * (percent_rank() OVER (ORDER BY v) + (cume_dist() OVER (ORDER BY v) * count(*) OVER () - 1) / (count(*) OVER () - 1)) AS p,
        row_number() OVER (ORDER BY v DESC, i) AS pos
        FROM t ORDER BY i`);
      expect(Array.from(quintiles(v))).toEqual(Array.from(sql.q as Float64Array));
      expect(Array.from(percentileOfRanks(v))).toEqual(Array.from(sql.p as Float64Array));
      expect(Array.from(positionsDescending(v))).toEqual(Array.from(sql.pos as Float64Array));
    } finally {
      db.close();
    }
  });
});
