import { css, html, nothing } from 'lit';
import type { Locale } from './i18n/index.js';

/** The steps from seconds up, each with how many of it make the next. */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
];

/** One formatter per language and style: a board shows hundreds of times, and making one is slow. */
const formatters = new Map<string, Intl.RelativeTimeFormat>();

function formatter(locale: Locale, style: 'short' | 'long'): Intl.RelativeTimeFormat {
  const key = `${locale} ${style}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style });
    formatters.set(key, format);
  }
  return format;
}

/**
 * `when` relative to `now` in the reader's language, in the largest unit that is at least one
 * ("in 3 days", "2 h ago", "tomorrow"), through `Intl.RelativeTimeFormat`: the words, their case
 * and their order are the runtime's, in Finnish, Swedish and English alike.
 */
export function relativeTime(when: string | number, locale: Locale, now = Date.now()): string {
  let amount = (new Date(when).getTime() - now) / 1000;
  for (const [unit, next] of UNITS) {
    if (Math.abs(amount) < next || unit === 'year') {
      return formatter(locale, unit === 'hour' || unit === 'minute' ? 'short' : 'long').format(
        Math.trunc(amount),
        unit,
      );
    }
    amount /= next;
  }
  return '';
}

/**
 * A relative time in a `<time>` that shows the exact time beside it on hover and (when
 * `focusable`) on keyboard focus, with `relativeTimeStyles`; screen readers get both. Leave it out
 * of the tab order where the exact time is on screen anyway.
 */
export const renderRelativeTime = (when: string | number, exact: string, locale: Locale, focusable = true) =>
  html`<time
    part="relative-time"
    datetime=${new Date(when).toISOString()}
    title=${exact}
    tabindex=${focusable ? 0 : nothing}
    >${relativeTime(when, locale)}<span class="exact"> (${exact})</span></time
  >`;

/** Hides the exact time of a relative time from sight, not from screen readers, until hover or focus. */
export const relativeTimeStyles = css`
  time:not(:hover, :focus-visible) .exact {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
