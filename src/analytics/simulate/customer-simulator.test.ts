import { describe, expect, it } from 'vitest';
import { ModelError } from '../models/model-error.ts';
import { toRfPatterns } from '../models/rf-patterns.ts';
import { simulateBgNbd } from './bg-nbd-simulator.ts';
import { simulateParetoNbd } from './pareto-nbd-simulator.ts';
import { Random } from './random.ts';

const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('simulated customers', () => {
  it('are valid model input: toRfPatterns accepts them and T is passed through', () => {
    const T = Float64Array.from({ length: 5000 }, (_, i) => 39 * ((i + 1) / 5000));
    const sim = simulateBgNbd(bg, T, new Random(3));
    expect(Array.from(sim.T)).toEqual(Array.from(T));
    for (let i = 0; i < T.length; i++) {
      expect(sim.tx[i] <= sim.T[i]).toBe(true);
      expect(sim.x[i] === 0).toBe(sim.tx[i] === 0);
    }
    expect(() => toRfPatterns(sim)).not.toThrow();
  });

  it('same seed → same customers', () => {
    const T = new Float64Array(1000).fill(30);
    expect(simulateBgNbd(bg, T, new Random(9))).toEqual(simulateBgNbd(bg, T, new Random(9)));
    expect(simulateBgNbd(bg, T, new Random(10))).not.toEqual(simulateBgNbd(bg, T, new Random(9)));
  });

  it('a customer observed for T = 0 has no repeat purchase', () => {
    const sim = simulateParetoNbd({ r: 5, alpha: 0.1, s: 1, beta: 1 }, new Float64Array(100), new Random(1));
    expect(sim.x.every((x) => x === 0)).toBe(true);
  });

  it('rejects bad parameters and ages with ModelError codes', () => {
    const rng = new Random(1);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ModelError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => simulateBgNbd({ ...bg, a: 0 }, [1], rng))).toBe('invalid-params');
    expect(code(() => simulateParetoNbd({ r: 1, alpha: 1, s: Number.NaN, beta: 1 }, [1], rng))).toBe('invalid-params');
    expect(code(() => simulateBgNbd(bg, [1, -2], rng))).toBe('invalid-input');
    expect(code(() => simulateBgNbd(bg, [Number.POSITIVE_INFINITY], rng))).toBe('invalid-input');
  });
});
