// Simulation of the BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way",
// Marketing Science 24(2), 275–284; its model assumptions (i)–(v)): used to test the model against its own closed forms and
// to generate benchmark transaction logs.
import type { Random } from './random.ts';
import {
  checkPositiveParams,
  simulateCustomers,
  simulatePurchaseTimes,
  type RepeatPurchaseSampler,
  type SimulatedCustomers,
} from './customer-simulator.ts';

/** BG/NBD parameters, named as in the paper: λ ~ Gamma(r, rate α), p ~ Beta(a, b). */
export type BgNbdParams = Record<'r' | 'alpha' | 'a' | 'b', number>;
const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/**
 * One customer at a time under the FHL (2005) assumptions: (ii) λ ~ Gamma(r, α) and (iv) p ~ Beta(a, b) per
 * customer; (i) while active, purchases form a Poisson process of rate λ, so gaps are Exponential(λ);
 * (iii) right after each repeat purchase the customer drops out with probability p. No dropout after
 * the first purchase at time 0: in FHL's individual-level likelihood, (1 − p)^x λ^x e^(−λT) +
 * δ(x>0) p(1 − p)^(x−1) λ^x e^(−λ t_x), a customer with x = 0 is alive at T with certainty.
 *
 * Example: `simulateCustomers(bgNbdSampler({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }), T, rng)`.
 */
export function bgNbdSampler(params: BgNbdParams): RepeatPurchaseSampler {
  checkPositiveParams('BG/NBD', NAMES, params);
  const { r, alpha, a, b } = params;
  return (T, rng, times) => {
    const lambda = rng.gamma(r, alpha);
    const p = rng.beta(a, b);
    let n = 0;
    let t = 0;
    for (;;) {
      // Inline Exponential(λ) gap rather than rng.exponential: a λ that underflowed to 0 (possible
      // for tiny r) must mean "never buys again" (gap ∞), not a thrown RangeError.
      t += -Math.log1p(-rng.next()) / lambda;
      if (t > T) return n;
      times[n++] = t;
      if (rng.next() < p) return n;
    }
  };
}

/** (x, t_x, T) for one simulated customer per entry of T. */
export function simulateBgNbd(params: BgNbdParams, T: ArrayLike<number>, rng: Random): SimulatedCustomers {
  return simulateCustomers(bgNbdSampler(params), T, rng);
}

/** Each simulated customer's purchase times, first purchase at 0 (see simulatePurchaseTimes). */
export function bgNbdPurchaseTimes(params: BgNbdParams, T: ArrayLike<number>, rng: Random): Generator<Float64Array, void, void> {
  return simulatePurchaseTimes(bgNbdSampler(params), T, rng);
}
