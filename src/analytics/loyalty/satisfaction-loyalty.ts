// Loyalty and satisfaction measures (忠诚度 / 满意度): NPS from 0–10 survey answers and the
// satisfaction × loyalty quadrants of Jones & Sasser (1995, "Why Satisfied Customers Defect", HBR).

export interface NpsResult {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters − % detractors, from −100 to 100. */
  nps: number;
}

/** Net Promoter Score (Reichheld 2003): promoters answer 9–10, detractors 0–6. */
export function netPromoterScore(scores: ArrayLike<number>): NpsResult {
  let promoters = 0, passives = 0, detractors = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!(Number.isInteger(s) && s >= 0 && s <= 10)) throw new RangeError(`NPS answers are whole numbers 0–10; answer ${i + 1} is ${s}`);
    if (s >= 9) promoters++; else if (s >= 7) passives++; else detractors++;
  }
  const n = scores.length;
  return { responses: n, promoters, passives, detractors, nps: n ? (100 * (promoters - detractors)) / n : NaN };
}

export type Quadrant = 'apostle' | 'hostage' | 'mercenary' | 'defector';
export const QUADRANT_LABELS: Record<Quadrant, { en: string; zh: string }> = {
  apostle: { en: 'Apostle', zh: '忠诚者（传道者）' }, hostage: { en: 'Hostage', zh: '囚禁者' },
  mercenary: { en: 'Mercenary', zh: '图利者' }, defector: { en: 'Defector', zh: '叛逃者' },
};

export interface QuadrantThresholds {
  /** Satisfaction at or above this is "high" (default 4 on a 1–5 scale). */
  satisfaction: number;
  /** Loyalty at or above this is "high" (default 0.5, e.g. P(alive) or a 0–1 loyalty score). */
  loyalty: number;
}
export const DEFAULT_QUADRANT_THRESHOLDS: QuadrantThresholds = { satisfaction: 4, loyalty: 0.5 };

/**
 * Apostle: satisfied and loyal; hostage: loyal but dissatisfied (locked in by switching costs —
 * a risk when the lock opens); mercenary: satisfied but not loyal (buys on price); defector: neither.
 */
export function quadrantOf(satisfaction: number, loyalty: number, t: QuadrantThresholds = DEFAULT_QUADRANT_THRESHOLDS): Quadrant {
  const sat = satisfaction >= t.satisfaction, loyal = loyalty >= t.loyalty;
  return sat ? (loyal ? 'apostle' : 'mercenary') : loyal ? 'hostage' : 'defector';
}

export interface LoyaltyMeasures {
  customers: number;
  /** Share of customers with two or more orders. */
  repeatRate: number;
  /** Mean days between consecutive orders of repeat customers. */
  meanDaysBetweenOrders: number;
  /** Share of spend bought with a discount (price sensitivity), NaN when discounts are unknown. */
  discountShare: number;
  /** Of customers with a complaint, the share who bought again after it (tolerance), NaN when none. */
  boughtAfterComplaint: number;
}

/**
 * Base-level loyalty measures from per-customer facts: order counts, the sum of gaps between
 * consecutive orders (days), spend and discounted spend, and whether a customer complained and
 * bought after the complaint.
 */
export function loyaltyMeasures(c: {
  orders: ArrayLike<number>; gapDaysSum: ArrayLike<number>; spend: ArrayLike<number>; discountedSpend?: ArrayLike<number>;
  complained?: ArrayLike<number>; boughtAfterComplaint?: ArrayLike<number>;
}): LoyaltyMeasures {
  const n = c.orders.length;
  let repeaters = 0, gaps = 0, gapDays = 0, spend = 0, disc = 0, complainers = 0, stayed = 0;
  for (let i = 0; i < n; i++) {
    if (c.orders[i] >= 2) { repeaters++; gaps += c.orders[i] - 1; gapDays += c.gapDaysSum[i]; }
    spend += c.spend[i];
    if (c.discountedSpend) disc += c.discountedSpend[i];
    if (c.complained?.[i]) { complainers++; if (c.boughtAfterComplaint?.[i]) stayed++; }
  }
  return {
    customers: n, repeatRate: n ? repeaters / n : NaN, meanDaysBetweenOrders: gaps ? gapDays / gaps : NaN,
    discountShare: c.discountedSpend && spend > 0 ? disc / spend : NaN, boughtAfterComplaint: complainers ? stayed / complainers : NaN,
  };
}
