/**
 * numerator / denominator rounded to 2 decimals, half away from zero.
 * Works on integers so that 1.005-style float error cannot move a published figure.
 * Callers pass integer counts (or milliseconds); the denominator must be positive.
 */
export function roundedToHundredths(numerator: number, denominator: number): number {
  const scaled = Math.abs(numerator) * 100;
  const hundredths = Math.floor((2 * scaled + denominator) / (2 * denominator));
  return (Math.sign(numerator) * hundredths) / 100;
}

/** part / whole × 100 with 2 decimals; null when there is nothing to divide by. */
export function percentOrNull(part: number, whole: number): number | null {
  return whole === 0 ? null : roundedToHundredths(part * 100, whole);
}
