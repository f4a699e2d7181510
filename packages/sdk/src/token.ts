/** Supplies the signed-in member's token, or `null` when nobody is signed in. */
export type MemberTokenProvider = (options: {
  forceRefresh: boolean;
}) => Promise<string | null> | string | null;

/** Ask for a new token this long before the current one expires. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Keeps the member token the host supplies and asks again shortly before it expires, or at once
 * after the API refused it. Concurrent callers share one pending request.
 */
export class MemberTokens {
  #token: string | null = null;
  #expiresAt = 0;
  #pending: Promise<string | null> | null = null;

  constructor(
    private readonly provider: MemberTokenProvider | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async get(forceRefresh = false): Promise<string | null> {
    if (!this.provider) return null;
    if (!forceRefresh && this.#token && this.now() < this.#expiresAt - REFRESH_MARGIN_MS) return this.#token;
    this.#pending ??= (async () => {
      try {
        const token = (await this.provider!({ forceRefresh })) ?? null;
        this.#token = token;
        this.#expiresAt = token ? expiryOf(token) : 0;
        return token;
      } finally {
        this.#pending = null;
      }
    })();
    return this.#pending;
  }

  /** Forget the token (sign-out on the host page). */
  clear(): void {
    this.#token = null;
    this.#expiresAt = 0;
  }
}

/** `exp` of a JWT in ms, read without verifying (the API verifies); unknown means "refresh soon". */
function expiryOf(token: string): number {
  try {
    const payload = token.split('.')[1]!;
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof json.exp === 'number' ? json.exp * 1000 : 0;
  } catch {
    return 0;
  }
}
