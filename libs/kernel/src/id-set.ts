/**
 * An immutable set of ids that shares storage between versions.
 *
 * Folding a long stream adds one id per event; copying a Set each time would make a
 * fold quadratic. Each version remembers how many entries it owns; adding to the newest
 * version appends in place, adding to an older one copies first.
 */
export class IdSet {
  private constructor(
    private readonly entries: Map<string, number>,
    readonly size: number,
  ) {}

  static empty(): IdSet {
    return new IdSet(new Map(), 0);
  }

  has(id: string): boolean {
    const index = this.entries.get(id);
    return index !== undefined && index < this.size;
  }

  with(id: string): IdSet {
    if (this.has(id)) return this;
    if (this.entries.size === this.size) {
      this.entries.set(id, this.size);
      return new IdSet(this.entries, this.size + 1);
    }
    const own = new Map([...this.entries].filter(([, index]) => index < this.size));
    own.set(id, this.size);
    return new IdSet(own, this.size + 1);
  }

  toJSON(): string[] {
    return [...this.entries].filter(([, index]) => index < this.size).map(([id]) => id);
  }
}
