import type { Catalogue, MessageKey } from './en.js';

export type { Catalogue, MessageKey } from './en.js';

/** The languages every widget speaks completely. */
export type Locale = 'fi' | 'sv' | 'en';

/**
 * Each language's texts are a chunk of their own, fetched when first needed, so a page downloads
 * the one language it reads rather than all three (the English object stays the type source).
 */
const importers: Record<Locale, () => Promise<Catalogue>> = {
  fi: () => import('./fi.js').then((module) => module.fi),
  sv: () => import('./sv.js').then((module) => module.sv),
  en: () => import('./en.js').then((module) => module.en),
};

/** The catalogues fetched so far. */
const catalogues: Partial<Record<Locale, Catalogue>> = {};
const loading: Partial<Record<Locale, Promise<unknown>>> = {};

/** Whether the texts of `locale` are here, so `Texts` of that language can speak. */
export const hasCatalogue = (locale: Locale): boolean => locale in catalogues;

/**
 * Fetches the texts of `locale` once; resolves when they are here. A failed fetch (the network)
 * resolves too, and the next call tries again.
 */
export function loadCatalogue(locale: Locale): Promise<unknown> {
  return (loading[locale] ??= importers[locale]().then(
    (catalogue) => (catalogues[locale] = catalogue),
    () => delete loading[locale],
  ));
}

/**
 * The language used when nothing on the page names one we have. Finnish, not English: the product
 * is built for Finnish entrepreneur associations, whose members read Finnish first, and a page in
 * an unsupported language (`de`) is far likelier a Finnish site with a stray `lang` than a German one.
 */
export const FALLBACK_LOCALE: Locale = 'fi';

/** Sessions carry their own IANA zone; this is the zone of the associations we serve today. */
export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

/**
 * The region each language is formatted for: Finland's Finnish and Swedish, and British English
 * because it writes day before month and a 24-hour clock as Finnish readers expect.
 */
const INTL_LOCALE: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

type PluralBase<K> = K extends `${infer Base}.other` ? Base : never;

/** Keys with plural forms, named without their `.one` / `.other` ending. */
export type PluralKey = PluralBase<MessageKey>;

/** `sv-FI` → `sv`; anything we do not speak → Finnish. */
export function toLocale(lang: string | null | undefined): Locale {
  const base = (lang ?? '').toLowerCase().split('-')[0];
  return base === 'fi' || base === 'sv' || base === 'en' ? base : FALLBACK_LOCALE;
}

/** The `lang` of the nearest ancestor that has one, looking through shadow roots up to `<html>`. */
export function closestLang(from: Element): string {
  const found = from.closest('[lang]');
  if (found) return found.getAttribute('lang') ?? '';
  const root = from.getRootNode();
  return root instanceof ShadowRoot ? closestLang(root.host) : '';
}

/** Splits `text` at `{name}` placeholders, putting each value (a string or a template) in its place. */
function fill(text: string, values: Record<string, unknown>): unknown[] {
  return text.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? values[part] : part));
}

/**
 * The texts of one language with an association's overrides on top. Overrides come from
 * `/v1/config` and win over the catalogue, key by key.
 */
export class Texts {
  /**
   * @param locale The language of the texts.
   * @param overrides The association's texts for this language, by message key.
   */
  constructor(
    readonly locale: Locale,
    private readonly overrides: Readonly<Record<string, string>> = {},
  ) {}

  #text(key: MessageKey): string {
    // A key, not an empty string, if the language's chunk could not be fetched.
    return this.overrides[key] ?? catalogues[this.locale]?.[key] ?? key;
  }

  /** The text of `key` with its `{placeholders}` filled. */
  t(key: MessageKey, values: Record<string, string | number> = {}): string {
    return fill(this.#text(key), values).join('');
  }

  /** The text of `key` as parts, so placeholders can hold templates (a name with its own `part`). */
  parts(key: MessageKey, values: Record<string, unknown>): unknown[] {
    return fill(this.#text(key), values);
  }

  /** The plural form of `key` that suits `count` in this language, with `{count}` filled. */
  plural(key: PluralKey, count: number): string {
    const form = `${key}.${new Intl.PluralRules(this.locale).select(count)}`;
    const chosen = (form in (catalogues[this.locale] ?? {}) ? form : `${key}.other`) as MessageKey;
    return this.t(chosen, { count: new Intl.NumberFormat(INTL_LOCALE[this.locale]).format(count) });
  }

  /**
   * A date and time as a reader in `timeZone` sees it. The zone is always explicit: a session
   * happens at 09:00 in Helsinki whatever the reader's computer is set to.
   */
  dateTime(
    when: Date | string | number,
    timeZone: string = DEFAULT_TIME_ZONE,
    options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
  ): string {
    return new Intl.DateTimeFormat(INTL_LOCALE[this.locale], { ...options, timeZone }).format(new Date(when));
  }

  /** A span of time as a reader in `timeZone` sees it, the parts both ends share said once (`Tue 3 Dec, 09:00–11:00`). */
  range(
    from: Date | string | number,
    to: Date | string | number,
    timeZone: string,
    options: Intl.DateTimeFormatOptions,
  ): string {
    return new Intl.DateTimeFormat(INTL_LOCALE[this.locale], { ...options, timeZone }).formatRange(
      new Date(from),
      new Date(to),
    );
  }
}
