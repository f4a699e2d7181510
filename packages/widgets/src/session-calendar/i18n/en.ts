/**
 * English texts of the session calendar (`<ek-session-calendar>`), and the source of its message keys: `fi.ts` and
 * `sv.ts` are typed against this object. A chunk of its own per language, fetched with the
 * element, so a page without the element never downloads them; keys and placeholders as in
 * `src/kit/i18n/en.ts`.
 */
export const en = {
  'calendar.view.agenda': 'List',
  'calendar.view.month': 'Month',
  'calendar.scope': 'Show',
  'calendar.scope.all': 'All',
  'calendar.scope.mine': 'My groups',
  'calendar.scope.open': 'Open events',
  'calendar.week': 'Week {week} · {dates}',
  'calendar.empty': 'No upcoming sessions.',
  'calendar.day-empty': 'No sessions on this day.',
  'calendar.more': 'Show more',
  'calendar.previous': 'Previous month',
  'calendar.next': 'Next month',
  'calendar.moved': 'Moved',
  'calendar.cancelled': 'Cancelled',
  'calendar.online': 'Online',
  'calendar.your-time': '{time} your time',
  'calendar.agenda': 'Agenda',
  'calendar.speakers': 'Speakers',
  'calendar.rsvp': 'Will you attend?',
  'calendar.yes': 'Yes',
  'calendar.no': 'No',
  'calendar.maybe': 'Maybe',
  'calendar.waitlisted': 'Full: you are number {position} on the waitlist.',
  'calendar.ics': 'Add to calendar',
  'calendar.join': 'Join the meeting',
  'calendar.link-at': 'The meeting link appears here at {time}.',
  'calendar.feed': 'Subscribe in your calendar app',
  'calendar.feed-url': 'Your private calendar address',
  'calendar.copy': 'Copy',
  'calendar.copied': 'Copied.',
  'calendar.commitment-due': 'Your commitment is due at this meeting.',
  'calendar.commitment-report': 'Report on it',
};

export type MessageKey = keyof typeof en;

/** A complete set of these texts for one language. */
export type Catalogue = Record<MessageKey, string>;
