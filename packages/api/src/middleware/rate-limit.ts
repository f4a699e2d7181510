import type { MiddlewareHandler } from 'hono';
import { Problem } from '../problem.js';

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/** One request counted: how many the key has made in its window, and when that window ends. */
export interface RateCount {
  /** Requests in the window so far, this one included; above the limit means refused. */
  count: number;
  resetInMs: number;
}

/** Counts requests per key within fixed windows, for one limit. */
export interface RateCounter {
  hit(key: string): RateCount | Promise<RateCount>;
}

/** Where counters live: in this process, or shared by every process (PostgreSQL, Redis). */
export type RateCounters = (scope: 'ip' | 'member', limit: RateLimit) => RateCounter;

/** Keys a process's own counter holds at most: a window per client, whatever their number. */
export const MEMORY_COUNTER_MAX_KEYS = 100_000;

/**
 * A fixed-window counter per key, kept in this process. With several API processes each counts
 * on its own, so the effective limit is the limit times the number of processes; `sharedCounters`
 * counts in one place. It holds at most `maxKeys` windows, dropping the least recently used:
 * a client pushed out starts a fresh window, which only ever happens while more than `maxKeys`
 * others made requests since it did.
 */
export function memoryCounter(
  { limit, windowMs }: RateLimit,
  now: () => number,
  maxKeys = MEMORY_COUNTER_MAX_KEYS,
): { hit(key: string): RateCount; readonly size: number } {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = 0;
  return {
    get size() {
      return windows.size;
    },
    hit(key) {
      const at = now();
      if (at >= nextSweep) {
        for (const [k, w] of windows) if (w.resetAt <= at) windows.delete(k);
        nextSweep = at + windowMs;
      }
      let window = windows.get(key);
      if (window) windows.delete(key);
      if (!window || window.resetAt <= at) window = { count: 0, resetAt: at + windowMs };
      // Re-inserted, so the Map's first key is the one least recently seen.
      windows.set(key, window);
      if (windows.size > maxKeys) windows.delete(windows.keys().next().value!);
      // Past the limit the count stops growing: it only has to say "over".
      if (window.count <= limit) window.count++;
      return { count: window.count, resetInMs: window.resetAt - at };
    },
  };
}

/** Counters in this process (the default; right for one process, such as the embedded store). */
export const memoryCounters =
  (now: () => number): RateCounters =>
  (_scope, limit) =>
    memoryCounter(limit, now);

/**
 * Refuses a key's requests past its limit with 429, `Retry-After` and `RateLimit-*` headers.
 */
export function rateLimiter<E extends { Variables: object }>(
  options: RateLimit & {
    scope: string;
    key: (c: Parameters<MiddlewareHandler<E>>[0]) => string | null;
    counter: RateCounter;
  },
): MiddlewareHandler<E> {
  const { counter } = options;
  return async (c, next) => {
    const key = options.key(c);
    if (key === null) return next();
    const counted = counter.hit(key);
    const { count, resetInMs } = counted instanceof Promise ? await counted : counted;
    const remaining = Math.max(0, options.limit - count);
    const resetSeconds = Math.max(1, Math.ceil(resetInMs / 1000));
    if (count > options.limit) {
      throw new Problem(
        429,
        'rate_limited',
        'Too many requests',
        `Too many requests per ${options.scope}; try again in ${resetSeconds} s.`,
        {
          headers: {
            'retry-after': String(resetSeconds),
            'ratelimit-limit': String(options.limit),
            'ratelimit-remaining': '0',
          },
        },
      );
    }
    // Set before the handler runs: changing headers of a finished response costs the Node adapter
    // a full Response object.
    c.header('ratelimit-limit', String(options.limit));
    c.header('ratelimit-remaining', String(remaining));
    await next();
  };
}
