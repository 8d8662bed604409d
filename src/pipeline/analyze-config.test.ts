import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENTS } from '../analytics/rfm/rfm-segments.ts';
import { DEFAULT_ANALYZE_CONFIG, parseAnalyzeConfig, readAnalyzeConfig } from './analyze-config.ts';

describe('analyze config', () => {
  it('fills every key left out with its default', () => {
    expect(parseAnalyzeConfig('{}')).toEqual(DEFAULT_ANALYZE_CONFIG);
    const c = parseAnalyzeConfig('{"rules": {"support": 0.02}, "churn": {"threshold": 0.3}, "pyramid": {"rankBy": "historic"}}');
    expect(c.rules).toEqual({ ...DEFAULT_ANALYZE_CONFIG.rules, support: 0.02 });
    expect(c.churn.threshold).toBe(0.3);
    expect(c.pyramid).toEqual({ cuts: { key: 0.01, large: 0.05, medium: 0.2 }, rankBy: 'historic' });
    expect(c.rfm.segments).toBe(DEFAULT_SEGMENTS);
  });

  it('takes a segment map, weights, pyramid cuts and the hot-product conditions', () => {
    const c = parseAnalyzeConfig(JSON.stringify({
      rfm: { segments: [{ id: 'best', label: { en: 'Best', zh: '最佳' }, r: [5, 5], f: [4, 5], m: [1, 5] }] },
      composite: { weights: { current: 1, future: 0, credit: 0, loyalty: 0, growth: 0 } },
      pyramid: { cuts: { key: 0.02, large: 0.1, medium: 0.3 } },
      hotProducts: { weeklyUnits: 20, views: 100 },
    }));
    expect(c.rfm.segments.map((s) => s.id)).toEqual(['best']);
    expect(c.composite.weights.current).toBe(1);
    expect(c.pyramid.cuts.medium).toBe(0.3);
    expect(c.hotProducts).toMatchObject({ weeklyUnits: 20, views: 100, firstTimeBuyerShare: 0.4, favorites: 500, weeks: 4 });
  });

  it('refuses unknown keys, bad values and inconsistent ranges with the path named', () => {
    expect(() => parseAnalyzeConfig('{"rules": {"suport": 0.02}}', 'c.json')).toThrow(/c\.json: rules: Unrecognized key.*"suport"/);
    expect(() => parseAnalyzeConfig('{"churn": {"threshold": 1.5}}')).toThrow(/churn\.threshold/);
    expect(() => parseAnalyzeConfig('{"pyramid": {"cuts": {"key": 0.3, "large": 0.1, "medium": 0.5}}}')).toThrow(/0 < key ≤ large ≤ medium < 1/);
    expect(() => parseAnalyzeConfig('{"rules": {"minlen": 4, "maxlen": 3}}')).toThrow(/minlen \(4\) is above maxlen \(3\)/);
    expect(() => parseAnalyzeConfig('{"clusters": {"kMin": 6, "kMax": 3}}')).toThrow(/kMin \(6\) is above kMax \(3\)/);
    expect(() => parseAnalyzeConfig('{"rfm": {"segments": [{"id": "x", "label": {"en": "X", "zh": "X"}, "r": [4, 2], "f": [1, 5], "m": [1, 5]}]}}')).toThrow(/r range \[4, 2\]/);
    expect(() => parseAnalyzeConfig('{"composite": {"weights": {"current": 0, "future": 0, "credit": 0, "loyalty": 0, "growth": 0}}}')).toThrow(/at least one weight/);
    expect(() => parseAnalyzeConfig('{"rules": ')).toThrow(/not valid JSON/);
    try {
      parseAnalyzeConfig('[1]');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ name: 'ConfigError', code: 'bad-config' });
    }
  });

  it('reads a file (with a BOM) and says when it cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvm-config-'));
    try {
      writeFileSync(join(dir, 'c.json'), '\uFEFF{"replenishment": {"dueDays": 7}}');
      expect((await readAnalyzeConfig(join(dir, 'c.json'))).replenishment.dueDays).toBe(7);
      await expect(readAnalyzeConfig(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'unreadable-config' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
