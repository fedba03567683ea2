/**
 * Lists of a month's outcome grouped once, not filtered again for every unit: with 200 units and
 * 100,000 rows, "the rows of this unit" asked per unit (and per row for its findings) was quadratic.
 */

const cache = new WeakMap<object, Map<string, ReadonlyMap<string, readonly unknown[]>>>();

/**
 * `items` grouped by `key`, in their original order within each group. Memoised per list and per
 * `name` (which names the key function): the outcome's lists are never mutated once assessed, so a
 * group computed for one unit's report serves every other report of the run.
 */
export function groupedBy<T>(items: readonly T[], name: string, key: (item: T) => string | undefined): ReadonlyMap<string, readonly T[]> {
  let byName = cache.get(items);
  if (!byName) cache.set(items, (byName = new Map()));
  let groups = byName.get(name) as ReadonlyMap<string, readonly T[]> | undefined;
  if (!groups) {
    const built = new Map<string, T[]>();
    for (const item of items) {
      const k = key(item);
      if (k === undefined) continue;
      const list = built.get(k);
      if (list) list.push(item);
      else built.set(k, [item]);
    }
    groups = built;
    byName.set(name, groups);
  }
  return groups;
}

/** A key made of several parts that cannot run into each other. */
export function keyOf(...parts: readonly (string | number)[]): string {
  return parts.join('\u0000');
}
