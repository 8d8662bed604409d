// GET /api/customers/{id} (src/api/customers/customer-360.ts): everything known about one customer.
import type { CustomerRow } from '../../api/api-types.ts';

export interface TimelineEntry {
  /** 'order', or the interaction's kind (call, visit, complaint, survey …). */
  kind: string;
  /** YYYY-MM-DD */
  date: string;
  amount: number | null;
  orderId: string | null;
  channel: string | null;
  subject: string | null;
}

export interface Customer360 {
  id: string;
  /** The operational store's record, when customers were imported; null otherwise. */
  profile: Record<string, string | number | boolean | null> | null;
  scores: CustomerRow;
  timeline: TimelineEntry[];
  pAlivePath: { date: string; pAlive: number }[];
  /** 90 % intervals from the fit's parameter uncertainty; null without a saved covariance. */
  intervals: CustomerIntervals | null;
  /** Segment, tier, stage and value at each analysis run, oldest first. */
  history: HistoryEntry[];
}

export interface CustomerIntervals {
  coverage: number;
  draws: number;
  expectedPurchases: [number, number];
  clv: [number, number] | null;
}

export interface HistoryEntry {
  runId: number;
  createdAt: string;
  rfmSegment: string | null;
  pyramidTier: string | null;
  lifecycleStage: string | null;
  clusterLabel: string | null;
  valueScore: number | null;
  pAlive: number | null;
  clv: number | null;
  churnWarning: boolean | null;
}
