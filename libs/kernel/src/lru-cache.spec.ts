import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry once past its capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('setting a key again replaces its value without growing', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    cache.set('b', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBe(2);
  });

  it('bounds the total weight, evicting as many old entries as needed', () => {
    const cache = new LruCache<string, number>({ capacity: 10, weigh: (value) => value });
    cache.set('a', 4);
    cache.set('b', 4);
    cache.set('c', 2);
    cache.set('d', 7);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.get('d')]).toEqual([undefined, undefined, 2, 7]);
  });

  it('weighs an entry anew when it is set again', () => {
    const cache = new LruCache<string, number>({ capacity: 10, weigh: (value) => value });
    cache.set('a', 2);
    cache.set('b', 2);
    cache.set('a', 8);
    expect([cache.get('a'), cache.get('b')]).toEqual([8, 2]);
    cache.set('b', 3);
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, 3]);
  });

  it('keeps the entry just set even when it alone weighs more than the capacity', () => {
    const cache = new LruCache<string, number>({ capacity: 5, weigh: (value) => value });
    cache.set('a', 1);
    cache.set('big', 9);
    expect([cache.get('a'), cache.get('big')]).toEqual([undefined, 9]);
  });

  it('forgets deleted and cleared entries and their weight', () => {
    const cache = new LruCache<string, number>({ capacity: 4, weigh: (value) => value });
    cache.set('a', 3);
    cache.delete('a');
    cache.set('b', 4);
    expect(cache.get('b')).toBe(4);
    cache.clear();
    cache.set('c', 4);
    expect([cache.size, cache.get('c')]).toEqual([1, 4]);
  });
});
