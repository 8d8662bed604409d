// The parts of the retail stage that need a data folder's operational inputs (issue 5 items 2, 7, 8):
// NPS and each customer's satisfaction × loyalty quadrant from survey answers, "bought again after a
// complaint" from complaints, and margins from the products' costs. Interactions live in the
// operational store (PGlite or PostgreSQL); they are read once, in one Kysely select, and appended in
// bulk into a DuckDB temp table, so the per-customer work stays in SQL beside the sales.
import { sql } from 'kysely';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { DEFAULT_QUADRANT_THRESHOLDS, type QuadrantThresholds } from '../analytics/loyalty/satisfaction-loyalty.ts';
import type { EconomicsSection, SatisfactionSection, Unavailable } from '../report/report-data.ts';
import type { OperationalStore } from '../store/open-operational-store.ts';

/** The temp table the interactions are appended to (customer code, kind, time, score, satisfaction). */
export const INTERACTIONS_TABLE = 'retail_interactions';

/** One complaint or survey answer as read from the operational store (numbers as the text stored). */
export interface InteractionRow {
  code: string | null;
  kind: string;
  /** Local time as stored, YYYY-MM-DD HH24:MI:SS. */
  at: string;
  score: string | number | null;
  satisfaction: string | number | null;
}

/**
 * The complaints and survey answers of the operational store. Times are read as the text the importer
 * stored (local time, no zone), so they compare with the sales lines' timestamps, which carry none either.
 */
export async function readInteractions(store: OperationalStore): Promise<InteractionRow[]> {
  return store.db.selectFrom('interactions as i')
    .leftJoin('customers as c', 'c.id', 'i.customer_id')
    .select([
      sql<string | null>`coalesce(c.customer_code, i.customer_code)`.as('code'), 'i.kind',
      sql<string>`to_char(i.occurred_at, 'YYYY-MM-DD HH24:MI:SS')`.as('at'), 'i.score', 'i.satisfaction',
    ])
    .where('i.kind', 'in', ['complaint', 'survey'])
    .execute();
}

/**
 * Puts the interactions (from readInteractions, here or in the process that holds the store) into
 * `retail_interactions`; returns their number.
 */
