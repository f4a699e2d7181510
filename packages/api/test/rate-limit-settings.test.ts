import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readRateLimitSettings, SettingError } from '../src/rate-limit-settings.js';

const read = (flags: Record<string, string>, env: Record<string, string> = {}) =>
  readRateLimitSettings(flags, env);

describe('rate limit settings', () => {
  it('defaults to 600 per address and 300 per member a minute, in memory on the embedded store', () => {
    expect(read({})).toEqual({
      perIp: { limit: 600, windowMs: 60_000 },
      perMember: { limit: 300, windowMs: 60_000 },
      store: 'memory',
      redisUrl: null,
    });
  });

  it('reads the environment, and a flag wins over its variable', () => {
    const env = {
      EKOLLEGA_RATE_LIMIT_IP: '1000',
      EKOLLEGA_RATE_LIMIT_MEMBER: '120',
      EKOLLEGA_RATE_LIMIT_WINDOW: '30',
    };
    expect(read({}, env)).toMatchObject({
      perIp: { limit: 1000, windowMs: 30_000 },
      perMember: { limit: 120, windowMs: 30_000 },
    });
    expect(read({ 'rate-limit-member': '50', 'rate-limit-window': '10' }, env)).toMatchObject({
      perIp: { limit: 1000, windowMs: 10_000 },
      perMember: { limit: 50, windowMs: 10_000 },
    });
  });

  it('shares the counts on PostgreSQL with DATABASE_URL, on Redis with REDIS_URL, unless told otherwise', () => {
    const pg = { DATABASE_URL: 'postgres://db/x' };
    expect(read({}, pg).store).toBe('postgres');
    expect(read({}, { ...pg, REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({
      store: 'redis',
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(read({ 'rate-limit-store': 'memory' }, pg).store).toBe('memory');
    expect(read({}, { ...pg, EKOLLEGA_RATE_LIMIT_STORE: 'memory' }).store).toBe('memory');
  });

  it.each([
    [
      { 'rate-limit-ip': 'many' },
      {},
      '--rate-limit-ip many: expected requests per window, a whole number from 1 to 1,000,000,000',
    ],
    [{}, { EKOLLEGA_RATE_LIMIT_MEMBER: '0' }, 'EKOLLEGA_RATE_LIMIT_MEMBER=0: expected requests per window'],
    [{}, { EKOLLEGA_RATE_LIMIT_IP: '2.5' }, 'EKOLLEGA_RATE_LIMIT_IP=2.5: expected requests per window'],
    [{}, { EKOLLEGA_RATE_LIMIT_IP: '-5' }, 'EKOLLEGA_RATE_LIMIT_IP=-5: expected'],
    [
      { 'rate-limit-window': '1m' },
      {},
      '--rate-limit-window 1m: expected seconds, a whole number from 1 to 86,400',
    ],
    [{}, { EKOLLEGA_RATE_LIMIT_WINDOW: '100000' }, 'EKOLLEGA_RATE_LIMIT_WINDOW=100000: expected seconds'],
    [{ 'rate-limit-store': 'mysql' }, {}, '--rate-limit-store mysql: expected memory, postgres or redis'],
    [{ 'rate-limit-store': 'redis' }, {}, '--rate-limit-store redis: needs REDIS_URL'],
    [{}, { EKOLLEGA_RATE_LIMIT_STORE: 'postgres' }, 'EKOLLEGA_RATE_LIMIT_STORE=postgres: needs DATABASE_URL'],
    [{}, { REDIS_URL: 'localhost:6379' }, 'REDIS_URL=localhost:6379: expected redis://host:port'],
  ])('refuses %o %o naming the setting', (flags, env, message) => {
    expect(() => read(flags, env)).toThrow(SettingError);
    expect(() => read(flags, env)).toThrow(message);
  });

  it('ekollega serve explains a bad setting and exits with 2 before opening any store', async () => {
    const bin = join(import.meta.dirname, '../bin/ekollega.mjs');
    const run = promisify(execFile)(
      process.execPath,
      [bin, 'serve', '--port', '0', '--rate-limit-ip', 'lots'],
      {
        env: { ...process.env, DATABASE_URL: '', EKOLLEGA_RATE_LIMIT_WINDOW: '' },
      },
    );
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--rate-limit-ip lots: expected requests per window'),
    });
  });
});
