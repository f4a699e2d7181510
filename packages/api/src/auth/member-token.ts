import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, errors, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { Member, Tenant } from '../store/index.js';
import { ROLES } from '../store/index.js';
import { Problem } from '../problem.js';
import { idString, singleLine } from '../contract/common.js';

/** Member tokens live at most this long (`exp - iat`). */
export const MAX_TOKEN_LIFETIME_SECONDS = 3600;
export const MEMBER_TOKEN_AUDIENCE = 'ekollega';
const CLOCK_TOLERANCE_SECONDS = 30;
const ASYMMETRIC = ['ES256', 'EdDSA'] as const;

const MemberClaims = z.object({
  sub: idString(200),
  name: singleLine(200, 1),
  email: z.string().email().max(320).optional(),
  locale: idString(35).min(2).optional(),
  roles: z.array(z.enum(ROLES)).max(3).optional(),
});

const refuse = (code: string, title: string, detail?: string) =>
  new Problem(401, code, title, detail, { headers: { 'www-authenticate': 'Bearer' } });

/**
 * Verifies a member token the association's backend minted. The algorithm is pinned by what the
 * tenant registered: HS256 with its member secret, or ES256/EdDSA with its registered public key.
 * The issuer must be this tenant, so a token of another tenant is refused.
 */
export async function verifyMemberToken(token: string, tenant: Tenant, now: Date): Promise<Member> {
  let alg: string | undefined;
  let unverifiedIssuer: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
    unverifiedIssuer = decodeJwt(token).iss;
  } catch {
    throw refuse('token_malformed', 'The member token is not a JWT');
  }
  // Said before the signature is checked, so an integrator sees the real mistake: wrong key pair.
  if (unverifiedIssuer !== tenant.id) {
    throw refuse(
      'token_wrong_issuer',
      'The member token was issued for another association',
      'iss must be the id of the association whose key is sent',
    );
  }
  let key: Uint8Array | CryptoKey;
  if (alg === 'HS256') {
    key = new TextEncoder().encode(tenant.memberTokenSecret);
  } else if (
    alg &&
    tenant.memberPublicJwk &&
    (ASYMMETRIC as readonly string[]).includes(alg) &&
    alg === tenant.memberPublicJwk.alg
  ) {
    key = (await importJWK(tenant.memberPublicJwk, alg)) as CryptoKey;
  } else {
    throw refuse(
      'token_algorithm_refused',
      'The member token is signed with an algorithm this association does not use',
      `alg ${alg ?? 'missing'}`,
    );
  }

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [alg!],
      issuer: tenant.id,
      audience: MEMBER_TOKEN_AUDIENCE,
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch (error) {
    throw fromJose(error);
  }
  if (payload.exp! - payload.iat! > MAX_TOKEN_LIFETIME_SECONDS) {
    throw refuse(
      'token_lifetime_too_long',
      'The member token lives longer than one hour',
      'exp may be at most 3600 s after iat',
    );
  }
  if (payload.iat! > now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) {
    throw refuse('token_not_yet_valid', 'The member token was issued in the future');
  }
  const claims = MemberClaims.safeParse(payload);
  if (!claims.success) {
    const field = claims.error.issues[0]?.path.join('.') ?? 'token';
    throw refuse(
      'token_claims_invalid',
      'The member token has an invalid claim',
      `claim ${field}: ${claims.error.issues[0]?.message}`,
    );
  }
  return {
    tenantId: tenant.id,
    id: claims.data.sub,
    name: claims.data.name,
    email: claims.data.email ?? null,
    locale: claims.data.locale ?? null,
    roles: claims.data.roles?.length ? claims.data.roles : ['member'],
  };
}

/**
 * `verifyMemberToken` with a memo of tokens already verified, so a member's repeated requests do
 * not each pay for a signature check. A hit still honours `exp` and `nbf` by the given clock; the
 * memo key holds the tenant's current secret and key, so rotating them drops old entries.
 */
export function memberTokenVerifier(maxEntries = 10_000) {
  const verified = new Map<string, { member: Member; exp: number; nbf: number }>();
  return async (token: string, tenant: Tenant, now: Date): Promise<Member> => {
    const key = `${tenant.id}\n${tenant.memberTokenSecret}\n${tenant.memberPublicJwk?.x ?? ''}\n${token}`;
    const seconds = now.getTime() / 1000;
    const hit = verified.get(key);
    if (hit && seconds < hit.exp + CLOCK_TOLERANCE_SECONDS && seconds >= hit.nbf - CLOCK_TOLERANCE_SECONDS)
      return hit.member;
    const member = await verifyMemberToken(token, tenant, now);
    const payload = decodeJwt(token);
    if (verified.size >= maxEntries) verified.clear();
    verified.set(key, { member, exp: payload.exp!, nbf: payload.nbf ?? payload.iat! });
    return member;
  };
}

function fromJose(error: unknown): Problem {
  if (error instanceof errors.JWTExpired) return refuse('token_expired', 'The member token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return refuse('token_not_yet_valid', 'The member token is not valid yet');
    if (error.claim === 'iss')
      return refuse('token_wrong_issuer', 'The member token was issued for another association');
    if (error.claim === 'aud')
      return refuse('token_wrong_audience', 'The member token is not meant for eKollega');
    return refuse(
      'token_claims_invalid',
      'The member token has an invalid claim',
      `claim ${error.claim}: ${error.reason}`,
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return refuse('token_algorithm_refused', 'The member token algorithm is refused');
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return refuse('token_signature_invalid', 'The member token signature does not verify');
  if (error instanceof errors.JOSEError || error instanceof TypeError)
    return refuse('token_malformed', 'The member token is malformed');
  throw error;
}
