/** numerator / denominator to 2 decimals, half away from zero, on integers (as the domain's rounding does); null when dividing by zero. */
export function ratioToHundredths(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const scaled = Math.abs(numerator) * 100;
  const hundredths = Math.floor((2 * scaled + Math.abs(denominator)) / (2 * Math.abs(denominator)));
  return (Math.sign(numerator) * Math.sign(denominator) * hundredths) / 100;
}
