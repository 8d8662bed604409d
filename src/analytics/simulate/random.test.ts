import { describe, expect, it } from 'vitest';
import { digamma, trigamma } from '../numerics/special.ts';
import { Random, splitMix64 } from './random.ts';

const N = 100_000;

// Tolerance for every moment check: 4 standard errors. For a correct sampler each check fails with
// probability ~6e-5 (normal approximation, fine at n = 1e5 even for the heavy-tailed cases here); the
// seeds are fixed, so a pass is reproducible. SE of the mean = σ/√n; SE of the sample variance =
// σ²·√((κ + 2)/n), κ the excess kurtosis (the variance of s² is (μ₄ − σ⁴)/n to first order).
const Z = 4;

interface Moments {
  mean: number;
  variance: number;
  excessKurtosis: number;
}

function sampleMoments(draw: () => number, n = N): { mean: number; variance: number } {
  let mean = 0;
  let m2 = 0;
  // Welford's update: no cancellation for large means (Poisson 1e4, log-normal ~35).
  for (let i = 1; i <= n; i++) {
    const x = draw();
    const d = x - mean;
    mean += d / i;
    m2 += d * (x - mean);
  }
  return { mean, variance: m2 / (n - 1) };
}

function expectMoments(draw: () => number, m: Moments): void {
  const s = sampleMoments(draw);
  const seMean = Math.sqrt(m.variance / N);
  const seVar = m.variance * Math.sqrt((m.excessKurtosis + 2) / N);
  expect(Math.abs(s.mean - m.mean), `mean ${s.mean} vs ${m.mean} (SE ${seMean})`).toBeLessThan(Z * seMean);
  expect(Math.abs(s.variance - m.variance), `variance ${s.variance} vs ${m.variance} (SE ${seVar})`).toBeLessThan(Z * seVar);
}

const gammaMoments = (k: number, rate: number): Moments => ({ mean: k / rate, variance: k / rate ** 2, excessKurtosis: 6 / k });

function betaMoments(a: number, b: number): Moments {
  const s = a + b;
  return {
    mean: a / s,
    variance: (a * b) / (s * s * (s + 1)),
    excessKurtosis: (6 * ((a - b) ** 2 * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3)),
  };
}

function logNormalMoments(mu: number, sigma: number): Moments {
  const w = Math.exp(sigma * sigma);
  return {
    mean: Math.exp(mu + (sigma * sigma) / 2),
    variance: (w - 1) * Math.exp(2 * mu + sigma * sigma),
    excessKurtosis: w ** 4 + 2 * w ** 3 + 3 * w ** 2 - 6,
  };
}

describe('xoshiro128** and SplitMix64 against their reference implementations', () => {
  it('xoshiro128** from state (1, 2, 3, 4) gives the reference outputs', () => {
    // Produced by the reference C code v1.1 (prng.di.unimi.it/xoshiro128starstar.c), as published in
    // rust-random/rngs rand_xoshiro/src/xoshiro128starstar.rs, test `reference`.
    const expected = [11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804];
    const rng = Random.fromState([1, 2, 3, 4]);
    expect(expected.map(() => rng.nextUint32())).toEqual(expected);
  });

  it('SplitMix64 from 1477776061723855037 gives the reference outputs', () => {
    // Reference C code (prng.di.unimi.it/splitmix64.c), first values as published in rust-random/rngs
    // rand_xoshiro/src/splitmix64.rs, test `reference`.
    expect(splitMix64(1477776061723855037n, 5)).toEqual([
      1985237415132408290n, 2979275885539914483n, 13511426838097143398n, 8488337342461049707n, 15141737807933549159n,
    ]);
  });

  it('a double is built from two outputs, 27 + 26 bits (genrand_res53)', () => {
    // From state (1, 2, 3, 4) the first outputs are 11520 and 0: (11520 >>> 5)·2^26 / 2^53 = 360 / 2^27.
    expect(Random.fromState([1, 2, 3, 4]).next()).toBe(360 / 2 ** 27);
  });

  it('doubles carry 53 random bits: the lowest bit is a fair coin', () => {
    const rng = new Random(7);
    let odd = 0;
    let outside = 0;
    for (let i = 0; i < N; i++) {
      const x = rng.next();
      if (!(x >= 0 && x < 1)) outside++;
      odd += (x * 2 ** 53) % 2;
    }
    expect(outside).toBe(0);
    // Binomial(N, 1/2): SE = √(N/4). With only 32 bits this count would be 0.
    expect(Math.abs(odd - N / 2)).toBeLessThan(Z * Math.sqrt(N / 4));
  });

  it('same seed gives the same sequence; another seed another one', () => {
    const draw = (seed: number) => {
      const rng = new Random(seed);
      return Array.from({ length: 1000 }, (_, i) => (i % 2 ? rng.gamma(0.5, 2) : rng.next()));
    };
    expect(draw(123)).toEqual(draw(123));
    expect(draw(124)).not.toEqual(draw(123));
    expect(new Random(2n ** 64n + 5n).next()).toBe(new Random(5).next());
  });

  it('rejects invalid seeds and parameters', () => {
    expect(() => new Random(-1)).toThrow(RangeError);
    expect(() => new Random(1.5)).toThrow(RangeError);
    expect(() => Random.fromState([0, 0, 0, 0])).toThrow(RangeError);
    const rng = new Random(1);
    expect(() => rng.gamma(0, 1)).toThrow(RangeError);
    expect(() => rng.gamma(1, -1)).toThrow(RangeError);
    expect(() => rng.beta(1, Number.NaN)).toThrow(RangeError);
    expect(() => rng.exponential(0)).toThrow(RangeError);
    expect(() => rng.poisson(-1)).toThrow(RangeError);
  });
});

