/** `--name=value` and bare `--flag` arguments, as the runner passes them to its children. */
export class Args {
  private readonly values = new Map<string, string>();

  constructor(argv: readonly string[]) {
    for (const arg of argv) {
      const match = /^--([\w-]+)(?:=(.*))?$/s.exec(arg);
      if (!match) throw new Error(`unexpected argument ${arg}`);
      this.values.set(match[1] as string, match[2] ?? 'true');
    }
  }

  has(name: string): boolean {
    return this.values.get(name) === 'true';
  }

  text(name: string, fallback?: string): string {
    const value = this.values.get(name) ?? fallback;
    if (value === undefined) throw new Error(`--${name} is required`);
    return value;
  }

  number(name: string, fallback?: number): number {
    const raw = this.values.get(name);
    if (raw === undefined && fallback !== undefined) return fallback;
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value)) throw new Error(`--${name} must be a number, got ${String(raw)}`);
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
    const value = this.text(name, fallback);
    if (!(allowed as readonly string[]).includes(value)) throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
    return value as T;
  }
}
