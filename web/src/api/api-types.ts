// What the dashboard reads from /api (see /api/openapi.json for the server's own description).
// Report sections come straight from the saved analysis run (src/report/report-data.ts), so their
// types are imported from there rather than copied.
import type { Section } from '../../../src/report/report-data.ts';

export type Role = 'admin' | 'analyst' | 'staff';

export interface User {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  createdAt: string;
}

export interface Session {
  user: User;
  /** Null when the request came with a bearer token rather than the session cookie. */
  csrfToken: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** One row of the `customers` table (and of the churn list): its columns by name. */
export type CustomerRow = Record<string, string | number | boolean | null>;

/** A figure of this run and of the run before it (null when there was none or it lacked the figure). */
export interface Metric {
  value: number | null;
  previous: number | null;
}

export const OVERVIEW_METRICS = [
  'customers', 'activeCustomers', 'revenue', 'repeatRate', 'predictedValue12m', 'atRiskCustomers', 'valueAtRisk',
] as const;
export type OverviewMetric = (typeof OVERVIEW_METRICS)[number];

export interface LastRun {
  runId: number;
  createdAt: string;
  inputFile: string;
}

export type Overview = Record<OverviewMetric, Metric> & { lastRun: LastRun | null };

/** Any answer of a report-section route: the section, or why it is missing. */
export type SectionAnswer<T> = Section<T>;

/** GET /api/segment-names: the RFM segments' names with the saved segment map applied. */
export interface SegmentNames {
  items: { id: string; en: string; zh: string }[];
}
