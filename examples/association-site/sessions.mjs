/**
 * The site's own sign-in sessions: a random id in an HttpOnly cookie, the member kept in memory.
 * This is the association's first-party session; eKollega never sees it, only the member tokens
 * minted from it.
 */
import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'vsy_session';
/** A session ends this long after sign-in, like a typical association member area. */
const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/**
 * Creates an in-memory session store (sessions end when the process stops, which suits a demo).
 * @template Member
 * @param {{ now?: () => number }} [options]
 */
export function createSessions({ now = Date.now } = {}) {
  /** @type {Map<string, { member: Member, expiresAt: number }>} */
  const sessions = new Map();
  return {
    /**
     * Starts a session for `member` and returns its `Set-Cookie` header value.
     * @param {Member} member
     */
    start(member) {
      const id = randomBytes(32).toString('base64url');
      sessions.set(id, { member, expiresAt: now() + SESSION_LIFETIME_MS });
      return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_LIFETIME_MS / 1000}`;
    },
    /**
     * The member of the request's session cookie, or null.
     * @param {string | undefined} cookieHeader
     * @returns {Member | null}
     */
    memberOf(cookieHeader) {
      const id = sessionId(cookieHeader);
      const session = id === null ? undefined : sessions.get(id);
      if (!id || !session) return null;
      if (session.expiresAt <= now()) {
        sessions.delete(id);
        return null;
      }
      return session.member;
    },
    /**
     * Ends the request's session and returns the `Set-Cookie` value that clears the cookie.
     * @param {string | undefined} cookieHeader
     */
    end(cookieHeader) {
      const id = sessionId(cookieHeader);
      if (id) sessions.delete(id);
      return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
    },
  };
}

/** @param {string | undefined} cookieHeader */
function sessionId(cookieHeader) {
  for (const pair of cookieHeader?.split(';') ?? []) {
    const [name, value] = pair.trim().split('=');
    if (name === SESSION_COOKIE && value) return value;
  }
  return null;
}
