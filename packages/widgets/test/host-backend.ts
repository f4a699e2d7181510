/**
 * What the Node-side test fixtures share: they play the association's own backend, which reads a
 * JSON request, mints member tokens and answers the widgets' `token-url`.
 */
import { SignJWT } from 'jose';

/** The part of a dev-server (Koa) context the fixtures use. */
export interface Context {
  path: string;
  method: string;
  query: Record<string, string | undefined>;
  req: AsyncIterable<Uint8Array>;
  status: number;
  body: unknown;
}

/** The request's body, parsed as JSON. */
export async function readJson<T>(ctx: Context): Promise<T> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of ctx.req) text += decoder.decode(chunk, { stream: true });
  return JSON.parse(text) as T;
}

/** A member token as an association's backend mints it: HS256 with its member token secret. */
export function memberToken(
  association: { tenantId: string; secret: string },
  sub: string,
  name: string,
  roles: string[],
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ name, roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(association.tenantId)
    .setAudience('ekollega')
    .setSubject(sub)
    .setIssuedAt(now)
    .setExpirationTime(now + 900)
    .sign(new TextEncoder().encode(association.secret));
}

/**
 * Answers a `token-url` request as the host site would: `{ token }`, or 401 when nobody is signed
 * in; with `fail=<id>` the first answer for that id is a 500 (`failed` remembers which did).
 */
export async function answerTokenRequest(
  ctx: Context,
  failed: Set<string>,
  token: Promise<string> | null,
): Promise<void> {
  const { fail } = ctx.query;
  if (fail && !failed.has(fail)) {
    failed.add(fail);
    ctx.status = 500;
    ctx.body = { error: 'the host site failed' };
    return;
  }
  const signed = await token;
  ctx.status = signed ? 200 : 401;
  ctx.body = signed ? { token: signed } : { error: 'nobody is signed in' };
}
