import { createHash } from 'node:crypto';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { Env } from '../env.js';
import { TtlCache } from '../store/ttl-cache.js';

/** How long a visitor's list may be served from memory; writes through this process clear it at once. */
export const VISITOR_CACHE_MS = 2_000;

/** What the visitors' memo may hold: query strings are the caller's to invent. */
export const VISITOR_CACHE_BOUNDS = { maxEntries: 5_000, maxBytes: 32 * 1024 * 1024 };

/**
 * Answers a public read with an ETag (304 when the client has it) and the right Cache-Control;
 * `visitorMaxAge: 0` makes browsers revalidate every time (live content such as the Q&A board).
 * Visitors' reads are memoised per tenant and query for a moment: they are the same for every
 * visitor, and the finder on a busy front page must not cost a query per page view. Only a
 * visitor (publishable key, no member) reads or fills the memo: the secret key moderates and sees
 * more, so its answers are never shared, nor cached by anyone but the association's server.
 */
export function cachedRead(options: { visitorMaxAge: number } = { visitorMaxAge: 15 }) {
  const memo = new TtlCache<{ body: Uint8Array; etag: string }>(VISITOR_CACHE_MS, Date.now, {
    ...VISITOR_CACHE_BOUNDS,
    sizeOf: (entry) => entry.body.byteLength,
  });
  return async <T>(
    c: Context<Env>,
    load: () => Promise<T>,
  ): Promise<Response & TypedResponse<JSONParsed<T>, 200, 'json'>> => {
    const { tenant, member, keyKind } = c.get('caller');
    const visitor = !member && keyKind === 'publishable';
    const render = async () => {
      // Kept encoded: a memoised list is served as bytes without being re-encoded per request.
      const body = Buffer.from(JSON.stringify(await load()));
      return { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
    };
    // Everything a visitor's answer depends on: the association, its settings (such as how votes
    // count), its content's changes, the path and the query.
    const key = () =>
      [tenant.id, JSON.stringify(tenant.settings), c.get('store').version(tenant.id), c.req.url].join('\n');
    const { body, etag } = visitor ? await memo.get(key(), render) : await render();
    const headers = {
      etag,
      'cache-control': !visitor
        ? 'private, no-cache'
        : options.visitorMaxAge
          ? `public, max-age=${options.visitorMaxAge}`
          : 'public, no-cache',
      vary: 'Origin, Ekollega-Key, Authorization',
    };
    // The bytes are `load()`'s JSON, so the response is typed as `c.json(await load())` would be:
    // the route's schema is checked against what `load` returns. A 304 has no body to check.
    const response: Response =
      c.req.header('if-none-match') === etag
        ? c.body(null, 304, headers)
        : c.body(body as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-type': 'application/json' });
    return response as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
  };
}
