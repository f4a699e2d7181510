import type { EkProblemError } from '@ekollega/sdk';
import type { MessageKey, Texts } from './i18n/index.js';

/** Why loading failed, as a value the UI can translate and the host can log. */
export interface EkFailure {
  /** Stable code: the API's (`rate_limited`, `not_found`…), `network`, `member_token_unavailable` or `not_configured`. */
  code: string;
  /** For developers and logs, in English; members see a translated text instead. */
  message: string;
  /** HTTP status, when the API (or the token URL) answered. */
  status?: number;
  /** Seconds the API asked to wait before trying again. */
  retryAfter?: number;
}

/**
 * Codes whose text is not simply `error.<code, dashed>`: the widgets' own, and (below) the API's
 * that share one text (a refused member token means "sign in again").
 */
const MESSAGES: Record<string, MessageKey> = {
  network: 'error.network',
  member_token_unavailable: 'error.member-token',
};

/** A site set up wrong (its key, its origin, what it sends): one text, "tell the association". */
const SITE_SETUP = /^(key_|origin_|secret_|malformed_|bad_req|not_conf)/;

/** The message key of a failure's code: `post_hidden` → `error.post-hidden`. */
function messageKey(code: string): MessageKey {
  if (code.startsWith('token_')) return 'error.sign-in-required';
  if (SITE_SETUP.test(code)) return 'error.site-setup';
  return MESSAGES[code] ?? (`error.${code.replaceAll('_', '-')}` as MessageKey);
}

/** Anything thrown while loading, as a failure. The SDK's errors carry their own code. */
export function toFailure(error: unknown): EkFailure {
  const { code, message = String(error), status, retryAfter } = error as Partial<EkProblemError>;
  // Only a string code is ours: a DOMException's `code` is a number.
  return { code: typeof code === 'string' ? code : 'unknown', message, status, retryAfter };
}

/**
 * Whether a failure means "nobody is signed in" rather than "something broke": the API asked for
 * a member, or refused the member token the host gave (any `token_…` 401). Both are answered by
 * signing in again on the host site.
 */
export const isSignedOut = (failure: EkFailure): boolean =>
  failure.status === 401 && (failure.code === 'sign_in_required' || failure.code.startsWith('token_'));

/** The text a member reads for a failure. */
export function failureText(failure: EkFailure, texts: Texts): string {
  if (failure.code === 'rate_limited' && failure.retryAfter)
    return texts.plural('error.rate-limited-wait', Math.ceil(failure.retryAfter));
  const key = messageKey(failure.code);
  const text = texts.t(key);
  // `t` answers the key itself for a code no catalogue has.
  return text === key ? texts.t('error.fallback') : text;
}

/**
 * The error thrown when the host's token URL neither gave a token nor said "nobody is signed in":
 * an `Error` with the code and status that `toFailure` reads.
 */
export const memberTokenUnavailable = (url: string, status: number, detail: string): Error =>
  Object.assign(new Error(`The member token could not be fetched: GET ${url}: ${detail}`), {
    code: 'member_token_unavailable',
    status,
  });
