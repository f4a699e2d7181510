import { wallClock, zonedToUtc } from './zoned.js';

/** `2026-10-06T09:00` as fields. */
export function parseLocal(local: string) {
  const [date, time] = local.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { year, month, day, hour, minute };
}

/**
 * Whether `local` (`2026-10-06T09:00`) names a day the calendar has (not 2027-02-31) in the years
 * 1970–9999: the zone definitions calendar files carry start in 1970, so an earlier wall time
 * would be a different instant to a calendar app than to us.
 */
export function isCalendarDate(local: string): boolean {
  const f = parseLocal(local);
  const d = new Date(Date.UTC(f.year, f.month - 1, f.day));
  return f.year >= 1970 && f.year <= 9999 && d.getUTCMonth() === f.month - 1 && d.getUTCDate() === f.day;
}

/** Fields as `2026-10-06T09:00`. */
export function formatLocal(f: {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${f.year}-${p(f.month)}-${p(f.day)}T${p(f.hour)}:${p(f.minute)}`;
}

/** Wall-clock arithmetic: `local` plus days and minutes, on the calendar, not in elapsed time. */
export function addLocal(local: string, days: number, minutes = 0): string {
  const f = parseLocal(local);
  const d = new Date(Date.UTC(f.year, f.month - 1, f.day + days, f.hour, f.minute + minutes));
  return formatLocal({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  });
}

/** Minutes between two wall times, on the calendar. */
export function localDiffMinutes(from: string, to: string): number {
  const a = parseLocal(from);
  const b = parseLocal(to);
  return (
    (Date.UTC(b.year, b.month - 1, b.day, b.hour, b.minute) -
      Date.UTC(a.year, a.month - 1, a.day, a.hour, a.minute)) /
    60_000
  );
}

/** The instant of a wall time in a zone. */
export const localToUtc = (local: string, timeZone: string) => zonedToUtc(parseLocal(local), timeZone);

/** The wall time of an instant in a zone. */
export const utcToLocal = (instant: Date, timeZone: string) => formatLocal(wallClock(instant, timeZone));
