import { createMiddleware } from 'hono/factory';
import { memberTokenVerifier } from '../auth/member-token.js';
import { verifyPublishableKey } from '../auth/tenant-keys.js';
import type { Env } from '../env.js';
import { allowOrigin } from './cors.js';
import { Problem } from '../problem.js';
import type { ApiKey, Member, Store, Tenant } from '../store/index.js';
import { TtlCache } from '../store/ttl-cache.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the tenant from `Ekollega-Key`, checks the request's `Origin` against the tenant's
 * list, and signs the member in from `Authorization: Bearer`. A publishable key alone never
 * allows a write; a secret key is refused from a browser.
 */
export const tenantAuth = () => {
  const seen = new TtlCache<true>(60_000);
  const verifyMemberToken = memberTokenVerifier();
  return createMiddleware<Env>(async (c, next) => {
    const store = c.get('store');
    const value = c.req.header('ekollega-key');
    if (!value)
      throw new Problem(
        401,
        'key_missing',
        'The Ekollega-Key header is missing',
        'Send the association’s publishable key in Ekollega-Key.',
      );
    const origin = c.req.header('origin');

    let key: ApiKey | null;
    if (value.startsWith('sk_')) {
      if (origin) {
        throw new Problem(
          403,
          'secret_key_in_browser',
          'Secret keys are for servers only',
          'A secret key was sent with a browser Origin; use the publishable key in pages and rotate this secret key.',
        );
      }
      key = await store.cached.secretKey(value);
    } else {
      const claims = await verifyPublishableKey(store, value);
      key = claims ? await store.cached.key(claims.keyId) : null;
      if (key && (key.tenantId !== claims?.tenantId || key.kind !== 'publishable')) key = null;
    }
    if (!key) throw new Problem(401, 'key_invalid', 'The key is not valid');
    if (key.revokedAt) throw new Problem(401, 'key_revoked', 'The key has been revoked');
    const tenant = await store.cached.tenant(key.tenantId);
    if (!tenant) throw new Problem(401, 'key_invalid', 'The key is not valid');
    if (origin && !tenant.origins.includes(origin)) {
      c.set('originRefused', true);
      throw new Problem(
        403,
        'origin_not_allowed',
        'This website may not use the association’s key',
        `Origin ${origin} is not on the association’s list of allowed origins.`,
      );
    }
    if (origin) allowOrigin(c, origin);

    let member: Member | null = null;
    const authorization = c.req.header('authorization');
    if (authorization) {
      const parts = authorization.split(' ');
      const [scheme, token] = parts;
      if (parts.length !== 2 || scheme?.toLowerCase() !== 'bearer' || !token) {
        throw new Problem(401, 'token_malformed', 'Authorization must be "Bearer <member token>"');
      }
      member = await verifyMemberToken(token, tenant, c.get('clock')());
      await provision(store, seen, member, c.get('clock')());
    }
    if (!member && key.kind === 'publishable' && !SAFE_METHODS.has(c.req.method)) {
      throw new Problem(
        401,
        'sign_in_required',
        'Sign in to do this',
        'A publishable key alone only reads; send a member token.',
        {
          headers: { 'www-authenticate': 'Bearer' },
        },
      );
    }
    c.set('caller', { tenant, keyKind: key.kind, keyId: key.id, member });
    await next();
  });
};

/** Upserts the member on first sight and whenever their claims change, not on every request. */
async function provision(store: Store, seen: TtlCache<true>, member: Member, now: Date) {
  const fingerprint = JSON.stringify([
    member.tenantId,
    member.id,
    member.name,
    member.email,
    member.locale,
    member.roles,
  ]);
  await seen.get(fingerprint, async () => {
    await store.members.upsert(member, now);
    return true;
  });
}

/** Refuses unless a member is signed in; returns them. */
export function requireMember(c: { get(key: 'caller'): { member: Member | null } }): Member {
  const member = c.get('caller').member;
  if (!member)
    throw new Problem(401, 'sign_in_required', 'Sign in to do this', undefined, {
      headers: { 'www-authenticate': 'Bearer' },
    });
  return member;
}

/** Refuses unless the caller is the association's server (secret key) or a member with one of `roles`. */
export function requireRole(
  c: { get(key: 'caller'): { member: Member | null; keyKind: string } },
  ...roles: Member['roles']
) {
  const caller = c.get('caller');
  if (caller.keyKind === 'secret') return;
  const member = requireMember(c);
  if (!member.roles.some((role) => roles.includes(role))) {
    throw new Problem(
      403,
      'forbidden',
      'Your role does not allow this',
      `Needs one of: ${roles.join(', ')}.`,
    );
  }
}

export type { Tenant };
