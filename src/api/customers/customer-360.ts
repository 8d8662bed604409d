// GET /api/customers/{id}: one customer from both stores. Scores from the analytics `customers` row;
// profile and interactions from the operational store (when customers were imported there); orders from
// the `transactions` view; and P(alive) over time, recomputed from the latest run's fitted model at each
// purchase and at regular steps between, so the page can show how the customer's standing decayed.
import { bgFamilyPAlive } from '../../analytics/models/bg-nbd-predict.ts';
import { getCustomerByCode } from '../../domain/customers/customer-repository.ts';
import { isUnavailable } from '../../report/report-data.ts';
import type { ReportData } from '../../report/report-data.ts';
import type { Cell, PlainRow } from '../analytics/analytics-pool.ts';
import { latestRuns } from '../analytics/report-runs.ts';
import { customerIntervals, type CustomerIntervals } from '../../pipeline/customer-intervals.ts';
import { readCustomerHistory, readRunModels, type HistoryPoint } from '../../pipeline/save-analysis-run.ts';
import { ApiError } from '../api-error.ts';
import type { ApiDeps } from '../api-context.ts';

/** Days per model time unit, as the summary SQL defines them (src/analytics/summary/summary-sql.ts). */
const DAYS_PER_UNIT: Record<string, number> = { day: 1, week: 7, month: 365 / 12, year: 365 };
const DAY_MS = 86_400_000;
const PATH_STEPS = 24;

export interface TimelineItem { kind: string; date: string; amount: number | null; orderId: string | null; channel: string | null; subject: string | null }

export async function customer360(deps: ApiDeps, id: string): Promise<{ id: string; profile: PlainRow | null; scores: PlainRow; timeline: TimelineItem[]; pAlivePath: { date: string; pAlive: number }[]; intervals: CustomerIntervals | null; history: HistoryPoint[] }> {
  const [scores] = await deps.analytics.rows('SELECT * FROM customers WHERE customer_id = ?', [id]);
  if (!scores) throw new ApiError('not-found', `no customer with id "${id}" in the latest analysis`);
  const orders = await deps.analytics.rows(
    "SELECT order_id, strftime(ts, '%Y-%m-%d') AS day, amount FROM transactions WHERE customer_id = ? ORDER BY ts DESC LIMIT 1000", [id]);
  const record = await getCustomerByCode(deps.store.db, id);
  const profile: PlainRow | null = record
    ? Object.fromEntries(Object.entries(record).map(([k, v]): [string, Cell] => [k, v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(',') : (v as Cell)]))
    : null;
  const interactions = record
    ? await deps.store.db.selectFrom('interactions').select(['kind', 'occurred_at', 'channel', 'subject']).where('customer_id', '=', record.id).orderBy('occurred_at', 'desc').limit(500).execute()
    : [];
  const timeline: TimelineItem[] = [
    ...orders.map((o) => ({ kind: 'order', date: String(o.day), amount: typeof o.amount === 'number' ? o.amount : null, orderId: o.order_id === null ? null : String(o.order_id), channel: null, subject: null })),
    ...interactions.map((i) => ({ kind: i.kind, date: i.occurred_at.toISOString().slice(0, 10), amount: null, orderId: null, channel: i.channel, subject: i.subject })),
  ].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const [run] = await latestRuns(deps.analytics);
  const purchaseDays = orders.map((o) => String(o.day)).reverse();
  const models = await readRunModels(deps.analytics);
  const intervals = models ? await customerIntervals(deps.analytics, id, models) : null;
  const history = await readCustomerHistory(deps.analytics, id);
  return { id, profile, scores, timeline, pAlivePath: run ? pAlivePath(run.report, purchaseDays) : [], intervals, history };
}

/**
 * P(alive) at each purchase day and at even steps up to the end of observation, with x, t_x and T
 * counted as the summary does (x = repeat orders so far, times in the model's unit since the first
 * order). Empty when the run's model is not of the BG family or its parameters are missing.
 */
export function pAlivePath(report: ReportData, purchaseDaysAscending: string[]): { date: string; pAlive: number }[] {
  const model = report.model;
  const overview = report.overview;
  if (!model || isUnavailable(model) || !overview || isUnavailable(overview)) return [];
  const s = model.chosen === 'bgnbd' ? 0 : model.chosen === 'mbgnbd' ? 1 : undefined;
  const param = (name: string): number | undefined => model.params.find((p) => p.name === name)?.value;
  const [r, alpha, a, b] = ['r', 'alpha', 'a', 'b'].map(param);
  const unitDays = DAYS_PER_UNIT[overview.unit];
  if (s === undefined || r === undefined || alpha === undefined || a === undefined || b === undefined || unitDays === undefined) return [];
  const first = purchaseDaysAscending[0];
  if (first === undefined) return [];
  const t0 = Date.parse(first);
  const end = Date.parse(overview.dateRange.to);
  const days = new Set(purchaseDaysAscending);
  for (let i = 1; i <= PATH_STEPS; i++) days.add(new Date(t0 + ((end - t0) * i) / PATH_STEPS).toISOString().slice(0, 10));
  const purchases = purchaseDaysAscending.map(Date.parse);
  return [...days].sort().filter((d) => Date.parse(d) <= end).map((d) => {
    const t = Date.parse(d);
    const upTo = purchases.filter((p) => p <= t);
    const x = upTo.length - 1;
    const tx = ((upTo[upTo.length - 1] ?? t0) - t0) / DAY_MS / unitDays;
    const T = (t - t0) / DAY_MS / unitDays;
    return { date: d, pAlive: bgFamilyPAlive({ r, alpha, a, b }, s, x, tx, T) };
  });
}
