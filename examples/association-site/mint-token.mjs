import { SignJWT } from 'jose';

/**
 * Mints the member token the eKollega widgets send to the API: HS256 with the association's
 * member token secret, for 15 minutes (the widgets ask for a new one before it runs out, and a
 * leaked token is soon useless; the API refuses lifetimes over one hour).
 *
 * @param {{ tenantId: string, memberTokenSecret: string }} association From `ekollega tenant create`.
 * @param {{ sub: string, name: string, email?: string, locale?: string, roles?: readonly string[] }} member
 * @returns {Promise<string>} A compact JWT.
 */
export async function mintMemberToken(association, member) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ name: member.name, email: member.email, locale: member.locale, roles: member.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(association.tenantId)
    .setAudience('ekollega')
    .setSubject(member.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + 15 * 60)
    .sign(new TextEncoder().encode(association.memberTokenSecret));
}
