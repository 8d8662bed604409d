// Sums of money that do not depend on the order DuckDB adds them in. A DOUBLE sum of three or more
// amounts can differ in its last bit with the order the threads add them in (between two runs of the
// 1M-customer benchmark log, 1,102 mean spends did), which moved the fitted Gamma-Gamma parameters in
// the 7th digit and changed result files from run to run. So money is summed as whole millionths:
// round(amount · 10⁶) is an integer held in a DOUBLE, and integers add exactly in doubles while every
// partial sum stays below 2⁵³, i.e. while a group's Σ|amount| stays below 9·10⁹ in money units (a
// customer's whole turnover in the summary; in a currency such as the dong, ~US$360,000). Within that,
// every order gives the same total, and the total divided by 10⁶ is the double nearest to the exact
// decimal sum: the same bits as summing DECIMAL(38,6) (which rounds an amount to millionths the same
// way) and converting, which is what this did before, with less CPU (the 1M-customer summary
// from its CSV: 3.5 s of CPU against 4.1 s; the same table, EXCEPT empty). Beyond that bound a sum is
// still right to ~16 significant digits, but its last bit may vary between runs.
// Millionths lose nothing a retailer would see. NaN and ±∞ are no amounts: readers map them to NULL
// (transactions-sql.ts amountExprSql) or check for a non-finite total (summaryCountsSql).

/** SQL for `expr` (money as a DOUBLE) in whole millionths, as a DOUBLE. */
export const toMicros = (expr: string): string => `round(${expr} * 1000000)`;

/** SQL for the exact sum of `expr` as a DOUBLE; `filter`: an aggregate FILTER clause, e.g. "FILTER (WHERE k > 1)". */
export const exactSum = (expr: string, filter = ''): string =>
  `(sum(${toMicros(expr)})${filter ? ` ${filter}` : ''} / 1000000)`;

/** SQL for the mean of `expr` from its exact sum (NULL when no row counts, as avg()). */
export const exactMean = (expr: string, filter = ''): string =>
  `(${exactSum(expr, filter)} / count(${expr})${filter ? ` ${filter}` : ''})`;
