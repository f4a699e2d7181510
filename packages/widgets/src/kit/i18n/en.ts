/**
 * English texts every widget shares (loading, sign-in, retry, the errors, and the member status's
 * one line), and the source of their message keys: `fi.ts` and `sv.ts` are typed against this
 * object, so a key missing from (or unknown to) either of them fails the typecheck. Each element's
 * own texts are in its folder's `i18n/`, in the same form.
 *
 * Keys are what an association overrides through `/v1/config` `strings`, so they are stable and
 * readable (`element.purpose`). `{name}` marks a value filled in at render time. Keys ending in
 * `.one` / `.other` are plural forms chosen by `Intl.PluralRules`.
 */
export const en = {
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.sign-in-more': 'Sign in to see more.',
  'common.sign-in': 'Sign in',
  'error.network': 'The service cannot be reached. Check your connection and try again.',
  'error.sign-in-required': 'Please sign in to continue.',
  'error.rate-limited': 'Too many attempts in a short time. Try again in a moment.',
  'error.rate-limited-wait.one': 'Too many attempts in a short time. Try again in {count} second.',
  'error.rate-limited-wait.other': 'Too many attempts in a short time. Try again in {count} seconds.',
  'error.not-found': 'This content was not found.',
  'error.forbidden': 'You do not have access to this.',
  'error.member-token': 'Your sign-in could not be checked. Try again.',
  'error.fallback': 'Something went wrong. Try again.',
  // The association's name in this language: an association overrides it ("Egentliga Finlands Företagare").
  'member-status.association': '{name}',
  'member-status.signed-in': 'Signed in: {name} · {association}',
};

export type MessageKey = keyof typeof en;

/** A complete set of texts for one language. */
export type Catalogue = Record<MessageKey, string>;
