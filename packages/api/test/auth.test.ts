import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, ORIGIN_A, ORIGIN_B, type Harness } from './harness.js';

describe.each(engines)('tenant keys and member sign-in (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(engine);
  });
  afterAll(() => h.close());

  const expectProblem = async (res: Response, status: number, code: string) => {
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.json();
    expect({ status: res.status, code: body.code }).toEqual({ status, code });
    expect(body.status).toBe(status);
    expect(body.title).toEqual(expect.any(String));
    return body;
  };

  /** A token signed however a test needs: another algorithm, key, issuer or audience. */
  const signed = (
    key: Parameters<SignJWT['sign']>[0],
    opts: { alg: string; iss: string; aud?: string; sub?: string; name?: string },
  ) => {
    const iat = Math.floor(h.now.getTime() / 1000);
    return new SignJWT({ name: opts.name ?? 'Eve' })
      .setProtectedHeader({ alg: opts.alg })
      .setIssuer(opts.iss)
      .setAudience(opts.aud ?? 'ekollega')
      .setSubject(opts.sub ?? 'eve')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(key);
  };
  const hmacKey = (secret: string) => new TextEncoder().encode(secret);

  it('signs in a member whose token the association minted, and provisions them', async () => {
    const token = await h.mint(h.a, {
      sub: 'm-aino',
      name: 'Aino Virtanen',
      email: 'aino@example.fi',
      locale: 'fi',
      roles: ['member', 'facilitator'],
    });
    const res = await h.call('/v1/me', { token, origin: ORIGIN_A });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: 'm-aino',
      name: 'Aino Virtanen',
      email: 'aino@example.fi',
      locale: 'fi',
      roles: ['member', 'facilitator'],
      tenant: { id: h.a.tenant.id, name: 'Varsinais-Suomen Yrittäjät' },
    });
    expect(await h.store.members.get(h.a.tenant.id, 'm-aino')).toMatchObject({
      name: 'Aino Virtanen',
      roles: ['member', 'facilitator'],
    });
    expect(await h.store.members.get(h.b.tenant.id, 'm-aino')).toBeNull();
  });

  it('answers 401 on /v1/me without a member token', async () => {
    await expectProblem(await h.call('/v1/me'), 401, 'sign_in_required');
  });

  it('refuses a request without a key', async () => {
    await expectProblem(await h.call('/v1/me', { key: null }), 401, 'key_missing');
  });

  it('refuses a key that is not ours, or a forged one', async () => {
    await expectProblem(await h.call('/v1/config', { key: 'pk_not.a.jwt' }), 401, 'key_invalid');
    const forger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ tid: h.a.tenant.id, scopes: ['read', 'write'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: h.store.platformKey.kid })
      .setIssuer('ekollega-platform')
      .setAudience('ekollega-api')
      .setJti('key_whatever')
      .sign(forger.privateKey);
    await expectProblem(await h.call('/v1/config', { key: `pk_${forged}` }), 401, 'key_invalid');
    await expectProblem(await h.call('/v1/config', { key: 'sk_guess' }), 401, 'key_invalid');
  });

  it('refuses a revoked key at once', async () => {
    const { issuePublishableKey } = await import('../src/auth/tenant-keys.js');
    const extra = await issuePublishableKey(h.store, h.a.tenant);
    expect((await h.call('/v1/config', { key: extra.publishableKey })).status).toBe(200);
    await h.store.tenants.revokeKey(extra.key.id, h.now);
    await expectProblem(await h.call('/v1/config', { key: extra.publishableKey }), 401, 'key_revoked');
  });

  it('refuses a malformed member token', async () => {
    await expectProblem(await h.call('/v1/me', { token: 'abc' }), 401, 'token_malformed');
    await expectProblem(
      await h.call('/v1/me', { headers: { authorization: 'Basic abc' } }),
      401,
      'token_malformed',
    );
    const token = await h.mint(h.a);
    for (const authorization of [`Bearer ${token} junk`, `Bearer  ${token}`]) {
      await expectProblem(await h.call('/v1/me', { headers: { authorization } }), 401, 'token_malformed');
    }
    expect((await h.call('/v1/me', { headers: { authorization: `bearer ${token}` } })).status).toBe(200);
  });

  it('refuses alg: none', async () => {
    const token = new UnsecuredJWT({ name: 'Eve', roles: ['admin'] })
      .setIssuer(h.a.tenant.id)
      .setAudience('ekollega')
      .setSubject('eve')
      .setIssuedAt(Math.floor(h.now.getTime() / 1000))
      .setExpirationTime(Math.floor(h.now.getTime() / 1000) + 600)
      .encode();
    await expectProblem(await h.call('/v1/me', { token }), 401, 'token_algorithm_refused');
  });

  it('refuses a token signed with the wrong secret', async () => {
    const token = await h.mint(h.a, {}, { secret: 'not-the-secret-of-this-association' });
    await expectProblem(await h.call('/v1/me', { token }), 401, 'token_signature_invalid');
  });

  it('refuses HS/ES algorithm confusion', async () => {
    // Tenant B registers an ES256 public key; HS256 stays pinned to its own secret.
    const pair = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = { ...(await exportJWK(pair.publicKey)), alg: 'ES256' };
    await h.store.tenants.update(h.b.tenant.id, { memberPublicJwk: publicJwk });
    const asHmacWithPublicKey = await signed(hmacKey(JSON.stringify(publicJwk)), {
      alg: 'HS256',
      iss: h.b.tenant.id,
    });
    await expectProblem(
      await h.call('/v1/me', { key: h.b.publishableKey, token: asHmacWithPublicKey }),
      401,
      'token_signature_invalid',
    );

    const real = await signed(pair.privateKey, {
      alg: 'ES256',
      iss: h.b.tenant.id,
      sub: 'bjorn',
      name: 'Björn',
    });
    const ok = await h.call('/v1/me', { key: h.b.publishableKey, token: real });
    expect(ok.status).toBe(200);
    expect((await ok.json()).name).toBe('Björn');

    // Tenant A registered no public key: an ES256 token is refused outright.
    const stranger = await signed(pair.privateKey, {
      alg: 'ES256',
      iss: h.a.tenant.id,
      sub: 'eve',
      name: 'Eve',
    });
    await expectProblem(await h.call('/v1/me', { token: stranger }), 401, 'token_algorithm_refused');
  });

  it('accepts EdDSA tokens from a registered Ed25519 key', async () => {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    await h.store.tenants.update(h.b.tenant.id, {
      memberPublicJwk: { ...(await exportJWK(pair.publicKey)), alg: 'EdDSA' },
    });
    const token = await signed(pair.privateKey, {
      alg: 'EdDSA',
      iss: h.b.tenant.id,
      sub: 'bjorn',
      name: 'Björn',
    });
    const res = await h.call('/v1/me', { key: h.b.publishableKey, token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: 'bjorn',
      name: 'Björn',
      tenant: { id: h.b.tenant.id, name: 'Uudenmaan Yrittäjät' },
    });
  });

  it('refuses the wrong audience or issuer', async () => {
    const wrongAud = await signed(hmacKey(h.a.memberTokenSecret), {
      alg: 'HS256',
      iss: h.a.tenant.id,
      aud: 'someone-else',
      sub: 'aino',
      name: 'Aino',
    });
    await expectProblem(await h.call('/v1/me', { token: wrongAud }), 401, 'token_wrong_audience');
    const wrongIss = await signed(hmacKey(h.a.memberTokenSecret), {
      alg: 'HS256',
      iss: 'ten_somebody',
      sub: 'aino',
      name: 'Aino',
    });
    await expectProblem(await h.call('/v1/me', { token: wrongIss }), 401, 'token_wrong_issuer');
  });

  it('refuses an expired token, one not valid yet and one that lives over an hour', async () => {
    const expired = await h.mint(h.a, {}, { iat: Math.floor(h.now.getTime() / 1000) - 1200, lifetime: 600 });
    await expectProblem(await h.call('/v1/me', { token: expired }), 401, 'token_expired');
    const notYet = await h.mint(h.a, { nbf: Math.floor(h.now.getTime() / 1000) + 600 });
    await expectProblem(await h.call('/v1/me', { token: notYet }), 401, 'token_not_yet_valid');
    const tooLong = await h.mint(h.a, {}, { lifetime: 3601 });
    await expectProblem(await h.call('/v1/me', { token: tooLong }), 401, 'token_lifetime_too_long');
    const oneHour = await h.mint(h.a, {}, { lifetime: 3600 });
    expect((await h.call('/v1/me', { token: oneHour })).status).toBe(200);
  });

  it('refuses a token that expires while the clock moves on', async () => {
    const token = await h.mint(h.a, {}, { lifetime: 300 });
    expect((await h.call('/v1/me', { token })).status).toBe(200);
    h.advance(10 * 60_000);
    await expectProblem(await h.call('/v1/me', { token }), 401, 'token_expired');
  });

  it('refuses a member token of association A sent with the key of association B', async () => {
    const token = await h.mint(h.a);
    await expectProblem(
      await h.call('/v1/me', { key: h.b.publishableKey, token, origin: ORIGIN_B }),
      401,
      'token_wrong_issuer',
    );
  });

  it('refuses a role the contract does not know', async () => {
    const token = await h.mint(h.a, { roles: ['superuser'] });
    const body = await expectProblem(await h.call('/v1/me', { token }), 401, 'token_claims_invalid');
    expect(body.detail).toContain('roles');
  });

  it('refuses a secret key sent with a browser Origin, and serves it from a server', async () => {
    await expectProblem(
      await h.call('/v1/tenant', { key: h.a.secretKey, origin: ORIGIN_A }),
      403,
      'secret_key_in_browser',
    );
    const res = await h.call('/v1/tenant', { key: h.a.secretKey });
    expect(res.status).toBe(200);
    expect((await res.json()).origins).toEqual([ORIGIN_A]);
  });

  it('refuses an Origin that is not on the association’s list', async () => {
    await expectProblem(
      await h.call('/v1/config', { origin: 'https://evil.example' }),
      403,
      'origin_not_allowed',
    );
    await expectProblem(await h.call('/v1/config', { origin: ORIGIN_B }), 403, 'origin_not_allowed');
    expect((await h.call('/v1/config', { origin: ORIGIN_A })).status).toBe(200);
  });

  it('never lets a publishable key alone write, and checks roles', async () => {
    await expectProblem(
      await h.call('/v1/tenant', { method: 'PATCH', body: { name: 'Hacked' } }),
      401,
      'sign_in_required',
    );
    const member = await h.mint(h.a, { sub: 'plain', roles: ['member'] });
    await expectProblem(
      await h.call('/v1/tenant', { method: 'PATCH', token: member, body: { name: 'Hacked' } }),
      403,
      'forbidden',
    );
    const admin = await h.mint(h.a, { sub: 'boss', roles: ['admin'] });
    const res = await h.call('/v1/tenant', { method: 'PATCH', token: admin, body: { name: 'VSY' } });
    expect(res.status).toBe(200);
    expect((await h.store.tenants.get(h.a.tenant.id))?.name).toBe('VSY');
    await h.store.tenants.update(h.a.tenant.id, { name: 'Varsinais-Suomen Yrittäjät' });
  });
});
