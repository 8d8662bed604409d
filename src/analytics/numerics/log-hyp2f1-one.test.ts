// ln ₂F₁(1, q; c; z) against mpmath 1.3.0 at 50 digits (`mp.log(mp.hyp2f1(1, q, c, z))` with mp.dps = 50,
// z the same double as here), on both sides of the switch to the 1 − z transformation, for p = c − q
// below 1, between 1 and 2, large, near a pole (the series fallback), and for large c.
import { describe, expect, it } from 'vitest';
import { logHyp2f1One } from './log-hyp2f1-one.ts';
import { hyp2f1 } from './special.ts';

const MPMATH: [q: number, c: number, z: number, expected: number][] = [
  [1.0000123, 1.8275723, 1 - 1e-5, 3.4630490350361898], // the online-retail fit's x = 0 term
  [1.0000123, 2.8275723, 1 - 1e-5, 0.79195294866652665],
  [1.23e-5, 11.8275723, 1 - 1e-5, 1.1359768496316245e-6],
  [1.6062, 2.1595, 0.95, 1.9351403795346587],
  [1.6062, 2.1595, 0.9000001, 1.5343275209252123],
  [51.5533, 52.1595, 0.999, 5.5506678912285519],
  [0.5533, 3.7, 1 - 1e-9, 0.22931999324986261],
  [2.5, 7.3, 0.97, 0.47981873312341064],
  [1.2, 2.19, 0.99999999, 3.1645684436214899], // p = 0.99: within the pole gap, the series
  [201.3, 202.9, 0.9999, 5.6369369214906611], // stdlib's series gives NaN here (x = 200 at z near 1)
];

describe('logHyp2f1One', () => {
  it('matches mpmath near z = 1', () => {
    // 1e-12 relative: the transformation's two parts cancel up to ~2 digits when p is near the pole gap.
    for (const [q, c, z, expected] of MPMATH) {
      const got = logHyp2f1One(q, c, z);
      expect(Math.abs(got - expected), `q=${q} c=${c} z=${z}: ${got}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
    }
  });

  it('uses the exact 1 − z it is given where z itself rounds to 1, and is NaN where it cannot be evaluated', () => {
    // mpmath at 60 digits with z = 1 − y exactly (y = 10⁻¹⁷ and 10⁻²⁰, below a double's spacing at 1).
    expect(Math.abs(logHyp2f1One(1.0000123, 1.8275723, 1, 1e-17) - 8.3667108134750341)).toBeLessThan(1e-12 * 8.37);
    expect(Math.abs(logHyp2f1One(2.5, 7.3, 1, 1e-20) - 0.50554856666514694)).toBeLessThan(1e-12);
    // At z = 1 within the pole gap (c − q = 0.99) neither form applies: NaN, not an exception.
    expect(logHyp2f1One(1.2, 2.19, 1, 0)).toBeNaN();
    expect(logHyp2f1One(1.2, 2.19, Number.NaN)).toBeNaN();
  });

  it('is ln of the series below the switch, to the bit', () => {
    for (const [q, c, z] of [[1.6, 2.2, 0.5], [30, 31.5, 0.9], [0.7, 1.4, 0]] as const) expect(logHyp2f1One(q, c, z)).toBe(Math.log(hyp2f1(1, q, c, z)));
  });
});
