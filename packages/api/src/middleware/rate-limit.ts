import type { MiddlewareHandler } from 'hono';
import { Problem } from '../problem.js';

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/**
 * A fixed-window counter per key, kept in this process. With several API processes each counts
 * on its own, so the effective limit is the limit times the number of processes (README).
 */
export function rateLimiter<E extends { Variables: object }>(
  options: RateLimit & {
    scope: string;
    key: (c: Parameters<MiddlewareHandler<E>>[0]) => string | null;
    now: () => number;
  },
): MiddlewareHandler<E> {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = 0;
  return async (c, next) => {
    const key = options.key(c);
    if (key === null) return next();
    const now = options.now();
    if (now >= nextSweep) {
      for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
      nextSweep = now + options.windowMs;
    }
    let window = windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + options.windowMs };
      windows.set(key, window);
    }
    window.count++;
    const remaining = Math.max(0, options.limit - window.count);
    const resetSeconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    if (window.count > options.limit) {
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
