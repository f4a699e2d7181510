import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Env } from '../env.js';
import { Problem } from '../problem.js';

const ALLOW_HEADERS = 'Ekollega-Key, Authorization, Content-Type, If-None-Match, Last-Event-ID';
const EXPOSE_HEADERS = 'ETag, Location, Retry-After, X-Request-Id, RateLimit-Limit, RateLimit-Remaining';

/**
 * CORS that answers only origins an association listed. A preflight carries no key, so it is
 * answered for any origin some tenant lists; the real request is then checked against the key's
 * own tenant (tenant middleware) and only that tenant's origins get `Access-Control-Allow-Origin`.
 */
export const cors = (publicPaths: (path: string) => boolean) =>
  createMiddleware<Env>(async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) return next();
    const isPublic = publicPaths(c.req.path);
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      if (!isPublic && !(await c.get('store').cached.isKnownOrigin(origin))) {
        throw new Problem(
          403,
          'origin_not_allowed',
          'This website may not use the eKollega API',
          `Origin ${origin} is not listed by any association.`,
        );
      }
      return c.body(null, 204, {
        'access-control-allow-origin': isPublic ? '*' : origin,
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-max-age': '600',
        vary: 'Origin',
      });
    }
    // Headers are set before the handler runs (cheaper than editing a finished response): here for
    // public paths, in the tenant middleware once the key's tenant is known.
    c.header('vary', 'Origin');
    if (isPublic) allowOrigin(c, '*');
    await next();
    // A missing or bad key fails before the tenant is known; a listed origin may still read why.
    if (
      c.res.status >= 400 &&
      !c.get('caller') &&
      !c.get('originRefused') &&
      !c.res.headers.has('access-control-allow-origin') &&
      (await c.get('store').cached.isKnownOrigin(origin))
    ) {
      c.res.headers.set('access-control-allow-origin', origin);
      c.res.headers.set('access-control-expose-headers', EXPOSE_HEADERS);
    }
  });

/** Lets `origin` read this response. */
export function allowOrigin(c: Context, origin: string) {
  c.header('access-control-allow-origin', origin);
  c.header('access-control-expose-headers', EXPOSE_HEADERS);
}
