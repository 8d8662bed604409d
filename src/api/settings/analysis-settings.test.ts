// The dashboard's settings as an AnalyzeConfig: each name lands on its one field, the rest stay default,
// and what the --config schema refuses is refused here with the same words.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZE_CONFIG, parseAnalyzeConfig } from '../../pipeline/analyze-config.ts';
import { ConfigError } from '../../pipeline/config-error.ts';
import { DEFAULT_SETTINGS, settingsToConfig, THRESHOLD_NAMES } from './analysis-settings.ts';

describe('settingsToConfig', () => {
  it('turns the default settings into the default config', () => {
    expect(settingsToConfig(DEFAULT_SETTINGS)).toEqual(DEFAULT_ANALYZE_CONFIG);
    expect(settingsToConfig({ thresholds: {}, weights: {}, segmentMap: {} })).toEqual(DEFAULT_ANALYZE_CONFIG);
  });

  it('gives the same config as a --config file saying the same', () => {
    const fromSettings = settingsToConfig({
      thresholds: { activePAlive: 0.3, 'pyramid.cuts.medium': 0.3, 'rules.support': 0.02, 'clusters.k': 4 },
      weights: { current: 1, growth: 0 },
      segmentMap: { champions: 'Stars', 'lost.zh': '流失' },
    });
    const segments = DEFAULT_ANALYZE_CONFIG.rfm.segments.map((s) => (s.id === 'champions' ? { ...s, label: { en: 'Stars', zh: 'Stars' } } : s.id === 'lost' ? { ...s, label: { ...s.label, zh: '流失' } } : s));
    const fromFile = parseAnalyzeConfig(JSON.stringify({
      churn: { threshold: 0.3 }, pyramid: { cuts: { ...DEFAULT_ANALYZE_CONFIG.pyramid.cuts, medium: 0.3 } }, rules: { support: 0.02 }, clusters: { k: 4 },
      composite: { weights: { ...DEFAULT_ANALYZE_CONFIG.composite.weights, current: 1, growth: 0 } }, rfm: { segments },
    }));
    expect(fromSettings).toEqual(fromFile);
    expect(DEFAULT_ANALYZE_CONFIG.rfm.segments.find((s) => s.id === 'champions')?.label.en).toBe('Champions'); // the defaults were not touched
  });

  it('names every number of the config except the weights, and refuses the rest', () => {
    expect(THRESHOLD_NAMES).toContain('churn.threshold');
    expect(THRESHOLD_NAMES).toContain('pyramid.cuts.key');
    expect(THRESHOLD_NAMES).toContain('replenishment.dueDays');
    expect(THRESHOLD_NAMES.some((n) => n.startsWith('composite.'))).toBe(false);
    const bad = () => settingsToConfig({ thresholds: { 'lifecycle.windowDays': 0, 'survival.by': 1 }, weights: {}, segmentMap: {} }, 'settings');
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/^settings: thresholds: unknown name "survival\.by"/);
    expect(() => settingsToConfig({ thresholds: { 'lifecycle.windowDays': 0 }, weights: {}, segmentMap: {} })).toThrow(/lifecycle\.windowDays/);
  });
});
