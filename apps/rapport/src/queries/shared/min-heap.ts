/** A binary min-heap ordered by `at`. */
export class MinHeap<T extends { readonly at: number }> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if ((items[parent] as T).at <= item.at) break;
      items[i] = items[parent] as T;
      items[parent] = item;
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    for (let i = 0; ;) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let smallest = i;
      if (left < items.length && (items[left] as T).at < (items[smallest] as T).at) smallest = left;
      if (right < items.length && (items[right] as T).at < (items[smallest] as T).at) smallest = right;
      if (smallest === i) break;
      [items[i], items[smallest]] = [items[smallest] as T, items[i] as T];
      i = smallest;
    }
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}
