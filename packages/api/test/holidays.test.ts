import { describe, expect, it } from 'vitest';
import { easterSunday, finnishHolidayOn, finnishHolidays } from '../src/time/holidays.js';

describe('Finnish public holidays', () => {
  it('finds Easter by the Gregorian computus', () => {
    const easter = (year: number) => {
      const { month, day } = easterSunday(year);
      return `${month}-${day}`;
    };
    // Dates from the Church calendar (almanakka).
    expect(easter(2024)).toBe('3-31');
    expect(easter(2025)).toBe('4-20');
    expect(easter(2026)).toBe('4-5');
    expect(easter(2027)).toBe('3-28');
    expect(easter(2038)).toBe('4-25');
    expect(easter(2285)).toBe('3-22');
  });

  it('gives 2027 as the Finnish calendar prints it', () => {
    expect(Object.fromEntries(finnishHolidays(2027))).toEqual({
      '2027-01-01': 'new_year',
      '2027-01-06': 'epiphany',
      '2027-03-26': 'good_friday',
      '2027-03-28': 'easter_sunday',
      '2027-03-29': 'easter_monday',
      '2027-05-01': 'may_day',
      '2027-05-06': 'ascension_day',
      '2027-05-16': 'pentecost',
      '2027-06-25': 'midsummer_eve',
      '2027-06-26': 'midsummer_day',
      '2027-11-06': 'all_saints_day',
      '2027-12-06': 'independence_day',
      '2027-12-24': 'christmas_eve',
      '2027-12-25': 'christmas_day',
      '2027-12-26': 'boxing_day',
    });
  });

  it('puts Midsummer and All Saints’ Day on the Saturday of their week', () => {
    expect(finnishHolidayOn('2026-06-20')).toBe('midsummer_day');
    expect(finnishHolidayOn('2026-06-19')).toBe('midsummer_eve');
    expect(finnishHolidayOn('2026-10-31')).toBe('all_saints_day');
    expect(finnishHolidayOn('2025-11-01')).toBe('all_saints_day');
    expect(finnishHolidayOn('2025-06-21')).toBe('midsummer_day');
    expect(finnishHolidayOn('2026-04-03')).toBe('good_friday');
    expect(finnishHolidayOn('2026-05-14')).toBe('ascension_day');
    expect(finnishHolidayOn('2026-04-07')).toBeNull();
  });
});
