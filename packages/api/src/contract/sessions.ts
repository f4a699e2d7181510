import { z } from '@hono/zod-openapi';
import { isCalendarDate } from '../time/local.js';
import {
  InstantSchema,
  idString,
  multiLine,
  optional,
  PageQuery,
  singleLine,
  TimeZoneOrHelsinki,
} from './common.js';

const LocalDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/,
    // The calendar check below reads the fields, so it runs only on this shape.
    { message: 'a local date and time like 2026-10-06T09:00, without an offset', abort: true },
  )
  .refine(isCalendarDate, {
    message: 'a date the calendar has, in the years 1970–9999',
    params: { code: 'invalid_date' },
  })
  .openapi({
    description:
      'Wall time in time_zone. A time skipped by a daylight-saving change is read with the offset before the change (03:30 in a 03:00→04:00 gap is 04:30); a time that occurs twice is the first occurrence (RFC 5545 §3.3.5). local_start says the wall time stored.',
  });
// The URL parser drops CR, LF and TAB before checking, so they are refused first.
const Url = idString(500)
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'an http(s) address');

export const SessionScopeSchema = z.enum(['group', 'members', 'public']);
export const SessionKindSchema = z.enum(['meeting', 'expert_talk', 'event']);
export const SessionStatusSchema = z.enum(['scheduled', 'moved', 'cancelled']);
export const RsvpAnswerSchema = z.enum(['yes', 'no', 'maybe']);
export const SpeakerSchema = z.strictObject({
  name: singleLine(120, 1),
  title: singleLine(200).optional(),
});

export const MyRsvpSchema = z
  .object({
    answer: RsvpAnswerSchema,
    /** `yes` on a full event puts the member on its waitlist. */
    waitlisted: z.boolean(),
    waitlist_position: z.number().int().nullable(),
    attended: z.boolean().nullable(),
  })
  .openapi('MyRsvp');

export const SessionSchema = z
  .object({
    id: z.string(),
    group_id: z.string().nullable(),
    scope: SessionScopeSchema,
    kind: SessionKindSchema,
    title: z.string(),
    theme: z.string().nullable(),
    description: z.string(),
    agenda: z.string(),
    starts_at: z.string(),
    ends_at: z.string(),
    time_zone: z.string(),
    local_start: z.string().openapi({ description: 'Wall time in time_zone, e.g. 2026-10-06T09:00' }),
    place: z.string().nullable(),
    online: z.boolean(),
    /** Only for the group's members (group meetings) or those who answered yes (open events). */
    meeting_url: z.string().nullable(),
    speakers: z.array(z.object({ name: z.string(), title: z.string().optional() })),
    capacity: z.number().int().nullable(),
    yes_count: z.number().int(),
    places_left: z.number().int().nullable(),
    waitlist_count: z.number().int(),
    status: SessionStatusSchema,
    series_id: z.string().nullable(),
    sequence: z.number().int(),
    topic: z.object({ id: z.string(), title: z.string() }).nullable(),
    my_rsvp: z.union([MyRsvpSchema, z.null()]).optional(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Session');

export const ListSessionsQuery = PageQuery.extend({
  group: idString().optional().openapi({ description: 'Only this group’s sessions' }),
  from: InstantSchema.optional().openapi({ description: 'Starting at or after (default: now)' }),
  to: InstantSchema.optional().openapi({ description: 'Starting before' }),
  scope: z.enum(['mine', 'open', 'all']).optional().openapi({
    description:
      'mine: my groups’ meetings and events I answered; open: association events; all (default): everything I may see',
  }),
});

const SessionFields = {
  kind: SessionKindSchema,
  theme: singleLine(80).nullable(),
  description: multiLine(5000),
  agenda: multiLine(5000),
  place: singleLine(200).nullable(),
  meeting_url: Url.nullable(),
  speakers: z.array(SpeakerSchema).max(10),
  capacity: z.number().int().min(1).max(10_000).nullable(),
  topic_id: idString().nullable(),
};
/** How long a session lasts: five minutes to a day. */
const DurationMinutes = z
  .number()
  .int()
  .min(5)
  .max(24 * 60);

export const CreateSessionSchema = z
  .strictObject({
    title: singleLine(200, 1),
    group_id: idString()
      .optional()
      .openapi({ description: 'A group’s meeting; omit for an association event' }),
    scope: z
      .enum(['members', 'public'])
      .optional()
      .openapi({ description: 'Who sees an association event (default members)' }),
    start: LocalDateTime,
    duration_minutes: DurationMinutes,
    time_zone: TimeZoneOrHelsinki,
    ...optional(SessionFields),
  })
  .openapi('CreateSession');

export const UpdateSessionSchema = z
  .strictObject({
    title: singleLine(200, 1).optional(),
    start: LocalDateTime.optional().openapi({
      description: 'Move to this local time; marks the session moved',
    }),
    duration_minutes: DurationMinutes.optional(),
    ...optional(SessionFields),
    apply_to: z
      .enum(['this', 'following'])
      .default('this')
      .openapi({ description: 'For a series: this occurrence, or this and the following ones' }),
  })
  .openapi('UpdateSession');

export const CancelSessionSchema = z
  .strictObject({ apply_to: z.enum(['this', 'following']).default('this') })
  .openapi('CancelSession');

export const CreateSeriesSchema = z
  .strictObject({
    title: singleLine(200, 1),
    first_start: LocalDateTime,
    duration_minutes: DurationMinutes,
    time_zone: TimeZoneOrHelsinki,
    every_weeks: z.number().int().min(1).max(12),
    count: z.number().int().min(1).max(52),
    ...optional({
      theme: SessionFields.theme,
      description: SessionFields.description,
      agenda: SessionFields.agenda,
      place: SessionFields.place,
      meeting_url: SessionFields.meeting_url,
    }),
  })
  .openapi('CreateSeries');

export const RsvpSchema = z.strictObject({ answer: RsvpAnswerSchema }).openapi('Rsvp');

export const AttendeeSchema = z
  .object({
    member: z.object({ id: z.string(), name: z.string() }),
    answer: RsvpAnswerSchema,
    waitlisted: z.boolean(),
    attended: z.boolean().nullable(),
  })
  .openapi('Attendee');

export const AttendanceSchema = z
  .strictObject({
    attended: z.array(idString(200)).max(500),
    absent: z.array(idString(200)).max(500).default([]),
  })
  .openapi('Attendance');

export const TopicSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    votes: z.number().int(),
    my_vote: z.boolean(),
    session_ids: z.array(z.string()),
    created_at: z.string(),
  })
  .openapi('Topic');
export const CreateTopicSchema = z
  .strictObject({
    title: singleLine(120, 1),
    description: multiLine(1000).default(''),
  })
  .openapi('CreateTopic');

export const CalendarFeedSchema = z
  .object({ url: z.string(), created_at: z.string() })
  .openapi('CalendarFeed');

export type Session = z.infer<typeof SessionSchema>;
export type MyRsvp = z.infer<typeof MyRsvpSchema>;
export type ListSessionsQuery = Partial<z.infer<typeof ListSessionsQuery>>;
export type CreateSession = z.input<typeof CreateSessionSchema>;
export type UpdateSession = z.input<typeof UpdateSessionSchema>;
export type CreateSeries = z.input<typeof CreateSeriesSchema>;
export type RsvpAnswer = z.infer<typeof RsvpAnswerSchema>;
export type Attendee = z.infer<typeof AttendeeSchema>;
export type Topic = z.infer<typeof TopicSchema>;
export type CreateTopic = z.input<typeof CreateTopicSchema>;
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>;
