import { describe, expect, it } from 'vitest';
import { distinctIndex } from './distinct-index.ts';

describe('distinctIndex', () => {
  it('lists values in order of first appearance and points every row at its value', () => {
    const d = distinctIndex([5, 2, 5, 0, 2, -0]);
    expect([...d.values]).toEqual([5, 2, 0]); // 0 and −0 are one value (Map's SameValueZero)
    expect([...d.index]).toEqual([0, 1, 0, 2, 1, 2]);
  });
});
