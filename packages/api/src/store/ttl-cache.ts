/**
 * A small in-process cache for reads on every request (tenants, keys). Entries live `ttlMs`; a
 * change made through this process clears it at once, a change made by another process is seen
 * within `ttlMs`.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: Promise<V>; expires: number }>();
  constructor(
    readonly ttlMs: number,
    readonly now: () => number = Date.now,
    readonly maxEntries = 10_000,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.now();
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    const value = load();
    this.#entries.set(key, { value, expires: now + this.ttlMs });
    value.catch(() => this.#entries.delete(key));
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}
