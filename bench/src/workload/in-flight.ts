/**
 * Runs items with up to `inFlight` of them started and not yet finished. Items with the same
 * key run in their order, one after the other, as a Kafka partition keyed by customer would
 * deliver them; the next free slot takes the next item either way.
 */
export async function runInFlight<T>(
  items: readonly T[],
  inFlight: number,
  keyOf: (item: T) => string,
  execute: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const tails = new Map<string, Promise<void>>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as T;
      const key = keyOf(item);
      const previous = tails.get(key);
      const current = previous === undefined ? execute(item, index) : previous.then(() => execute(item, index));
      tails.set(key, current);
      await current;
      if (tails.get(key) === current) tails.delete(key);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, inFlight) }, worker));
}
