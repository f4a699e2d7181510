import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';
import type { ApiKey, Store, Tenant } from '../store/index.js';
import { DEFAULT_PUBLISHABLE_SCOPES, hashSecret } from '../store/tenants.js';

const PLATFORM_ISSUER = 'ekollega-platform';
const PUBLISHABLE_AUDIENCE = 'ekollega-api';

/** What a verified publishable key says. */
export interface PublishableClaims {
  tenantId: string;
  keyId: string;
  scopes: string[];
  origins: string[];
}

/**
 * Issues a publishable key: `pk_` and a JWT the platform signs (EdDSA), naming the tenant, the key
 * id (for revocation), its scopes and the origins it was issued for. Safe in page source.
 */
export async function issuePublishableKey(store: Store, tenant: Tenant, scopes = DEFAULT_PUBLISHABLE_SCOPES) {
  const key = await store.tenants.addKey({ tenantId: tenant.id, kind: 'publishable', scopes });
  const token = await new SignJWT({ tid: tenant.id, scopes, origins: tenant.origins })
    .setProtectedHeader({ alg: 'EdDSA', kid: store.platformKey.kid, typ: 'JWT' })
    .setIssuer(PLATFORM_ISSUER)
    .setAudience(PUBLISHABLE_AUDIENCE)
    .setJti(key.id)
    .setIssuedAt(Math.floor(key.createdAt.getTime() / 1000))
    .sign(store.platformKey.privateKey);
  return { key, publishableKey: `pk_${token}` };
}

/** Issues a secret key for server-to-server calls: `sk_` and 32 random bytes; only a hash is stored. */
export async function issueSecretKey(store: Store, tenant: Tenant) {
  const secretKey = `sk_${randomBytes(32).toString('base64url')}`;
  const key = await store.tenants.addKey({
    tenantId: tenant.id,
    kind: 'secret',
    scopes: ['read', 'write', 'admin'],
    secretHash: hashSecret(secretKey),
  });
  return { key, secretKey };
}

/**
 * Verifies a publishable key's signature, pinned to EdDSA; `null` when it is not one of ours.
 * A signature's verdict never changes, so it is remembered (revocation is checked per request
 * against the key's row, not here).
 */
export async function verifyPublishableKey(store: Store, value: string): Promise<PublishableClaims | null> {
  if (!value.startsWith('pk_')) return null;
  const memo = verdicts.get(store);
  if (memo?.has(value)) return memo.get(value)!;
  const claims = await verifySignature(store, value);
  const map = memo ?? new Map<string, PublishableClaims | null>();
  if (map.size >= 10_000) map.clear();
  map.set(value, claims);
  verdicts.set(store, map);
  return claims;
}

const verdicts = new WeakMap<Store, Map<string, PublishableClaims | null>>();

async function verifySignature(store: Store, value: string): Promise<PublishableClaims | null> {
  try {
    const { payload } = await jwtVerify(value.slice(3), store.platformKey.publicKey, {
      algorithms: ['EdDSA'],
      issuer: PLATFORM_ISSUER,
      audience: PUBLISHABLE_AUDIENCE,
      requiredClaims: ['jti'],
    });
    if (typeof payload.tid !== 'string' || typeof payload.jti !== 'string') return null;
    return {
      tenantId: payload.tid,
      keyId: payload.jti,
      scopes: Array.isArray(payload.scopes) ? payload.scopes.map(String) : [],
      origins: Array.isArray(payload.origins) ? payload.origins.map(String) : [],
    };
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
    throw error;
  }
}

/** Creates a tenant with one publishable key and one secret key. */
export async function createTenant(store: Store, input: { name: string; origins: string[]; id?: string }) {
  const tenant = await store.tenants.create(input);
  const publishable = await issuePublishableKey(store, tenant);
  const secret = await issueSecretKey(store, tenant);
  return {
    tenant,
    publishableKey: publishable.publishableKey,
    secretKey: secret.secretKey,
    memberTokenSecret: tenant.memberTokenSecret,
  };
}

/** Issues a new key of a kind and revokes the tenant's other live keys of that kind. */
export async function rotateKey(store: Store, tenant: Tenant, kind: ApiKey['kind'], now: Date) {
  const issued =
    kind === 'publishable' ? await issuePublishableKey(store, tenant) : await issueSecretKey(store, tenant);
  const revoked = await store.tenants.revokeOthers(tenant.id, kind, issued.key.id, now);
  const value = 'publishableKey' in issued ? issued.publishableKey : issued.secretKey;
  return { keyId: issued.key.id, key: value, revoked };
}
