import { openDb, type Db, type OpenOptions } from './db.js';
import { migrate } from './migrate.js';
import { groupStore } from './groups.js';
import { memberStore } from './members.js';
import { sessionStore } from './sessions.js';
import { questionStore } from './questions.js';
import { commitmentStore } from './commitments.js';
import { deskStore } from './desk.js';
import { loadPlatformKey, type PlatformKey } from './platform.js';
import { hashSecret, tenantStore, type ApiKey, type Tenant } from './tenants.js';
import { TtlCache } from './ttl-cache.js';

export type { Db, Sql, Row } from './db.js';
export { DataDirLockedError } from './db.js';
export type { Tenant, ApiKey } from './tenants.js';
export type { Member, Role } from './members.js';
export { ROLES } from './members.js';
export type { PlatformKey } from './platform.js';

/** Everything the API reads and writes, over one database. */
export interface Store {
  db: Db;
  platformKey: PlatformKey;
  tenants: ReturnType<typeof tenantStore>;
  members: ReturnType<typeof memberStore>;
  groups: ReturnType<typeof groupStore>;
  sessions: ReturnType<typeof sessionStore>;
  questions: ReturnType<typeof questionStore>;
  commitments: ReturnType<typeof commitmentStore>;
  /** The facilitator desk's previews, summaries and queue. */
  desk: ReturnType<typeof deskStore>;
  /**
   * A number per tenant that grows with every change made through this process, so cached reads
   * (the visitors' group list) can tell they are stale.
   */
  version(tenantId: string): number;
  /** Cached reads for the hot path of every request; cleared by changes made through this store. */
  cached: {
    tenant(id: string): Promise<Tenant | null>;
    key(id: string): Promise<ApiKey | null>;
    secretKey(secret: string): Promise<ApiKey | null>;
    isKnownOrigin(origin: string): Promise<boolean>;
  };
  close(): Promise<void>;
}

/** How long another process's change to a tenant or key may take to be seen here. */
export const CACHE_TTL_MS = 5_000;

/** Wraps an open database whose migrations have run. */
export async function createStore(db: Db): Promise<Store> {
  const tenantCache = new TtlCache<Tenant | null>(CACHE_TTL_MS);
  const keyCache = new TtlCache<ApiKey | null>(CACHE_TTL_MS);
  const originCache = new TtlCache<boolean>(CACHE_TTL_MS);
  const tenants = tenantStore(db, () => {
    tenantCache.clear();
    keyCache.clear();
    originCache.clear();
  });
  const versions = new Map<string, number>();
  const bump = (tenantId: string) => versions.set(tenantId, (versions.get(tenantId) ?? 0) + 1);
  return {
    db,
    platformKey: await loadPlatformKey(db),
    tenants,
    members: memberStore(db, bump),
    groups: groupStore(db, bump),
    sessions: sessionStore(db, bump),
    questions: questionStore(db, bump),
    commitments: commitmentStore(db),
    desk: deskStore(db, bump),
    version: (tenantId) => versions.get(tenantId) ?? 0,
    cached: {
      tenant: (id) => tenantCache.get(id, () => tenants.get(id)),
      key: (id) => keyCache.get(id, () => tenants.getKey(id)),
      secretKey: (secret) =>
        keyCache.get(`secret:${hashSecret(secret)}`, () => tenants.findSecretKey(secret)),
      isKnownOrigin: (origin) => originCache.get(origin, () => tenants.isKnownOrigin(origin)),
    },
    close: () => db.close(),
  };
}

/**
 * Opens the store named by `databaseUrl` (PostgreSQL) or the embedded PGlite in `dataDir`
 * (in memory when neither is given), and migrates it.
 */
export async function openStore(options: OpenOptions = {}): Promise<Store> {
  const db = await openDb(options);
  try {
    await migrate(db);
    return await createStore(db);
  } catch (error) {
    await db.close();
    throw error;
  }
}
