// Named RFM segments from the three scores: an ordered list of rules, the first match wins, anything
// unmatched is "Others". The names are those of the course material and of the R `rfm` package's
// segment table; the ranges are ours, because in the package's order some segments can never match
// ("Potential Loyalist", F 1–3, comes before "New Customers", F 1, and takes all of them). Here:
// one-purchase customers split by recency into New (R 4–5) and Promising (R 3) before anything
// else; Potential loyalist is recent with 2–3 scores of frequency; "Can't lose" (R 1, high F and M)
// is tested before "At risk", whose ranges contain it. rfm.test.ts checks every segment is reachable.
// The map is configuration: users pass their own list (validateSegmentMap checks it).

export interface SegmentRule {
  /** Stable id (used in files and the API). */
  id: string;
  /** English and Chinese labels for reports. */
  label: { en: string; zh: string };
  r: [number, number];
  f: [number, number];
  m: [number, number];
}

export const DEFAULT_SEGMENTS: readonly SegmentRule[] = [
  { id: 'champions', label: { en: 'Champions', zh: '重要价值客户' }, r: [4, 5], f: [4, 5], m: [4, 5] },
  { id: 'loyal', label: { en: 'Loyal', zh: '忠诚客户' }, r: [2, 5], f: [3, 5], m: [3, 5] },
  { id: 'new', label: { en: 'New', zh: '新客户' }, r: [4, 5], f: [1, 1], m: [1, 5] },
  { id: 'promising', label: { en: 'Promising', zh: '有潜力的新客' }, r: [3, 3], f: [1, 1], m: [1, 5] },
  { id: 'potential-loyalist', label: { en: 'Potential loyalist', zh: '潜在忠诚客户' }, r: [4, 5], f: [2, 3], m: [1, 3] },
  { id: 'need-attention', label: { en: 'Need attention', zh: '需要关注' }, r: [2, 3], f: [2, 3], m: [2, 3] },
  { id: 'about-to-sleep', label: { en: 'About to sleep', zh: '即将沉睡' }, r: [3, 3], f: [1, 2], m: [1, 2] },
  { id: 'cant-lose', label: { en: "Can't lose", zh: '不能失去的客户' }, r: [1, 1], f: [4, 5], m: [4, 5] },
  { id: 'at-risk', label: { en: 'At risk', zh: '流失风险客户' }, r: [1, 2], f: [2, 5], m: [2, 5] },
  { id: 'hibernating', label: { en: 'Hibernating', zh: '沉睡客户' }, r: [2, 2], f: [1, 2], m: [1, 5] },
  { id: 'lost', label: { en: 'Lost', zh: '已流失客户' }, r: [1, 1], f: [1, 3], m: [1, 5] },
];

export const OTHERS: SegmentRule = { id: 'others', label: { en: 'Others', zh: '其他' }, r: [1, 5], f: [1, 5], m: [1, 5] };

const inRange = (v: number, [lo, hi]: [number, number]) => v >= lo && v <= hi;

/** The first rule that matches, or OTHERS. */
export function segmentOf(r: number, f: number, m: number, rules: readonly SegmentRule[] = DEFAULT_SEGMENTS): SegmentRule {
  for (const rule of rules) if (inRange(r, rule.r) && inRange(f, rule.f) && inRange(m, rule.m)) return rule;
  return OTHERS;
}

export interface SegmentSummary {
  id: string;
  label: { en: string; zh: string };
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
}

/** Sizes and revenue shares of each segment, in the map's order (empty segments included). */
export function summarizeSegments(ids: readonly string[], revenue: ArrayLike<number>, rules: readonly SegmentRule[] = DEFAULT_SEGMENTS): SegmentSummary[] {
  const all = [...rules, OTHERS];
  const by = new Map(all.map((r) => [r.id, { customers: 0, revenue: 0 }]));
  let total = 0;
  ids.forEach((id, i) => {
    const s = by.get(id);
    if (!s) throw new RangeError(`unknown segment id ${id}`);
    s.customers++;
    s.revenue += revenue[i];
    total += revenue[i];
  });
  return all.map((r) => {
    const s = by.get(r.id) as { customers: number; revenue: number };
    return { id: r.id, label: r.label, customers: s.customers, customerShare: ids.length ? s.customers / ids.length : 0, revenue: s.revenue, revenueShare: total ? s.revenue / total : 0 };
  });
}

/** Checks a user-supplied map: ids unique, ranges within 1..5 and ordered. */
export function validateSegmentMap(rules: readonly SegmentRule[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) problems.push(`segment id "${rule.id}" appears twice`);
    seen.add(rule.id);
    for (const k of ['r', 'f', 'm'] as const) {
      const [lo, hi] = rule[k];
      if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 1 && hi <= 5 && lo <= hi)) problems.push(`segment "${rule.id}": ${k} range [${lo}, ${hi}] must be whole numbers with 1 ≤ low ≤ high ≤ 5`);
    }
  }
  return problems;
}
