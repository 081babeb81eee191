/**
 * Sums as R's `sum()` computes them: R accumulates doubles in an 80-bit long double, so its sums of many terms of
 * mixed sign are more accurate than a naive double loop. Neumaier's compensated summation reproduces that accuracy
 * (and more), which matters where R compares such sums against tight tolerances (IRLS and θ convergence).
 */

/** Compensated running sum (Neumaier 1974, improved Kahan–Babuška). */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(value: number): void {
    const total = this.sum + value;
    if (Math.abs(this.sum) >= Math.abs(value)) {
      this.compensation += this.sum - total + value;
    } else {
      this.compensation += value - total + this.sum;
    }
    this.sum = total;
  }

  get value(): number {
    // Once an infinity or NaN entered, the compensation is meaningless (Inf − Inf); the plain sum is the answer.
    return Number.isFinite(this.sum) ? this.sum + this.compensation : this.sum;
  }
}
