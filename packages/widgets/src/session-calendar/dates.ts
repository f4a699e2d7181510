// Days are counted as UTC midnights of `YYYY-MM-DD` dates: a session's day is the one of its own
// zone (`local_start`), whatever zone the reader is in. `Date.parse` reads such a date as UTC by
// the standard, and `YYYY-MM` as the month's first day.

export const DAY = 864e5;

export const dateOf = (day: number): string => new Date(day).toISOString().slice(0, 10);

/** Monday of the week of `day`. */
export const monday = (day: number): number => day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;

/** `items` in lists by `key`, in the order they come. */
export function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** `date` moved by `months`, on the same day of the month where that month has it, else on its last day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const sameDay = Date.UTC(year, month - 1 + months, day);
  const lastDay = Date.UTC(year, month + months, 0);
  // The same day number runs over into the month after when the target month is shorter.
  return dateOf(Math.min(sameDay, lastDay));
}
