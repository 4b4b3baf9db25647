/** Numbers as the tables show them: thousands separated, few decimals. */
export function rate(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : Math.round(value).toLocaleString('en-US');
}

export function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
}

export function ratio(numerator: number | undefined, denominator: number | undefined): string {
  if (
    numerator === undefined ||
    denominator === undefined ||
    !Number.isFinite(numerator) ||
    !Number.isFinite(denominator) ||
    denominator === 0
  )
    return 'n/a';
  return `${(numerator / denominator).toFixed(2)}×`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[], alignRight: readonly number[] = []): string {
  const align = header.map((_, index) => (alignRight.includes(index) ? '---:' : '---'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
