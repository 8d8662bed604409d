// GET /api/customers/{id} (src/api/customers/customer-360.ts): everything known about one customer.
import type { CustomerRow } from '../../api/api-types.ts';
import type { CustomerIntervals } from '../../../../src/pipeline/customer-intervals.ts';
import type { HistoryPoint } from '../../../../src/pipeline/save-analysis-run.ts';

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

export type { CustomerIntervals };

/** One analysis run's view of the customer, as the API sends it (src/pipeline/save-analysis-run.ts). */
export type HistoryEntry = HistoryPoint;
