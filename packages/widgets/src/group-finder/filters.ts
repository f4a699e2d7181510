import type { ListGroupsQuery } from '@ekollega/sdk';

/** The finder's filters as its properties hold them (the attribute names are in `FILTERS`). */
export interface GroupFilters {
  q?: string | undefined;
  language?: string | undefined;
  theme?: string | undefined;
  format?: string | undefined;
  region?: string | undefined;
  weekday?: number | undefined;
  timeOfDay?: string | undefined;
  hasPlaces?: boolean | undefined;
  trade?: string | undefined;
}

/** Filters the visitor sets with a control, by property and attribute name; `ek-<attribute>` in the page URL. */
export const FILTERS = [
  ['q', 'q'],
  ['language', 'language'],
  ['theme', 'theme'],
  ['format', 'format'],
  ['region', 'region'],
  ['weekday', 'weekday'],
  ['timeOfDay', 'time-of-day'],
  ['hasPlaces', 'has-places'],
] as const;

export type FilterName = (typeof FILTERS)[number][0];

/** Filters typed into a text box: applied after a pause in typing, as the reader expects of a search. */
export const TEXT_FILTERS: ReadonlySet<FilterName> = new Set(['q', 'theme', 'region']);

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export const FORMATS = ['online', 'in_person'] as const;
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;

const oneOf = <T>(value: unknown, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

const text = (value: string | undefined, max: number) => value?.trim().slice(0, max) || undefined;

/**
 * The API query for the filters. Values the API would refuse (a language we do not list, a
 * weekday 9, say from a hand-edited link) are left out rather than failing the whole list.
 */
export function toQuery(filters: GroupFilters): ListGroupsQuery {
  return {
    q: text(filters.q, 100),
    language: oneOf(filters.language, LANGUAGES),
    theme: text(filters.theme, 40),
    trade: text(filters.trade, 40),
    format: oneOf(filters.format, FORMATS),
    region: text(filters.region, 80),
    weekday: oneOf(Number(filters.weekday), [1, 2, 3, 4, 5, 6, 7]),
    time_of_day: oneOf(filters.timeOfDay, TIMES_OF_DAY),
    has_places: filters.hasPlaces || undefined,
  };
}

const PREFIX = 'ek-';

/**
 * The filters a shared link carries (`?ek-theme=sales&ek-has-places=true`). A parameter that is
 * present but empty clears a filter the page presets by attribute.
 */
export function filtersFromUrl(search: string): Partial<Record<FilterName, string>> {
  const params = new URLSearchParams(search);
  const found: Partial<Record<FilterName, string>> = {};
  for (const [name, attribute] of FILTERS) {
    const value = params.get(PREFIX + attribute);
    if (value !== null) found[name] = value;
  }
  return found;
}

/**
 * `href` with the filters written as `ek-` parameters and the host's own parameters kept. A filter
 * is written when set, or as empty when it clears a preset; otherwise its parameter is removed.
 */
export function urlWithFilters(
  href: string,
  filters: GroupFilters,
  isPreset: (attribute: string) => boolean,
): string {
  const url = new URL(href);
  for (const [name, attribute] of FILTERS) {
    const value = filters[name];
    const written = value === undefined || value === false ? '' : String(value);
    const parameter = PREFIX + attribute;
    if (written || isPreset(attribute)) url.searchParams.set(parameter, written);
    else url.searchParams.delete(parameter);
  }
  return url.href;
}
