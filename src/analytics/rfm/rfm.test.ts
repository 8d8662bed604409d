import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { Random } from '../simulate/random.ts';
import { quantileScores, rfmScores } from './rfm-scores.ts';
import { rfmSql } from './rfm-sql.ts';
import { DEFAULT_SEGMENTS, segmentOf, summarizeSegments, validateSegmentMap } from './rfm-segments.ts';

describe('quantile scores', () => {
  it('ten distinct values fall two to a quintile', () => {
    expect(Array.from(quantileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
  it('ties share the score of the lowest member of their group', () => {
    // Six one-time buyers of ten: 0 below them → score 1. The 2-order pair has 6 of 10 below → 1 + ⌊3⌋ = 4;
    // 5 orders has 8 below → 5; 9 orders 9 below → 5.
    expect(Array.from(quantileScores([1, 1, 1, 1, 1, 1, 2, 2, 5, 9]))).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  });
  it('recency is better when smaller', () => {
    const s = rfmScores({ recency: [5, 300, 40, 120, 1], frequency: [1, 1, 1, 1, 1], monetary: [1, 2, 3, 4, 5] });
    // Days since last purchase ranked in reverse: 300 < 120 < 40 < 5 < 1 → scores 1, 2, 3, 4, 5.
    expect(Array.from(s.r)).toEqual([4, 1, 3, 2, 5]);
    expect(Array.from(s.f)).toEqual([1, 1, 1, 1, 1]);
  });
  it('refuses missing values', () => {
    expect(() => rfmScores({ recency: [1, NaN], frequency: [1, 2], monetary: [1, 2] })).toThrow(/recency of row 2/);
  });
});

describe('segments', () => {
  it('maps scores by the first matching rule', () => {
    expect(segmentOf(5, 5, 5).id).toBe('champions');
    expect(segmentOf(5, 1, 1).id).toBe('new');
    expect(segmentOf(3, 1, 4).id).toBe('promising');
    expect(segmentOf(4, 2, 2).id).toBe('potential-loyalist');
    expect(segmentOf(1, 5, 5).id).toBe('cant-lose');
    expect(segmentOf(2, 4, 4).id).toBe('loyal');
    expect(segmentOf(1, 3, 2).id).toBe('at-risk');
    expect(segmentOf(2, 1, 1).id).toBe('hibernating');
    expect(segmentOf(1, 1, 1).id).toBe('lost');
    expect(segmentOf(1, 4, 1).id).toBe('others');
  });
  it('every default segment is reachable by some score triple', () => {
    const reached = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) reached.add(segmentOf(r, f, m).id);
    for (const s of DEFAULT_SEGMENTS) expect(reached.has(s.id), s.id).toBe(true);
  });
  it('summarises sizes and revenue shares', () => {
    const sum = summarizeSegments(['champions', 'lost', 'lost', 'champions'], [100, 10, 30, 60]);
    const champions = sum.find((s) => s.id === 'champions');
    expect(champions?.customers).toBe(2);
    expect(champions?.revenueShare).toBeCloseTo(160 / 200, 12);
    expect(sum.find((s) => s.id === 'lost')?.customerShare).toBe(0.5);
    expect(sum).toHaveLength(DEFAULT_SEGMENTS.length + 1);
  });
  it('validates a custom map', () => {
    expect(validateSegmentMap(DEFAULT_SEGMENTS)).toEqual([]);
    expect(validateSegmentMap([{ id: 'a', label: { en: 'A', zh: 'A' }, r: [3, 1], f: [1, 5], m: [1, 6] }])).toHaveLength(2);
  });
});

describe('RFM in DuckDB', () => {
  it('gives the same scores and segments as the pure functions on 5,000 random customers with ties', async () => {
    const rng = new Random(5);
    const n = 5000;
    const recency = Array.from({ length: n }, () => Math.floor(rng.uniform(0, 400)));
    const frequency = Array.from({ length: n }, () => 1 + rng.poisson(1.2));
    const monetary = Array.from({ length: n }, () => Math.round(rng.logNormal(3.3, 0.8)));
    const pure = rfmScores({ recency, frequency, monetary });
    const db = await DuckDbEngine.open();
    try {
      await db.run('CREATE TABLE c (i DOUBLE, recency DOUBLE, frequency DOUBLE, monetary DOUBLE)');
      await db.append('c', [Array.from({ length: n }, (_, i) => i), recency, frequency, monetary]);
      await db.run(rfmSql({ source: 'c', recency: 'recency', frequency: 'frequency', monetary: 'monetary' }));
      const out = await db.columns('SELECT rfm_r, rfm_f, rfm_m, rfm_segment FROM customer_rfm ORDER BY i');
      expect(Array.from(out.rfm_r as Float64Array)).toEqual(Array.from(pure.r));
      expect(Array.from(out.rfm_f as Float64Array)).toEqual(Array.from(pure.f));
      expect(Array.from(out.rfm_m as Float64Array)).toEqual(Array.from(pure.m));
      expect(out.rfm_segment).toEqual(Array.from({ length: n }, (_, i) => segmentOf(pure.r[i], pure.f[i], pure.m[i]).id));
    } finally {
      db.close();
    }
  });
});
