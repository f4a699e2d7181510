import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock.js';

export { DataDirLockedError } from './data-dir-lock.js';

/** A row as the driver returns it. */
export type Row = Record<string, unknown>;

/** What a query needs: one SQL dialect (PostgreSQL), positional parameters `$1…`. */
export interface Sql {
  query<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

/** A database handle: the embedded PGlite or a PostgreSQL server, used the same way. */
export interface Db extends Sql {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only: hands each NOTIFY on `channel` to `onPayload`, on a connection of its own
   * that reconnects when dropped and closes with the database. Resolves once it listens.
   * `onReconnected` runs each time it listens again after a drop: whatever was notified while it
   * was down is lost, and the caller replays it from the store.
   */
  listen?(channel: string, onPayload: (payload: string) => void, onReconnected?: () => void): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** `postgres://…`; when absent the embedded store is used. */
  databaseUrl?: string | undefined;
  /** Data folder of the embedded store; `undefined` keeps it in memory. */
  dataDir?: string | undefined;
}

/** Opens PostgreSQL when a URL is given, else PGlite in `dataDir` (or in memory). */
export async function openDb(options: OpenOptions = {}): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir);
}

async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg');
  // Dates stay strings of the server's own formatting elsewhere; timestamptz as Date like PGlite.
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.EKOLLEGA_PG_POOL ?? 10) });
  await pool.query('select 1');
  const listeners = new Set<InstanceType<typeof pg.Client>>();
  let closed = false;
  async function listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnected?: () => void,
    again = false,
  ): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    // Named so that an operator (or a test) can tell which process's listener a backend is.
    const client = new pg.Client({
      connectionString: url,
      application_name: `ekollega-listen-${process.pid}`,
    });
    client.on('notification', (message) => {
      if (message.channel === channel) onPayload(message.payload ?? '');
    });
    // A dropped connection (server restart, failover) is opened again; what was notified while it
    // was down is replayed by `onReconnected`.
    client.on('error', (error) =>
      console.error(JSON.stringify({ level: 'warn', listen: channel, error: String(error) })),
    );
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (closed) return void (await client.end());
    listeners.add(client);
    if (again) onReconnected?.();
    client.once('end', () => {
      listeners.delete(client);
      if (closed) return;
      const retry = (wait: number) =>
        setTimeout(
          () =>
            listen(channel, onPayload, onReconnected, true).catch(() => retry(Math.min(wait * 2, 30_000))),
          wait,
        ).unref();
      retry(500);
    });
  }
  return {
    engine: 'postgres',
    listen: (channel, onPayload, onReconnected) => listen(channel, onPayload, onReconnected),
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          async query<R>(text: string, params: unknown[] = []) {
            return (await client.query(text, params)).rows as R[];
          },
          async exec(text: string) {
            await client.query(text);
          },
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      closed = true;
      await Promise.all([...listeners].map((client) => client.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string | undefined): Promise<Db> {
  const release = dataDir ? await lockDataDir(dataDir) : () => undefined;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { btree_gin } = await import('@electric-sql/pglite/contrib/btree_gin');
    const extensions = { btree_gin };
    const db = dataDir
      ? await PGlite.create(join(dataDir, 'pgdata'), { extensions })
      : await PGlite.create({ extensions });
    return {
      engine: 'pglite',
      async query<T>(text: string, params: unknown[] = []) {
        return (await db.query<T>(text, params)).rows;
      },
      async exec(text: string) {
        await db.exec(text);
      },
      transaction<T>(fn: (tx: Sql) => Promise<T>) {
        return db.transaction((tx) =>
          fn({
            query: async <R>(text: string, params: unknown[] = []) => (await tx.query<R>(text, params)).rows,
            exec: async (text: string) => void (await tx.exec(text)),
          }),
        );
      },
      async close() {
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
