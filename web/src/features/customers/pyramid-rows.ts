// The pyramid's rows in tier order with each tier's share of predicted value, and the revenue share
// of the top 20 % (key + large + medium: 1 % + 4 % + 15 % of ranked customers).
import type { Pyramid } from './customers-api.ts';

const ORDER = ['key', 'large', 'medium', 'small', 'prospect'];
type Row = Pyramid['items'][number];

export function pyramidRows(items: readonly Row[]): { tiers: (Row & { valueShare: number | null })[]; topShare: number | null } {
  const rank = (t: string) => (ORDER.includes(t) ? ORDER.indexOf(t) : ORDER.length);
  const totalValue = items.reduce((s, x) => s + (x.predictedValue ?? 0), 0);
  const hasValue = items.some((x) => x.predictedValue !== null) && totalValue > 0;
  const tiers = [...items]
    .sort((a, b) => rank(a.tier) - rank(b.tier))
    .map((x) => ({ ...x, valueShare: hasValue && x.predictedValue !== null ? x.predictedValue / totalValue : null }));
  const top = tiers.filter((x) => x.tier === 'key' || x.tier === 'large' || x.tier === 'medium');
  const topShare = top.length > 0 && top.every((x) => x.revenueShare !== null) ? top.reduce((s, x) => s + (x.revenueShare ?? 0), 0) : null;
  return { tiers, topShare };
}
