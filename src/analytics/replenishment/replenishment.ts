// Replenishment (the rice-seller story): per customer × product, the typical interval between
// purchases and the predicted next purchase date; who is due in the next N days. The typical
// interval is the median of the gaps between purchase days (robust to one skipped cycle or one
// double stock-up, which a mean is not); at least `minPurchases` purchase days are needed (default 3,
// i.e. two gaps) before a cycle is claimed.

export interface ReplenishmentEstimate {
  purchases: number;
  medianIntervalDays: number;
  lastPurchaseDay: number;
  nextPurchaseDay: number;
}

/** Days are integers (e.g. days since 1970-01-01); same-day purchases count once. */
export function estimateReplenishment(days: readonly number[], minPurchases = 3): ReplenishmentEstimate | null {
  const d = [...new Set(days)].sort((a, b) => a - b);
  if (d.length < minPurchases) return null;
  const gaps = d.slice(1).map((v, i) => v - d[i]).sort((a, b) => a - b);
  const m = gaps.length % 2 ? gaps[(gaps.length - 1) / 2] : (gaps[gaps.length / 2 - 1] + gaps[gaps.length / 2]) / 2;
  const last = d[d.length - 1];
  return { purchases: d.length, medianIntervalDays: m, lastPurchaseDay: last, nextPurchaseDay: last + Math.round(m) };
}

/**
 * The same per customer × product in DuckDB from `sales_lines`: purchase days, gaps by lag(), the
 * median gap (DuckDB's median = the mean of the two middle values for an even count, like above),
 * and the predicted next day. `due(asOf, days)` selects those due between asOf and asOf + days.
 */
export function replenishmentSql(minPurchases = 3): string {
  return `WITH days AS (
    SELECT DISTINCT customer_id, product_id, CAST(ts AS DATE) AS day FROM sales_lines
    WHERE exclusion IS NULL AND customer_id IS NOT NULL AND product_id IS NOT NULL
  ),
  gaps AS (
    SELECT customer_id, product_id, day, date_diff('day', lag(day) OVER (PARTITION BY customer_id, product_id ORDER BY day), day) AS gap FROM days
  )
  SELECT customer_id, product_id, count(*) AS purchases, median(gap) AS median_interval_days, max(day) AS last_purchase,
    max(day) + CAST(round(median(gap)) AS INTEGER) AS next_purchase
  FROM gaps GROUP BY customer_id, product_id HAVING count(*) >= ${minPurchases}`;
}

export const dueSql = (asOf: string, days: number, minPurchases = 3): string =>
  `SELECT * FROM (${replenishmentSql(minPurchases)}) WHERE next_purchase BETWEEN DATE '${asOf}' AND DATE '${asOf}' + INTERVAL ${days} DAY ORDER BY next_purchase, customer_id, product_id`;
