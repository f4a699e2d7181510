const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `timeZone` at `instant`, as fields. */
export function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: +parts.year!,
    month: +parts.month!,
    day: +parts.day!,
    hour: +parts.hour!,
    minute: +parts.minute!,
    second: +parts.second!,
  };
}

const DAY_MS = 86_400_000;

function offsetMs(instant: number, timeZone: string): number {
  const w = wallClock(new Date(instant), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local date and time, so that a
 * meeting at 09:00 stays at 09:00 across daylight-saving changes. As RFC 5545 §3.3.5 says (and
 * calendar apps do): a time skipped by a spring-forward change is read with the offset before
 * the gap, so 03:30 in a 03:00→04:00 gap becomes 04:30; a time that occurs twice after a
 * fall-back change is its first occurrence.
 */
export function zonedToUtc(
  local: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // Zones change their offset at most once within a day, so the offsets a day before and a day
  // after are the only ones this wall time can have.
  const before = offsetMs(asUtc - DAY_MS, timeZone);
  const after = offsetMs(asUtc + DAY_MS, timeZone);
  const shows = (instant: number) => offsetMs(instant, timeZone) === asUtc - instant;
  const candidates = [asUtc - before, asUtc - after].filter(shows).sort((a, b) => a - b);
  return new Date(candidates[0] ?? asUtc - before);
}

/** The next date after `now` falling on ISO `weekday` (1 = Monday), at `time` (HH:MM) in `timeZone`. */
export function nextWeekdayAt(now: Date, weekday: number, time: string, timeZone: string): Date {
  const today = wallClock(now, timeZone);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  for (let add = 1; add <= 7; add++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + add));
    if (((day.getUTCDay() + 6) % 7) + 1 === weekday) {
      return zonedToUtc(
        { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute },
        timeZone,
      );
    }
  }
  throw new RangeError(`weekday ${weekday} is not 1–7`);
}
