import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Session } from '../contract/sessions.js';

/**
 * Writes sessions as an RFC 5545 calendar with ical-generator: each event in its own zone (TZID)
 * with the matching VTIMEZONE, a stable UID, SEQUENCE growing with every change and
 * STATUS:CANCELLED for cancellations, so calendar apps update rather than duplicate.
 */
export function toICalendar(sessions: Session[], options: { name: string; includeLinks: boolean }): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'eKollega', product: 'widgets', language: 'FI' },
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  for (const s of sessions) {
    const link = options.includeLinks ? s.meeting_url : null;
    const description = [
      s.description,
      s.agenda && `\n${s.agenda}`,
      s.speakers.length
        ? `\n${s.speakers.map((p) => (p.title ? `${p.name}, ${p.title}` : p.name)).join('\n')}`
        : '',
      link ? `\n${link}` : '',
    ]
      .filter(Boolean)
      .join('\n')
      .trim();
    calendar.createEvent({
      id: `${s.id}@ekollega`,
      sequence: s.sequence,
      // TZDate reads as wall time in the session's zone, which is what DTSTART;TZID=… must carry.
      start: new TZDate(s.starts_at, s.time_zone),
      end: new TZDate(s.ends_at, s.time_zone),
      timezone: s.time_zone,
      stamp: new Date(s.updated_at),
      lastModified: new Date(s.updated_at),
      created: new Date(s.created_at),
      summary: s.title,
      description: description || null,
      location: s.place ?? (link ? link : null),
      url: link,
      status: s.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
