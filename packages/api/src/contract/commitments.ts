import { z } from '@hono/zod-openapi';
import { idString, multiLine, PageQuery, singleLine } from './common.js';
import { QA_MARKUP, unsafeLinkTargets } from './questions.js';

/** Text in the Q&A board's markup (`QA_MARKUP`), with the board's rule on link targets. */
const markup = (max: number, min: number) =>
  multiLine(max, min)
    .refine(
      (text) => unsafeLinkTargets(text).length === 0,
      'links may only go to http://, https:// or mailto: addresses',
    )
    .openapi({
      description: `Source text in the Q&A board's markup, at most ${max.toLocaleString('en')} characters.\n\n${QA_MARKUP}`,
    });

export const CommitmentVisibilitySchema = z.enum(['group', 'facilitators', 'private']).openapi({
  description:
    'group: the group’s members and facilitators; facilitators: the group’s facilitators only; private: only the member',
});
export const ReportStatusSchema = z.enum(['done', 'partly', 'not_done', 'dropped']);
export const CommitmentStateSchema = z.enum(['open', 'reported']);

export const TargetSchema = z
  .strictObject({
    value: z.number().positive().max(1_000_000_000).openapi({ example: 10 }),
    unit: singleLine(40, 1).openapi({ example: 'asiakaskontaktia' }),
  })
  .openapi('CommitmentTarget');

export const CommitmentReportSchema = z
  .object({
    status: ReportStatusSchema,
    reflection: z.string().openapi({ description: 'Markup; may be empty' }),
    achieved: z.number().nullable(),
    reported_at: z.string(),
  })
  .openapi('CommitmentReport');

export const CommitmentSchema = z
  .object({
    id: z.string(),
    group_id: z.string(),
    member: z.object({ id: z.string(), name: z.string() }),
    text: z.string().openapi({ description: 'Markup' }),
    target: z.union([TargetSchema, z.null()]),
    visibility: CommitmentVisibilitySchema,
    set_session_id: z.string().nullable(),
    due_session_id: z.string().nullable().openapi({
      description:
        'The session it is due at, worked out when read: the one chosen, else the group’s next session after it was set; a cancelled one passes it to the next. null: no session yet',
    }),
    due_at: z.string().nullable().openapi({ description: 'When the due session starts' }),
    due_ends_at: z.string().nullable().openapi({
      description: 'When the due session ends: until then a report can be corrected',
    }),
    due_time_zone: z.string().nullable().openapi({ description: 'The due session’s IANA time zone' }),
    report: z.union([CommitmentReportSchema, z.null()]),
    carried_from_id: z.string().nullable(),
    /** The signed-in member set it. */
    mine: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Commitment');

export const ListCommitmentsQuery = PageQuery.extend({
  member: idString(200).optional().openapi({ description: 'One member’s commitments' }),
  due_session: idString().optional().openapi({ description: 'Those due at this session' }),
  status: CommitmentStateSchema.optional().openapi({ description: 'open (not reported) or reported' }),
});

export const MyCommitmentsQuery = PageQuery.extend({
  status: CommitmentStateSchema.optional(),
});

const Text = markup(500, 1);

export const CreateCommitmentSchema = z
  .strictObject({
    text: Text,
    visibility: CommitmentVisibilitySchema.default('group'),
    target: z.union([TargetSchema, z.null()]).optional(),
    set_session_id: idString().optional().openapi({ description: 'The group’s session at which it was set' }),
    due_session_id: idString().optional().openapi({
      description: 'A session of the group that has not ended; default: the group’s next session',
    }),
    carried_from_id: idString().optional().openapi({
      description: 'Carries over one of my unfinished commitments in this group (not reported done)',
    }),
  })
  .openapi('CreateCommitment');

export const UpdateCommitmentSchema = z
  .strictObject({
    text: Text.optional(),
    visibility: CommitmentVisibilitySchema.optional().openapi({
      description: 'Can be changed even after the report',
    }),
    target: z.union([TargetSchema, z.null()]).optional(),
    due_session_id: idString().nullable().optional().openapi({
      description: 'A session of the group that has not ended, or null for the group’s next session',
    }),
  })
  .refine(
    (edit) => Object.values(edit).some((value) => value !== undefined),
    'change at least one of text, visibility, target, due_session_id',
  )
  .openapi('UpdateCommitment');

export const ReportCommitmentSchema = z
  .strictObject({
    status: ReportStatusSchema,
    reflection: markup(1000, 0).default(''),
    achieved: z
      .number()
      .min(0)
      .max(1_000_000_000)
      .nullable()
      .optional()
      .openapi({ description: 'How much of the target was reached; only when there is a target' }),
  })
  .openapi('ReportCommitment');

export const RoundEntrySchema = z
  .object({
    member: z.object({ id: z.string(), name: z.string() }),
    private: z.boolean().openapi({ description: 'The member keeps this one to themself: no text here' }),
    report_status: z.union([ReportStatusSchema, z.null()]),
    commitment: z.union([CommitmentSchema, z.null()]).openapi({ description: 'null when private' }),
  })
  .openapi('RoundEntry');

export const RoundSchema = z
  .object({
    session: z.object({
      id: z.string(),
      group_id: z.string(),
      title: z.string(),
      starts_at: z.string(),
      ends_at: z.string(),
      time_zone: z.string(),
      status: z.enum(['scheduled', 'moved', 'cancelled']),
    }),
    items: z.array(RoundEntrySchema).openapi({ description: 'By member name' }),
  })
  .openapi('Round');

const Counts = {
  due: z.number().int(),
  reported: z.number().int(),
  done: z.number().int(),
  partly: z.number().int(),
  not_done: z.number().int(),
  dropped: z.number().int(),
};

export const CommitmentSummarySchema = z
  .object({
    sessions: z.array(
      z.object({
        session_id: z.string(),
        starts_at: z.string(),
        time_zone: z.string(),
        ...Counts,
      }),
    ),
    without_due_session: z.object(Counts).openapi({ description: 'Commitments no session is due for yet' }),
  })
  .openapi('CommitmentSummary');

export type CommitmentVisibility = z.infer<typeof CommitmentVisibilitySchema>;
export type ReportStatus = z.infer<typeof ReportStatusSchema>;
export type Commitment = z.infer<typeof CommitmentSchema>;
export type CommitmentReport = z.infer<typeof CommitmentReportSchema>;
export type ListCommitmentsQuery = Partial<z.infer<typeof ListCommitmentsQuery>>;
export type MyCommitmentsQuery = Partial<z.infer<typeof MyCommitmentsQuery>>;
export type CreateCommitment = z.output<typeof CreateCommitmentSchema>;
export type UpdateCommitment = z.output<typeof UpdateCommitmentSchema>;
export type ReportCommitment = z.output<typeof ReportCommitmentSchema>;
export type Round = z.infer<typeof RoundSchema>;
export type RoundEntry = z.infer<typeof RoundEntrySchema>;
export type CommitmentSummary = z.infer<typeof CommitmentSummarySchema>;
