import type { OverviewMetric } from '../../api/api-types.ts';

/** 'valueAtRisk' → 'overview-value-at-risk', the test id the browser tests look for. */
export function metricTestId(m: OverviewMetric): string {
  return `overview-${m.replace(/[A-Z0-9]+/g, (c) => `-${c.toLowerCase()}`)}`;
}
