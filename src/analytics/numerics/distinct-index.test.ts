import { describe, expect, it } from 'vitest';
import { distinctIndex } from './distinct-index.ts';

/** The definition, with a Map (SameValueZero keys). */
function reference(column: readonly number[]): { values: number[]; index: number[] } {
  const at = new Map<number, number>(), values: number[] = [];
  const index = column.map((v) => {
    let k = at.get(v);
    if (k === undefined) { k = values.length; at.set(v, k); values.push(v); }
    return k;
  });
  return { values, index };
}

describe('distinctIndex', () => {
  it('lists values in order of first appearance and points every row at its value', () => {
    const d = distinctIndex([5, 2, 5, 0, 2, -0]);
    expect([...d.values]).toEqual([5, 2, 0]); // 0 and −0 are one value (Map's SameValueZero)
    expect([...d.index]).toEqual([0, 1, 0, 2, 1, 2]);
  });
  it('takes every NaN as one value, and −0 first as the value kept', () => {
    const d = distinctIndex([-0, Number.NaN, 1, Number.NaN, 0, Number.POSITIVE_INFINITY, -Number.NaN]);
    expect(Object.is(d.values[0], -0)).toBe(true);
    expect([...d.values]).toEqual([-0, Number.NaN, 1, Number.POSITIVE_INFINITY]);
    expect([...d.index]).toEqual([0, 1, 2, 1, 0, 3, 1]);
  });
  it('agrees with a Map on many values, as the table grows', () => {
    // Fractional weeks as the summary has them (days / 7), integers, and values that differ in the last bit.
    let seed = 7;
    const rand = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; };
    const column = Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? Math.floor(rand() * 600) / 7 : i % 3 === 1 ? Math.floor(rand() * 40_000) : 0.1 + Math.floor(rand() * 4) * Number.EPSILON));
    const d = distinctIndex(column), r = reference(column);
    expect(d.values.length).toBe(r.values.length);
    expect(d.values.length).toBeGreaterThan(10_000);
    expect([...d.values]).toEqual(r.values);
    expect([...d.index]).toEqual(r.index);
  });
});
