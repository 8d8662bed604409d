// Expected strings are written out by hand from the locales' conventions (CLDR): English and Chinese
// both group thousands with ",", and Chinese counts large numbers in 万 (10⁴) and 亿 (10⁸).
import { describe, expect, it } from 'vitest';
import { MISSING, numberFormats } from './format-number.ts';

describe('numberFormats', () => {
  const en = numberFormats('en');
  const zh = numberFormats('zh-CN', '¥');

  it('groups thousands and rounds whole numbers', () => {
    expect(en.count(1_234_567.4)).toBe('1,234,567');
    expect(zh.count(541_909)).toBe('541,909');
    expect(en.fixed(-9582.44, 1)).toBe('-9,582.4');
  });

  it('writes compact axis labels in each language\'s units', () => {
    expect(en.compact(123_456)).toBe('123.5K');
    expect(zh.compact(123_456)).toBe('12.3万');
    expect(zh.compact(123_000_000)).toBe('1.2亿');
    expect(en.compact(9_500)).toBe('9,500');
  });

  it('puts the currency symbol, if any, after the sign', () => {
    expect(zh.money(1234.567)).toBe('¥1,234.57');
    expect(numberFormats('en', '£').money(-12.5)).toBe('-£12.50');
    expect(en.money(5)).toBe('5.00');
  });

  it('shows shares as percentages, and a tiny share as "<0.1%" rather than 0.0%', () => {
    expect(en.percent(0.7364)).toBe('73.6%');
    expect(en.share(40 / 541_909)).toBe('<0.1%');
    expect(en.share(0)).toBe('0.0%');
    expect(en.significant(0.242_62)).toBe('0.2426');
  });

  it('shows a missing metric as a dash, never "NaN"', () => {
    for (const f of [en.count(NaN), en.fixed(Infinity, 2), en.percent(NaN), en.share(NaN), en.money(NaN), en.significant(NaN), en.compact(NaN)]) {
      expect(f).toBe(MISSING);
    }
  });
});
