/**
 * A map keyed by a pair of strings, such as a unit and a 项目编号. Why not one joined key: joining built
 * and hashed a new string on every lookup, for each of 100,000 rows in several places, while the engine
 * keeps each string's own hash once computed.
 */
export class PairMap<V> {
  private readonly outer = new Map<string, Map<string, V>>();

  get(first: string, second: string): V | undefined {
    return this.outer.get(first)?.get(second);
  }

  has(first: string, second: string): boolean {
    return this.outer.get(first)?.has(second) ?? false;
  }

  set(first: string, second: string, value: V): this {
    const inner = this.outer.get(first);
    if (inner) inner.set(second, value);
    else this.outer.set(first, new Map([[second, value]]));
    return this;
  }
}
