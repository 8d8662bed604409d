// Sums of money that do not depend on the order DuckDB adds them in. A DOUBLE sum of three or more
// amounts can differ in its last bit with the order the threads add them in (between two runs of the
// 1M-customer benchmark log, 1,102 mean spends did), which moved the fitted Gamma-Gamma parameters in
// the 7th digit and changed result files from run to run. Summed as DECIMAL(38,6) the amounts are
// integers of millionths, added exactly, so every order gives the same total; amounts are money, so
// millionths lose nothing a retailer would see.

/** SQL for `expr` as the exact type money is summed in. */
export const toMoney = (expr: string): string => `CAST(${expr} AS DECIMAL(38,6))`;

/** SQL for the exact sum of `expr` as a DOUBLE; `filter`: an aggregate FILTER clause, e.g. "FILTER (WHERE k > 1)". */
export const exactSum = (expr: string, filter = ''): string =>
  `CAST(sum(${toMoney(expr)})${filter ? ` ${filter}` : ''} AS DOUBLE)`;

/** SQL for the mean of `expr` from its exact sum (NULL when no row counts, as avg()). */
export const exactMean = (expr: string, filter = ''): string =>
  `(${exactSum(expr, filter)} / count(${expr})${filter ? ` ${filter}` : ''})`;