describe('samplers: means and variances of 1e5 draws within 4 standard errors', () => {
  it('uniform', () => {
    const rng = new Random(1);
    expectMoments(() => rng.uniform(2, 5), { mean: 3.5, variance: 9 / 12, excessKurtosis: -1.2 });
  });

  it('normal', () => {
    const rng = new Random(2);
    expectMoments(() => rng.normal(-3, 2), { mean: -3, variance: 4, excessKurtosis: 0 });
  });

  it('exponential', () => {
    const rng = new Random(3);
    expectMoments(() => rng.exponential(0.25), { mean: 4, variance: 16, excessKurtosis: 6 });
  });

  it.each([
    [0.24, 4.4], // CDNOW's BG/NBD r, α: shape < 1 takes the boost
    [1, 2],
    [7.5, 0.5],
  ])('gamma(shape %f, rate %f)', (k, rate) => {
    const rng = new Random(4);
    expectMoments(() => rng.gamma(k, rate), gammaMoments(k, rate));
  });

  it.each([[0.24], [3]])('gamma(shape %f): E[ln X] = ψ(k) − ln rate, Var[ln X] = ψ′(k)', (k) => {
    // The log moments probe the lower tail, where the shape < 1 boost does its work; means and
    // variances are dominated by the upper tail. Excess kurtosis of ln X is ψ‴(k)/ψ′(k)², which we do
    // not have, so only the mean is tested (SE = √(ψ′(k)/n)).
    const rng = new Random(5);
    const s = sampleMoments(() => Math.log(rng.gamma(k, 3)));
    expect(Math.abs(s.mean - (digamma(k) - Math.log(3)))).toBeLessThan(Z * Math.sqrt(trigamma(k) / N));
  });

  it.each([
    [0.79, 2.4], // CDNOW's BG/NBD a, b
    [2, 5],
    [0.3, 0.3],
  ])('beta(%f, %f)', (a, b) => {
    const rng = new Random(6);
    expectMoments(() => rng.beta(a, b), betaMoments(a, b));
    const s = sampleMoments(() => Math.log(rng.beta(a, b)));
    // E[ln X] = ψ(a) − ψ(a + b), Var[ln X] = ψ′(a) − ψ′(a + b).
    expect(Math.abs(s.mean - (digamma(a) - digamma(a + b)))).toBeLessThan(Z * Math.sqrt((trigamma(a) - trigamma(a + b)) / N));
  });

  it.each([[3.5], [40], [1e4]])('poisson(%f)', (mean) => {
    // mean < 10 goes through inversion, the others through PTRS. Excess kurtosis 1/mean.
    const rng = new Random(8);
    expectMoments(() => rng.poisson(mean), { mean, variance: mean, excessKurtosis: 1 / mean });
  });

  it('poisson(40) (PTRS) hits the exact pmf near the mode', () => {
    // The squeeze constants shape the body of the distribution, which mean and variance alone could
    // miss. Frequencies of k = 30…50 against e^−λ λ^k / k!, each within 4 binomial SEs.
    const rng = new Random(9);
    const counts = new Float64Array(200);
    for (let i = 0; i < N; i++) counts[rng.poisson(40)]++;
    for (let k = 30; k <= 50; k++) {
      let logP = -40 + k * Math.log(40);
      for (let j = 2; j <= k; j++) logP -= Math.log(j);
      const p = Math.exp(logP);
      expect(Math.abs(counts[k] / N - p), `k = ${k}`).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / N));
    }
  });

  it('log-normal with CDNOW-like spend (meanlog 3.2889, sdlog 0.73: mean $35)', () => {
    const rng = new Random(10);
    expectMoments(() => rng.logNormal(3.2889, 0.73), logNormalMoments(3.2889, 0.73));
  });
});
