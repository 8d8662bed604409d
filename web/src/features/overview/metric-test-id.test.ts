import { describe, expect, it } from 'vitest';
import { OVERVIEW_METRICS } from '../../api/api-types.ts';
import { metricTestId } from './metric-test-id.ts';

describe('metricTestId', () => {
  it('gives each overview figure a distinct kebab-case id', () => {
    expect(metricTestId('valueAtRisk')).toBe('overview-value-at-risk');
    expect(metricTestId('predictedValue12m')).toBe('overview-predicted-value-12m');
    expect(new Set(OVERVIEW_METRICS.map(metricTestId)).size).toBe(OVERVIEW_METRICS.length);
  });
});
