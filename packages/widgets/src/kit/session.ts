import {
  createMemberClient,
  EkNetworkError,
  type EkMemberClient,
  type MemberTokenProvider,
  type PublicConfig,
} from '@ekollega/sdk';
import { memberTokenUnavailable } from './errors.js';

/** How a widget reaches the API; set on `<ek-provider>` or on each element (the element wins). */
export interface EkSettings {
  /** Where the API lives, e.g. `https://api.ekollega.fi`. */
  apiUrl?: string | undefined;
  /** The association's publishable key (`pk_…`). */
  tenantKey?: string | undefined;
  /** The host site's endpoint that gives the signed-in member's token (see `tokenUrlProvider`). */
  tokenUrl?: string | undefined;
  /** Gives the member token from script instead of a URL; wins over `tokenUrl`. */
  getMemberToken?: MemberTokenProvider | undefined;
  /** Language of the texts. */
  lang?: string | undefined;
}

/** One API client and the association's text overrides, shared by every widget with the same settings. */
export interface EkSession {
  readonly client: EkMemberClient;
  /** The association's text overrides once `loadStrings()` finished. */
  strings: PublicConfig['strings'] | undefined;
  /** How the association set up its Q&A board (downvotes, public reading), with the overrides. */
  qa: PublicConfig['qa'] | undefined;
  /** Fetches the overrides once; a failure is forgotten so the next load asks again. */
  loadStrings(): Promise<void>;
}

/**
 * The `token-url` contract: a GET with the host site's own cookies (`credentials: 'same-origin'`)
 * answers `{ "token": "<member JWT>" }` when a member is signed in and 401 when nobody is. The
 * widgets keep no cookies of their own; the token travels in the Authorization header.
 */
export function tokenUrlProvider(url: string): MemberTokenProvider {
  return async () => {
    let response: Response;
    try {
      // `no-store`: a token cached by the browser could outlive the member's sign-out.
      response = await fetch(url, {
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { accept: 'application/json' },
      });
    } catch (error) {
      throw new EkNetworkError(error);
    }
    if (response.status === 401) return null;
    if (!response.ok) throw memberTokenUnavailable(url, response.status, `answered ${response.status}`);
    const body = (await response.json().catch(() => null)) as { token?: unknown } | null;
    if (typeof body?.token !== 'string')
      throw memberTokenUnavailable(url, response.status, 'answered without a "token" string');
    return body.token;
  };
}

const sessions = new Map<string, EkSession>();
const functionIds = new WeakMap<MemberTokenProvider, number>();
let nextFunctionId = 0;

/**
 * The session for these settings, made once per page so widgets with the same settings share one
 * client (one member token, one `/v1/config` request). `null` until `apiUrl` and `tenantKey` are known.
 */
export function sessionFor(settings: EkSettings): EkSession | null {
  const { apiUrl, tenantKey, tokenUrl, getMemberToken } = settings;
  if (!apiUrl || !tenantKey) return null;
  let tokenSource = tokenUrl ? `url ${tokenUrl}` : 'none';
  if (getMemberToken) {
    if (!functionIds.has(getMemberToken)) functionIds.set(getMemberToken, nextFunctionId++);
    tokenSource = `function ${functionIds.get(getMemberToken)}`;
  }
  const key = `${apiUrl} ${tenantKey} ${tokenSource}`;
  let session = sessions.get(key);
  if (!session) {
    const tokens = getMemberToken ?? (tokenUrl ? tokenUrlProvider(tokenUrl) : undefined);
    session = createSession(createMemberClient({ baseUrl: apiUrl, tenantKey, getMemberToken: tokens }));
    sessions.set(key, session);
  }
  return session;
}

function createSession(client: EkMemberClient): EkSession {
  let pending: Promise<void> | undefined;
  const session: EkSession = {
    client,
    strings: undefined,
    qa: undefined,
    loadStrings() {
      pending ??= client.config().then(
        (config) => {
          session.strings = config.strings;
          session.qa = config.qa;
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
  };
  return session;
}
