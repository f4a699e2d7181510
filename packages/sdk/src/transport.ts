import type { Page, ProblemBody } from '@ekollega/api/contract';
import { EkNetworkError, EkProblemError } from './errors.js';
import { MemberTokens } from './token.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | undefined | null | (string | number)[]>;

export interface RequestOptions {
  /** Cancels the request and any wait between retries. */
  signal?: AbortSignal;
}

export interface TransportOptions {
  baseUrl: string;
  /** The key header: the publishable key in pages, the secret key on servers. */
  key: string;
  tokens: MemberTokens;
  fetch?: typeof fetch;
  /** Retries of idempotent calls after 429/503 or a network error (default 3). */
  retries?: number;
  /** First backoff in ms, doubled each retry (default 300). */
  backoffMs?: number;
  /** Longest wait that `Retry-After` may ask for before the error is given to the caller (default 30 s). */
  maxRetryAfterMs?: number;
}

const IDEMPOTENT = new Set<Method>(['GET', 'PUT', 'DELETE']);

/** Sends requests with the key and member token, retries what is safe to retry, and turns problems into errors. */
export class Transport {
  readonly #fetch: typeof fetch;
  readonly #base: string;
  constructor(readonly options: TransportOptions) {
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#base = options.baseUrl.replace(/\/+$/, '');
  }

  url(path: string, query?: Query): string {
    const url = new URL(this.#base + path);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null || value === '') continue;
      if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(name, String(v)));
      else url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  async request<T>(
    method: Method,
    path: string,
    init: { query?: Query; body?: unknown } & RequestOptions = {},
  ): Promise<T> {
    const response = await this.send(method, path, init);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** Like `request` but hands back the raw response (text bodies such as iCalendar). */
  async send(
    method: Method,
    path: string,
    init: {
      query?: Query;
      body?: unknown;
      accept?: string;
      headers?: Record<string, string>;
    } & RequestOptions = {},
  ): Promise<Response> {
    const retries = IDEMPOTENT.has(method) ? (this.options.retries ?? 3) : 0;
    let refreshedToken = false;
    let forceRefresh = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.options.tokens.get(forceRefresh);
      forceRefresh = false;
      const headers: Record<string, string> = {
        ...init.headers,
        'ekollega-key': this.options.key,
        accept: init.accept ?? 'application/json',
      };
      if (token) headers.authorization = `Bearer ${token}`;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await this.#fetch(this.url(path, init.query), {
          method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: init.signal,
        });
      } catch (error) {
        if (init.signal?.aborted) throw init.signal.reason ?? error;
        if (attempt < retries) {
          await sleep(this.#backoff(attempt), init.signal);
          continue;
        }
        throw new EkNetworkError(error);
      }
      if (response.ok) return response;
      const problem = await readProblem(response);
      // Once after a 401: the token may have expired early or been rotated; ask the host again.
      if (response.status === 401 && token && !refreshedToken) {
        refreshedToken = true;
        forceRefresh = true;
        attempt--;
        continue;
      }
      if ((response.status === 429 || response.status === 503) && attempt < retries) {
        const wait = problem.retryAfter !== undefined ? problem.retryAfter * 1000 : this.#backoff(attempt);
        if (wait <= (this.options.maxRetryAfterMs ?? 30_000)) {
          await sleep(wait, init.signal);
          continue;
        }
      }
      throw problem;
    }
  }

  #backoff(attempt: number): number {
    const base = (this.options.backoffMs ?? 300) * 2 ** attempt;
    return base / 2 + Math.random() * (base / 2);
  }
}

async function readProblem(response: Response): Promise<EkProblemError> {
  const header = response.headers.get('retry-after');
  const seconds = Number(header);
  const retryAfter = header
    ? Number.isFinite(seconds)
      ? seconds
      : Math.max(0, (Date.parse(header) - Date.now()) / 1000)
    : undefined;
  // Not a problem document (a proxy's HTML page): described from the status alone.
  const body: Record<string, unknown> = (await response.json().catch(() => null)) ?? {};
  return new EkProblemError(
    {
      type: 'about:blank',
      title: response.statusText || 'Request failed',
      code: `http_${response.status}`,
      ...body,
      status: response.status,
      errors: Array.isArray(body.errors) ? body.errors : [],
    } as ProblemBody,
    { retryAfter, requestId: response.headers.get('x-request-id') ?? undefined },
  );
}

/** Waits `ms`; rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Walks a cursor-paginated list: `for await (const group of paginate((cursor) => client.groups.list({ cursor })))`.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}
