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

function offsetMs(instant: number, timeZone: string): number {
  const w = wallClock(new Date(instant), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local date and time, so that a
 * meeting at 09:00 stays at 09:00 across daylight-saving changes. A time skipped by a spring-forward
 * change resolves to the instant an hour later on the clock.
 */
export function zonedToUtc(
  local: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  let guess = asUtc - offsetMs(asUtc, timeZone);
  guess = asUtc - offsetMs(guess, timeZone);
  return new Date(guess);
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
