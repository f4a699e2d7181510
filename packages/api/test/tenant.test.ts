import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTenant } from '../src/auth/tenant-keys.js';
import { engines, harness, ORIGIN_A, type Harness } from './harness.js';

describe.each(engines)('the association’s settings (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(engine);
  });
  afterAll(() => h.close());

  it('keeps both of two settings that two admins change at the same moment', async () => {
    const [first, second] = await Promise.all([
      h.mint(h.a, { sub: 'admin-1', roles: ['admin'] }),
      h.mint(h.a, { sub: 'admin-2', roles: ['admin'] }),
    ]);
    const patch = (token: string, settings: Record<string, unknown>) =>
      h.call('/v1/tenant', { method: 'PATCH', key: h.a.secretKey, token, body: { settings } });
    for (let round = 0; round < 20; round++) {
      const on = round % 2 === 0;
      const replies = await Promise.all([
        patch(first, { qa_downvotes: on }),
        patch(second, { qa_report_threshold: round + 1 }),
      ]);
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
      expect((await h.store.tenants.get(h.a.tenant.id))?.settings).toMatchObject({
        qa_downvotes: on,
        qa_report_threshold: round + 1,
      });
    }
  });
});

describe.each(engines)('the association’s keys (%s)', (engine) => {
  let h: Harness;
  /** A fresh association per test, so that what one test revokes does not leak into the next. */
  let a: Awaited<ReturnType<typeof createTenant>>;
  beforeAll(async () => {
    h = await harness(engine);
  });
  beforeEach(async () => {
    a = await createTenant(h.store, { name: 'Avaimien ry', origins: [ORIGIN_A] });
  });
  afterAll(() => h.close());
  const call: Harness['call'] = (path, init = {}) => h.call(path, { key: a.publishableKey, ...init });

  const admin = () => h.mint(a, { sub: 'boss', roles: ['admin'] });
  const keysOf = async (init: Parameters<Harness['call']>[1]) =>
    (await (await call('/v1/tenant/keys', init)).json()).items as {
      id: string;
      kind: string;
      revoked_at: string | null;
      in_use: boolean;
    }[];

  it('lists keys to admins and the secret key, never their secret material', async () => {
    const bySecret = await call('/v1/tenant/keys', { key: a.secretKey });
    expect(bySecret.status).toBe(200);
    const text = await bySecret.text();
    expect(text).not.toContain(a.secretKey);
    expect(text).not.toContain(a.publishableKey.slice(3));
    const items = JSON.parse(text).items;
    expect(items.map((k: { kind: string; in_use: boolean }) => [k.kind, k.in_use])).toEqual([
      ['publishable', false],
      ['secret', true],
    ]);
    expect(Object.keys(items[0]).sort()).toEqual([
      'created_at',
      'id',
      'in_use',
      'kind',
      'revoked_at',
      'scopes',
    ]);
    expect((await keysOf({ token: await admin() })).map((k) => [k.kind, k.in_use])).toEqual([
      ['publishable', true],
      ['secret', false],
    ]);
  });

  it('answers everyone else as the other routes do: 401, 403, or nothing of another association', async () => {
    const [publishable] = await keysOf({ key: a.secretKey });
    const facilitator = await h.mint(a, { sub: 'helena', roles: ['facilitator', 'member'] });
    const member = await h.mint(a, { sub: 'aino', roles: ['member'] });
    const otherAdmin = await h.mint(h.b, { sub: 'boss', roles: ['admin'] });
    for (const [path, method] of [
      ['/v1/tenant/keys', 'GET'],
      ['/v1/tenant/keys/rotate', 'POST'],
      [`/v1/tenant/keys/${publishable!.id}/revoke`, 'POST'],
    ] as const) {
      const body = method === 'POST' ? { kind: 'publishable' } : undefined;
      expect((await call(path, { method, body })).status, `visitor ${path}`).toBe(401);
      expect((await call(path, { method, body, token: member })).status, `member ${path}`).toBe(403);
      expect((await call(path, { method, body, token: facilitator })).status, `facilitator ${path}`).toBe(
        403,
      );
    }
    const foreign = await call(`/v1/tenant/keys/${publishable!.id}/revoke`, {
      method: 'POST',
      key: h.b.publishableKey,
      token: otherAdmin,
    });
    expect(foreign.status).toBe(404);
    expect(
      (await call(`/v1/tenant/keys/${publishable!.id}/revoke`, { method: 'POST', key: h.b.secretKey }))
        .status,
    ).toBe(404);
    expect((await call('/v1/config')).status).toBe(200);
    expect(JSON.stringify(await keysOf({ key: h.b.secretKey }))).not.toContain(publishable!.id);
  });

  it('rotates a key: the new one is shown once and works at once, the old one stops at once', async () => {
    const res = await call('/v1/tenant/keys/rotate', {
      method: 'POST',
      token: await admin(),
      body: { kind: 'secret' },
    });
    expect(res.status).toBe(201);
    const rotated = await res.json();
    expect(rotated).toMatchObject({
      kind: 'secret',
      key: expect.stringMatching(/^sk_/),
      revoked: [expect.any(String)],
    });
    expect((await call('/v1/tenant', { key: rotated.key })).status).toBe(200);
    expect((await (await call('/v1/tenant', { key: a.secretKey })).json()).code).toBe('key_revoked');
    expect(JSON.stringify(await keysOf({ key: rotated.key }))).not.toContain(rotated.key);

    const member = await (
      await call('/v1/tenant/keys/rotate', {
        method: 'POST',
        key: rotated.key,
        body: { kind: 'member_secret' },
      })
    ).json();
    expect(member).toMatchObject({ kind: 'member_secret', key_id: null, revoked: [] });
    expect((await call('/v1/me', { token: await admin() })).status).toBe(401);
    expect(
      (await call('/v1/me', { token: await h.mint({ ...a, memberTokenSecret: member.key }) })).status,
    ).toBe(200);
    const bad = await call('/v1/tenant/keys/rotate', {
      method: 'POST',
      key: rotated.key,
      body: { kind: 'all' },
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('kind');
  });

  it('revokes a leaked key at once, but not the caller’s own last key of its kind', async () => {
    // By kind, not by place: keys made in one transaction share their creation time.
    const keys = await keysOf({ key: a.secretKey });
    const publishable = keys.find((k) => k.kind === 'publishable' && !k.revoked_at);
    const secret = keys.find((k) => k.kind === 'secret' && k.in_use);
    const own = await call(`/v1/tenant/keys/${secret!.id}/revoke`, { method: 'POST', key: a.secretKey });
    expect(own.status).toBe(409);
    expect((await own.json()).code).toBe('key_in_use');
    expect((await call('/v1/tenant', { key: a.secretKey })).status).toBe(200);

    // An admin signed in through the publishable key may revoke the leaked secret key.
    const leaked = await call(`/v1/tenant/keys/${secret!.id}/revoke`, {
      method: 'POST',
      token: await admin(),
    });
    expect(leaked.status).toBe(200);
    expect(await leaked.json()).toMatchObject({
      id: secret!.id,
      kind: 'secret',
      revoked_at: expect.any(String),
    });
    expect((await (await call('/v1/tenant', { key: a.secretKey })).json()).code).toBe('key_revoked');
    const again = await call(`/v1/tenant/keys/${secret!.id}/revoke`, {
      method: 'POST',
      token: await admin(),
    });
    expect(again.status).toBe(200);

    const mine = await call(`/v1/tenant/keys/${publishable!.id}/revoke`, {
      method: 'POST',
      token: await admin(),
    });
    expect((await mine.json()).code).toBe('key_in_use');
    expect((await call('/v1/config')).status).toBe(200);
    expect(
      (await call('/v1/tenant/keys/key_nothing/revoke', { method: 'POST', token: await admin() })).status,
    ).toBe(404);
  });
});
