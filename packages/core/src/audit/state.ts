// Small helpers for detections' mergeable states: counts and sets keyed by short strings, in Maps
// (structured-cloneable, so worker threads can hand them back). Merging is addition, union or min.

export function addCount<K>(map: Map<K, number>, key: K, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

export function child<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

export function mergeCounts<K>(into: Map<K, number>, from: ReadonlyMap<K, number>): void {
  for (const [key, n] of from) addCount(into, key, n);
}

export function mergeMin<K>(into: Map<K, number>, from: ReadonlyMap<K, number>): void {
  for (const [key, n] of from) {
    const seen = into.get(key);
    if (seen === undefined || n < seen) into.set(key, n);
  }
}

export function mergeMax<K>(into: Map<K, number>, from: ReadonlyMap<K, number>): void {
  for (const [key, n] of from) {
    const seen = into.get(key);
    if (seen === undefined || n > seen) into.set(key, n);
  }
}

export function mergeSets<V>(into: Set<V>, from: ReadonlySet<V>): void {
  for (const value of from) into.add(value);
}

/** Merges Map<K, inner> by merging each inner value with `mergeInner` (or adopting it when new). */
export function mergeNested<K, V>(
  into: Map<K, V>,
  from: ReadonlyMap<K, V>,
  mergeInner: (a: V, b: V) => void,
): void {
  for (const [key, value] of from) {
    const seen = into.get(key);
    if (seen === undefined) into.set(key, value);
    else mergeInner(seen, value);
  }
}

/** Keeps the `limit` smallest strings (examples such as event ids), so merged states stay small and stable. */
export function keepSmallest(into: string[], values: Iterable<string>, limit: number): void {
  for (const value of values) if (!into.includes(value)) into.push(value);
  into.sort();
  if (into.length > limit) into.length = limit;
}
