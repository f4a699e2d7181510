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

/**
 * Statement names, one per SQL text: both engines keep a named statement parsed (and, after a few
 * runs, planned) for the life of the connection, where an unnamed one is parsed and planned again
 * on every request. The texts are the store's own (its filters make a few hundred at most); past
 * `max` a text runs unnamed, so a connection never holds more than `max` statements.
 */
export function statementNames(max = 500) {
  const names = new Map<string, string | null>();
  return {
    of(text: string): string | undefined {
      let name = names.get(text);
      if (name === undefined && names.size < max) names.set(text, (name = `ek_${names.size}`));
      return name ?? undefined;
    },
    /** This text runs unnamed from now on (its table changed shape under the prepared plan). */
    forget(text: string) {
      names.set(text, null);
    },
  };
}

/**
 * PostgreSQL refuses to run a prepared `select *` whose table another process's migration has
 * changed ("cached plan must not change result type"): that text is then run unnamed.
 */
const planOutdated = (error: unknown) => (error as { code?: string }).code === '0A000';

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
  const names = statementNames();
  async function run<T>(
    client: { query: InstanceType<typeof pg.Pool>['query'] },
    text: string,
    values: unknown[],
    retry: boolean,
  ): Promise<T[]> {
    const name = names.of(text);
    try {
      return (await client.query({ name, text, values })).rows as T[];
    } catch (error) {
      if (!name || !planOutdated(error)) throw error;
      names.forget(text);
      // Inside a transaction the failed statement aborted it: it fails this once, unnamed next time.
      if (!retry) throw error;
      return (await client.query(text, values)).rows as T[];
    }
  }
  return {
    engine: 'postgres',
    listen: (channel, onPayload, onReconnected) => listen(channel, onPayload, onReconnected),
    query: <T>(text: string, params: unknown[] = []) => run<T>(pool, text, params, true),
    async exec(text: string) {
      await pool.query(text);
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          query: <R>(text: string, params: unknown[] = []) => run<R>(client, text, params, false),
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
    const { PGlite, protocol, parse } = await import('@electric-sql/pglite');
    const { btree_gin } = await import('@electric-sql/pglite/contrib/btree_gin');
    const extensions = { btree_gin };
    const db = dataDir
      ? await PGlite.create(join(dataDir, 'pgdata'), { extensions })
      : await PGlite.create({ extensions });

    // PGlite's query() parses, describes and plans every text afresh, in six calls into the
    // engine. A named statement is parsed once; each run is then one call: bind, describe,
    // execute, sync. Runs hold PGlite's own locks, as its query() does.
    const names = statementNames();
    const paramTypes = new Map<string, number[]>();
    const send = async (messages: Uint8Array[], syncToFs: boolean) => {
      const whole = new Uint8Array(messages.reduce((n, m) => n + m.length, 0));
      let at = 0;
      for (const message of messages) {
        whole.set(message, at);
        at += message.length;
      }
      return (await db.execProtocol(whole, { syncToFs })).messages;
    };
    async function prepared<T>(text: string, params: unknown[], inTransaction: boolean): Promise<T[]> {
      // Past the bound of names, the unnamed statement: parsed and described each time.
      const name = names.of(text) ?? '';
      let types = name ? paramTypes.get(name) : undefined;
      if (!types) {
        const described = await send(
          [
            protocol.serialize.parse({ name, text }),
            protocol.serialize.describe({ type: 'S', name }),
            protocol.serialize.sync(),
          ],
          false,
        );
        const description = described.find((m) => m.name === 'parameterDescription') as
          { dataTypeIDs: number[] } | undefined;
        types = description?.dataTypeIDs ?? [];
        if (name) paramTypes.set(name, types);
      }
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serialize = db.serializers[types[i]!];
        return serialize ? serialize(value) : String(value);
      });
      let messages;
      try {
        messages = await send(
          [
            protocol.serialize.bind({ statement: name, values }),
            protocol.serialize.describe({ type: 'P' }),
            protocol.serialize.execute({}),
            protocol.serialize.sync(),
          ],
          !inTransaction,
        );
      } catch (error) {
        if (!name || !planOutdated(error)) throw error;
        names.forget(text);
        if (inTransaction) throw error;
        return prepared<T>(text, params, false);
      }
      return (parse.parseResults(messages, db.parsers)[0]?.rows ?? []) as T[];
    }
    return {
      engine: 'pglite',
      query: <T>(text: string, params: unknown[] = []) =>
        db._runExclusiveTransaction(() => db.runExclusive(() => prepared<T>(text, params, false))),
      async exec(text: string) {
        await db.exec(text);
      },
      transaction<T>(fn: (tx: Sql) => Promise<T>) {
        return db.transaction((tx) =>
          fn({
            query: <R>(text: string, params: unknown[] = []) =>
              db.runExclusive(() => prepared<R>(text, params, true)),
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
