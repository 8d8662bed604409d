import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { percentileScores } from '../analytics/composite/composite-score.ts';
import { pyramidTiers } from '../analytics/pyramid/value-pyramid.ts';
import { rfmScores } from '../analytics/rfm/rfm-scores.ts';
import { segmentOf } from '../analytics/rfm/rfm-segments.ts';
import { Random } from '../analytics/simulate/random.ts';
import { segmentCustomers } from './segment-customers.ts';

describe('segmentCustomers (SQL) agrees with the pure definitions', () => {
  it('on 3,000 random customers with ties', async () => {
    const rng = new Random(9);
    const n = 3000;
    const ids = Array.from({ length: n }, (_, i) => String(i + 1));
    const orders = Array.from({ length: n }, () => 1 + rng.poisson(1.5));
    const spend = orders.map((k) => Math.round(k * rng.logNormal(3.5, 0.6)));
    const lastAgo = Array.from({ length: n }, () => Math.floor(rng.uniform(0, 500)));
    const tenure = lastAgo.map((d) => d + Math.floor(rng.uniform(0, 300)));
    const pAlive = Array.from({ length: n }, () => Math.round(rng.uniform() * 100) / 100 + 0.001);
    const pAlive52 = pAlive.map((p) => p * 0.9);
    const clv = spend.map((s, i) => Math.round(s * pAlive[i]));
    const day = (ago: number) => new Date(Date.UTC(2026, 5, 30) - ago * 86400000).toISOString().slice(0, 10);
    const db = await DuckDbEngine.open();
    try {
      await db.run(`CREATE TABLE customers (customer_id VARCHAR, frequency DOUBLE, total_spend DOUBLE, orders DOUBLE, first_purchase VARCHAR,
        last_purchase VARCHAR, p_alive DOUBLE, p_alive_52w DOUBLE, clv_12m DOUBLE)`);
      await db.append('customers', [ids, orders.map((k) => k - 1), spend, orders, tenure.map(day), lastAgo.map(day), pAlive, pAlive52, clv]);
      await segmentCustomers(db, { end: '2026-06-30' });
      const out = await db.columns('SELECT rfm_r, rfm_f, rfm_m, rfm_segment, pyramid_tier, score_current, score_future, value_at_risk, churn_warning FROM customers');
      const rfm = rfmScores({ recency: lastAgo, frequency: orders, monetary: spend });
      expect(Array.from(out.rfm_r as Float64Array)).toEqual(Array.from(rfm.r));
      expect(out.rfm_segment).toEqual(ids.map((_, i) => segmentOf(rfm.r[i], rfm.f[i], rfm.m[i]).id));
      // Pyramid ties: the SQL breaks them by customer id, the pure function by input order — the same here.
      expect(out.pyramid_tier).toEqual(pyramidTiers(clv));
      const cur = percentileScores(spend), fut = percentileScores(clv);
      (out.score_current as Float64Array).forEach((v, i) => expect(v).toBeCloseTo(cur[i], 2));
      (out.score_future as Float64Array).forEach((v, i) => expect(v).toBeCloseTo(fut[i], 2));
      // Value at risk = (1 − P(alive)) × the value if alive (clv / P(alive)).
      expect((out.value_at_risk as Float64Array)[0]).toBeCloseTo((1 - pAlive[0]) * clv[0] / pAlive[0], 3);
      expect(Array.from(out.churn_warning as Float64Array)).toEqual(pAlive.map((p) => (p < 0.5 ? 1 : 0)));
    } finally {
      db.close();
    }
  });
});

describe('value at risk', () => {
  it('uses the value if still a customer, so a P(alive) rounded to 0 does not blow it up', async () => {
    const db = await DuckDbEngine.open();
    try {
      await db.run(`CREATE TABLE customers AS SELECT * FROM (VALUES
        ('1', 3.0, 300.0, 4.0, '2025-01-01', '2025-03-01', 0.0, 0.0, 0.0001, 50.0),
        ('2', 1.0, 80.0, 2.0, '2025-06-01', '2026-06-01', 0.8, 0.7, 40.0, 50.0))
        t(customer_id, frequency, total_spend, orders, first_purchase, last_purchase, p_alive, p_alive_52w, clv_12m, clv_12m_if_alive)`);
      await segmentCustomers(db, { end: '2026-06-30' });
      const rows = await db.rows('SELECT customer_id, value_at_risk, churn_rank FROM customers ORDER BY customer_id');
      // (1 − P(alive)) × value if alive: 1 × 50 and 0.2 × 50. The old CLV / max(P(alive), 1e-12) gave 1e8 for the first.
      expect(rows.map((r) => r.value_at_risk)).toEqual([50, 10]);
      expect(rows[0].churn_rank).toBe(1);
    } finally {
      db.close();
    }
  });
});
