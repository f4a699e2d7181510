import { describe, expect, it } from 'vitest';
import { nextWeekdayAt, wallClock, zonedToUtc } from '../src/time/zoned.js';

describe('zoned time', () => {
  it('keeps 09:00 Helsinki at 09:00 on both sides of a daylight-saving change', () => {
    // Finland leaves summer time on the last Sunday of October 2026 (25 October).
    expect(
      zonedToUtc({ year: 2026, month: 10, day: 20, hour: 9, minute: 0 }, 'Europe/Helsinki').toISOString(),
    ).toBe('2026-10-20T06:00:00.000Z');
    expect(
      zonedToUtc({ year: 2026, month: 10, day: 27, hour: 9, minute: 0 }, 'Europe/Helsinki').toISOString(),
    ).toBe('2026-10-27T07:00:00.000Z');
    expect(
      zonedToUtc({ year: 2027, month: 3, day: 30, hour: 9, minute: 0 }, 'Europe/Helsinki').toISOString(),
    ).toBe('2027-03-30T06:00:00.000Z');
  });

  it('reads a skipped time with the offset before the gap, and a repeated time as its first occurrence', () => {
    const at = (zone: string, year: number, month: number, day: number, hour: number, minute: number) =>
      zonedToUtc({ year, month, day, hour, minute }, zone).toISOString();
    expect(at('Europe/Helsinki', 2027, 3, 28, 3, 30)).toBe('2027-03-28T01:30:00.000Z');
    expect(at('Europe/Helsinki', 2027, 10, 31, 3, 30)).toBe('2027-10-31T00:30:00.000Z');
    expect(at('America/New_York', 2027, 3, 14, 2, 30)).toBe('2027-03-14T07:30:00.000Z');
    expect(at('America/New_York', 2027, 11, 7, 1, 30)).toBe('2027-11-07T05:30:00.000Z');
    // Lord Howe moves by half an hour; Sydney's autumn change falls in April.
    expect(at('Australia/Lord_Howe', 2027, 4, 4, 1, 45)).toBe('2027-04-03T14:45:00.000Z');
    expect(at('Australia/Sydney', 2027, 4, 4, 2, 30)).toBe('2027-04-03T15:30:00.000Z');
  });

  it('reads the wall clock of another zone', () => {
    expect(wallClock(new Date('2026-07-01T06:00:00Z'), 'Europe/Stockholm')).toMatchObject({
      hour: 8,
      minute: 0,
      day: 1,
    });
  });

  it('finds the next Tuesday at 09:00 local time', () => {
    const sunday = new Date('2026-11-29T10:00:00Z');
    expect(nextWeekdayAt(sunday, 2, '09:00', 'Europe/Helsinki').toISOString()).toBe(
      '2026-12-01T07:00:00.000Z',
    );
    expect(nextWeekdayAt(sunday, 7, '18:00', 'Europe/Helsinki').toISOString()).toBe(
      '2026-12-06T16:00:00.000Z',
    );
  });
});
