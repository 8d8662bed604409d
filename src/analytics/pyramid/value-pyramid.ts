// The customer value pyramid (客户金字塔): rank customers by value and cut the ranking at the top
// 1 % (key, 主顾客), the next 4 % (large, 大顾客), the next 15 % (medium, 普通顾客) and the last 80 %
// (small, 小顾客); customers without any purchase are prospects (潜在顾客), outside the ranking. Each
// tier reports its share of customers, revenue and (when costs are known) margin: the 80/20 picture.
// Ties are broken by the order given (callers sort ids for determinism), so the tiers hold exactly
// their share of customers.

export type PyramidTier = 'key' | 'large' | 'medium' | 'small';
export const PYRAMID_TIERS: readonly PyramidTier[] = ['key', 'large', 'medium', 'small'];
export const TIER_LABELS: Record<PyramidTier | 'prospect', { en: string; zh: string }> = {
  key: { en: 'Key', zh: '主顾客' }, large: { en: 'Large', zh: '大顾客' }, medium: { en: 'Medium', zh: '普通顾客' },
  small: { en: 'Small', zh: '小顾客' }, prospect: { en: 'Prospect', zh: '潜在顾客' },
};

/** Cumulative shares of the ranked base at which each tier ends (configurable). */
export interface PyramidCuts { key: number; large: number; medium: number }
export const DEFAULT_CUTS: PyramidCuts = { key: 0.01, large: 0.05, medium: 0.2 };

/** The tier of each customer: rank by `value` (highest first); position p = rank / n. */
export function pyramidTiers(value: ArrayLike<number>, cuts: PyramidCuts = DEFAULT_CUTS): PyramidTier[] {
  if (!(cuts.key > 0 && cuts.key <= cuts.large && cuts.large <= cuts.medium && cuts.medium < 1)) {
    throw new RangeError('pyramid cuts must satisfy 0 < key ≤ large ≤ medium < 1');
  }
  const n = value.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => value[b] - value[a] || a - b);
  const tiers = new Array<PyramidTier>(n);
  order.forEach((i, k) => {
    const p = (k + 1) / n;
    tiers[i] = p <= cuts.key + 1e-12 ? 'key' : p <= cuts.large + 1e-12 ? 'large' : p <= cuts.medium + 1e-12 ? 'medium' : 'small';
  });
  return tiers;
}

export interface TierSummary {
  tier: PyramidTier | 'prospect';
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  value: number;
  valueShare: number;
  margin: number | null;
  marginShare: number | null;
}

/**
 * Shares per tier. `value` is what was ranked (historic revenue or predicted CLV); `revenue` the
 * historic revenue; `margin` optional (revenue − cost). Prospects are counted (customerShare over
 * all customers including them) but hold no revenue.
 */
export function summarizePyramid(tiers: readonly PyramidTier[], value: ArrayLike<number>, revenue: ArrayLike<number>, margin?: ArrayLike<number>, prospects = 0): TierSummary[] {
  const total = { customers: tiers.length + prospects, revenue: 0, value: 0, margin: 0 };
  const acc = new Map<PyramidTier, { customers: number; revenue: number; value: number; margin: number }>(PYRAMID_TIERS.map((t) => [t, { customers: 0, revenue: 0, value: 0, margin: 0 }]));
  tiers.forEach((t, i) => {
    const a = acc.get(t) as { customers: number; revenue: number; value: number; margin: number };
    a.customers++; a.revenue += revenue[i]; a.value += value[i]; total.revenue += revenue[i]; total.value += value[i];
    if (margin) { a.margin += margin[i]; total.margin += margin[i]; }
  });
  const share = (x: number, t: number) => (t ? x / t : 0);
  const rows: TierSummary[] = PYRAMID_TIERS.map((t) => {
    const a = acc.get(t) as { customers: number; revenue: number; value: number; margin: number };
    return {
      tier: t, customers: a.customers, customerShare: share(a.customers, total.customers), revenue: a.revenue, revenueShare: share(a.revenue, total.revenue),
      value: a.value, valueShare: share(a.value, total.value), margin: margin ? a.margin : null, marginShare: margin ? share(a.margin, total.margin) : null,
    };
  });
  rows.push({ tier: 'prospect', customers: prospects, customerShare: share(prospects, total.customers), revenue: 0, revenueShare: 0, value: 0, valueShare: 0, margin: margin ? 0 : null, marginShare: margin ? 0 : null });
  return rows;
}
