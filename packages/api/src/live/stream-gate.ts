import { Problem } from '../problem.js';

/** How many live streams may be open at once in one API process. */
export interface StreamCaps {
  /** Per signed-in member (every tab and board of theirs counts). */
  perMember: number;
  /** Per client IP address, members and visitors together. */
  perIp: number;
}

/**
 * Eight covers a member with a few tabs each showing a board or two; 64 per address leaves room
 * for an office behind one NAT address while keeping one client from holding hundreds of streams.
 */
export const DEFAULT_STREAM_CAPS: StreamCaps = { perMember: 8, perIp: 64 };

/** What a refused client is told to wait: streams last minutes, so a second or two would not do. */
const RETRY_AFTER_SECONDS = 30;

/** Counts the open streams of this process per member and per IP address. */
export function streamGate(caps: StreamCaps) {
  const open = new Map<string, number>();
  const take = (key: string) => open.set(key, (open.get(key) ?? 0) + 1);
  const give = (key: string) => {
    const left = (open.get(key) ?? 1) - 1;
    if (left > 0) open.set(key, left);
    else open.delete(key);
  };
  return {
    /**
     * Takes a stream slot for the member (if any) and the address, or throws a 429 problem with
     * `Retry-After` naming the cap that was reached. Returns the release, which is safe to call twice.
     */
    enter(member: string | null, ip: string): () => void {
      const keys: [string, number, string][] = [[`ip ${ip}`, caps.perIp, 'from one address']];
      if (member !== null) keys.unshift([`member ${member}`, caps.perMember, 'per member']);
      for (const [key, limit, scope] of keys) {
        if ((open.get(key) ?? 0) >= limit) {
          throw new Problem(
            429,
            'too_many_streams',
            'Too many live streams',
            `At most ${limit} live streams ${scope} at once; close one or try again in ${RETRY_AFTER_SECONDS} s.`,
            { headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
          );
        }
      }
      for (const [key] of keys) take(key);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        for (const [key] of keys) give(key);
      };
    },
  };
}

export type StreamGate = ReturnType<typeof streamGate>;
