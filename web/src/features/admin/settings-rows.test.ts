import { describe, expect, it } from 'vitest';
import { fromRows, toRows } from './settings-rows.ts';

describe('settings rows', () => {
  const settings = { thresholds: { activePAlive: 0.5 }, weights: { current: 0.3, future: 0.7 }, segmentMap: { 'cant-lose': '回访' } };
  it('round-trips', () => {
    expect(fromRows(toRows(settings))).toEqual(settings);
  });
  it('refuses what the server would refuse, saying what', () => {
    const rows = toRows(settings);
    expect(fromRows({ ...rows, weights: [{ key: 'current', value: '-1' }] })).toMatch(/weights.current/);
    expect(fromRows({ ...rows, thresholds: [{ key: 'a', value: '' }] })).toMatch(/not a number/);
    expect(fromRows({ ...rows, thresholds: [{ key: 'a b', value: '1' }] })).toMatch(/not a name/);
    expect(fromRows({ ...rows, weights: [{ key: 'x', value: '1' }, { key: 'x', value: '2' }] })).toMatch(/twice/);
    expect(fromRows({ ...rows, segmentMap: [{ key: 'lost', value: ' ' }] })).toMatch(/empty/);
  });
});
