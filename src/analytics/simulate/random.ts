// Seeded pseudo-random numbers for the simulators and the benchmark data generator.
//
// Generator: xoshiro128** 1.1 (Blackman & Vigna 2021, "Scrambled linear pseudorandom number
// generators", ACM TOMS 47(4); reference C code https://prng.di.unimi.it/xoshiro128starstar.c).
// Why a 32-bit generator: JavaScript has fast 32-bit integer arithmetic (Math.imul, >>>) but no fast
// 64-bit integers, so xoshiro256** would need BigInt and run tens of times slower; xoshiro128**'s
// period 2^128 − 1 and its clean BigCrush/PractRand record are ample for simulation.
// A double takes two outputs, 27 + 26 high bits, as MT19937's genrand_res53 does (Matsumoto &
// Nishimura 1998), so every multiple of 2^−53 in [0, 1) is reachable: 53 random bits, not 32.
// Seeding: the seed is expanded by SplitMix64 (Steele, Lea & Flood 2014; reference C code
// https://prng.di.unimi.it/splitmix64.c), as the xoshiro authors advise, so that nearby seeds give
// unrelated streams and the state is never all zero.
import { gammaln } from '../numerics/special.ts';

const MASK64 = (1n << 64n) - 1n;

/** The first `count` outputs of SplitMix64 started at `seed` (mod 2^64). */
export function splitMix64(seed: bigint, count: number): bigint[] {
  let x = BigInt.asUintN(64, seed);
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    out.push(z ^ (z >> 31n));
  }
  return out;
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));
const TWO_26 = 67108864;
const TWO_M53 = 1 / 9007199254740992;

/**
 * A seeded random stream with the samplers the simulators need. Same seed → same sequence, on every
 * platform (only 32-bit integer operations and IEEE doubles are involved).
 *
 * Example: `const rng = new Random(42); const lambda = rng.gamma(0.24, 4.4);`
 */
export class Random {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  // The polar method makes normals in pairs; the second is kept for the next call.
  private spare = 0;
  private hasSpare = false;

  /** `seed`: a non-negative safe integer or a bigint (taken mod 2^64). */
  constructor(seed: number | bigint = 0) {
    if (typeof seed === 'number' && !(Number.isSafeInteger(seed) && seed >= 0)) {
      throw new RangeError(`Random: seed must be a non-negative safe integer, got ${seed}`);
    }
    const [z0, z1] = splitMix64(BigInt(seed), 2);
    this.setState([
      Number(z0 & 0xffffffffn),
      Number(z0 >> 32n),
      Number(z1 & 0xffffffffn),
      Number(z1 >> 32n),
    ]);
  }

  /** A stream started from a raw xoshiro128** state (four 32-bit words, not all zero). */
  static fromState(state: readonly [number, number, number, number]): Random {
    const rng = new Random(0);
    rng.setState(state);
    return rng;
  }

  private setState(state: readonly [number, number, number, number]): void {
    if (state.every((w) => (w | 0) === 0)) throw new RangeError('Random: the xoshiro128** state must not be all zero');
    this.s0 = state[0] | 0;
    this.s1 = state[1] | 0;
    this.s2 = state[2] | 0;
    this.s3 = state[3] | 0;
    this.hasSpare = false;
  }

  /** The next raw 32-bit output of xoshiro128** (an integer in [0, 2^32)). */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * TWO_26 + lo) * TWO_M53;
  }

  /** Uniform on [min, max). */
  uniform(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /** Normal(mean, sd) by Marsaglia's polar method (Marsaglia & Bray 1964): no trigonometry, exact. */
  normal(mean = 0, sd = 1): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return mean + sd * this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    this.hasSpare = true;
    return mean + sd * u * m;
  }

  /** Exponential with the given rate (mean 1/rate), by inversion. */
  exponential(rate = 1): number {
    if (!(rate > 0)) throw new RangeError(`exponential: rate must be > 0, got ${rate}`);
    // −log1p(−U) rather than −log(1 − U): exact for small U, and U < 1 keeps it finite.
    return -Math.log1p(-this.next()) / rate;
  }

  /** Gamma(shape, rate): mean shape/rate, variance shape/rate². */
  gamma(shape: number, rate = 1): number {
    if (!(shape > 0) || !(rate > 0)) throw new RangeError(`gamma: shape and rate must be > 0, got ${shape}, ${rate}`);
    if (shape >= 1) return this.marsagliaTsang(shape) / rate;
    return Math.exp(this.logGammaBoosted(shape)) / rate;
  }

  /** Beta(a, b) as G_a / (G_a + G_b) with independent unit-rate gammas. */
  beta(a: number, b: number): number {
    if (!(a > 0) || !(b > 0)) throw new RangeError(`beta: a and b must be > 0, got ${a}, ${b}`);
    // In logs, 1 / (1 + e^(ln G_b − ln G_a)): with shapes < 1 both gammas can underflow to 0 and the
    // plain ratio would be 0/0, while their log difference stays finite.
    const la = a >= 1 ? Math.log(this.marsagliaTsang(a)) : this.logGammaBoosted(a);
    const lb = b >= 1 ? Math.log(this.marsagliaTsang(b)) : this.logGammaBoosted(b);
    return 1 / (1 + Math.exp(lb - la));
  }

  /** Log-normal: e^Z with Z ~ Normal(meanlog, sdlog); mean e^(meanlog + sdlog²/2). */
  logNormal(meanlog: number, sdlog: number): number {
    return Math.exp(this.normal(meanlog, sdlog));
  }

  /** Poisson(mean). */
  poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`poisson: mean must be finite and >= 0, got ${mean}`);
    if (mean === 0) return 0;
    return mean < 10 ? this.poissonInversion(mean) : this.poissonPtrs(mean);
  }

  /**
   * Gamma(shape ≥ 1, 1) by Marsaglia & Tsang (2000), "A simple method for generating gamma
   * variables", ACM TOMS 26(3): d = shape − 1/3, c = 1/√(9d), accept d·v with v = (1 + cZ)³.
   * The squeeze 1 − 0.0331 Z⁴ avoids both logarithms for ~98 % of draws.
   */
  private marsagliaTsang(shape: number): number {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /**
   * ln of a Gamma(shape < 1, 1) draw by Marsaglia & Tsang's (2000, §6) boost: if Y ~ Gamma(shape + 1)
   * and U ~ U(0, 1] then Y·U^(1/shape) ~ Gamma(shape). Kept in logs because U^(1/shape) underflows for
   * small shapes (CDNOW's r = 0.24 already gives U^4.2).
   */
  private logGammaBoosted(shape: number): number {
    return Math.log(this.marsagliaTsang(shape + 1)) + Math.log1p(-this.next()) / shape;
  }

  /**
   * Inversion by sequential search (Devroye 1986, "Non-Uniform Random Variate Generation", ch. X.3):
   * about mean + 1 steps, so it is used below 10 only.
   */
  private poissonInversion(mean: number): number {
    const u = this.next();
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    // p > 0 stops the search if rounding leaves the summed cdf just below a u close to 1.
    while (u >= cdf && p > 0) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  /**
   * PTRS, transformed rejection with squeeze (Hörmann 1993, "The transformed rejection method for
   * generating Poisson random variables", Insurance: Mathematics and Economics 12, 39–45), the
   * algorithm numpy uses for mean ≥ 10: O(1) expected time at any mean.
   */
  private poissonPtrs(mean: number): number {
    const logMean = Math.log(mean);
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - gammaln(k + 1)) return k;
    }
  }
}
