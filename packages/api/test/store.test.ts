import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { createTenant } from '../src/auth/tenant-keys.js';
import { DataDirLockedError, openStore } from '../src/store/index.js';
import { migrate, migrations } from '../src/store/migrate.js';
import { engines, freshStore } from './harness.js';

describe.each(engines)('store (%s)', (engine) => {
  it('applies migrations once, and again finds nothing to do', async () => {
    const store = await freshStore(engine);
    try {
      expect(await migrate(store.db)).toEqual([]);
      const applied = await store.db.query<{ version: number }>(
        'select version from schema_migrations order by version',
      );
      expect(applied.map((r) => r.version)).toEqual(migrations().map((m) => m.version));
    } finally {
      await store.close();
    }
  });

  it('rolls a failed transaction back whole', async () => {
    const store = await freshStore(engine);
    try {
      await expect(
        store.db.transaction(async (tx) => {
          await store.tenants.create({ name: 'Half ry', origins: [] }, tx);
          await tx.query('select * from no_such_table');
        }),
      ).rejects.toThrow();
      expect((await store.tenants.list()).map((t) => t.name)).not.toContain('Half ry');
    } finally {
      await store.close();
    }
  });
});

describe('embedded data folder', () => {
  it('keeps data across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ek-store-'));
    const first = await openStore({ dataDir: dir });
    const created = await createTenant(first, { name: 'Pysyvä ry', origins: ['https://p.example'] });
    await first.close();
    const second = await openStore({ dataDir: dir });
    expect((await second.tenants.get(created.tenant.id))?.name).toBe('Pysyvä ry');
    await second.close();
  });

  it('refuses a second opener with a clear error while the first holds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ek-store-'));
    const holder = await openStore({ dataDir: dir });
    await expect(openStore({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await holder.close();
    const next = await openStore({ dataDir: dir });
    try {
      expect(readFileSync(join(dir, 'ekollega.lock'), 'utf8')).toBe(String(process.pid));
      await createTenant(next, { name: 'Seuraava ry', origins: [] });
      expect((await next.tenants.list()).map((t) => t.name)).toEqual(['Seuraava ry']);
    } finally {
      await next.close();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ek-store-'));
    writeFileSync(join(dir, 'ekollega.lock'), String(await deadPid()));
    const store = await openStore({ dataDir: dir });
    try {
      expect(readFileSync(join(dir, 'ekollega.lock'), 'utf8')).toBe(String(process.pid));
      await expect(openStore({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await store.close();
    }
  });

  it('lets exactly one of two processes starting at the same moment take a folder, stale lock or none', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ek-lock-race-'));
    const rounds = 30;
    const dead = await deadPid();
    for (let round = 0; round < rounds; round++) {
      mkdirSync(join(base, String(round)));
      if (round % 2) writeFileSync(join(base, String(round), 'ekollega.lock'), String(dead));
    }
    const contender = join(import.meta.dirname, 'fixtures/take-data-dir-lock.ts');
    const startAt = Date.now() + 3_000;
    const contenders = [0, 1].map(() =>
      spawn(process.execPath, ['--import', 'tsx', contender, base, String(rounds), String(startAt), '40'], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const lines = await Promise.all(
      contenders.map(async (child) => {
        const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
        return line;
      }),
    );
    // Both have tried every round: now they may let go.
    await Promise.all(
      contenders.map((child) => {
        child.stdin!.end();
        return once(child, 'exit');
      }),
    );
    const [first, second] = lines.map((line) => line.trim().split(' '));
    const winners = first!.map((result, round) => [result, second![round]].filter((r) => r === 'won').length);
    expect(winners).toEqual(Array(rounds).fill(1));
  });
});

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const dead = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => dead.on('exit', resolve));
  return dead.pid!;
}
