// Lifecycle features and stage labels in DuckDB, from `transactions(customer_id, ts, amount)`.
// A purchase is a customer-day with at least one transaction of amount ≥ 0 (so a day of returns only
// is none); spend is the net sum of amounts (returns subtract). Days are calendar days of ts.
// At a cut-off day c, with window length w (days) and growth threshold g:
//   history   days ≤ c                 last period  c − w < day ≤ c      period before  c − 2w < day ≤ c − w
//   window    c < day ≤ c + w  (what the customer did next: the label)
// Features (history only): recency_days = c − last purchase day; frequency = purchases;
//   monetary = spend; tenure_days = c − first purchase day; spend_last, spend_prev, purchases_last in
//   the two periods; trend = (spend_last − spend_prev) / (|spend_last| + |spend_prev|), 0 when both are 0,
//   so it runs from −1 (all spend in the earlier period) to 1; avg_spend = monetary / frequency.
// Stage, first rule that holds:
//   churned      no purchase in the window
//   exploration  first purchase in the last period and only one purchase so far
//   formation    window spend ≥ (1 + g) · spend_last
//   decline      window spend ≤ (1 − g) · spend_last
//   stability    otherwise
// Only customers with a purchase on or before c are scored at c.
import { quoteIdent, quoteString } from '../../engines/duckdb/sql-literal.ts';

export interface LifecycleSqlSpec {
  /** Cut-off day, YYYY-MM-DD (inclusive in the history). */
  cutoff: string;
  windowDays: number;
  /** Growth threshold g (default 0.2). */
  growth?: number;
  /** Add window_spend, window_purchases and stage (needs the data to reach c + w). */
  labels: boolean;
  /** Table of per-customer-day rows made by customerDaysSql. */
  days?: string;
  target: string;
  /** A TEMP table (in memory, not written to a store file: ~40 % less work at 1M customers). */
  temp?: boolean;
}

/** One row per customer and calendar day: net spend and whether it was a purchase day. */
export const customerDaysSql = (source = 'transactions', target = 'lifecycle_days', temp = false): string =>
  `CREATE OR REPLACE ${temp ? 'TEMP ' : ''}TABLE ${quoteIdent(target)} AS
SELECT customer_id, CAST(ts AS DATE) AS day, sum(amount) AS spend, bool_or(amount >= 0) AS purchase
FROM ${quoteIdent(source)} GROUP BY ALL`;

const day = (d: string, offset = 0): string => `(DATE ${quoteString(d)} + ${Math.round(offset)})`;

/** DATE literal of day d + offset days, computed here so that equal days are written alike (see lifecycleTablesSql). */
const dateAt = (d: string, offset = 0): string => `DATE ${quoteString(shiftDay(d, offset))}`;

/** Day d + offset days, YYYY-MM-DD. */
const shiftDay = (d: string, offset: number): string =>
  new Date(Date.parse(`${d}T00:00:00Z`) + Math.round(offset) * 86_400_000).toISOString().slice(0, 10);

/** The per-customer aggregates at one cut-off: [column, aggregate expression] pairs. */
function aggregates(cutoff: string, w: number, labels: boolean): [string, string][] {
  const c = dateAt(cutoff);
  const inLast = `day > ${dateAt(cutoff, -w)} AND day <= ${c}`;
  const inPrev = `day > ${dateAt(cutoff, -2 * w)} AND day <= ${dateAt(cutoff, -w)}`;
  const inWindow = `day > ${c} AND day <= ${dateAt(cutoff, w)}`;
  const out: [string, string][] = [
    ['first_day', `min(day) FILTER (WHERE purchase AND day <= ${c})`],
    ['last_day', `max(day) FILTER (WHERE purchase AND day <= ${c})`],
    ['frequency', `count(*) FILTER (WHERE purchase AND day <= ${c})`],
    ['monetary', `coalesce(sum(spend) FILTER (WHERE day <= ${c}), 0)`],
    ['spend_last', `coalesce(sum(spend) FILTER (WHERE ${inLast}), 0)`],
    ['spend_prev', `coalesce(sum(spend) FILTER (WHERE ${inPrev}), 0)`],
    ['purchases_last', `count(*) FILTER (WHERE purchase AND ${inLast})`],
  ];
  if (labels) out.push(['window_spend', `coalesce(sum(spend) FILTER (WHERE ${inWindow}), 0)`], ['window_purchases', `count(*) FILTER (WHERE purchase AND ${inWindow})`]);
  return out;
}

/** The stage label at a cut-off, over aggregates()' columns as `col` names them (the rules at the top of this file). */
function stageCaseSql(cutoff: string, w: number, g: number, col: (name: string) => string = (name) => name): string {
  return `CASE
    WHEN ${col('window_purchases')} = 0 THEN 'churned'
    WHEN ${col('first_day')} > ${dateAt(cutoff, -w)} AND ${col('frequency')} = 1 THEN 'exploration'
    WHEN ${col('window_spend')} >= ${1 + g} * ${col('spend_last')} THEN 'formation'
    WHEN ${col('window_spend')} <= ${1 - g} * ${col('spend_last')} THEN 'decline'
    ELSE 'stability'
  END`;
}

