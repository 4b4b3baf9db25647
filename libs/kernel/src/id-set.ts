/**
 * An immutable set of ids that shares storage between versions. Each id may carry a short tag (a
 * digest of what the id was first recorded with), so a repeat can be told from a conflicting reuse.
 *
 * Folding a long stream adds one id per event; copying a Set each time would make a
 * fold quadratic. Each version remembers how many entries it owns; adding to the newest
 * version appends in place, adding to an older one copies first.
 */
export class IdSet {
  private constructor(
    private readonly entries: Map<string, Entry>,
    readonly size: number,
  ) {}

  static empty(): IdSet {
    return new IdSet(new Map(), 0);
  }

  has(id: string): boolean {
    return this.own(id) !== undefined;
  }

  /** The tag the id was added with; undefined when absent or added without one. */
  tagOf(id: string): string | undefined {
    return this.own(id)?.tag;
  }

  with(id: string, tag?: string): IdSet {
    if (this.has(id)) return this;
    const entry: Entry = tag === undefined ? { index: this.size } : { index: this.size, tag };
    if (this.entries.size === this.size) {
      this.entries.set(id, entry);
      return new IdSet(this.entries, this.size + 1);
    }
    const own = new Map([...this.entries].filter(([, { index }]) => index < this.size));
    own.set(id, entry);
    return new IdSet(own, this.size + 1);
  }

  toJSON(): string[] {
    return [...this.entries].filter(([, { index }]) => index < this.size).map(([id]) => id);
  }

  private own(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    return entry !== undefined && entry.index < this.size ? entry : undefined;
  }
}

interface Entry {
  readonly index: number;
  readonly tag?: string;
}
