import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
  type RateLimiterStoreAbstract,
} from 'rate-limiter-flexible';
import type { Db } from '../store/index.js';
import type { RateCounter, RateCounters, RateLimit } from './rate-limit.js';

/**
 * Counters every API process shares, so N processes allow the limit once, not N times: kept by
 * rate-limiter-flexible in PostgreSQL (the `rate_limits` table, one atomic upsert per request)
 * or in Redis (one script per request). While the shared store cannot be reached, each process
 * counts on its own (the library's insurance limiter) rather than refusing or waving everyone
 * through. A key over its limit is refused from memory until its window ends, so a client
 * hammering the API costs the shared store nothing more.
 */
export function sharedCounters(
  engine: ({ kind: 'postgres'; db: Db } | { kind: 'redis'; client: unknown }) & {
    /** Starts every key, so installations can share a Redis (default `ekollega`). */
    prefix?: string;
  },
): RateCounters {
  return (scope, limit) => {
    const keyPrefix = `${engine.prefix ?? 'ekollega'}:${scope}`;
    const duration = windowSeconds(limit);
    const options = {
      keyPrefix,
      points: limit.limit,
      duration,
      inMemoryBlockOnConsumed: limit.limit + 1,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: limit.limit, duration }),
    };
    const limiter: RateLimiterStoreAbstract =
      engine.kind === 'postgres'
        ? new RateLimiterPostgres({
            ...options,
            storeClient: pgClientOf(engine.db),
            storeType: 'pool',
            tableName: 'rate_limits',
            // The table is the API's own (migration 008), created before any process serves.
            tableCreated: true,
            // Expired rows are deleted every five minutes by each process: a delete of rows an
            // hour past, which every process may run harmlessly.
            clearExpiredByTimeout: true,
          })
        : new RateLimiterRedis({ ...options, storeClient: engine.client });
    return counterOf(limiter, limit);
  };
}

/** The library's windows are whole seconds. */
function windowSeconds(limit: RateLimit): number {
  return Math.max(1, Math.round(limit.windowMs / 1000));
}

function counterOf(limiter: RateLimiterAbstract, limit: RateLimit): RateCounter {
  return {
    hit: (key) =>
      limiter.consume(key).then(
        (res) => ({ count: res.consumedPoints, resetInMs: res.msBeforeNext }),
        (refusal: unknown) => {
          // A refusal is a RateLimiterRes; its count may be 0 when it was refused from memory.
          if (refusal instanceof RateLimiterRes)
            return { count: limit.limit + 1, resetInMs: refusal.msBeforeNext };
          throw refusal;
        },
      ),
  };
}

/** The `pg` pool interface the library calls (`query({ text, values })`), over the store's own pool. */
function pgClientOf(db: Db) {
  return {
    query: async (q: { text: string; values?: unknown[] }) => {
      const rows = await db.query(q.text, q.values ?? []);
      return { rows, rowCount: rows.length };
    },
  };
}
