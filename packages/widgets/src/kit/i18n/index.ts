import type { ProblemKey } from '../../problems/i18n/en.js';
import type { MessageKey as CommonKey0 } from './en.js';

/** The keys every widget can say: the common texts and the failures' (fetched apart, `problemTexts`). */
type CommonKey = CommonKey0 | ProblemKey;

export type MessageKey = CommonKey;

/** The languages every widget speaks completely. */
export type Locale = 'fi' | 'sv' | 'en';

/** One language's texts of a set, by message key. */
export type Catalogue<K extends string> = Readonly<Record<K, string>>;

/**
 * One set of texts in every language, each language a chunk of its own fetched when first needed,
 * so a page downloads the one language it reads. The kit's common texts are one set
 * (`commonTexts`); each element has its own (`i18n/` in its folder), fetched with the element, so a
 * page downloads only the texts of the elements it shows.
 */
export class TextCatalogues<K extends string> {
  /** The catalogues fetched so far. */
  readonly #catalogues: Partial<Record<Locale, Catalogue<K>>> = {};
  readonly #loading: Partial<Record<Locale, Promise<unknown>>> = {};

  /** @param importers Imports each language's catalogue (a dynamic `import()`, so a chunk of its own). */
  constructor(private readonly importers: Record<Locale, () => Promise<Catalogue<K>>>) {}

  /** Whether the texts of `locale` are here. */
  has(locale: Locale): boolean {
    return locale in this.#catalogues;
  }

  /** The texts of `locale`, once fetched. */
  get(locale: Locale): Catalogue<K> | undefined {
    return this.#catalogues[locale];
  }

  /**
   * Fetches the texts of `locale` once; resolves when they are here. A failed fetch (the network)
   * resolves too, and the next call tries again.
   */
  load(locale: Locale): Promise<unknown> {
    return (this.#loading[locale] ??= this.importers[locale]().then(
      (catalogue) => (this.#catalogues[locale] = catalogue),
      () => delete this.#loading[locale],
    ));
  }
}

/** What every widget says: loading, sign-in, retry, the errors (and the member status's one line). */
export const commonTexts = new TextCatalogues<CommonKey0>({
  fi: () => import('./fi.js').then((module) => module.fi),
  sv: () => import('./sv.js').then((module) => module.sv),
  en: () => import('./en.js').then((module) => module.en),
});

/**
 * The texts of failures and field errors (`src/problems/i18n/`): fetched after a widget's first
 * render, and before it shows a failure (`EkElement`), never in a page's first paint.
 */
export const problemTexts = new TextCatalogues<ProblemKey>({
  fi: () => import('../views/problems.js').then((module) => module.importers.fi()),
  sv: () => import('../views/problems.js').then((module) => module.importers.sv()),
  en: () => import('../views/problems.js').then((module) => module.importers.en()),
});

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
export const INTL_LOCALE: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** Keys with plural forms, named without their `.one` / `.other` ending. */
export type PluralKey<K extends string> = K extends `${infer Base}.other` ? Base : never;

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
 * The texts of one language with an association's overrides on top: the kit's common texts and,
 * for an element, its own (`K`, its keys). Overrides come from `/v1/config` and win over the
 * catalogues, key by key.
 */
export class Texts<K extends string = never> {
  /**
   * @param locale The language of the texts.
   * @param overrides The association's texts for this language, by message key.
   * @param own The element's own texts, beside the common ones.
   */
  constructor(
    readonly locale: Locale,
    private readonly overrides: Readonly<Record<string, string>> = {},
    private readonly own?: TextCatalogues<K>,
  ) {}

  /** The catalogues' text of `key`, if one of them has it. */
  #find(key: string): string | undefined {
    const own: Readonly<Record<string, string>> | undefined = this.own?.get(this.locale);
    const common: Readonly<Record<string, string>> | undefined = commonTexts.get(this.locale);
    const problems: Readonly<Record<string, string>> | undefined = problemTexts.get(this.locale);
    return own?.[key] ?? common?.[key] ?? problems?.[key];
  }

  #text(key: K | CommonKey): string {
    // A key, not an empty string, if the language's chunk could not be fetched.
    return this.overrides[key] ?? this.#find(key) ?? key;
  }

  /** The text of `key` with its `{placeholders}` filled. */
  t(key: K | CommonKey, values: Record<string, string | number> = {}): string {
    return fill(this.#text(key), values).join('');
  }

  /** The text of `key` as parts, so placeholders can hold templates (a name with its own `part`). */
  parts(key: K | CommonKey, values: Record<string, unknown>): unknown[] {
    return fill(this.#text(key), values);
  }

  /** The plural form of `key` that suits `count` in this language, with `{count}` filled. */
  plural(key: PluralKey<K | CommonKey>, count: number): string {
    const form = `${key}.${new Intl.PluralRules(this.locale).select(count)}`;
    const chosen = (this.#find(form) === undefined ? `${key}.other` : form) as K | CommonKey;
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

  /**
   * A date and time the way each language writes it in Finland, in `timeZone`: Finnish
   * `ti 8.12. klo 9.00`, Swedish `tis 8.12.2026 kl. 9.00` (Finland-Swedish keeps the numeric date
   * with its year, and `kl.`), English `Tue 8 Dec, 9:00`. Numeric Finnish dates need no case
   * ending, so the result fits any sentence ("viimeistään {date}"). `weekday: false` leaves the
   * day's name out.
   */
  when(when: Date | string | number, timeZone: string = DEFAULT_TIME_ZONE, { weekday = true } = {}): string {
    const say = (options: Intl.DateTimeFormatOptions) => this.dateTime(when, timeZone, options);
    const time = { hour: 'numeric', minute: '2-digit' } as const;
    if (this.locale === 'en')
      return say({ ...(weekday ? { weekday: 'short' } : {}), day: 'numeric', month: 'short', ...time });
    const fi = this.locale === 'fi';
    const day = say(
      fi ? { day: 'numeric', month: 'numeric' } : { day: 'numeric', month: 'numeric', year: 'numeric' },
    );
    const name = weekday ? `${say({ weekday: 'short' }).replace(/\.$/, '')} ` : '';
    return `${name}${day} ${fi ? 'klo' : 'kl.'} ${say(time)}`;
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
