import { INTL_LOCALE, type Texts } from '../kit/i18n/index.js';
import type { MessageKey } from './i18n/index.js';

/**
 * Session times as the calendar's catalogues write them: "ti 8.12. klo 9.00–11.00",
 * "tis 8.12. kl. 9.00–11.00", "Tue 8/12, 9:00–11:00". The weekday is one of seven catalogue keys
 * and the date's and time's order a catalogue pattern, so an association can reword them; `Intl`
 * gives only the clock time and the calendar day in a zone. No inflected value is put into a
 * sentence: the date is numeric.
 */

/** A session's day and clock time in `zone`. */
interface LocalTime {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  day: number;
  month: number;
  year: number;
  /** The month's short name, for languages whose dates name it ("3 Dec"). */
  monthName: string;
  time: string;
}

function localTime(texts: Texts<MessageKey>, when: string | number, zone: string): LocalTime {
  const instant = new Date(when);
  // Swedish formats a date as YYYY-MM-DD, whatever the reader's language.
  const [year, month, day] = new Intl.DateTimeFormat('sv', { timeZone: zone })
    .format(instant)
    .split('-')
    .map(Number);
  const weekday = ((new Date(Date.UTC(year!, month! - 1, day)).getUTCDay() + 6) % 7) + 1;
  // British English writes 09:00, Finnish and Swedish 9.00.
  const hour = texts.locale === 'en' ? '2-digit' : 'numeric';
  const time = texts.dateTime(instant, zone, { hour, minute: '2-digit' });
  const monthName = texts.dateTime(instant, zone, { month: 'short' });
  return { weekday, day: day!, month: month!, year: year!, monthName, time };
}

/** The day's short weekday and date ("ti 8.12."). */
function dayOf(texts: Texts<MessageKey>, local: LocalTime): string {
  const weekday = texts.t(`calendar.weekday.${local.weekday}` as MessageKey);
  const date = texts.t('calendar.date', { ...local });
  return `${weekday} ${date}`;
}

/** One instant: "ti 8.12. klo 9.00". */
export function formatAt(texts: Texts<MessageKey>, when: string | number, zone: string): string {
  const local = localTime(texts, when, zone);
  return texts.t('calendar.at', { day: dayOf(texts, local), time: local.time });
}

/** A session's start and end: "ti 8.12. klo 9.00–11.00", both days when it runs past midnight. */
export function formatRange(texts: Texts<MessageKey>, start: string, end: string, zone: string): string {
  const from = localTime(texts, start, zone);
  const to = localTime(texts, end, zone);
  const day = dayOf(texts, from);
  if (dayOf(texts, to) !== day) return `${formatAt(texts, start, zone)} – ${formatAt(texts, end, zone)}`;
  return texts.t('calendar.when', { day, start: from.time, end: to.time });
}

/** The zone's short name at `when` ("UTC+2", "EET") in the reader's language. */
export function zoneName(texts: Texts<MessageKey>, when: string, zone: string): string {
  // With the date and time it stands beside: Chromium names the zone differently alone.
  const parts = new Intl.DateTimeFormat(INTL_LOCALE[texts.locale], {
    ...{ weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' },
    timeZone: zone,
    timeZoneName: 'short',
  }).formatToParts(new Date(when));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
}

/** A heading's first letter in capitals: Finnish and Swedish month and day names are lower case in a sentence. */
export const capitalise = (heading: string, locale: string): string =>
  heading.charAt(0).toLocaleUpperCase(locale) + heading.slice(1);
