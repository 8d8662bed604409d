// The product parts of `cvm analyze` on the imported sales lines: hot products (four conditions,
// unknown when the data lacks their input), association rules from order baskets, and
// replenishment cycles per customer × product with who is due next. Counting is in DuckDB; the rule
// miner gets the baskets as two coded integer columns (basket, item), never per-line objects.
import { associationRules } from '../analytics/basket/association-rules.ts';
import { isRedundant } from '../analytics/basket/redundant-rules.ts';
import { sortRules } from '../analytics/basket/sort-rules.ts';
import { fromPairs } from '../analytics/basket/transactions.ts';
import { evaluateHotProducts, hotProductMeasuresSql } from '../analytics/products/hot-products.ts';
import { replenishmentSql } from '../analytics/replenishment/replenishment.ts';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { tableExists } from '../ingest/sales-store.ts';
import type { HotCondition, HotProductsSection, ReplenishmentSection, RulesSection, Unavailable } from '../report/report-data.ts';
import type { AnalyzeConfig } from './analyze-config.ts';

const KEPT = 'exclusion IS NULL';
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const noProducts: Unavailable = { unavailable: { en: 'the sales file has no product column', 'zh-CN': '销售文件没有商品列' } };

/** Which optional sales columns the imported lines actually fill. */
/** Which optional columns the kept sales lines have. */
export interface SalesColumns { product: boolean; quantity: boolean; order: boolean; discount: boolean }

export async function salesColumnsPresent(db: DuckDbEngine): Promise<SalesColumns> {
  const [r] = await db.rows(`SELECT count(product_id) AS product, count(quantity) AS quantity, count(order_id) AS orders, count(discount) AS discount FROM sales_lines WHERE ${KEPT}`);
  return { product: Number(r.product) > 0, quantity: Number(r.quantity) > 0, order: Number(r.orders) > 0, discount: Number(r.discount) > 0 };
}

export async function retailHotProducts(db: DuckDbEngine, end: string, c: AnalyzeConfig['hotProducts']): Promise<HotProductsSection | Unavailable> {
  const has = await salesColumnsPresent(db);
  if (!has.product) return noProducts;
  if (!has.quantity) return { unavailable: { en: 'the sales file has no quantity column, so units sold are unknown', 'zh-CN': '销售文件没有数量列，销量未知' } };
  const withEvents = await tableExists(db, 'product_events');
  const rows = await db.rows(hotProductMeasuresSql(end, c.weeks, withEvents));
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const evaluated = evaluateHotProducts(rows.map((r) => ({
    productId: String(r.product_id), name: r.name === null ? undefined : String(r.name), weeklyUnits: Number(r.weekly_units ?? 0),
    firstTimeBuyerShare: num(r.first_time_buyer_share) ?? Number.NaN, favorites: num(r.favorites), views: num(r.views),
  })), c);
  const noEvents = { en: 'needs product events (views and favourites), which this run did not have', 'zh-CN': '需要商品行为数据（浏览与收藏），本次运行没有' };
  const unknown: HotProductsSection['unknown'] = withEvents ? [] : [{ condition: 'favorites', reason: noEvents }, { condition: 'views', reason: noEvents }];
  const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
  return {
    weeks: c.weeks, from: addDays(end, -7 * c.weeks), to: end,
    thresholds: { weeklyUnits: c.weeklyUnits, firstTimeBuyerShare: c.firstTimeBuyerShare, favorites: c.favorites, views: c.views },
    products: evaluated.length, hot: evaluated.filter((p) => p.hot).length, unknown,
    top: evaluated.slice(0, c.top).map((p) => ({
      productId: p.productId, name: p.name ?? null, weeklyUnits: p.weeklyUnits, firstTimeBuyerShare: finite(p.firstTimeBuyerShare),
      favorites: finite(p.favorites), views: finite(p.views), conditions: p.conditions as Record<HotCondition, 'met' | 'not-met' | 'unknown'>, hot: p.hot,
    })),
  };
}

