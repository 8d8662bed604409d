// The churn-warning list for staff: the flagged customers in rank order with a reason in English
// and in Chinese, and its CSV form. Pure: the CLI writes the text to a file.
import type { ChurnInput, ChurnRanking } from './churn-warning.ts';

export interface ChurnListRow {
  rank: number;
  customerId: string;
  pAlive: number;
  value: number;
  valueAtRisk: number;
  lastPurchase: string | null;
  /** Days from the last purchase to `asOf`; null without a last purchase date. */
  daysSinceLastPurchase: number | null;
  reasonEn: string;
  reasonZh: string;
}

export interface ChurnListOptions {
  /** Keep only the first N flagged customers. */
  top?: number;
  /** Day the "days since last purchase" count to, YYYY-MM-DD; default: the latest last purchase in the input. */
  asOf?: string;
}

/**
 * The flagged customers, highest value at risk first.
 * @example churnList(input, rankValueAtRisk(input), { top: 100 })[0].reasonEn
 */
export function churnList(input: ChurnInput & { lastPurchase?: readonly (string | null)[] }, ranking: ChurnRanking, o: ChurnListOptions = {}): ChurnListRow[] {
  const day = (s: string | null | undefined): number => (s && /^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(`${s.slice(0, 10)}T00:00:00Z`) : Number.NaN);
  let asOf = day(o.asOf);
  if (Number.isNaN(asOf) && input.lastPurchase) {
    asOf = input.lastPurchase.reduce((m, s) => { const d = day(s); return Number.isNaN(d) ? m : Math.max(m, d); }, Number.NEGATIVE_INFINITY);
  }
  const asOfText = Number.isFinite(asOf) ? new Date(asOf).toISOString().slice(0, 10) : null;
  const rows: ChurnListRow[] = [];
  for (const i of ranking.order) {
    if (!ranking.flagged[i]) continue;
    if (o.top !== undefined && rows.length >= o.top) break;
    const last = input.lastPurchase?.[i] ?? null;
    const lastDay = day(last);
    const since = Number.isFinite(lastDay) && asOfText !== null ? Math.round((asOf - lastDay) / 86_400_000) : null;
    const row = {
      rank: ranking.rank[i], customerId: input.ids[i], pAlive: input.pAlive[i], value: input.value[i], valueAtRisk: ranking.valueAtRisk[i],
      lastPurchase: last === null ? null : last.slice(0, 10), daysSinceLastPurchase: since,
    };
    rows.push({ ...row, ...reasons(row, ranking, asOfText) });
  }
  return rows;
}

const p2 = (v: number): string => v.toFixed(2);
const pct = (v: number): string => `${Math.round(v * 1000) / 10}%`;

/** Why the customer is on the list, in words staff can act on, in English and Chinese. */
function reasons(r: Omit<ChurnListRow, 'reasonEn' | 'reasonZh'>, ranking: ChurnRanking, asOf: string | null): { reasonEn: string; reasonZh: string } {
  const rule = ranking.rule;
  const of = ranking.customers - ranking.excluded;
  const whyEn = rule.kind === 'p-alive'
    ? `P(alive) ${p2(r.pAlive)} is below the ${p2(rule.tau)} threshold`
    : `among the top customers holding ${pct(rule.share)} of all value at risk; P(alive) ${p2(r.pAlive)}`;
  const whyZh = rule.kind === 'p-alive'
    ? `存活概率 ${p2(r.pAlive)} 低于阈值 ${p2(rule.tau)}`
    : `属于合计占全部风险价值 ${pct(rule.share)} 的高风险客户；存活概率 ${p2(r.pAlive)}`;
  const valueEn = `expected value ${p2(r.value)}, of which ${p2(r.valueAtRisk)} at risk (rank ${r.rank} of ${of})`;
  const valueZh = `预期价值 ${p2(r.value)}，其中风险价值 ${p2(r.valueAtRisk)}（排名 ${r.rank}/${of}）`;
  let lastEn = '';
  let lastZh = '';
  if (r.lastPurchase !== null) {
    lastEn = r.daysSinceLastPurchase !== null && asOf !== null ? `; last purchase ${r.lastPurchase}, ${r.daysSinceLastPurchase} days before ${asOf}` : `; last purchase ${r.lastPurchase}`;
    lastZh = r.daysSinceLastPurchase !== null && asOf !== null ? `；最近一次购买 ${r.lastPurchase}，距 ${asOf} 已 ${r.daysSinceLastPurchase} 天` : `；最近一次购买 ${r.lastPurchase}`;
  }
  return {
    reasonEn: `${whyEn[0].toUpperCase()}${whyEn.slice(1)}; ${valueEn}${lastEn}.`,
    reasonZh: `${whyZh}；${valueZh}${lastZh}。`,
  };
}

export const CHURN_CSV_COLUMNS = [
  'customer_id', 'p_alive', 'value', 'value_at_risk', 'rank', 'last_purchase', 'days_since_last_purchase', 'reason_en', 'reason_zh',
] as const;

/**
 * The list as CSV (RFC 4180 quoting). It starts with a UTF-8 byte-order mark because the file is
 * for staff and Excel reads UTF-8 without one as the local code page, garbling the Chinese reasons;
 * DuckDB, pandas (encoding='utf-8-sig') and R read it either way.
 */
export function churnCsv(rows: readonly ChurnListRow[]): string {
  const lines = [CHURN_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push([
      field(r.customerId), r.pAlive.toFixed(4), r.value.toFixed(2), r.valueAtRisk.toFixed(2), String(r.rank), r.lastPurchase ?? '',
      r.daysSinceLastPurchase === null ? '' : String(r.daysSinceLastPurchase), field(r.reasonEn), field(r.reasonZh),
    ].join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A text field, quoted when it holds a comma, quote or line break (quotes doubled). */
const field = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
