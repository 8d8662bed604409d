// A pruned tree's rules (cart-rules.ts) as one SQL CASE expression, so the customers of a large base
// are classified where they are stored instead of being read into JS: each leaf's conditions are
// lower ≤ x < upper per feature, as the tree splits (x < t goes left), and the leaves partition the
// feature space, so exactly one WHEN holds for finite features (a NULL feature gives NULL).
import type { Rule } from './cart-rules.ts';

const bound = (v: number): string => (Number.isInteger(v) ? `${v}` : `CAST(${v} AS DOUBLE)`);

/**
 * The 0-based index of the rule whose leaf holds each row.
 * @example rulesCaseSql(rules, ['recency_days', 'frequency']) // "CASE WHEN recency_days < 120.5 THEN 0 WHEN … END"
 */
export function rulesCaseSql(rules: readonly Rule[], columns: readonly string[]): string {
  const whens = rules.map((r, k) => {
    const conds = r.conditions.flatMap((c) => [
      ...(Number.isFinite(c.lower) ? [`${columns[c.feature]} >= ${bound(c.lower)}`] : []),
      ...(Number.isFinite(c.upper) ? [`${columns[c.feature]} < ${bound(c.upper)}`] : []),
    ]);
    return `WHEN ${conds.length ? conds.join(' AND ') : 'TRUE'} THEN ${k}`;
  });
  return `CASE ${whens.join(' ')} END`;
}
