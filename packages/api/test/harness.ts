import { randomBytes } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import pg from 'pg';
import { createApp, type AppOptions } from '../src/app.js';
import { createTenant } from '../src/auth/tenant-keys.js';
import { openStore, type Store } from '../src/store/index.js';

/** The store engines every store-backed test runs on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const engines: ('pglite' | 'postgres')[] = process.env.DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

/** A fresh store: PGlite in memory, or a new schema of its own on the PostgreSQL server. */
export async function freshStore(engine: 'pglite' | 'postgres'): Promise<Store> {
  if (engine === 'pglite') return openStore();
  const url = new URL(process.env.DATABASE_URL!);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  url.searchParams.set('options', `-c search_path=${schema}`);
  const store = await openStore({ databaseUrl: url.toString() });
  const close = store.close;
  store.close = async () => {
    await close();
    const cleanup = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await cleanup.connect();
    await cleanup.query(`drop schema ${schema} cascade`);
    await cleanup.end();
  };
  return store;
}

export const ORIGIN_A = 'https://a.example';
export const ORIGIN_B = 'https://b.example';

/** Two associations on one store, an app over it, a movable clock and helpers to call it. */
export async function harness(engine: 'pglite' | 'postgres', options: Partial<AppOptions> = {}) {
  const store = await freshStore(engine);
  let now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const clock = () => now;
  const logs: string[] = [];
  const app = createApp({
    store,
    clock,
    log: (line) => logs.push(line),
    rateLimits: {
      perIp: { limit: 100_000, windowMs: 60_000 },
      perMember: { limit: 100_000, windowMs: 60_000 },
    },
    ...options,
  });
  const a = await createTenant(store, { name: 'Varsinais-Suomen Yrittäjät', origins: [ORIGIN_A] });
  const b = await createTenant(store, { name: 'Uudenmaan Yrittäjät', origins: [ORIGIN_B] });

  /** Mints a member token as tenant `t`'s backend would: HS256 with its member secret. */
  const mint = (
    t: { tenant: { id: string }; memberTokenSecret: string },
    claims: JWTPayload & { name?: string; roles?: string[]; email?: string; locale?: string } = {},
    opts: { lifetime?: number; iat?: number; alg?: string; secret?: string } = {},
  ) => {
    const iat = opts.iat ?? Math.floor(now.getTime() / 1000);
    return new SignJWT({ name: 'Aino Virtanen', ...claims })
      .setProtectedHeader({ alg: opts.alg ?? 'HS256' })
      .setIssuer(t.tenant.id)
      .setAudience('ekollega')
      .setSubject((claims.sub as string) ?? 'member-1')
      .setIssuedAt(iat)
      .setExpirationTime(iat + (opts.lifetime ?? 900))
      .sign(new TextEncoder().encode(opts.secret ?? t.memberTokenSecret));
  };

  /** Calls the app as a page of tenant `t` would. */
  const call = (
    path: string,
    init: {
      method?: string;
      key?: string | null;
      token?: string;
      origin?: string | null;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    } = {},
  ) => {
    const headers: Record<string, string> = { ...init.headers };
    const key = init.key === undefined ? a.publishableKey : init.key;
    if (key) headers['ekollega-key'] = key;
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.origin) headers.origin = init.origin;
    let body: string | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    return app.request(path, { method: init.method ?? 'GET', headers, body });
  };

  return {
    store,
    app,
    a,
    b,
    mint,
    call,
    logs,
    get now() {
      return now;
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    close: () => store.close(),
  };
}

export type Harness = Awaited<ReturnType<typeof harness>>;
