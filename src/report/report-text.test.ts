// The dictionary is complete: every label has both languages, the Chinese one is Chinese (an English
// string copied into the zh-CN slot is the usual slip), and both fill the same {n} placeholders.
import { describe, expect, it } from 'vitest';
import { allTextKeys, fillText, reportText } from './report-text.ts';

// Keys whose Chinese form has no Han character: the language switch says 'English', the colon is the full-width '：'.
const LATIN_IN_CHINESE = new Set(['switch', 'colon']);

describe('report text', () => {
  it('has a non-empty English and Chinese form for every key', () => {
    for (const key of allTextKeys()) {
      const t = reportText(key);
      expect(t.en.trim(), key).not.toBe('');
      expect(t['zh-CN'].trim(), key).not.toBe('');
      if (!LATIN_IN_CHINESE.has(key)) expect(t['zh-CN'], key).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const holes = (s: string) => [...s.matchAll(/\{\d\}/g)].map((m) => m[0]).sort();
    for (const key of allTextKeys()) expect(holes(reportText(key)['zh-CN']), key).toEqual(holes(reportText(key).en));
  });

  it('fills placeholders by position and leaves a missing one visible', () => {
    expect(fillText('The top {0} hold {1}.', ['20%', '73.6%'])).toBe('The top 20% hold 73.6%.');
    expect(fillText('{0} and {1}', ['a'])).toBe('a and {1}');
  });
});