export async function retailRules(db: DuckDbEngine, c: AnalyzeConfig['rules']): Promise<RulesSection | Unavailable> {
  const has = await salesColumnsPresent(db);
  if (!has.product) return noProducts;
  // A basket is an order; without order ids, what one customer bought on one day (anonymous lines
  // without an order id cannot be grouped and are left out).
  const basket = has.order ? 'order_id' : "customer_id || '|' || CAST(CAST(ts AS DATE) AS VARCHAR)";
  await db.run(`CREATE OR REPLACE TEMP TABLE basket_pairs AS SELECT DISTINCT ${basket} AS o, product_id AS i FROM sales_lines
    WHERE ${KEPT} AND product_id IS NOT NULL AND ${basket} IS NOT NULL;
  CREATE OR REPLACE TEMP TABLE basket_items AS SELECT i, CAST(row_number() OVER (ORDER BY i) - 1 AS INTEGER) AS code FROM (SELECT DISTINCT i FROM basket_pairs);
  CREATE OR REPLACE TEMP TABLE basket_orders AS SELECT o, CAST(row_number() OVER (ORDER BY o) - 1 AS INTEGER) AS t FROM (SELECT DISTINCT o FROM basket_pairs)`);
  const labels = ((await db.columns('SELECT i FROM basket_items ORDER BY code')).i as (string | null)[]).map((x) => x ?? '');
  const pairs = await db.columns('SELECT t, code FROM basket_pairs JOIN basket_orders USING (o) JOIN basket_items USING (i) ORDER BY t, code');
  const nBaskets = Number(await db.scalar('SELECT count(*) FROM basket_orders'));
  const tx = fromPairs(pairs.t as Float64Array, pairs.code as Float64Array, labels, nBaskets);
  const set = associationRules(tx, { support: c.support, confidence: c.confidence, minlen: c.minlen, maxlen: c.maxlen });
  const redundant = c.pruneRedundant ? isRedundant(set.rules) : set.rules.map(() => false);
  const kept = set.rules.filter((_, k) => !redundant[k]);
  const top = sortRules(kept, 'lift', labels).slice(0, c.top);
  const ids = [...new Set(top.flatMap((r) => [...r.lhs, r.rhs]).map((k) => labels[k]))];
  const names = new Map<string, string | null>();
  if (ids.length) {
    const rows = await db.rows(`SELECT product_id, any_value(product_name) AS name FROM sales_lines WHERE product_id IN (${ids.map(quoteString).join(', ')}) GROUP BY product_id`);
    for (const r of rows) names.set(String(r.product_id), r.name === null ? null : String(r.name));
  }
  const item = (k: number) => ({ id: labels[k], name: names.get(labels[k]) ?? null });
  return {
    basketBy: has.order ? 'order' : 'customer-day', baskets: set.transactions, items: set.items, support: c.support, confidence: c.confidence,
    minlen: c.minlen, maxlen: c.maxlen, found: set.rules.length, kept: kept.length,
    top: top.map((r) => ({ lhs: r.lhs.map(item), rhs: item(r.rhs), support: r.support, confidence: r.confidence, coverage: r.coverage, lift: r.lift, count: r.count })),
  };
}

export interface RetailReplenishment {
  section: ReplenishmentSection | Unavailable;
  /** Temp table (customer_id, next_replenishment, replenishment_due_items), or null. */
  table: string | null;
}

export async function retailReplenishment(db: DuckDbEngine, asOf: string, c: AnalyzeConfig['replenishment']): Promise<RetailReplenishment> {
  if (!(await salesColumnsPresent(db)).product) return { section: noProducts, table: null };
  const until = addDays(asOf, c.dueDays);
  await db.run(`CREATE OR REPLACE TEMP TABLE retail_cycles AS SELECT * FROM (${replenishmentSql(c.minPurchases)})`);
  await db.run(`CREATE OR REPLACE TEMP TABLE retail_replenishment AS
    SELECT customer_id, strftime(min(next_purchase) FILTER (WHERE next_purchase > DATE '${asOf}'), '%Y-%m-%d') AS next_replenishment,
      CAST(count(*) FILTER (WHERE next_purchase > DATE '${asOf}' AND next_purchase <= DATE '${until}') AS INTEGER) AS replenishment_due_items
    FROM retail_cycles GROUP BY customer_id`);
  const [s] = await db.rows(`SELECT count(*) AS pairs, count(DISTINCT customer_id) AS customers,
    count(*) FILTER (WHERE next_purchase > DATE '${asOf}' AND next_purchase <= DATE '${until}') AS due_pairs,
    count(DISTINCT customer_id) FILTER (WHERE next_purchase > DATE '${asOf}' AND next_purchase <= DATE '${until}') AS due_customers,
    count(*) FILTER (WHERE next_purchase <= DATE '${asOf}') AS overdue,
    quantile_cont(median_interval_days, 0.25) AS p25, quantile_cont(median_interval_days, 0.5) AS p50, quantile_cont(median_interval_days, 0.75) AS p75
    FROM retail_cycles`);
  const due = await db.rows(`SELECT c.customer_id, c.product_id, n.name AS product_name, c.purchases, c.median_interval_days,
      strftime(c.last_purchase, '%Y-%m-%d') AS last_purchase, strftime(c.next_purchase, '%Y-%m-%d') AS next_purchase
    FROM retail_cycles c LEFT JOIN (SELECT product_id, any_value(product_name) AS name FROM sales_lines GROUP BY product_id) n USING (product_id)
    WHERE c.next_purchase > DATE '${asOf}' AND c.next_purchase <= DATE '${until}'
    ORDER BY c.next_purchase, c.purchases DESC, c.customer_id, c.product_id LIMIT ${c.top}`);
  const n = (v: unknown) => Number(v ?? 0);
  return {
    table: 'retail_replenishment',
    section: {
      minPurchases: c.minPurchases, dueDays: c.dueDays, asOf, pairs: n(s.pairs), customers: n(s.customers), duePairs: n(s.due_pairs),
      dueCustomers: n(s.due_customers), overduePairs: n(s.overdue), interval: { p25: n(s.p25), median: n(s.p50), p75: n(s.p75) },
      due: due.map((r) => ({
        customer_id: String(r.customer_id), product_id: String(r.product_id), product_name: r.product_name === null ? null : String(r.product_name),
        purchases: n(r.purchases), median_interval_days: n(r.median_interval_days), last_purchase: String(r.last_purchase), next_purchase: String(r.next_purchase),
      })),
    },
  };
}
