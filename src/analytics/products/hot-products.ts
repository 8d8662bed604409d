// Hot products (热门商品): the B2C rule of the course material, four conditions, each configurable:
// weekly units sold ≥ 50, share of buyers who were first-time buyers ≥ 40 %, favourites ≥ 500,
// views ≥ 3,000. A product is hot when it meets every condition whose data exists; a condition
// without data is reported as unknown (never guessed), and the report says which input is missing.

export interface HotThresholds {
  weeklyUnits: number;
  firstTimeBuyerShare: number;
  favorites: number;
  views: number;
}
export const DEFAULT_HOT_THRESHOLDS: HotThresholds = { weeklyUnits: 50, firstTimeBuyerShare: 0.4, favorites: 500, views: 3000 };

export interface ProductMeasures {
  productId: string;
  name?: string;
  /** Units sold per week over the window (mean of the window's weeks). */
  weeklyUnits: number;
  /** Of the product's buyers in the window, the share whose first purchase at the store included it. */
  firstTimeBuyerShare: number;
  /** null when the data has no product events. */
  favorites: number | null;
  views: number | null;
}

export type ConditionState = 'met' | 'not-met' | 'unknown';

export interface HotProduct extends ProductMeasures {
  conditions: Record<keyof HotThresholds, ConditionState>;
  met: number;
  hot: boolean;
}

const state = (v: number | null, threshold: number): ConditionState => (v === null || Number.isNaN(v) ? 'unknown' : v >= threshold ? 'met' : 'not-met');

/** Evaluates the four conditions for each product; sorted hot first, then by conditions met, units and id. */
export function evaluateHotProducts(products: readonly ProductMeasures[], t: HotThresholds = DEFAULT_HOT_THRESHOLDS): HotProduct[] {
  return products
    .map((p) => {
      const conditions = {
        weeklyUnits: state(p.weeklyUnits, t.weeklyUnits), firstTimeBuyerShare: state(p.firstTimeBuyerShare, t.firstTimeBuyerShare),
        favorites: state(p.favorites, t.favorites), views: state(p.views, t.views),
      };
      const states = Object.values(conditions);
      const met = states.filter((s) => s === 'met').length;
      return { ...p, conditions, met, hot: states.every((s) => s !== 'not-met') && met > 0 };
    })
    // The product id breaks ties so equal products keep one order from run to run.
    .sort((a, b) => Number(b.hot) - Number(a.hot) || b.met - a.met || b.weeklyUnits - a.weeklyUnits || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/**
 * Per-product measures in DuckDB over the last `weeks` weeks before `end`, from `sales_lines`
 * (product_id, customer_id, order_id, ts, quantity; exclusion IS NULL) and optionally
 * `product_events` (product_id, event 'view'|'favorite'|'cart', ts). A product sold under several names
 * (Online Retail's stock codes often are) shows the alphabetically first, so the name is the same every run.
 */
export function hotProductMeasuresSql(end: string, weeks: number, withEvents: boolean): string {
  const from = `DATE '${end}' - INTERVAL ${weeks * 7} DAY`, to = `DATE '${end}' + INTERVAL 1 DAY`;
  return `WITH firsts AS (
    SELECT customer_id, min(ts) AS first_ts FROM sales_lines WHERE exclusion IS NULL AND customer_id IS NOT NULL GROUP BY customer_id
  ),
  win AS (SELECT * FROM sales_lines WHERE exclusion IS NULL AND product_id IS NOT NULL AND ts >= ${from} AND ts < ${to}),
  sales AS (
    SELECT w.product_id, min(w.product_name) AS name, sum(w.quantity) / ${weeks} AS weekly_units,
      count(DISTINCT w.customer_id) AS buyers,
      count(DISTINCT w.customer_id) FILTER (WHERE w.ts = f.first_ts) AS first_time_buyers
    FROM win w LEFT JOIN firsts f USING (customer_id) GROUP BY w.product_id
  )${withEvents ? `,
  ev AS (
    SELECT product_id, count(*) FILTER (WHERE event = 'view') AS views, count(*) FILTER (WHERE event = 'favorite') AS favorites
    FROM product_events WHERE ts >= ${from} AND ts < ${to} GROUP BY product_id
  )` : ''}
  SELECT s.product_id, s.name, s.weekly_units, CASE WHEN s.buyers > 0 THEN s.first_time_buyers / s.buyers END AS first_time_buyer_share,
    ${withEvents ? 'coalesce(ev.favorites, 0) AS favorites, coalesce(ev.views, 0) AS views' : 'NULL AS favorites, NULL AS views'}
  FROM sales s ${withEvents ? 'LEFT JOIN ev USING (product_id)' : ''} ORDER BY s.weekly_units DESC, s.product_id`;
}
