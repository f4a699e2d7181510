import { createApp, createTenant, openStore, type Store } from '@ekollega/api';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { startServer } from '../../api/src/server.js';
import {
  createClient,
  createMemberClient,
  EkProblemError,
  isProblem,
  paginate,
  type EkClient,
  type EkMemberClient,
  type Me,
} from '../src/index.js';
import { createAdminClient } from '../src/admin.js';
import { MemberTokens } from '../src/token.js';

const ORIGIN = 'https://vsy.example';

let store: Store;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let app: ReturnType<typeof createApp>;
/** The API in-process: the SDK's fetch is the app itself. */
const inProcess: typeof fetch = (input, init) =>
  Promise.resolve(app.request(String(input), init as RequestInit));

const mint = (sub: string, opts: { lifetime?: number; secret?: string; name?: string } = {}) => {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ name: opts.name ?? 'Aino Virtanen', roles: ['member'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(tenant.tenant.id)
    .setAudience('ekollega')
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (opts.lifetime ?? 600))
    .sign(new TextEncoder().encode(opts.secret ?? tenant.memberTokenSecret));
};

beforeAll(async () => {
  store = await openStore();
  tenant = await createTenant(store, { name: 'Varsinais-Suomen Yrittäjät', origins: [ORIGIN] });
  app = createApp({ store, log: false, rateLimits: { perIp: { limit: 3, windowMs: 1000 } } });
});
afterAll(() => store.close());

const client = (extra: Partial<Parameters<typeof createClient>[0]> = {}) =>
  createClient({ baseUrl: 'http://api.test', tenantKey: tenant.publishableKey, fetch: inProcess, ...extra });

