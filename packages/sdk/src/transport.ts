import type { paths } from './generated/api.js';
import type { Page, ProblemBody } from './types.js';
import { EkNetworkError, EkProblemError } from './errors.js';
import { MemberTokens } from './token.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | undefined | null | (string | number)[]>;

type Path = keyof paths;
type OperationOf<P extends Path, M extends Method> = paths[P][Lowercase<M>];
/** The API's paths that answer `method`, as the OpenAPI document spells them (`/v1/groups/{id}`). */
export type PathOf<M extends Method> = {
  [P in Path]: OperationOf<P, M> extends { responses: object } ? P : never;
}[Path];
type JsonOf<C> = C extends { content: { 'application/json': infer B } } ? B : never;
type PathParamsOf<O> = O extends { parameters: { path: infer P } } ? P : never;
/** A `'true' | 'false'` query flag also takes a boolean: `url()` writes it as that text. */
type Flags<Q> = { [K in keyof Q]: Q[K] extends 'true' | 'false' | undefined ? Q[K] | boolean : Q[K] };
/** The query an operation takes. */
export type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? Flags<NonNullable<Q>> : never;
/** The body an operation takes, from its `requestBody`. */
export type BodyOf<M extends Method, P extends PathOf<M>> = JsonOf<
  NonNullable<OperationOf<P, M> extends { requestBody?: infer B } ? B : never>
>;
/** What an operation answers with: its 200 or 201 JSON, or nothing (204). */
export type ResultOf<M extends Method, P extends PathOf<M>> =
  OperationOf<P, M> extends { responses: infer R }
    ? 200 extends keyof R
      ? JsonOf<R[200]>
      : 201 extends keyof R
        ? JsonOf<R[201]>
        : void
    : never;
/** Path parameters, query and body as the operation declares them; `params` only where the path has some. */
export type RequestInit<M extends Method, P extends PathOf<M>> = RequestOptions &
  ([PathParamsOf<OperationOf<P, M>>] extends [never]
    ? { params?: never }
    : { params: PathParamsOf<OperationOf<P, M>> }) &
  ([BodyOf<M, P>] extends [never] ? { body?: never } : { body: BodyOf<M, P> }) & {
    query?: QueryOf<OperationOf<P, M>>;
  };

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

  /**
   * Calls one operation of the API; its path parameters, query, body and result are the types the
   * API's OpenAPI document gives that path and method.
   *
   * @example
   * const page = await transport.request('GET', '/v1/groups', { query: { language: 'fi' } });
   * const group = await transport.request('GET', '/v1/groups/{id}', { params: { id } });
   */
  async request<M extends Method, P extends PathOf<M>>(
    method: M,
    path: P,
    ...[init]: Partial<RequestInit<M, P>> extends RequestInit<M, P>
      ? [RequestInit<M, P>?]
      : [RequestInit<M, P>]
  ): Promise<ResultOf<M, P>> {
    const response = await this.send(method, path, init as SendInit);
    // The API answers what its document declares; the document is where the type comes from.
    if (response.status === 204) return undefined as ResultOf<M, P>;
    return (await response.json()) as ResultOf<M, P>;
  }

  /** Like `request` but hands back the raw response (text bodies such as iCalendar). */
  async send(method: Method, path: Path, init: SendInit = {}): Promise<Response> {
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
        response = await this.#fetch(this.url(fill(path, init.params), init.query), {
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

type SendInit = {
  params?: Record<string, string>;
  query?: Query;
  body?: unknown;
  accept?: string;
  headers?: Record<string, string>;
} & RequestOptions;

/** `/v1/groups/{id}` with `{ id }` filled in, each value encoded. */
function fill(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`${path} needs the parameter ${name}`);
    return encodeURIComponent(value);
  });
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
