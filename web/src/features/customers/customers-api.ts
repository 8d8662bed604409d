// Answers of the customer-aggregate routes (src/api/reports/customer-aggregates.ts): grouped rows of
// the customers table, computed in DuckDB.

export interface RfmCell {
  /** Recency and frequency scores, 1–5 (5 = most recent, most frequent). */
  recency: number;
  frequency: number;
  customers: number;
  meanSpend: number | null;
  /** Mean predicted value (CLV); null when the run had no spend model. */
  meanValue: number | null;
}

export interface RfmGrid {
  items: RfmCell[];
}

interface GroupRow {
  customers: number;
  customerShare: number;
  revenue: number | null;
  revenueShare: number | null;
  /** Sum of the predicted value (CLV) of the group. */
  predictedValue: number | null;
  meanSpend: number | null;
}

export interface Segments {
  items: (GroupRow & { segment: string })[];
}

export interface Pyramid {
  items: (GroupRow & { tier: string })[];
}
