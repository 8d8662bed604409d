// GET /api/overview: the morning view's figures, each with its value at the previous analysis run.
// The figures are computed from the `customers` table, which holds only the latest run, so each run's
// figures are kept in the operational store's settings table (key `overview:run:<id>`) the first time
// they are computed; "previous" is the newest kept snapshot of an earlier run (null if there is none).
import { authDb } from '../../domain/sessions/auth-tables.ts';
import type { AnalyticsPool } from '../analytics/analytics-pool.ts';
import { latestRuns } from '../analytics/report-runs.ts';
import type { ApiDeps } from '../api-context.ts';
import { tableInfo } from '../customers/customer-query.ts';

export const OVERVIEW_FIGURES = ['customers', 'activeCustomers', 'revenue', 'repeatRate', 'predictedValue12m', 'atRiskCustomers', 'valueAtRisk'] as const;
export type OverviewFigure = (typeof OVERVIEW_FIGURES)[number];
type Figures = Record<OverviewFigure, number | null>;

/** "Active" = more likely alive than not; the threshold the churn list's complement uses in the dashboard text. */
export const ACTIVE_P_ALIVE = 0.5;
const SNAPSHOT_PREFIX = 'overview:run:';

async function currentFigures(pool: AnalyticsPool): Promise<Figures | null> {
  const info = await tableInfo(pool);
  if (info.columns.size === 0) return null;
  const has = (c: string): boolean => info.columns.has(c);
  const col = (c: string | null, expr: string): string => (c !== null && has(c) ? expr : 'NULL');
  const [r] = await pool.rows(`SELECT count(*) AS customers,
      ${col('p_alive', `count(*) FILTER (WHERE p_alive >= ${ACTIVE_P_ALIVE})`)} AS active,
      ${col('total_spend', 'sum(total_spend)')} AS revenue,
      ${col('orders', 'avg(CASE WHEN orders >= 2 THEN 1.0 ELSE 0.0 END)')} AS repeat_rate,
      ${col(info.clv, `sum("${info.clv ?? ''}")`)} AS predicted,
      ${col('churn_warning', 'count(*) FILTER (WHERE churn_warning)')} AS at_risk,
      ${col('churn_warning', 'sum(value_at_risk) FILTER (WHERE churn_warning)')} AS value_at_risk
    FROM customers`);
  const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    customers: n(r?.customers), activeCustomers: n(r?.active), revenue: n(r?.revenue), repeatRate: n(r?.repeat_rate),
    predictedValue12m: n(r?.predicted), atRiskCustomers: n(r?.at_risk), valueAtRisk: n(r?.value_at_risk) ?? (n(r?.at_risk) === 0 ? 0 : null),
  };
}

export type Overview = Record<OverviewFigure, { value: number | null; previous: number | null }> & {
  lastRun: { runId: number; createdAt: string; inputFile: string } | null;
};

const cache = new WeakMap<AnalyticsPool, { generation: number; overview: Promise<Overview> }>();

/** The overview, computed once per data generation (an import's swap starts a new one). */
export function overview(deps: ApiDeps): Promise<Overview> {
  const hit = cache.get(deps.analytics);
  if (hit && hit.generation === deps.analytics.generation) return hit.overview;
  const result = computeOverview(deps);
  cache.set(deps.analytics, { generation: deps.analytics.generation, overview: result });
  result.catch(() => cache.delete(deps.analytics));
  return result;
}

async function computeOverview(deps: ApiDeps): Promise<Overview> {
  const [run] = await latestRuns(deps.analytics);
  const current = deps.analytics.hasData ? await currentFigures(deps.analytics) : null;
  const db = authDb(deps.store.db);
  let previous: Figures | null = null;
  if (run && current) {
    await db.insertInto('settings').values({ key: SNAPSHOT_PREFIX + run.runId, value: JSON.stringify(current) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(current), updated_at: new Date() })).execute();
    const earlier = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', `${SNAPSHOT_PREFIX}%`).execute();
    const best = earlier
      .map((e) => ({ id: Number(e.key.slice(SNAPSHOT_PREFIX.length)), value: e.value as Figures }))
      .filter((e) => Number.isInteger(e.id) && e.id < run.runId)
      .sort((a, b) => b.id - a.id)[0];
    previous = best?.value ?? null;
  }
  const figures = Object.fromEntries(OVERVIEW_FIGURES.map((k) => [k, { value: current?.[k] ?? null, previous: previous?.[k] ?? null }]));
  return { ...(figures as Record<OverviewFigure, { value: number | null; previous: number | null }>), lastRun: run ? { runId: run.runId, createdAt: run.createdAt, inputFile: run.inputFile } : null };
}
