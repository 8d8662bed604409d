import { describe, expect, it } from 'vitest';
import { CompensatedSum } from './compensated-sum.ts';

describe('CompensatedSum', () => {
  it('keeps the small terms a plain sum loses', () => {
    const s = new CompensatedSum();
    let plain = 0;
    for (const v of [1e16, 1, 1, 1, 1, -1e16]) { s.add(v); plain += v; }
    expect(plain).toBe(0); // each 1 vanishes against 1e16 (ulp 2)
    expect(s.value).toBe(4);
  });

  it('sums 0.1 ten million times to the correctly rounded total', () => {
    // The double nearest 0.1 exceeds it by 5.55e-18, so the exact sum is 10⁶ + 5.55e-11, which rounds to
    // 10⁶ (an ulp there is 1.16e-10). The plain sum drifts by ~1e-4.
    const s = new CompensatedSum();
    let plain = 0;
    for (let i = 0; i < 1e7; i++) { s.add(0.1); plain += 0.1; }
    expect(Math.abs(plain - 1e6)).toBeGreaterThan(1e-5);
    expect(s.value).toBe(1e6);
  });
});
