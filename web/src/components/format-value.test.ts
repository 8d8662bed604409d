import { describe, expect, it } from 'vitest';
import { numberFormats } from '../../../src/report/format-number.ts';
import { formatValue, relativeChange } from './format-value.ts';

describe('formatValue', () => {
  const en = numberFormats('en');
  const zh = numberFormats('zh-CN');
  it('formats by kind and language', () => {
    expect(formatValue(en, 'count', 1234567)).toBe('1,234,567');
    expect(formatValue(en, 'money', 1234.5)).toBe('1,234.50');
    expect(formatValue(zh, 'percent', 0.5693)).toBe('56.9%');
    expect(formatValue(en, 'probability', 0.017474)).toBe('0.017');
  });
  it('shows a dash for missing values', () => {
    expect(formatValue(en, 'count', null)).toBe('—');
    expect(formatValue(en, 'money', Number.NaN)).toBe('—');
  });
});

describe('relativeChange', () => {
  it('is the change relative to the previous value', () => {
    expect(relativeChange(110, 100)).toBeCloseTo(0.1, 12);
    expect(relativeChange(-50, -100)).toBeCloseTo(0.5, 12);
  });
  it('is null without a previous value or from zero', () => {
    expect(relativeChange(1, null)).toBeNull();
    expect(relativeChange(1, 0)).toBeNull();
    expect(relativeChange(null, 3)).toBeNull();
  });
});
