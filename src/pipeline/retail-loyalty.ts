// Loyalty measures inside `cvm analyze` (忠诚度, domain.md §7), aggregated in DuckDB with the
// definitions of loyaltyMeasures (satisfaction-loyalty.ts): repeat purchase rate, mean days between
// orders, share of spend bought on discount (lines with a discount > 0, per customer and store-wide).
// The sum of a customer's gaps between consecutive orders telescopes to last − first order day, so no
// window function is needed. Measures whose input the
// data lacks (complaints, survey answers) are reported as unavailable with that input named.
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import type { LoyaltySection, SatisfactionSection, Unavailable } from '../report/report-data.ts';

/**
 * Per-customer facts the measures are built from (also what the pure function takes). A customer's
 * discount share is the part of their spend on lines with a discount > 0 (NULL when none of their
 * lines says whether it was discounted, i.e. the sales file had no discount column).
 */
export const LOYALTY_FACTS_SQL = `WITH o AS (
  SELECT customer_id, count(*) AS orders, date_diff('day', min(CAST(ts AS DATE)), max(CAST(ts AS DATE))) AS gap_days_sum, sum(amount) AS spend
  FROM transactions GROUP BY customer_id
), d AS (
  SELECT customer_id, count(discount) AS discount_known, coalesce(sum(amount) FILTER (WHERE discount > 0), 0) AS discounted_spend
  FROM sales_lines WHERE exclusion IS NULL AND customer_id IS NOT NULL GROUP BY customer_id
)
SELECT o.*, coalesce(d.discount_known, 0) AS discount_known, coalesce(d.discounted_spend, 0) AS discounted_spend,
  CASE WHEN d.discount_known > 0 AND o.spend > 0 THEN d.discounted_spend / o.spend END AS discount_share
FROM o LEFT JOIN d USING (customer_id)`;

/**
 * LOYALTY_FACTS_SQL for sales whose lines carry no discount at all (no discount column): every
 * customer's discount_known is 0, so the per-customer pass over the lines that counts them is
 * skipped (at 2.75M lines about 0.5 s of CPU, measured); the figures are the same.
 */
const FACTS_WITHOUT_DISCOUNTS_SQL = `WITH o AS (
  SELECT customer_id, count(*) AS orders, date_diff('day', min(CAST(ts AS DATE)), max(CAST(ts AS DATE))) AS gap_days_sum, sum(amount) AS spend
  FROM transactions GROUP BY customer_id
)
SELECT o.*, CAST(0 AS BIGINT) AS discount_known, CAST(0 AS DOUBLE) AS discounted_spend, CAST(NULL AS DOUBLE) AS discount_share FROM o`;

export async function retailLoyalty(db: DuckDbEngine): Promise<LoyaltySection> {
  const discounts = (await db.rows('SELECT 1 FROM sales_lines WHERE exclusion IS NULL AND customer_id IS NOT NULL AND discount IS NOT NULL LIMIT 1')).length > 0;
  // The store-wide share is spend-weighted (all discounted spend over all spend), as loyaltyMeasures defines it.
  const [f] = await db.rows(`SELECT count(*) AS customers, count(*) FILTER (WHERE orders >= 2) AS repeaters,
    sum(orders - 1) FILTER (WHERE orders >= 2) AS gaps, sum(gap_days_sum) FILTER (WHERE orders >= 2) AS gap_days,
    sum(discount_known) AS with_discount, sum(discounted_spend) AS discounted, sum(spend) AS spend
  FROM (${discounts ? LOYALTY_FACTS_SQL : FACTS_WITHOUT_DISCOUNTS_SQL})`);
  const customers = Number(f.customers), gaps = Number(f.gaps ?? 0);
  const spend = Number(f.spend ?? 0);
  return {
    customers,
    repeatRate: customers ? Number(f.repeaters) / customers : 0,
    meanDaysBetweenOrders: gaps > 0 ? Number(f.gap_days) / gaps : null,
    discountShare: Number(f.with_discount ?? 0) === 0
      ? { unavailable: { en: 'unknown: the sales file has no discount column', 'zh-CN': '未知：销售文件没有折扣列' } }
      : { share: spend > 0 ? Number(f.discounted ?? 0) / spend : 0 },
    boughtAfterComplaint: { unavailable: { en: 'needs complaints (an interactions file), which this run did not have', 'zh-CN': '需要投诉记录（互动文件），本次运行没有' } },
  };
}

export const SATISFACTION_UNAVAILABLE: Unavailable & { unavailable: { en: string; 'zh-CN': string } } = {
  unavailable: {
    en: 'NPS and the satisfaction × loyalty quadrants (apostle, hostage, mercenary, defector) need survey answers (0–10 recommendation and satisfaction scores per customer), which this run did not have',
    'zh-CN': 'NPS 与满意度 × 忠诚度四象限（传道者、囚禁者、图利者、叛逃者）需要调查问卷答案（每位客户 0–10 推荐分和满意度评分），本次运行没有',
  },
};

export type SatisfactionResult = SatisfactionSection | Unavailable;

/** Margins need product costs, which a sales file does not carry (domain.md §8). */
export const ECONOMICS_UNAVAILABLE: Unavailable & { unavailable: { en: string; 'zh-CN': string } } = {
  unavailable: {
    en: 'profitability per customer and the retention value m·r/(1 + d − r) need margins: product costs (a products file with cost) and the cost to serve, which this run did not have; cvm calc computes both from figures you give',
    'zh-CN': '客户盈利能力与客户持续价值 m·r/(1 + d − r) 需要毛利：商品成本（含成本的商品文件）与服务成本，本次运行没有；可用 cvm calc 按您提供的数字计算',
  },
};
