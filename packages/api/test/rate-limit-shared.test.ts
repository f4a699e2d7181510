import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createTenant } from '../src/auth/tenant-keys.js';
import { sharedCounters } from '../src/middleware/rate-limit-shared.js';
import type { RateCounters } from '../src/middleware/rate-limit.js';
import { openStore, type Store } from '../src/store/index.js';

const LIMITS = { perIp: { limit: 6, windowMs: 60_000 }, perMember: { limit: 4, windowMs: 60_000 } };

/**
 * Two API processes on one shared store, each with its own app, store and pool; `counters` says
 * where each counts. Requests alternate between them, as a load balancer would send them.
 */
async function twoProcesses(stores: [Store, Store], counters: (store: Store) => RateCounters) {
  const apps = stores.map((store) =>
    createApp({ store, log: false, rateLimits: { ...LIMITS, counters: counters(store) } }),
  );
  const created = await createTenant(stores[0], { name: 'Jaettu ry', origins: ['https://a.example'] });
  const iat = Math.floor(Date.now() / 1000);
  const token = (sub: string) =>
    new SignJWT({ name: sub })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(created.tenant.id)
      .setAudience('ekollega')
      .setSubject(sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(new TextEncoder().encode(created.memberTokenSecret));
  let turn = 0;
  /** The statuses of `n` requests, alternating between the two processes. */
  const statuses = async (n: number, path: string, headers: Record<string, string> = {}) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const res = await apps[turn++ % 2]!.request(path, { headers });
      out.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await res.json()).code).toBe('rate_limited');
      } else {
        expect(res.headers.get('ratelimit-limit')).not.toBeNull();
      }
    }
    return out;
  };
  return { statuses, key: created.publishableKey, token };
}

/** A PostgreSQL schema of its own, opened by two stores as two processes would. */
async function sharedSchema(): Promise<{ stores: [Store, Store]; close(): Promise<void> }> {
  const url = new URL(process.env.DATABASE_URL!);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const first = await openStore({ databaseUrl: url.toString() });
  const second = await openStore({ databaseUrl: url.toString() });
  return {
    stores: [first, second],
    close: async () => {
      await first.close();
      await second.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

describe.skipIf(!process.env.DATABASE_URL)('rate limits shared on PostgreSQL', () => {
  let shared: Awaited<ReturnType<typeof sharedSchema>>;
  beforeAll(async () => {
    shared = await sharedSchema();
  });
  afterAll(() => shared.close());

  it('two processes allow the limit once between them, per address', async () => {
    const { statuses } = await twoProcesses(shared.stores, (store) =>
      sharedCounters({ kind: 'postgres', db: store.db }),
    );
    // In-process requests have no socket, so every one comes from the same address.
    expect(await statuses(8, '/v1/health')).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    const rows = await shared.stores[0].db.query<{ key: string; points: number }>(
      'select key, points from rate_limits',
    );
    // Each process asked PostgreSQL once past the limit; after that it refuses from memory
    // until the window ends, so a client hammering the API costs the database nothing more.
    expect(rows).toEqual([{ key: 'ekollega:ip:local', points: 8 }]);
    expect(await statuses(4, '/v1/health')).toEqual([429, 429, 429, 429]);
    expect(await shared.stores[0].db.query('select points from rate_limits')).toEqual([{ points: 8 }]);
  });

  it('two processes allow the limit once between them, per member', async () => {
    // A new pair of processes, the address's window of the test before forgotten.
    await shared.stores[0].db.query('delete from rate_limits');
    const { statuses, key, token } = await twoProcesses(shared.stores, (store) =>
      sharedCounters({ kind: 'postgres', db: store.db }),
    );
    const headers = { 'ekollega-key': key, authorization: `Bearer ${await token('aino')}` };
    expect(await statuses(5, '/v1/me', headers)).toEqual([200, 200, 200, 200, 429]);
    // Another member has a window of their own.
    const bjorn = { ...headers, authorization: `Bearer ${await token('bjorn')}` };
    expect(await statuses(1, '/v1/me', bjorn)).toEqual([200]);
  });

  it('in memory, each of the two processes allows the limit on its own (the embedded store’s way)', async () => {
    const { statuses } = await twoProcesses(shared.stores, () => (_scope, limit) => {
      const windows = new Map<string, number>();
      return {
        hit: (key) => ({
          count: windows.set(key, (windows.get(key) ?? 0) + 1).get(key)!,
          resetInMs: limit.windowMs,
        }),
      };
    });
    expect((await statuses(14, '/v1/health')).filter((s) => s === 200)).toHaveLength(12);
  });
});

// TEST_REDIS_URL rather than REDIS_URL: an `ekollega serve` that other tests start would otherwise
// count on the same Redis as every other test process.
describe.skipIf(!process.env.TEST_REDIS_URL)('rate limits shared on Redis', () => {
  let stores: [Store, Store];
  let redis: [Redis, Redis];
  const prefix = `ekollega-test-${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    stores = [await openStore(), await openStore()];
    redis = [new Redis(process.env.TEST_REDIS_URL!), new Redis(process.env.TEST_REDIS_URL!)];
  });
  afterAll(async () => {
    const keys = await redis[0].keys(`${prefix}:*`);
    if (keys.length) await redis[0].del(...keys);
    await Promise.all(redis.map((client) => client.quit()));
    await Promise.all(stores.map((store) => store.close()));
  });

  it('two processes allow the limit once between them', async () => {
    // Two embedded stores stand in for the processes' databases: only the counts are shared.
    const { statuses } = await twoProcesses(stores, (store) =>
      sharedCounters({ kind: 'redis', client: redis[stores.indexOf(store)], prefix }),
    );
    expect(await statuses(8, '/v1/health')).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    expect(Number(await redis[0].get(`${prefix}:ip:local`))).toBeGreaterThanOrEqual(6);
    expect(await redis[0].pttl(`${prefix}:ip:local`)).toBeGreaterThan(50_000);
  });
});