describe('createClient', () => {
  it('returns the signed-in member, typed from the API contract', async () => {
    const me = await client({ getMemberToken: () => mint('aino') }).me();
    expect(me).toMatchObject({
      id: 'aino',
      name: 'Aino Virtanen',
      tenant: { name: 'Varsinais-Suomen Yrittäjät' },
    });
    expectTypeOf<Awaited<ReturnType<EkClient['me']>>>().toEqualTypeOf<Me>();
    expectTypeOf<Me['roles']>().toEqualTypeOf<('member' | 'facilitator' | 'admin')[]>();
  });

  it('throws a typed problem when nobody is signed in', async () => {
    const error = await client({ getMemberToken: () => null })
      .me()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EkProblemError);
    expect(isProblem(error, 'sign_in_required')).toBe(true);
    expect((error as EkProblemError).status).toBe(401);
  });

  it('reuses a token until shortly before it expires', async () => {
    const provider = vi.fn(() => mint('aino', { lifetime: 600 }));
    const c = client({ getMemberToken: provider });
    await c.me();
    await c.me();
    expect(provider).toHaveBeenCalledTimes(1);

    const shortLived = vi.fn(() => mint('aino', { lifetime: 30 }));
    const s = client({ getMemberToken: shortLived });
    await s.me();
    await s.me();
    expect(shortLived).toHaveBeenCalledTimes(2);
  });

  it('asks for a fresh token once after a 401 and succeeds with it', async () => {
    const provider = vi.fn(async ({ forceRefresh }: { forceRefresh: boolean }) =>
      forceRefresh ? mint('aino') : mint('aino', { secret: 'stale-rotated-secret' }),
    );
    const me = await client({ getMemberToken: provider }).me();
    expect(me.id).toBe('aino');
    expect(provider.mock.calls.map(([arg]) => arg.forceRefresh)).toEqual([false, true]);
  });

  describe('with many calls at once', () => {
    /** An app without the tight rate limit of the other tests: five calls at once are the point here. */
    const roomy = () => {
      const spacious = createApp({ store, log: false });
      const fetchApp: typeof fetch = (input, init) =>
        Promise.resolve(spacious.request(String(input), init as RequestInit));
      return fetchApp;
    };

    it('shares one token request among concurrent calls', async () => {
      const provider = vi.fn(async () => {
        await new Promise((r) => setTimeout(r, 20));
        return mint('aino');
      });
      const c = client({ getMemberToken: provider, fetch: roomy() });
      const all = await Promise.all(Array.from({ length: 5 }, () => c.me()));
      expect(all.map((me) => me.id)).toEqual(Array(5).fill('aino'));
      expect(provider).toHaveBeenCalledTimes(1);
    });

    it('refreshes once when concurrent calls are all refused with 401', async () => {
      const provider = vi.fn(async ({ forceRefresh }: { forceRefresh: boolean }) => {
        await new Promise((r) => setTimeout(r, 20));
        return forceRefresh ? mint('aino') : mint('aino', { secret: 'stale-rotated-secret' });
      });
      const c = client({ getMemberToken: provider, fetch: roomy() });
      const all = await Promise.all(Array.from({ length: 5 }, () => c.me()));
      expect(all.map((me) => me.id)).toEqual(Array(5).fill('aino'));
      expect(provider.mock.calls.map(([arg]) => arg.forceRefresh)).toEqual([false, true]);
    });
  });

  it('gives up after one refresh when the new token is refused too', async () => {
    const provider = vi.fn(() => mint('aino', { secret: 'wrong' }));
    const error = await client({ getMemberToken: provider })
      .me()
      .catch((e: unknown) => e);
    expect(isProblem(error, 'token_signature_invalid')).toBe(true);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('waits as Retry-After says and retries an idempotent call after 429', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const c = client();
    const started = Date.now();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await c.health());
    expect(results).toEqual(Array(5).fill({ status: 'ok' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('never retries a write, and hands the 429 to the caller', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const admin = createAdminClient({
      baseUrl: 'http://api.test',
      secretKey: tenant.secretKey,
      fetch: inProcess,
    });
    for (let i = 0; i < 3; i++) await admin.tenant.get();
    const error = await admin.tenant.update({ name: 'VSY' }).catch((e: unknown) => e);
    expect(isProblem(error, 'rate_limited')).toBe(true);
    expect((error as EkProblemError).retryAfter).toBeGreaterThan(0);
    expect((await store.tenants.get(tenant.tenant.id))?.name).toBe('Varsinais-Suomen Yrittäjät');
  });

  it('cancels with an AbortSignal, also while waiting to retry', async () => {
    const aborted = new AbortController();
    aborted.abort();
    await expect(client().health({ signal: aborted.signal })).rejects.toThrow();

    await new Promise((r) => setTimeout(r, 1100));
    const c = client();
    for (let i = 0; i < 3; i++) await c.health();
    const controller = new AbortController();
    const started = Date.now();
    const pending = c.health({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left the page')), 50);
    await expect(pending).rejects.toThrow('user left the page');
    expect(Date.now() - started).toBeLessThan(800);
  });
});

describe('createAdminClient', () => {
  it('reads and changes the association’s settings, with field errors typed', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const admin = createAdminClient({
      baseUrl: 'http://api.test',
      secretKey: tenant.secretKey,
      fetch: inProcess,
    });
    expect((await admin.tenant.get()).origins).toEqual([ORIGIN]);
    const error = await admin.tenant.update({ origins: ['not an origin'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EkProblemError);
    expect((error as EkProblemError).errors[0]?.field).toBe('origins.0');
    const updated = await admin.tenant.update({ strings: { fi: { 'finder.title': 'Vertaisryhmät' } } });
    expect(updated.strings.fi?.['finder.title']).toBe('Vertaisryhmät');
  });

  it('lists, rotates and revokes the association’s keys, showing a new key once', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const own = await createTenant(store, { name: 'Avainyhdistys', origins: [ORIGIN] });
    const admin = createAdminClient({
      baseUrl: 'http://api.test',
      secretKey: own.secretKey,
      fetch: inProcess,
    });
    const before = (await admin.tenant.keys.list()).items;
    expect(before.map((k) => [k.kind, k.in_use, k.revoked_at])).toEqual([
      ['publishable', false, null],
      ['secret', true, null],
    ]);
    const rotated = await admin.tenant.keys.rotate('publishable');
    expect(rotated).toMatchObject({ kind: 'publishable', revoked: [before[0]!.id] });
    expect(rotated.key).toMatch(/^pk_/);
    const error = await admin.tenant.keys.revoke(before[1]!.id).catch((e: unknown) => e);
    expect(isProblem(error, 'key_in_use')).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    const revoked = await admin.tenant.keys.revoke(rotated.key_id!);
    expect(revoked).toMatchObject({ id: rotated.key_id, revoked_at: expect.any(String), in_use: false });
    expectTypeOf(revoked.kind).toEqualTypeOf<'publishable' | 'secret'>();
  });

  it('refuses to start in a browser', () => {
    const g = globalThis as { document?: unknown };
    g.document = {};
    try {
      expect(() => createAdminClient({ baseUrl: 'http://x', secretKey: 'sk_x' })).toThrow(/servers only/);
    } finally {
      delete g.document;
    }
  });
});

describe('createMemberClient', () => {
  it('does what a member does, without the facilitators’ tools', async () => {
    const member = createMemberClient({
      baseUrl: 'http://api.test',
      tenantKey: tenant.publishableKey,
      fetch: inProcess,
      getMemberToken: () => mint('aino'),
    });
    expect((await member.me()).id).toBe('aino');
    expect(Object.keys(member.groups)).toEqual(
      expect.arrayContaining(['list', 'get', 'join', 'membership', 'leave', 'members']),
    );
    for (const tool of ['create', 'update', 'requests', 'approve', 'decline', 'removeMember'])
      expect(member.groups).not.toHaveProperty(tool);
    for (const tool of ['create', 'createSeries', 'update', 'cancel', 'attendees', 'markAttendance'])
      expect(member.sessions).not.toHaveProperty(tool);
    for (const tool of ['hide', 'restore', 'reveal', 'reveals'])
      expect(member.questions).not.toHaveProperty(tool);
    // A post's author reads its edit history too.
    for (const tool of ['edit', 'remove', 'history']) expect(member.questions).toHaveProperty(tool);
    // The full client is the member client and the tools: one is usable where the other is asked for.
    const full = client();
    for (const tool of ['create', 'requests', 'removeMember']) expect(full.groups).toHaveProperty(tool);
    for (const tool of ['createSeries', 'markAttendance']) expect(full.sessions).toHaveProperty(tool);
    for (const tool of ['hide', 'reveal', 'edit', 'subscribe']) expect(full.questions).toHaveProperty(tool);
    expectTypeOf<EkClient>().toMatchTypeOf<EkMemberClient>();
  });
});

describe('over real HTTP in Node', () => {
  it('talks to a served API with the global fetch', async () => {
    const realStore = await openStore();
    const t = await createTenant(realStore, { name: 'Pohjanmaan Yrittäjät', origins: [ORIGIN] });
    const server = await startServer(realStore, { port: 0, log: false });
    try {
      const c = createClient({ baseUrl: server.url, tenantKey: t.publishableKey });
      expect(await c.health()).toEqual({ status: 'ok' });
      expect((await c.config()).tenant.name).toBe('Pohjanmaan Yrittäjät');
    } finally {
      await server.close();
      await realStore.close();
    }
  });

  it('describes an error page that is not a problem document (a proxy’s HTML) from its status', async () => {
    const proxy: typeof fetch = async () =>
      new Response('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': 'text/html', 'retry-after': '7' },
      });
    const error = await client({ fetch: proxy, retries: 0 })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EkProblemError);
    expect(error).toMatchObject({
      status: 502,
      code: 'http_502',
      title: 'Bad Gateway',
      errors: [],
      retryAfter: 7,
    });
  });

  it('reports an unreachable API as a network error after retrying', async () => {
    const c = createClient({ baseUrl: 'http://127.0.0.1:9', tenantKey: 'pk_x', backoffMs: 1 });
    const error = await c.health().catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('network');
  });
});

describe('paginate', () => {
  it('walks every page by cursor', async () => {
    const pages: Record<string, { items: number[]; next_cursor: string | null }> = {
      start: { items: [1, 2], next_cursor: 'b' },
      b: { items: [3], next_cursor: 'c' },
      c: { items: [4], next_cursor: null },
    };
    const seen: (string | undefined)[] = [];
    const all: number[] = [];
    const page = async (cursor: string | undefined) => {
      seen.push(cursor);
      return pages[cursor ?? 'start']!;
    };
    for await (const n of paginate(page)) all.push(n);
    expect(all).toEqual([1, 2, 3, 4]);
    expect(seen).toEqual([undefined, 'b', 'c']);
  });
});

describe('MemberTokens', () => {
  it('refreshes a minute before expiry by its own clock', async () => {
    let now = 1_000_000_000_000;
    const exp = Math.floor(now / 1000) + 300;
    const token = `x.${btoa(JSON.stringify({ exp })).replace(/=+$/, '')}.y`;
    const provider = vi.fn(() => token);
    const tokens = new MemberTokens(provider, () => now);
    await tokens.get();
    now += 200_000;
    await tokens.get();
    expect(provider).toHaveBeenCalledTimes(1);
    now += 50_000;
    await tokens.get();
    expect(provider).toHaveBeenCalledTimes(2);
  });
});
