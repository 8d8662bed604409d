// Simulation of the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987, "Counting your
// customers: who are they and what will they do next?", Management Science 33(1); assumptions as
// restated by Fader & Hardie 2005, "A note on deriving the Pareto/NBD model and related expressions").
import type { Random } from './random.ts';
import {
  checkPositiveParams,
  simulateCustomers,
  simulatePurchaseTimes,
  type RepeatPurchaseSampler,
  type SimulatedCustomers,
} from './customer-simulator.ts';

/** Pareto/NBD parameters, named as in the papers: λ ~ Gamma(r, rate α), μ ~ Gamma(s, rate β). */
export type ParetoNbdParams = Record<'r' | 'alpha' | 's' | 'beta', number>;
const NAMES = ['r', 'alpha', 's', 'beta'] as const;

/**
 * One customer at a time: λ ~ Gamma(r, α) and μ ~ Gamma(s, β) independently; an unobserved lifetime
 * τ ~ Exponential(μ); purchases a Poisson process of rate λ on (0, min(τ, T)].
 *
 * Example: `simulateCustomers(paretoNbdSampler({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }), T, rng)`.
 */
export function paretoNbdSampler(params: ParetoNbdParams): RepeatPurchaseSampler {
  checkPositiveParams('Pareto/NBD', NAMES, params);
  const { r, alpha, s, beta } = params;
  return (T, rng, times) => {
    const lambda = rng.gamma(r, alpha);
    const mu = rng.gamma(s, beta);
    // Inline exponentials: a rate that underflowed to 0 (tiny r or s) means an infinite gap or
    // lifetime, which the division gives, instead of a thrown RangeError.
    const end = Math.min(T, -Math.log1p(-rng.next()) / mu);
    let n = 0;
    let t = 0;
    for (;;) {
      t += -Math.log1p(-rng.next()) / lambda;
      if (t > end) return n;
      times[n++] = t;
    }
  };
}

/** (x, t_x, T) for one simulated customer per entry of T. */
export function simulateParetoNbd(params: ParetoNbdParams, T: ArrayLike<number>, rng: Random): SimulatedCustomers {
  return simulateCustomers(paretoNbdSampler(params), T, rng);
}

/** Each simulated customer's purchase times, first purchase at 0 (see simulatePurchaseTimes). */
export function paretoNbdPurchaseTimes(params: ParetoNbdParams, T: ArrayLike<number>, rng: Random): Generator<Float64Array, void, void> {
  return simulatePurchaseTimes(paretoNbdSampler(params), T, rng);
}
