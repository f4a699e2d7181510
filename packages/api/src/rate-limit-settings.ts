import { memoryCounters, type RateCounters, type RateLimit } from './middleware/rate-limit.js';
import { sharedCounters } from './middleware/rate-limit-shared.js';
import type { Store } from './store/index.js';

/** Where the counts are kept: this process, or shared by every process on PostgreSQL or Redis. */
export type RateLimitStore = 'memory' | 'postgres' | 'redis';

/** The operator's rate limit settings, as `ekollega serve` reads them. */
export interface RateLimitSettings {
  perIp: RateLimit;
  perMember: RateLimit;
  store: RateLimitStore;
  redisUrl: string | null;
}

/** Defaults: 600 requests a minute per client address, 300 per signed-in member. */
export const DEFAULT_RATE_LIMITS = { perIp: 600, perMember: 300, windowSeconds: 60 };

/** A setting with a value that cannot be used; the message names the flag or variable and the value. */
export class SettingError extends Error {}

/** The flags of `ekollega serve` that set rate limits (each wins over its variable). */
export interface RateLimitFlags {
  'rate-limit-ip'?: string | undefined;
  'rate-limit-member'?: string | undefined;
  'rate-limit-window'?: string | undefined;
  'rate-limit-store'?: string | undefined;
}

/**
 * Reads the rate limit settings from `serve`'s flags, else the environment, else the defaults:
 * `--rate-limit-ip` / `EKOLLEGA_RATE_LIMIT_IP` (requests per window per client address),
 * `--rate-limit-member` / `EKOLLEGA_RATE_LIMIT_MEMBER` (per signed-in member),
 * `--rate-limit-window` / `EKOLLEGA_RATE_LIMIT_WINDOW` (seconds) and
 * `--rate-limit-store` / `EKOLLEGA_RATE_LIMIT_STORE` (`memory`, `postgres` or `redis`; by
 * default `redis` when `REDIS_URL` is set, else `postgres` with `DATABASE_URL`, else `memory`).
 *
 * @throws {SettingError} naming the flag or variable, its value and what it takes.
 */
export function readRateLimitSettings(
  flags: RateLimitFlags,
  env: Record<string, string | undefined>,
): RateLimitSettings {
  const whole = (
    flag: keyof RateLimitFlags,
    variable: string,
    fallback: number,
    what: string,
    max: number,
  ) => {
    const given = flags[flag] !== undefined ? `--${flag} ${flags[flag]}` : `${variable}=${env[variable]}`;
    const raw = flags[flag] ?? env[variable];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < 1 || value > max)
      throw new SettingError(
        `${given}: expected ${what}, a whole number from 1 to ${max.toLocaleString('en')}`,
      );
    return value;
  };
  const perIp = whole(
    'rate-limit-ip',
    'EKOLLEGA_RATE_LIMIT_IP',
    DEFAULT_RATE_LIMITS.perIp,
    'requests per window',
    1e9,
  );
  const perMember = whole(
    'rate-limit-member',
    'EKOLLEGA_RATE_LIMIT_MEMBER',
    DEFAULT_RATE_LIMITS.perMember,
    'requests per window',
    1e9,
  );
  const windowSeconds = whole(
    'rate-limit-window',
    'EKOLLEGA_RATE_LIMIT_WINDOW',
    DEFAULT_RATE_LIMITS.windowSeconds,
    'seconds',
    86_400,
  );

  const redisUrl = env.REDIS_URL?.trim() || null;
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const storeGiven =
    flags['rate-limit-store'] !== undefined
      ? `--rate-limit-store ${flags['rate-limit-store']}`
      : `EKOLLEGA_RATE_LIMIT_STORE=${env.EKOLLEGA_RATE_LIMIT_STORE}`;
  const storeRaw = (flags['rate-limit-store'] ?? env.EKOLLEGA_RATE_LIMIT_STORE)?.trim() || undefined;
  const store: RateLimitStore = storeRaw
    ? ((['memory', 'postgres', 'redis'] as const).find((s) => s === storeRaw) ??
      fail(`${storeGiven}: expected memory, postgres or redis`))
    : redisUrl
      ? 'redis'
      : databaseUrl
        ? 'postgres'
        : 'memory';
  if (store === 'redis' && !redisUrl) fail(`${storeGiven}: needs REDIS_URL (redis://host:port)`);
  if (store === 'postgres' && !databaseUrl)
    fail(`${storeGiven}: needs DATABASE_URL; the embedded store is one process, so memory counts right`);
  if (redisUrl && store === 'redis' && !/^rediss?:\/\//.test(redisUrl))
    fail(`REDIS_URL=${redisUrl}: expected redis://host:port or rediss://host:port`);

  const windowMs = windowSeconds * 1000;
  return {
    perIp: { limit: perIp, windowMs },
    perMember: { limit: perMember, windowMs },
    store,
    redisUrl: store === 'redis' ? redisUrl : null,
  };
}

function fail(message: string): never {
  throw new SettingError(message);
}

/**
 * Opens the counters the settings name: in memory, on the store's PostgreSQL, or on Redis
 * (connected here, closed by `close`).
 */
export async function openRateCounters(
  settings: RateLimitSettings,
  store: Store,
  now: () => number = Date.now,
): Promise<{ counters: RateCounters; close(): Promise<void> }> {
  if (settings.store === 'postgres') {
    if (store.db.engine !== 'postgres') throw new SettingError('rate limits on postgres need DATABASE_URL');
    return { counters: sharedCounters({ kind: 'postgres', db: store.db }), close: async () => {} };
  }
  if (settings.store === 'redis' && settings.redisUrl) {
    const { Redis } = await import('ioredis');
    // Commands fail at once while Redis is unreachable, and the counters fall back to this process.
    const client = new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    client.on('error', (error: Error) =>
      console.error(JSON.stringify({ level: 'warn', rate_limits: 'redis', error: String(error) })),
    );
    await new Promise<void>((resolve) => {
      client.once('ready', resolve);
      client.once('error', () => resolve());
    });
    return {
      counters: sharedCounters({ kind: 'redis', client }),
      close: async () => {
        await client.quit().catch(() => client.disconnect());
      },
    };
  }
  return { counters: memoryCounters(now), close: async () => {} };
}
