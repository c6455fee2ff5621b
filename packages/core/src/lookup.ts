// Keyed lookups over resource lists for rules that relate resources (a user to its domain's groups, a
// trail to its bucket). Built once per list and key function, so a lookup inside a loop stays O(1)
// and a rule stays linear in the size of the snapshot.

type KeyOf<R> = (resource: R) => string | undefined;

const memo = new WeakMap<readonly object[], Map<KeyOf<never>, Map<string, object[]>>>();

/**
 * Groups `list` by `key` (items whose key is undefined are left out). Pass a key function defined
 * once (at module level), not a new arrow per call, or the grouping is rebuilt every time.
 */
export function groupBy<R extends object>(
  list: readonly R[],
  key: KeyOf<R>,
): ReadonlyMap<string, readonly R[]> {
  let byKey = memo.get(list);
  if (!byKey) {
    byKey = new Map();
    memo.set(list, byKey);
  }
  let groups = byKey.get(key as KeyOf<never>) as Map<string, R[]> | undefined;
  if (!groups) {
    groups = new Map();
    for (const item of list) {
      const k = key(item);
      if (k === undefined) continue;
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    byKey.set(key as KeyOf<never>, groups as Map<string, object[]>);
  }
  return groups;
}
