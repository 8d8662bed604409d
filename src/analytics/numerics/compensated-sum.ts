// Neumaier's compensated summation (Neumaier 1974, an improved Kahan–Babuška sum): the rounding
// error of each addition is carried in a second accumulator, so a long sum is accurate to a few ulps
// of the result instead of drifting by ~ε·|running total| per term. Likelihood sums need this:
// numerical derivatives of ℓ and the optimiser's line search see that drift as noise.

/**
 * @example const s = new CompensatedSum(); s.add(1e16); s.add(1); s.add(-1e16); s.value // 1
 */
export class CompensatedSum {
  #sum = 0;
  #carry = 0;

  add(v: number): void {
    const t = this.#sum + v;
    this.#carry += Math.abs(this.#sum) >= Math.abs(v) ? (this.#sum - t) + v : (v - t) + this.#sum;
    this.#sum = t;
  }

  get value(): number {
    return this.#sum + this.#carry;
  }
}
