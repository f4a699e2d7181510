import type { StreamGate } from './live/stream-gate.js';
import type { Member, Store, Tenant } from './store/index.js';

/** The clock every time-dependent decision reads, so tests can move time. */
export type Clock = () => Date;

/** What the tenant middleware learned about the caller. */
export interface Caller {
  tenant: Tenant;
  /** `publishable` from a page, `secret` from the association's server. */
  keyKind: 'publishable' | 'secret';
  keyId: string;
  /** The signed-in member, when a valid member token came along. */
  member: Member | null;
}

/** Hono environment of every route: `c.var.store`, `c.var.caller`… */
export type Env = {
  Variables: {
    store: Store;
    clock: Clock;
    requestId: string;
    caller: Caller;
    /** The client's IP address (from X-Forwarded-For only when the proxy is trusted). */
    clientIp: string;
    /** This process's count of open live streams. */
    streams: StreamGate;
    /** Set when the key's tenant does not list the request's Origin: CORS then stays silent. */
    originRefused: boolean;
  };
};
