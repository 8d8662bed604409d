// Data-quality checks (数据质量) on imported sales lines: dates in the future or before any plausible
// trading (impossible), extreme amounts, and sales without a member id. Each check gives a count, the
// total it is out of and a few examples (line numbers) to look up. Thresholds are configurable.
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import type { DataQualityCheck } from '../../report/report-data.ts';

export interface SalesQualityOptions {
  /** "Today" for the future-date check (YYYY-MM-DD); default the machine's date. */
  today?: string;
  /** Dates before this are impossible for a retailer's log (default 1990-01-01). */
  earliest?: string;
  /**
   * An amount above this multiple of the usual line amount is extreme (default 100). "Usual" is the
   * median line of the same product when it sold at least 3 times, else the median of all lines, so
   * a dear product bought as usual (two bottles of Moutai) is not flagged but 150 cases of water are.
   */
  extremeFactor?: number;
}

/** Runs the checks on `sales_lines` (the ingest store's table). */
export async function salesQuality(db: DuckDbEngine, o: SalesQualityOptions = {}): Promise<DataQualityCheck[]> {
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  const earliest = o.earliest ?? '1990-01-01';
  const factor = o.extremeFactor ?? 100;
  const total = Number(await db.scalar('SELECT count(*) FROM sales_lines'));
  const median = Number(await db.scalar('SELECT median(amount) FROM sales_lines WHERE exclusion IS NULL AND amount > 0')) || 0;
  const check = async (id: string, where: string, severity: DataQualityCheck['severity']): Promise<DataQualityCheck> => {
    const count = Number(await db.scalar(`SELECT count(*) FROM sales_lines WHERE ${where}`));
    const ex = count ? await db.rows(`SELECT source_line FROM sales_lines WHERE ${where} ORDER BY source_line LIMIT 5`) : [];
    return { id, labelKey: `dq.${id}`, count, total, examples: ex.map((r) => `line ${r.source_line}`), severity };
  };
  const checks = [
    await check('future-dates', `ts >= DATE '${today}' + INTERVAL 1 DAY`, 'error'),
    await check('impossible-dates', `ts < DATE '${earliest}'`, 'error'),
    await check('extreme-amounts', median > 0 ? `exclusion IS NULL AND amount > 0 AND (batch_id, source_line) IN (${extremeLinesSql(factor, median)})` : 'FALSE', 'warning'),
  ];
  const anonymous = await check('anonymous-sales', 'exclusion IS NULL AND customer_id IS NULL', 'info');
  anonymous.label = { en: 'Sales without a member id (kept for products, not for customers)', 'zh-CN': '无会员编号的销售（计入商品分析，不计入客户分析）' };
  checks.push(anonymous);
  return checks;
}

/** (batch_id, source_line) of loaded lines above `factor` times their product's median line amount (or the overall median). */
function extremeLinesSql(factor: number, median: number): string {
  return `WITH loaded AS (SELECT batch_id, source_line, product_id, amount FROM sales_lines WHERE exclusion IS NULL AND amount > 0),
    usual AS (SELECT product_id, median(amount) AS m FROM loaded WHERE product_id IS NOT NULL GROUP BY product_id HAVING count(*) >= 3)
    SELECT l.batch_id, l.source_line FROM loaded l LEFT JOIN usual u ON u.product_id = l.product_id
    WHERE l.amount > ${factor} * coalesce(u.m, ${median})`;
}
