import { describe, expect, it } from 'vitest';
import { gradientHessian, numericHessian } from './hessian.ts';

// f(x, y, z) = x² y + e^{x z} + ln y, whose Hessian is written out by hand:
//   ∂²/∂x² = 2y + z² e^{xz}, ∂²/∂x∂y = 2x, ∂²/∂x∂z = e^{xz}(1 + xz),
//   ∂²/∂y² = −1/y², ∂²/∂y∂z = 0, ∂²/∂z² = x² e^{xz}.
const f = (v: Float64Array) => v[0] ** 2 * v[1] + Math.exp(v[0] * v[2]) + Math.log(v[1]);
const grad = (v: Float64Array) => {
  const [x, y, z] = v, e = Math.exp(x * z);
  return Float64Array.of(2 * x * y + z * e, x * x + 1 / y, x * e);
};
function exact(v: Float64Array): number[][] {
  const [x, y, z] = v, e = Math.exp(x * z);
  return [[2 * y + z * z * e, 2 * x, e * (1 + x * z)], [2 * x, -1 / (y * y), 0], [e * (1 + x * z), 0, x * x * e]];
}

describe('gradientHessian', () => {
  it('matches the analytic Hessian and is symmetric', () => {
    const at = Float64Array.of(0.7, 2.5, -1.3);
    const H = gradientHessian(grad, at), E = exact(at);
    // Central differences of an exact gradient with h ≈ 6e-6·|θ|: truncation ~h²·|f'''| ≈ 1e-10,
    // rounding ~1e-16/h ≈ 2e-11; 1e-8 leaves room and still fails on any wrong entry.
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      expect(Math.abs(H[i][j] - E[i][j])).toBeLessThan(1e-8);
      expect(H[i][j]).toBe(H[j][i]);
    }
  });

  it('is closer to the truth than second differences of values', () => {
    const at = Float64Array.of(0.7, 2.5, -1.3);
    const E = exact(at);
    const err = (H: number[][]) => Math.max(...H.flatMap((row, i) => row.map((v, j) => Math.abs(v - E[i][j]))));
    expect(err(gradientHessian(grad, at))).toBeLessThan(err(numericHessian(f, at)));
  });
});
