import { describe, expect, it } from 'vitest';
import type { RuleInfo } from '../../../../src/report/report-data.ts';
import { filterRules } from './filter-rules.ts';

const rule = (lhs: string[], rhs: string, lift: number, confidence: number): RuleInfo => ({
  lhs: lhs.map((id) => ({ id, name: id === 'p1' ? '大米' : null })), rhs: { id: rhs, name: null },
  support: 0.01, confidence, coverage: 0.02, lift, count: 10,
});

describe('filterRules', () => {
  const rules = [rule(['p1'], 'p2', 3, 0.4), rule(['p3'], 'p4', 0.8, 0.9), rule(['p2', 'p5'], 'p1', 1.5, 0.6)];
  it('keeps rules at or above the minimum lift, best first', () => {
    expect(filterRules(rules, '', 1, 'lift').map((r) => r.lift)).toEqual([3, 1.5]);
    expect(filterRules(rules, '', 0, 'confidence').map((r) => r.confidence)).toEqual([0.9, 0.6, 0.4]);
  });
  it('finds a product by id or name on either side', () => {
    expect(filterRules(rules, '大米', 0, 'lift')).toHaveLength(1);
    expect(filterRules(rules, 'P1', 0, 'lift')).toHaveLength(2);
    expect(filterRules(rules, 'p5', 0, 'lift')[0].rhs.id).toBe('p1');
  });
  it('does not reorder its input', () => {
    filterRules(rules, '', 0, 'lift');
    expect(rules[0].lift).toBe(3);
  });
});
