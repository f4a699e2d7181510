import { describe, expect, it } from 'vitest';
import { memoryCounter } from '../src/middleware/rate-limit.js';
import { TtlCache } from '../src/store/ttl-cache.js';

describe('the in-process caches stay bounded', () => {
  it('holds at most maxEntries, dropping the least recently used', async () => {
    let loads = 0;
    const cache = new TtlCache<string>(60_000, Date.now, { maxEntries: 1_000 });
    const load = (key: string) => () => {
      loads++;
      return Promise.resolve(`tenant ${key}`);
    };
    // 1,000 associations fill it; the first is asked for again and so stays.
    for (let i = 0; i < 1_000; i++) await cache.get(`ten_${i}`, load(String(i)));
    await cache.get('ten_0', load('0'));
    expect(loads).toBe(1_000);
    // 500 more push out the 500 least recently used: ten_1 … ten_500, not ten_0.
    for (let i = 1_000; i < 1_500; i++) await cache.get(`ten_${i}`, load(String(i)));
    expect(cache.size).toBe(1_000);
    await cache.get('ten_0', load('0'));
    expect(loads).toBe(1_500);
    await cache.get('ten_1', load('1'));
    expect(loads).toBe(1_501);
    // Keys invented by callers (origins, query strings) never grow it past the bound.
    for (let i = 0; i < 20_000; i++) await cache.get(`https://evil-${i}.example`, load('x'));
    expect(cache.size).toBe(1_000);
  });

  it('holds at most maxBytes of values', async () => {
    const cache = new TtlCache<Uint8Array>(60_000, Date.now, {
      maxEntries: 1_000,
      maxBytes: 100_000,
      sizeOf: (body) => body.byteLength,
    });
    for (let i = 0; i < 50; i++) await cache.get(`/v1/groups?q=${i}`, async () => new Uint8Array(10_000));
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
    expect(cache.size).toBe(10);
    // A value bigger than the whole budget is answered but not kept.
    const big = await cache.get('/v1/questions', async () => new Uint8Array(200_000));
    expect(big.byteLength).toBe(200_000);
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
  });

  it('reloads an entry once it expires, and forgets a failed load', async () => {
    let now = 0;
    const cache = new TtlCache<number>(5_000, () => now, { maxEntries: 10 });
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await cache.get('k', load)).toBe(1);
    now = 4_999;
    expect(await cache.get('k', load)).toBe(1);
    now = 5_000;
    expect(await cache.get('k', load)).toBe(2);
    await expect(cache.get('bad', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('bad', load)).toBe(3);
  });

  it('keeps at most maxKeys rate limit windows, the recently seen keeping their counts', () => {
    const now = 0;
    const counter = memoryCounter({ limit: 3, windowMs: 60_000 }, () => now, 1_000);
    for (let i = 0; i < 3; i++) counter.hit('ten_1/aino');
    // Clients of 1,000 associations, and then more addresses than the bound.
    for (let i = 0; i < 5_000; i++) {
      counter.hit(`10.0.${i >> 8}.${i & 255}`);
      if (i % 100 === 0) counter.hit('ten_1/aino');
    }
    expect(counter.size).toBe(1_000);
    // Aino was seen recently throughout, so her window and its count survived.
    expect(counter.hit('ten_1/aino').count).toBeGreaterThan(3);
  });
});
