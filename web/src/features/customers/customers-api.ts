// Answers of the customer-analytics routes the customers page reads.
import type { SegmentSummary } from '../../../../src/analytics/rfm/rfm-segments.ts';
import type { TierSummary } from '../../../../src/analytics/pyramid/value-pyramid.ts';

export interface RfmCell {
  /** Recency and frequency scores, 1–5 (5 = most recent, most frequent). */
  r: number;
  f: number;
  customers: number;
  meanValue: number | null;
}

export interface RfmGrid {
  cells: RfmCell[];
}

export interface Segments {
  segments: SegmentSummary[];
}

export interface Pyramid {
  tiers: TierSummary[];
}
