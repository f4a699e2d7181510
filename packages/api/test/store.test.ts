import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    await next.close();
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ek-store-'));
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('exit', resolve));
    writeFileSync(join(dir, 'ekollega.lock'), String(dead.pid));
    const store = await openStore({ dataDir: dir });
    await store.close();
  });
});