export async function loadInteractions(db: DuckDbEngine, rows: readonly InteractionRow[]): Promise<number> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${INTERACTIONS_TABLE} (customer_id VARCHAR, kind VARCHAR, occurred_at VARCHAR, score DOUBLE, satisfaction DOUBLE)`);
  const num = (v: string | number | null) => (v === null ? Number.NaN : Number(v));
  await db.append(INTERACTIONS_TABLE, [
    rows.map((r) => r.code), rows.map((r) => r.kind), rows.map((r) => r.at),
    Float64Array.from(rows, (r) => num(r.score)), Float64Array.from(rows, (r) => num(r.satisfaction)),
  ]);
  // NaN (no score) becomes NULL, so count() and avg() skip it as SQL does with missing values.
  await db.run(`UPDATE ${INTERACTIONS_TABLE} SET score = CASE WHEN isnan(score) THEN NULL ELSE score END,
    satisfaction = CASE WHEN isnan(satisfaction) THEN NULL ELSE satisfaction END`);
  return rows.length;
}

const count = async (db: DuckDbEngine, where: string): Promise<number> =>
  Number(await db.scalar(`SELECT count(*) FROM ${INTERACTIONS_TABLE} WHERE ${where}`));

/**
 * NPS over every survey answer with a 0–10 score (promoters 9–10, detractors 0–6), and each surveyed
 * customer's quadrant: satisfaction = the mean of their 1–5 answers, loyalty = P(alive) from the
 * value pipeline (both "high" at the thresholds of satisfaction-loyalty.ts). Writes
 * `retail_quadrants(customer_id, loyalty_quadrant)` for the customers table.
 */
export async function retailSatisfaction(db: DuckDbEngine, t: QuadrantThresholds = DEFAULT_QUADRANT_THRESHOLDS): Promise<SatisfactionSection | Unavailable> {
  if ((await count(db, "kind = 'survey' AND score IS NOT NULL")) === 0) {
    return { unavailable: { en: 'the data folder has no survey answers with a 0–10 score', 'zh-CN': '数据文件夹中没有带 0–10 推荐分的调查问卷答案' } };
  }
  const [n] = await db.rows(`SELECT count(*) AS responses, count(*) FILTER (WHERE score >= 9) AS promoters, count(*) FILTER (WHERE score <= 6) AS detractors
    FROM ${INTERACTIONS_TABLE} WHERE kind = 'survey' AND score BETWEEN 0 AND 10 AND score = round(score)`);
  const responses = Number(n.responses);
  await db.run(`CREATE OR REPLACE TEMP TABLE retail_quadrants AS
    SELECT c.customer_id, CASE WHEN s.sat >= ${t.satisfaction} THEN (CASE WHEN c.p_alive >= ${t.loyalty} THEN 'apostle' ELSE 'mercenary' END)
      ELSE (CASE WHEN c.p_alive >= ${t.loyalty} THEN 'hostage' ELSE 'defector' END) END AS loyalty_quadrant
    FROM customers c JOIN (SELECT customer_id, avg(satisfaction) AS sat FROM ${INTERACTIONS_TABLE}
      WHERE kind = 'survey' AND satisfaction IS NOT NULL GROUP BY customer_id) s USING (customer_id)`);
  const quadrants = await db.rows('SELECT loyalty_quadrant AS quadrant, count(*) AS customers FROM retail_quadrants GROUP BY 1 ORDER BY 1');
  return {
    nps: responses ? (100 * (Number(n.promoters) - Number(n.detractors))) / responses : 0,
    responses,
    quadrants: quadrants.map((q) => ({ quadrant: String(q.quadrant), customers: Number(q.customers) })),
  };
}

/** Of the customers with a complaint, the share with a purchase after their first complaint (tolerance). */
export async function boughtAfterComplaint(db: DuckDbEngine): Promise<{ share: number; complainers: number } | Unavailable> {
  const [r] = await db.rows(`WITH first AS (SELECT customer_id, min(CAST(occurred_at AS TIMESTAMP)) AS first_at FROM ${INTERACTIONS_TABLE}
      WHERE kind = 'complaint' AND customer_id IS NOT NULL GROUP BY customer_id)
    SELECT count(*) AS complainers, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = first.customer_id AND t.ts > first.first_at)) AS stayed FROM first`);
  const complainers = Number(r.complainers);
  if (complainers === 0) return { unavailable: { en: 'the data folder has no complaints by members', 'zh-CN': '数据文件夹中没有会员的投诉记录' } };
  return { share: Number(r.stayed) / complainers, complainers };
}

/**
 * Margins from the products' costs: each kept sales line's margin is its amount (net of discount)
 * minus quantity × cost. Needs product, quantity and cost on the lines; lines of products without a
 * cost are left out and counted. m = mean margin per customer over the last 365 days to the end;
 * r = share of the customers who bought in the year before that and bought again in it.
 */
export async function retailEconomics(db: DuckDbEngine, end: string, discountRate: number): Promise<EconomicsSection | Unavailable> {
  const costs = Number(await db.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'products' AND NOT temporary"))
    ? Number(await db.scalar('SELECT count(cost) FROM products')) : 0;
  if (costs === 0) {
    return { unavailable: { en: 'margins need product costs: import a products file with a cost column (cvm import --kind products); cvm calc computes profitability and retention value from figures you give', 'zh-CN': '毛利需要商品成本：请导入含成本列的商品文件（cvm import --kind products）；也可用 cvm calc 按您提供的数字计算' } };
  }
  const e = `DATE '${end}'`;
  await db.run(`CREATE OR REPLACE TEMP TABLE retail_margins AS
    SELECT s.customer_id, sum(s.amount - s.quantity * p.cost) AS margin,
      sum(s.amount - s.quantity * p.cost) FILTER (WHERE CAST(s.ts AS DATE) > ${e} - INTERVAL 365 DAY) AS margin_year
    FROM sales_lines s JOIN products p USING (product_id)
    WHERE s.exclusion IS NULL AND s.customer_id IS NOT NULL AND s.quantity IS NOT NULL AND p.cost IS NOT NULL AND CAST(s.ts AS DATE) <= ${e}
    GROUP BY s.customer_id`);
  const [m] = await db.rows(`SELECT count(*) AS customers, sum(margin) AS total, avg(coalesce(margin_year, 0)) AS m FROM retail_margins`);
  const [r] = await db.rows(`WITH prev AS (SELECT DISTINCT customer_id FROM transactions WHERE CAST(ts AS DATE) > ${e} - INTERVAL 730 DAY AND CAST(ts AS DATE) <= ${e} - INTERVAL 365 DAY),
      cur AS (SELECT DISTINCT customer_id FROM transactions WHERE CAST(ts AS DATE) > ${e} - INTERVAL 365 DAY AND CAST(ts AS DATE) <= ${e})
    SELECT count(*) AS prev, count(cur.customer_id) AS kept FROM prev LEFT JOIN cur USING (customer_id)`);
  const customers = Number(m.customers);
  if (customers === 0) return { unavailable: { en: 'no sales line has a product with a known cost', 'zh-CN': '没有销售行的商品有已知成本' } };
  const retention = Number(r.prev) > 0 ? Number(r.kept) / Number(r.prev) : 0;
  const mean = Number(m.m ?? 0);
  const total = Number(m.total ?? 0);
  return {
    discountRate, retention, customers, totalMargin: total,
    meanRetentionValue: (mean * retention) / (1 + discountRate - retention),
    ...(await tierMargins(db, total)),
  };
}

/** Each pyramid tier's margin and share of the total, when `cvm analyze` computed the tiers (segments on). */
async function tierMargins(db: DuckDbEngine, total: number): Promise<{ tiers?: EconomicsSection['tiers'] }> {
  const has = Number(await db.scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'pyramid_tier'"));
  if (!has) return {};
  const rows = await db.rows(`SELECT c.pyramid_tier AS tier, count(*) AS customers, sum(m.margin) AS margin
    FROM retail_margins m JOIN customers c USING (customer_id) GROUP BY 1
    ORDER BY CASE c.pyramid_tier WHEN 'key' THEN 0 WHEN 'large' THEN 1 WHEN 'medium' THEN 2 WHEN 'small' THEN 3 ELSE 4 END, 1`);
  return {
    tiers: rows.map((r) => ({ tier: String(r.tier), customers: Number(r.customers), margin: Number(r.margin), share: total ? Number(r.margin) / total : 0 })),
  };
}
