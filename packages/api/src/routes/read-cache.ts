import { createHash } from 'node:crypto';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { Env } from '../env.js';
import { TtlCache } from '../store/ttl-cache.js';

/** How long a read may be served from memory; writes through this process clear it at once. */
export const VISITOR_CACHE_MS = 2_000;

/**
 * What the memo of each route may hold: query strings are the caller's to invent, and on the
 * embedded store members' answers are memoised too.
 */
export const VISITOR_CACHE_BOUNDS = { maxEntries: 5_000, maxBytes: 32 * 1024 * 1024 };

/**
 * Answers a read with an ETag (304 when the client has it) and the right Cache-Control;
 * `visitorMaxAge: 0` makes browsers revalidate every time (live content such as the Q&A board).
 *
 * Reads are memoised per tenant, caller and query for a moment, keyed by the tenant's change
 * counter, so a write through this process is seen by the next read:
 * - Visitors' (publishable key, no member): the same for every visitor, and the finder on a busy
 *   front page must not cost a query per page view.
 * - A member's, only on the embedded store: it has one process, which sees every change, so after
 *   their own join, RSVP or post a member's next read is fresh. With PostgreSQL another process may
 *   have written, so a member's reads are rendered afresh there.
 * The secret key moderates and sees more: its answers are never memoised.
 * The key also holds the clock's 2-second step, so what depends on the time (sessions that have
 * ended, the next session) is never older than that.
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
    const store = c.get('store');
    const visitor = !member && keyKind === 'publishable';
    const memoised = visitor || (member !== null && store.db.engine === 'pglite');
    const render = async () => {
      // Kept encoded: a memoised answer is served as bytes without being re-encoded per request.
      const body = Buffer.from(JSON.stringify(await load()));
      // A member's tag names them, so that a browser shared by two members never takes one's copy
      // for the other's.
      const hash = createHash('sha1');
      if (member) hash.update(`${member.id}\n`);
      return { body, etag: `W/"${hash.update(body).digest('base64url')}"` };
    };
    // Everything the answer depends on: the association, its settings (such as how votes count),
    // its content's changes, the time, the caller's claims, the path and the query.
    const key = () =>
      [
        tenant.id,
        JSON.stringify(tenant.settings),
        store.version(tenant.id),
        Math.floor(c.get('clock')().getTime() / VISITOR_CACHE_MS),
        member ? JSON.stringify(member) : '',
        c.req.url,
      ].join('\n');
    const { body, etag } = memoised ? await memo.get(key(), render) : await render();
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