/** The features (and label) from a relation `per_customer` holding aggregates()' columns. */
function featuresSelect(cutoff: string, w: number, g: number, labels: boolean): string {
  const c = dateAt(cutoff);
  const stage = labels ? `,\n  ${stageCaseSql(cutoff, w, g)} AS stage` : '';
  return `SELECT customer_id,
  CAST(date_diff('day', last_day, ${c}) AS DOUBLE) AS recency_days,
  CAST(frequency AS DOUBLE) AS frequency,
  monetary,
  CAST(date_diff('day', first_day, ${c}) AS DOUBLE) AS tenure_days,
  spend_last, spend_prev,
  CAST(purchases_last AS DOUBLE) AS purchases_last,
  CASE WHEN abs(spend_last) + abs(spend_prev) > 0 THEN (spend_last - spend_prev) / (abs(spend_last) + abs(spend_prev)) ELSE 0 END AS trend,
  monetary / frequency AS avg_spend${labels ? ', window_spend, CAST(window_purchases AS DOUBLE) AS window_purchases' : ''}${stage}
FROM per_customer
WHERE frequency > 0`;
}

/** CREATE TABLE target(customer_id, <features>[, window_spend, window_purchases, stage]). */
export function lifecycleSql(s: LifecycleSqlSpec): string {
  const w = s.windowDays;
  const days = quoteIdent(s.days ?? 'lifecycle_days');
  return `CREATE OR REPLACE ${s.temp ? 'TEMP ' : ''}TABLE ${quoteIdent(s.target)} AS
WITH per_customer AS (
  SELECT customer_id,
    ${aggregates(s.cutoff, w, s.labels).map(([name, e]) => `${e} AS ${name}`).join(',\n    ')}
  FROM ${days} GROUP BY customer_id
)
${featuresSelect(s.cutoff, w, s.growth ?? 0.2, s.labels)}`;
}

export interface LifecycleTablesOptions extends Pick<LifecycleSqlSpec, 'windowDays' | 'growth' | 'days' | 'temp'> {
  /**
   * Make each target a TEMP VIEW over a kept TEMP table of the aggregates named `perCustomer`, which
   * the caller drops after the views: for tables read once or twice, copying the features of every
   * customer into three tables cost more than computing them where they are read.
   */
  views?: { perCustomer: string };
}

/**
 * lifecycleSql for several cut-offs (same window and growth) in one grouping of the customer-days,
 * each target then a projection of it: cvm analyze needs three (training, test, today), and at a
 * million customers the grouping cost ~0.6 s of CPU each time. Aggregates with the same filter are
 * computed once: with cut-offs a window apart, one's label window is the next one's last period.
 */
export type LifecycleTableSpec = Omit<LifecycleSqlSpec, 'windowDays' | 'growth' | 'days' | 'temp'>;

/** The wide table's columns: a0, a1, … one per distinct aggregate of the tables, and per table its aggregates()' names → those columns. */
function widePlan(tables: readonly LifecycleTableSpec[], w: number): { alias: Map<string, string>; columns: Map<string, string>[] } {
  const alias = new Map<string, string>();
  const columns = tables.map((t) => new Map(aggregates(t.cutoff, w, t.labels).map(([name, e]): [string, string] => {
    if (!alias.has(e)) alias.set(e, `a${alias.size}`);
    return [name, alias.get(e) ?? ''];
  })));
  return { alias, columns };
}

export function lifecycleTablesSql(tables: readonly LifecycleTableSpec[], o: LifecycleTablesOptions): string {
  const plan = widePlan(tables, o.windowDays);
  const alias = plan.alias;
  const columns = plan.columns.map((m) => [...m].map(([name, a]) => `${a} AS ${name}`));
  const wide = quoteIdent(o.views?.perCustomer ?? `${tables[0]?.target ?? 'lifecycle'}_per_customer`);
  const kind = o.views ? 'TEMP VIEW' : `${o.temp ? 'TEMP ' : ''}TABLE`;
  return [
    `CREATE OR REPLACE TEMP TABLE ${wide} AS SELECT customer_id, ${[...alias].map(([e, a]) => `${e} AS ${a}`).join(', ')}
FROM ${quoteIdent(o.days ?? 'lifecycle_days')} GROUP BY customer_id`,
    ...tables.map((t, k) => `CREATE OR REPLACE ${kind} ${quoteIdent(t.target)} AS
WITH per_customer AS (SELECT customer_id, ${columns[k].join(', ')} FROM ${wide})
${featuresSelect(t.cutoff, o.windowDays, o.growth ?? 0.2, t.labels)}`),
    ...(o.views ? [] : [`DROP TABLE ${wide}`]),
  ].join(';\n');
}

