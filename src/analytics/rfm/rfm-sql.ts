// RFM in DuckDB for the whole base: the same scores as rfm-scores.ts (rank-based, ties equal) and
// the same first-match segment map, so a million customers never leave the engine.
import { quoteString } from '../../engines/duckdb/sql-literal.ts';
import { DEFAULT_SEGMENTS, OTHERS, type SegmentRule } from './rfm-segments.ts';

export interface RfmSqlSpec {
  source: string;
  /** Column expressions in `source`. */
  recency: string;
  frequency: string;
  monetary: string;
  segments?: readonly SegmentRule[];
  target?: string;
}

const score = (expr: string) => `LEAST(5, 1 + floor(5 * (rank() OVER (ORDER BY ${expr}) - 1) / count(*) OVER ()))::INTEGER`;

/** CREATE TABLE target AS source + rfm_r, rfm_f, rfm_m, rfm_score ('545'), rfm_segment (id). */
export function rfmSql(s: RfmSqlSpec): string {
  const rules = s.segments ?? DEFAULT_SEGMENTS;
  const when = rules.map((r) => `WHEN rfm_r BETWEEN ${r.r[0]} AND ${r.r[1]} AND rfm_f BETWEEN ${r.f[0]} AND ${r.f[1]} AND rfm_m BETWEEN ${r.m[0]} AND ${r.m[1]} THEN ${quoteString(r.id)}`).join('\n      ');
  return `CREATE OR REPLACE TABLE ${s.target ?? 'customer_rfm'} AS
  WITH scored AS (
    SELECT *, ${score(`-(${s.recency})`)} AS rfm_r, ${score(s.frequency)} AS rfm_f, ${score(s.monetary)} AS rfm_m FROM ${s.source}
  )
  SELECT *, concat(rfm_r, rfm_f, rfm_m) AS rfm_score,
    CASE
      ${when}
      ELSE ${quoteString(OTHERS.id)}
    END AS rfm_segment
  FROM scored`;
}
