// GET /api/customers/{id}: everything known about one customer.
import type { CustomerRow } from '../../api/api-types.ts';

export interface TimelineEntry {
  /** YYYY-MM-DD or an ISO timestamp. */
  date: string;
  kind: 'order' | 'interaction' | string;
  amount?: number | null;
  /** What happened, as stored (interaction type and note, order id). */
  detail?: string | null;
  [field: string]: unknown;
}

export interface Customer360 {
  id: string;
  profile: Record<string, unknown> | null;
  scores: CustomerRow | null;
  timeline: TimelineEntry[];
  pAlivePath: { date: string; pAlive: number }[];
}