/**
 * movementSql's counts in one pass over lifecycleTablesSql's kept wide table (`perCustomer`), with no
 * stage tables and no join: at 1M customers, building the two stage tables and joining them cost
 * ~1.5 s, this one aggregate a fraction of it. The stage as of d is the label of the table with
 * cut-off d − w, 'new' when the first purchase (the aggregate of the unlabelled table at `asOf` ≥ d)
 * is in (d − w, d], else 'none'; customers 'none' at both dates are not counted, as the outer join
 * of movementSql leaves them out. Null when `tables` lack one of those cut-offs.
 */
export function movementFromWideSql(tables: readonly LifecycleTableSpec[], o: { windowDays: number; growth?: number; perCustomer: string }, m: { from: string; to: string; asOf: string }): string | null {
  const w = o.windowDays;
  const { columns } = widePlan(tables, w);
  const find = (cutoff: string, labels: boolean) => tables.findIndex((t) => t.cutoff === cutoff && t.labels === labels);
  const today = find(m.asOf, false);
  if (today < 0 || m.from > m.asOf || m.to > m.asOf) return null;
  const first = columns[today].get('first_day');
  const stageAsOf = (d: string): string | null => {
    const cutoff = shiftDay(d, -w);
    const k = find(cutoff, true);
    if (k < 0) return null;
    const col = (name: string): string => columns[k].get(name) ?? name;
    return `CASE WHEN ${col('frequency')} > 0 THEN ${stageCaseSql(cutoff, w, o.growth ?? 0.2, col)}
    WHEN ${first} > ${dateAt(d, -w)} AND ${first} <= ${dateAt(d)} THEN 'new' ELSE 'none' END`;
  };
  const [from, to] = [stageAsOf(m.from), stageAsOf(m.to)];
  if (from === null || to === null) return null;
  return `SELECT "from", "to", count(*) AS customers FROM (
  SELECT ${from} AS "from",
    ${to} AS "to"
  FROM ${quoteIdent(o.perCustomer)}
) WHERE NOT ("from" = 'none' AND "to" = 'none')
GROUP BY ALL ORDER BY 1, 2`;
}

/**
 * Observed stage of every customer as of day d: the label with cut-off d − w (so the label window
 * is the w days ending at d), 'new' for customers whose first purchase is inside that window (they
 * have no history at the cut-off), and 'none' is left to the caller for customers not yet seen.
 * `labelled`: an existing lifecycleSql table with labels at cut-off d − w, to reuse instead of building one.
 */
export function stagesAsOfSql(d: string, windowDays: number, growth: number, target: string, labelled?: string, days = 'lifecycle_days', temp = false): string {
  const cutoff = shiftDay(d, -windowDays);
  const source = labelled ?? `${target}_labelled`;
  const build = labelled === undefined ? `${lifecycleSql({ cutoff, windowDays, growth, labels: true, days, target: source, temp })};\n` : '';
  return `${build}CREATE OR REPLACE ${temp ? 'TEMP ' : ''}TABLE ${quoteIdent(target)} AS
SELECT customer_id, stage FROM ${quoteIdent(source)}
UNION ALL
SELECT customer_id, 'new' AS stage FROM ${quoteIdent(days)}
GROUP BY customer_id
HAVING min(day) FILTER (WHERE purchase) > ${day(cutoff)} AND min(day) FILTER (WHERE purchase) <= ${day(d)}${labelled === undefined ? `;\nDROP TABLE ${quoteIdent(source)}` : ''}`;
}

/**
 * stagesAsOfSql with a labelled table at cut-off d − w already built, taking the 'new' customers from
 * a lifecycleSql table of features at a later day `asOf` ≥ d instead of grouping all customer-days
 * again: first purchase in (d − w, d] ⇔ asOf − d ≤ tenure_days < asOf − d + w, and every such customer
 * bought on or before asOf, so is in that table.
 */
export function stagesAsOfFromFeaturesSql(d: string, windowDays: number, target: string, labelled: string, features: { table: string; asOf: string }, temp = false): string {
  const gap = Math.round((Date.parse(`${features.asOf}T00:00:00Z`) - Date.parse(`${d}T00:00:00Z`)) / 86_400_000);
  if (!(gap >= 0)) throw new RangeError(`the features' day ${features.asOf} is before ${d}`);
  return `CREATE OR REPLACE ${temp ? 'TEMP ' : ''}TABLE ${quoteIdent(target)} AS
SELECT customer_id, stage FROM ${quoteIdent(labelled)}
UNION ALL
SELECT customer_id, 'new' AS stage FROM ${quoteIdent(features.table)}
WHERE tenure_days >= ${gap} AND tenure_days < ${gap + windowDays}`;
}

/** Counts of customers moving from their stage as of `from` to their stage as of `to` ('none' = not yet a customer). */
export const movementSql = (fromTable: string, toTable: string): string =>
  `SELECT coalesce(a.stage, 'none') AS "from", coalesce(b.stage, 'none') AS "to", count(*) AS customers
FROM ${quoteIdent(fromTable)} a FULL OUTER JOIN ${quoteIdent(toTable)} b USING (customer_id)
GROUP BY ALL ORDER BY 1, 2`;
