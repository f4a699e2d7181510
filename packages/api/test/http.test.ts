import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, ORIGIN_A, type Harness } from './harness.js';

describe.each(engines)('HTTP conventions (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(engine, {
      maxBodyBytes: 2048,
      rateLimits: { perIp: { limit: 1000, windowMs: 60_000 }, perMember: { limit: 1000, windowMs: 60_000 } },
    });
  });
  afterAll(() => h.close());

  it('answers health without a key', async () => {
    const res = await h.call('/v1/health', { key: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI 3.1 document of every route, with its security schemes', async () => {
    const res = await h.call('/v1/openapi.json', { key: null });
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/health', '/v1/me', '/v1/config', '/v1/tenant']),
    );
    expect(Object.keys(doc.components.securitySchemes)).toEqual(
      expect.arrayContaining(['tenantKey', 'memberToken', 'secretKey']),
    );
    expect(doc.paths['/v1/me'].get.security).toEqual([{ tenantKey: [], memberToken: [] }]);
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  it('documents every route the app serves', async () => {
    const doc = await (await h.call('/v1/openapi.json', { key: null })).json();
    const documented = new Set(
      Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const served = h.app.routes
      .filter(
        (r) =>
          r.path.startsWith('/v1/') &&
          r.method !== 'ALL' &&
          !r.path.endsWith('*') &&
          r.path !== '/v1/openapi.json',
      )
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '')}`);
    expect(served.length).toBeGreaterThan(20);
    expect(served.filter((route) => !documented.has(route))).toEqual([]);
  });

  it('serves a human reference page at /docs listing the routes', async () => {
    const res = await h.call('/docs', { key: null });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<code>/v1/me</code>');
    expect(page).toContain('The signed-in member');
  });

  it('tells widgets how the association set up its Q&A board', async () => {
    expect((await (await h.call('/v1/config')).json()).qa).toEqual({ public_read: false, downvotes: false });
    await h.store.tenants.update(h.a.tenant.id, { settings: { qa_downvotes: true } });
    expect((await (await h.call('/v1/config')).json()).qa).toEqual({ public_read: false, downvotes: true });
    await h.store.tenants.update(h.a.tenant.id, { settings: {} });
  });

  it('tells caches that the association’s config depends on the key', async () => {
    const res = await h.call('/v1/config', { origin: ORIGIN_A });
    expect(res.headers.get('vary')).toContain('Ekollega-Key');
  });

  it('answers an unknown route with a problem, not HTML', async () => {
    const res = await h.call('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('not_found');
  });

  it('gives every response a request id that the log line carries', async () => {
    h.logs.length = 0;
    const res = await h.call('/v1/config');
    const id = res.headers.get('x-request-id');
    expect(id).toBeTruthy();
    expect(h.logs).toHaveLength(1);
    expect(JSON.parse(h.logs[0]!)).toMatchObject({
      request_id: id,
      method: 'GET',
      path: '/v1/config',
      status: 200,
      tenant: h.a.tenant.id,
    });
  });

  describe('bad input', () => {
    const admin = () => h.mint(h.a, { sub: 'boss', roles: ['admin'] });

    it('answers malformed JSON with 400', async () => {
      const res = await h.call('/v1/tenant', { method: 'PATCH', token: await admin(), rawBody: '{"name": ' });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('malformed_json');
    });

    it('answers a wrong type with 422 naming the field, and writes nothing', async () => {
      const res = await h.call('/v1/tenant', {
        method: 'PATCH',
        token: await admin(),
        body: { name: 'Renamed', origins: 'https://x.example' },
      });
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.code).toBe('validation_failed');
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['origins']);
      expect((await h.store.tenants.get(h.a.tenant.id))?.name).toBe('Varsinais-Suomen Yrittäjät');
    });

    it('answers an unknown field with 422 naming it', async () => {
      const res = await h.call('/v1/tenant', {
        method: 'PATCH',
        token: await admin(),
        body: { nmae: 'typo' },
      });
      expect(res.status).toBe(422);
      expect((await res.json()).errors).toEqual([
        { field: 'nmae', code: 'unknown_field', message: 'unknown field' },
      ]);
    });

    it('names a nested field', async () => {
      const res = await h.call('/v1/tenant', {
        method: 'PATCH',
        token: await admin(),
        body: { origins: ['https://ok.example', 'not an origin'] },
      });
      expect(res.status).toBe(422);
      expect((await res.json()).errors[0].field).toBe('origins.1');
    });

    it('answers an oversized body with 413', async () => {
      const res = await h.call('/v1/tenant', {
        method: 'PATCH',
        token: await admin(),
        body: { name: 'x'.repeat(5000) },
      });
      expect(res.status).toBe(413);
      expect((await res.json()).code).toBe('body_too_large');
    });
  });

  describe('CORS', () => {
    it('answers a preflight from a listed origin', async () => {
      const res = await h.app.request('/v1/me', {
        method: 'OPTIONS',
        headers: {
          origin: ORIGIN_A,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'ekollega-key, authorization',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
      expect(res.headers.get('access-control-allow-headers')).toContain('Ekollega-Key');
    });

    it('refuses a preflight from an origin no association lists', async () => {
      const res = await h.app.request('/v1/me', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('allows only the key’s own tenant origins on real requests', async () => {
      const ok = await h.call('/v1/config', { origin: ORIGIN_A });
      expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
      const other = await h.call('/v1/config', { origin: 'https://b.example' });
      expect(other.status).toBe(403);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('lets the page read a problem about its own input', async () => {
      const token = await h.mint(h.a, { sub: 'boss', roles: ['admin'] });
      const res = await h.call('/v1/tenant', { method: 'PATCH', token, origin: ORIGIN_A, body: { name: 7 } });
      expect(res.status).toBe(422);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
    });

    it('lets a listed page read why its key was refused', async () => {
      const res = await h.call('/v1/config', { key: null, origin: ORIGIN_A });
      expect(res.status).toBe(401);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
    });

    it('lets any page read health', async () => {
      const res = await h.call('/v1/health', { key: null, origin: 'https://anywhere.example' });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    });
  });
});

describe.each(engines)('rate limits (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(engine, {
      rateLimits: { perIp: { limit: 5, windowMs: 60_000 }, perMember: { limit: 2, windowMs: 60_000 } },
    });
  });
  afterAll(() => h.close());

  it('limits a member, answers 429 with Retry-After, and lets them in again after the window', async () => {
    const aino = await h.mint(h.a, { sub: 'aino' });
    const bjorn = await h.mint(h.a, { sub: 'bjorn' });
    expect((await h.call('/v1/me', { token: aino })).status).toBe(200);
    expect((await h.call('/v1/me', { token: aino })).status).toBe(200);
    const limited = await h.call('/v1/me', { token: aino });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).code).toBe('rate_limited');
    expect((await h.call('/v1/me', { token: bjorn })).status).toBe(200);
    h.advance(61_000);
    expect((await h.call('/v1/me', { token: await h.mint(h.a, { sub: 'aino' }) })).status).toBe(200);
  });

  it('limits per IP address', async () => {
    h.advance(61_000);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await h.call('/v1/health', { key: null })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });
});
