/**
 * Finland's public holidays and the two customary days off (Midsummer Eve, Christmas Eve), so a
 * facilitator sees which dates of a series fall on one before saving it.
 *
 * A function rather than a library: `date-holidays` is well kept but carries every country's
 * rules (hundreds of kilobytes) for these fifteen dates, and the small Finnish packages on npm are
 * unmaintained. The rules (Holidays Act and the Church calendar): fixed dates; Easter by the
 * Gregorian computus (Good Friday −2, Easter Monday +1, Ascension Day +39, Pentecost +49);
 * Midsummer Day the Saturday of 20–26 June (its Eve the day before); All Saints' Day the Saturday
 * of 31 October – 6 November. `holidays.test.ts` checks them against the published calendars.
 */

export type HolidayCode =
  | 'new_year'
  | 'epiphany'
  | 'good_friday'
  | 'easter_sunday'
  | 'easter_monday'
  | 'may_day'
  | 'ascension_day'
  | 'pentecost'
  | 'midsummer_eve'
  | 'midsummer_day'
  | 'all_saints_day'
  | 'independence_day'
  | 'christmas_eve'
  | 'christmas_day'
  | 'boxing_day';

/** Names as Finnish calendars print them, in Finnish, Finland's Swedish and English. */
export const HOLIDAY_NAMES: Record<HolidayCode, { fi: string; sv: string; en: string }> = {
  new_year: { fi: 'Uudenvuodenpäivä', sv: 'Nyårsdagen', en: 'New Year’s Day' },
  epiphany: { fi: 'Loppiainen', sv: 'Trettondagen', en: 'Epiphany' },
  good_friday: { fi: 'Pitkäperjantai', sv: 'Långfredagen', en: 'Good Friday' },
  easter_sunday: { fi: 'Pääsiäispäivä', sv: 'Påskdagen', en: 'Easter Sunday' },
  easter_monday: { fi: '2. pääsiäispäivä', sv: 'Annandag påsk', en: 'Easter Monday' },
  may_day: { fi: 'Vappu', sv: 'Första maj', en: 'May Day' },
  ascension_day: { fi: 'Helatorstai', sv: 'Kristi himmelsfärdsdag', en: 'Ascension Day' },
  pentecost: { fi: 'Helluntaipäivä', sv: 'Pingstdagen', en: 'Pentecost' },
  midsummer_eve: { fi: 'Juhannusaatto', sv: 'Midsommarafton', en: 'Midsummer Eve' },
  midsummer_day: { fi: 'Juhannuspäivä', sv: 'Midsommardagen', en: 'Midsummer Day' },
  all_saints_day: { fi: 'Pyhäinpäivä', sv: 'Alla helgons dag', en: 'All Saints’ Day' },
  independence_day: { fi: 'Itsenäisyyspäivä', sv: 'Självständighetsdagen', en: 'Independence Day' },
  christmas_eve: { fi: 'Jouluaatto', sv: 'Julafton', en: 'Christmas Eve' },
  christmas_day: { fi: 'Joulupäivä', sv: 'Juldagen', en: 'Christmas Day' },
  boxing_day: { fi: 'Tapaninpäivä', sv: 'Annandag jul', en: 'St Stephen’s Day' },
};

/** Easter Sunday of a Gregorian year (the anonymous Gregorian computus), as month and day. */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const dateOf = (year: number, month: number, day: number) => {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.toISOString().slice(0, 10);
};

/** The Saturday among the seven days from `month`/`firstDay`. */
const saturdayFrom = (year: number, month: number, firstDay: number) => {
  const weekday = new Date(Date.UTC(year, month - 1, firstDay)).getUTCDay();
  return firstDay + ((6 - weekday + 7) % 7);
};

/** Every holiday of `year` by its date (`2027-06-25` → `midsummer_eve`). */
export function finnishHolidays(year: number): Map<string, HolidayCode> {
  const easter = easterSunday(year);
  const fromEaster = (days: number) => dateOf(year, easter.month, easter.day + days);
  const midsummer = saturdayFrom(year, 6, 20);
  const allSaints = saturdayFrom(year, 10, 31);
  const list: [string, HolidayCode][] = [
    [dateOf(year, 1, 1), 'new_year'],
    [dateOf(year, 1, 6), 'epiphany'],
    [fromEaster(-2), 'good_friday'],
    [fromEaster(0), 'easter_sunday'],
    [fromEaster(1), 'easter_monday'],
    [dateOf(year, 5, 1), 'may_day'],
    [fromEaster(39), 'ascension_day'],
    [fromEaster(49), 'pentecost'],
    [dateOf(year, 6, midsummer - 1), 'midsummer_eve'],
    [dateOf(year, 6, midsummer), 'midsummer_day'],
    [dateOf(year, 10, allSaints), 'all_saints_day'],
    [dateOf(year, 12, 6), 'independence_day'],
    [dateOf(year, 12, 24), 'christmas_eve'],
    [dateOf(year, 12, 25), 'christmas_day'],
    [dateOf(year, 12, 26), 'boxing_day'],
  ];
  return new Map(list);
}

const byYear = new Map<number, Map<string, HolidayCode>>();

/** The holiday on a calendar date (`2027-04-02`), or null. */
export function finnishHolidayOn(date: string): HolidayCode | null {
  const year = Number(date.slice(0, 4));
  let holidays = byYear.get(year);
  if (!holidays) {
    holidays = finnishHolidays(year);
    byYear.set(year, holidays);
  }
  return holidays.get(date) ?? null;
}
