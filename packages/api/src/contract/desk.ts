import { z } from '@hono/zod-openapi';
import { idString, multiLine, PageQuery, singleLine } from './common.js';
import { CreateSessionSchema, SpeakerSchema } from './sessions.js';
import { LanguageSchema } from './groups.js';

/** The facilitator desk's own reads and writes: what the existing routes did not offer. */

export const HolidaySchema = z
  .object({
    code: z.string().openapi({ example: 'midsummer_eve' }),
    names: z.object({ fi: z.string(), sv: z.string(), en: z.string() }),
  })
  .openapi('Holiday');

export const SeriesOccurrenceSchema = z
  .object({
    index: z.number().int(),
    local_start: z.string().openapi({ description: 'Wall time in time_zone, e.g. 2026-10-06T09:00' }),
    starts_at: z.string(),
    ends_at: z.string(),
    time_zone: z.string(),
    holiday: z.union([HolidaySchema, z.null()]).openapi({
      description: 'A Finnish public holiday (or Midsummer Eve, Christmas Eve) on this date, else null',
    }),
  })
  .openapi('SeriesOccurrence');

export const SeriesPreviewSchema = z
  .object({ items: z.array(SeriesOccurrenceSchema) })
  .openapi('SeriesPreview');

export const ExpertTalkFromTopicSchema = z
  .strictObject({
    title: singleLine(200, 1).optional().openapi({ description: 'Default: the topic’s title' }),
    start: CreateSessionSchema.shape.start,
    duration_minutes: CreateSessionSchema.shape.duration_minutes,
    time_zone: CreateSessionSchema.shape.time_zone,
    scope: z
      .enum(['members', 'public'])
      .default('members')
      .openapi({ description: 'Who sees the talk: the association’s members (default) or everyone' }),
    description: multiLine(5000).optional(),
    place: singleLine(200).nullable().optional(),
    meeting_url: CreateSessionSchema.shape.meeting_url,
    speakers: z.array(SpeakerSchema).max(10).optional(),
    capacity: z.number().int().min(1).max(10_000).nullable().optional(),
  })
  .openapi('ExpertTalkFromTopic');

export const SeriesAttendanceQuery = z.object({
  series: idString()
    .optional()
    .openapi({ description: 'One series of the group; without it, every meeting of the group' }),
});

export const SeriesAttendanceSchema = z
  .object({
    sessions: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        local_start: z.string(),
        time_zone: z.string(),
        series_id: z.string().nullable(),
      }),
    ),
    members: z.array(
      z.object({
        member: z.object({ id: z.string(), name: z.string() }),
        attended: z.number().int(),
        /** One per session above, in the same order: true came, false did not, null not marked. */
        marks: z.array(z.boolean().nullable()),
      }),
    ),
  })
  .openapi('SeriesAttendance');

export const ModerationQueueQuery = PageQuery.extend({
  group: idString().optional().openapi({ description: 'Only this group’s board (one the caller moderates)' }),
});

export const ModerationItemSchema = z
  .object({
    id: z.string(),
    question_id: z
      .string()
      .nullable()
      .openapi({ description: 'For an answer, its question; null for a question' }),
    question_title: z.string(),
    group_id: z
      .string()
      .nullable()
      .openapi({ description: 'The board; null for the association-wide board' }),
    group_name: z.string().nullable(),
    body: z.string(),
    language: LanguageSchema,
    anonymous: z.boolean(),
    author: z.union([z.object({ id: z.string(), name: z.string() }), z.null()]).openapi({
      description: 'null when the post is anonymous (reveal it with a reason: logged)',
    }),
    status: z.enum(['visible', 'hidden']),
    hidden_reason: z.enum(['reports', 'moderator']).nullable(),
    report_count: z.number().int().openapi({ description: 'Reports not yet reviewed' }),
    report_reasons: z.array(z.string()),
    created_at: z.string(),
    edited_at: z.string().nullable(),
    last_reported_at: z.string().nullable(),
  })
  .openapi('ModerationItem');

export type SeriesOccurrence = z.infer<typeof SeriesOccurrenceSchema>;
export type ExpertTalkFromTopic = z.input<typeof ExpertTalkFromTopicSchema>;
export type SeriesAttendance = z.infer<typeof SeriesAttendanceSchema>;
export type ModerationItem = z.infer<typeof ModerationItemSchema>;
export type ModerationQueueQuery = Partial<z.infer<typeof ModerationQueueQuery>>;
