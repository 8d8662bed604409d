import { describe, expect, it } from 'vitest';
import { betaln, gammaln, hyp2f1 } from '../numerics/special.ts';
import { bgNbdPurchaseTimes, simulateBgNbd, type BgNbdParams } from './bg-nbd-simulator.ts';
import { Random } from './random.ts';

// FHL (2005) eq. 9: E[X(t)] for a customer who made the first purchase at 0:
// (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r · ₂F₁(r, b; a + b − 1; t/(α + t))].
function expectedX({ r, alpha, a, b }: BgNbdParams, t: number): number {
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
}

// FHL (2005) eq. 7: P(X(t) = x) =
//   B(a, b + x)/B(a, b) · Γ(r + x)/(Γ(r) x!) · (α/(α + t))^r (t/(α + t))^x
//   + δ_{x>0} B(a + 1, b + x − 1)/B(a, b) · [1 − (α/(α + t))^r Σ_{j<x} Γ(r + j)/(Γ(r) j!) (t/(α + t))^j].
// Written in logs of the Beta and Gamma ratios so that it stays finite for any x.
function probabilityX({ r, alpha, a, b }: BgNbdParams, x: number, t: number): number {
  const lq = Math.log(alpha / (alpha + t));
  const lz = Math.log(t / (alpha + t));
  const nbd = (j: number) => Math.exp(gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * lq + j * lz);
  let p = Math.exp(betaln(a, b + x) - betaln(a, b)) * nbd(x);
  if (x > 0) {
    let partial = 0;
    for (let j = 0; j < x; j++) partial += nbd(j);
    p += Math.exp(betaln(a + 1, b + x - 1) - betaln(a, b)) * (1 - partial);
  }
  return p;
}

// The CDNOW estimates of FHL (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, weeks; and a
// second set with a > 1 where eq. 9's prefactor changes sign and dropout is slower.
const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const OTHER: BgNbdParams = { r: 2, alpha: 5, a: 2.5, b: 4 };
const N = 200_000;
// 4 standard errors: each comparison fails by chance with probability ~6e-5 (normal approximation,
// N = 2e5 customers); the seed is fixed, so the result is reproducible.
const Z = 4;

describe('BG/NBD simulation against FHL (2005) closed forms', () => {
  it.each([
    ['CDNOW', CDNOW, 39],
    ['CDNOW', CDNOW, 78],
    ['a > 1', OTHER, 52],
  ] as const)('%s params, t = %f: mean X(t) matches eq. 9 and P(X(t) = 0, 1, 2) eq. 7', (_label, params, t) => {
    const sim = simulateBgNbd(params, new Float64Array(N).fill(t), new Random(2005));
    let sum = 0;
    let sumSq = 0;
    const counts = [0, 0, 0];
    for (const x of sim.x) {
      sum += x;
      sumSq += x * x;
      if (x < 3) counts[x]++;
    }
    const mean = sum / N;
    const se = Math.sqrt((sumSq / N - mean * mean) / (N - 1));
    const ex = expectedX(params, t);
    expect(Math.abs(mean - ex), `mean ${mean} vs eq. 9 ${ex} (SE ${se})`).toBeLessThan(Z * se);
    for (let x = 0; x < 3; x++) {
      const p = probabilityX(params, x, t);
      const seP = Math.sqrt((p * (1 - p)) / N);
      expect(Math.abs(counts[x] / N - p), `P(X = ${x}): ${counts[x] / N} vs eq. 7 ${p} (SE ${seP})`).toBeLessThan(Z * seP);
    }
  });

  it('eq. 7 as coded sums to 1 and agrees with eq. 9 (guards the test formulas themselves)', () => {
    let total = 0;
    let mean = 0;
    for (let x = 0; x < 400; x++) {
      const p = probabilityX(OTHER, x, 52);
      total += p;
      mean += x * p;
    }
    expect(total).toBeCloseTo(1, 10);
    expect(mean).toBeCloseTo(expectedX(OTHER, 52), 8);
  });

  it('the purchase-times variant yields the customers of simulateBgNbd for the same seed', () => {
    const T = Float64Array.from({ length: 2000 }, (_, i) => (i % 78) + 0.5);
    const rf = simulateBgNbd(CDNOW, T, new Random(11));
    let i = 0;
    for (const times of bgNbdPurchaseTimes(CDNOW, T, new Random(11))) {
      expect(times[0]).toBe(0);
      expect(times.length - 1).toBe(rf.x[i]);
      expect(times[times.length - 1]).toBe(rf.tx[i]);
      for (let j = 1; j < times.length; j++) expect(times[j] >= times[j - 1] && times[j] <= T[i]).toBe(true);
      i++;
    }
    expect(i).toBe(T.length);
  });
});
