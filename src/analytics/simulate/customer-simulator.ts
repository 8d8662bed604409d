// What the BG/NBD and Pareto/NBD simulators share: a model supplies a sampler that draws one new
// customer's latent traits and repeat purchases; this file turns it into (x, t_x, T) columns or into
// each customer's purchase times. Pure: a Random in, numbers out.
import { ModelError } from '../models/model-error.ts';
import type { RfColumns } from '../models/rf-patterns.ts';
import type { Random } from './random.ts';

/**
 * Draws one new customer (traits from the model's mixing distributions) and writes that customer's
 * repeat-purchase times in (0, T], ascending, into `times` from index 0; returns how many. The first
 * purchase is at time 0 and is not written. `times` is caller-owned scratch space, so simulating
 * millions of customers allocates nothing per customer.
 */
export type RepeatPurchaseSampler = (T: number, rng: Random, times: number[]) => number;

/** Simulated customers as the models take them: x repeat purchases, t_x the last one's time, age T. */
export interface SimulatedCustomers extends RfColumns {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}

function checkAges(T: ArrayLike<number>): void {
  for (let i = 0; i < T.length; i++) {
    if (!(T[i] >= 0 && Number.isFinite(T[i]))) {
      throw new ModelError('invalid-input', `customer ${i}: T must be finite and >= 0, got ${T[i]}`);
    }
  }
}

/** One customer per entry of T (each customer's time from first purchase to the end of observation). */
export function simulateCustomers(sampler: RepeatPurchaseSampler, T: ArrayLike<number>, rng: Random): SimulatedCustomers {
  checkAges(T);
  const n = T.length;
  const out: SimulatedCustomers = { x: new Float64Array(n), tx: new Float64Array(n), T: Float64Array.from(T) };
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = sampler(T[i], rng, times);
    out.x[i] = k;
    out.tx[i] = k > 0 ? times[k - 1] : 0;
  }
  return out;
}

/**
 * Each customer's purchase times since the first purchase, starting with that first purchase at 0,
 * for building transaction logs. Consumes the random stream exactly as simulateCustomers does, so the
 * same seed gives customers consistent with it.
 */
export function* simulatePurchaseTimes(sampler: RepeatPurchaseSampler, T: ArrayLike<number>, rng: Random): Generator<Float64Array, void, void> {
  checkAges(T);
  const times: number[] = [];
  for (let i = 0; i < T.length; i++) {
    const k = sampler(T[i], rng, times);
    const all = new Float64Array(k + 1);
    for (let j = 0; j < k; j++) all[j + 1] = times[j];
    yield all;
  }
}

/** Throws ModelError('invalid-params') unless each named parameter is present, finite and > 0. */
export function checkPositiveParams<P extends string>(model: string, names: readonly P[], params: Record<P, number>): void {
  for (const name of names) {
    const v = params[name];
    if (!(v > 0 && Number.isFinite(v))) throw new ModelError('invalid-params', `${model}: ${name} must be finite and > 0, got ${v}`);
  }
}
