/** Bounds of a cache: how many entries, and optionally how many bytes of values, it may hold. */
export interface CacheBounds<V> {
  /** Entries kept at most; the least recently used goes first (default 10,000). */
  maxEntries?: number;
  /** Bytes of values kept at most, as `sizeOf` counts them (default: no byte bound). */
  maxBytes?: number;
  sizeOf?: (value: V) => number;
}

interface Entry<V> {
  value: Promise<V>;
  expires: number;
  bytes: number;
}

/**
 * A small in-process cache for reads on every request (tenants, keys, visitors' lists). Entries
 * live `ttlMs`; a change made through this process clears it at once, a change made by another
 * process is seen within `ttlMs`. It holds at most `maxEntries` (and `maxBytes`), dropping the
 * least recently used first, so many associations, or callers inventing keys (query strings,
 * origins), cannot grow it without end.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  #bytes = 0;
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly #sizeOf: ((value: V) => number) | undefined;

  constructor(
    readonly ttlMs: number,
    readonly now: () => number = Date.now,
    bounds: CacheBounds<V> = {},
  ) {
    this.maxEntries = bounds.maxEntries ?? 10_000;
    this.maxBytes = bounds.maxBytes ?? Infinity;
    this.#sizeOf = bounds.sizeOf;
  }

  /** Entries held now (expired ones included until they are asked for or pushed out). */
  get size(): number {
    return this.#entries.size;
  }

  /** Bytes of the values held now, as `sizeOf` counts them. */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.now();
    const hit = this.#entries.get(key);
    if (hit) {
      this.#drop(key, hit);
      if (hit.expires > now) {
        // Re-inserted: a Map iterates in insertion order, so its first key is the least recently used.
        this.#entries.set(key, hit);
        this.#bytes += hit.bytes;
        return hit.value;
      }
    }
    const entry: Entry<V> = { value: load(), expires: now + this.ttlMs, bytes: 0 };
    this.#entries.set(key, entry);
    this.#trim();
    entry.value.then(
      (value) => {
        if (!this.#sizeOf || this.#entries.get(key) !== entry) return;
        entry.bytes = this.#sizeOf(value);
        this.#bytes += entry.bytes;
        this.#trim();
      },
      () => {
        if (this.#entries.get(key) === entry) this.#drop(key, entry);
      },
    );
    return entry.value;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #drop(key: string, entry: Entry<V>) {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  #trim() {
    while (this.#entries.size > this.maxEntries || this.#bytes > this.maxBytes) {
      const [key, entry] = this.#entries.entries().next().value!;
      this.#drop(key, entry);
    }
  }
}
