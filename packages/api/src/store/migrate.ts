import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

const folder = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The migrations shipped with this version, in order: `NNN_name.sql`. */
export function migrations(): { version: number; name: string; sql: string }[] {
  return readdirSync(folder)
    .filter((file) => /^\d{3}_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(folder + file, 'utf8'),
    }));
}

/**
 * Applies the migrations this database has not seen yet, all in one transaction so a failure
 * leaves nothing half-migrated. An advisory lock makes API processes that start together on one
 * PostgreSQL take turns.
 */
export async function migrate(db: Db): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(7462001)');
    await tx.query(
      'create table if not exists schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await tx.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version),
    );
    const applied: number[] = [];
    for (const migration of migrations()) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}
