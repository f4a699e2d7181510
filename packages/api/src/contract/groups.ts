import { z } from '@hono/zod-openapi';
import {
  idString,
  InstantSchema,
  multiLine,
  optional,
  PageQuery,
  singleLine,
  TimeZoneOrHelsinki,
} from './common.js';

export const LanguageSchema = z.enum(['fi', 'sv', 'en']);
export const GroupFormatSchema = z.enum(['online', 'in_person']);
export const GroupStatusSchema = z.enum(['forming', 'running', 'closed']);
export const JoinPolicySchema = z.enum(['open', 'approval']);
export const MembershipStatusSchema = z.enum(['pending', 'member', 'waitlisted', 'offered', 'declined']);

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 09:00');
const Tag = singleLine(40, 1);

/** How often and when a group meets, in words the finder renders ("every 3 weeks, Tuesdays 9–11"). */
export const RhythmSchema = z
  .strictObject({
    every_weeks: z.number().int().min(1).max(12),
    weekday: z.number().int().min(1).max(7).openapi({ description: 'ISO weekday: 1 = Monday … 7 = Sunday' }),
    start_time: Time,
    end_time: Time,
    time_zone: TimeZoneOrHelsinki,
  })
  .openapi('Rhythm');

const AnswerKey = z.string().regex(/^[a-z0-9_-]{1,20}$/, 'a short id such as q1');
// `__proto__` could not be a key of the answers object at all, and `constructor` names Object's;
// answers keep the plain shape so that groups stored with such an id before stay joinable.
const IntakeQuestionId = AnswerKey.refine((id) => id !== '__proto__' && id !== 'constructor', {
  message: 'an id other than __proto__ or constructor',
  params: { code: 'invalid_format' },
});
export const IntakeQuestionSchema = z.strictObject({
  id: IntakeQuestionId,
  text: singleLine(300, 1),
});

export const MembershipSchema = z
  .object({
    status: MembershipStatusSchema,
    waitlist_position: z.number().int().nullable(),
    offer_expires_at: z.string().nullable(),
    decline_reason: z.string().nullable(),
    accepted_rules_version: z.number().int().nullable(),
    /** The group published new rules since this member accepted them. */
    rules_acceptance_required: z.boolean(),
    requested_at: z.string(),
  })
  .openapi('Membership');

export const GroupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    themes: z.array(z.string()),
    trades: z.array(z.string()),
    language: LanguageSchema,
    format: GroupFormatSchema,
    municipality: z.string().nullable(),
    region: z.string().nullable(),
    rhythm: z.union([RhythmSchema, z.null()]),
    next_meeting_at: z.string().nullable(),
    capacity: z.number().int(),
    member_count: z.number().int(),
    places_left: z.number().int(),
    waitlist_count: z.number().int(),
    join_policy: JoinPolicySchema,
    status: GroupStatusSchema,
    rules_version: z.number().int(),
    intake_questions: z.array(IntakeQuestionSchema),
    facilitators: z.array(
      z.object({
        id: z
          .string()
          .optional()
          .openapi({ description: 'The member id; absent for visitors, who see names only' }),
        name: z.string(),
      }),
    ),
    offer_hours: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
    /** The signed-in member's own state in this group; absent for visitors. */
    // A union, not `.nullable()`, which would name the nullable schema `Membership` in the document.
    my_membership: z.union([MembershipSchema, z.null()]).optional(),
  })
  .openapi('Group');

export const GroupDetailSchema = GroupSchema.extend({
  details: z.string(),
  rules: z.object({ text: z.string(), version: z.number().int() }),
}).openapi('GroupDetail');

const TimeOfDay = z.enum(['morning', 'afternoon', 'evening']);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ListGroupsQuery = PageQuery.extend({
  q: singleLine(100).optional().openapi({ description: 'Free text in name, description, themes and trades' }),
  language: LanguageSchema.optional(),
  theme: Tag.optional(),
  trade: Tag.optional(),
  format: GroupFormatSchema.optional(),
  region: singleLine(80).optional().openapi({ description: 'Region or municipality' }),
  weekday: z.coerce.number().int().min(1).max(7).optional(),
  time_of_day: TimeOfDay.optional().openapi({
    description: 'morning (before 12), afternoon (12–17), evening (from 17)',
  }),
  has_places: bool.optional().openapi({ description: 'Only groups with places left' }),
  status: GroupStatusSchema.optional().openapi({ description: 'Default: forming and running' }),
  mine: bool.optional().openapi({ description: 'Only groups I belong to or asked to join (signed in)' }),
});

const GroupFields = {
  description: multiLine(500),
  details: multiLine(5000),
  themes: z.array(Tag).max(10),
  trades: z.array(Tag).max(10),
  language: LanguageSchema,
  format: GroupFormatSchema,
  municipality: singleLine(80, 1).nullable(),
  region: singleLine(80, 1).nullable(),
  rhythm: z.union([RhythmSchema, z.null()]),
  next_meeting_at: InstantSchema.nullable(),
  capacity: z.number().int().min(2).max(100),
  join_policy: JoinPolicySchema,
  status: GroupStatusSchema,
  rules_text: multiLine(5000, 1).nullable().openapi({
    description: 'Ground rules; null uses the association’s default. A change publishes a new version.',
  }),
  intake_questions: z.array(IntakeQuestionSchema).max(3),
  facilitator_ids: z
    .array(idString(200))
    .min(1)
    .max(5)
    .openapi({ description: 'Member ids of the facilitators' }),
  offer_hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
};

export const CreateGroupSchema = z
  .strictObject({
    name: singleLine(120, 1),
    ...optional(GroupFields),
  })
  .openapi('CreateGroup');

export const UpdateGroupSchema = z
  .strictObject({
    name: singleLine(120, 1).optional(),
    ...optional(GroupFields),
  })
  .openapi('UpdateGroup');

export const JoinGroupSchema = z
  .strictObject({
    accepted_rules_version: z.number().int().min(1),
    answers: z.record(AnswerKey, multiLine(2000)).default({}),
  })
  .openapi('JoinGroup');

export const JoinRequestSchema = z
  .object({
    member: z.object({ id: z.string(), name: z.string() }),
    status: MembershipStatusSchema,
    answers: z.record(z.string(), z.string()),
    waitlist_position: z.number().int().nullable(),
    requested_at: z.string(),
  })
  .openapi('JoinRequest');

export const DeclineSchema = z.strictObject({ reason: multiLine(500, 1) }).openapi('Decline');

export const GroupMemberSchema = z
  .object({ id: z.string(), name: z.string(), role: z.enum(['member', 'facilitator']) })
  .openapi('GroupMember');

export type Group = z.infer<typeof GroupSchema>;
export type GroupDetail = z.infer<typeof GroupDetailSchema>;
export type Membership = z.infer<typeof MembershipSchema>;
export type MembershipStatus = z.infer<typeof MembershipStatusSchema>;
export type ListGroupsQuery = Partial<z.infer<typeof ListGroupsQuery>>;
export type CreateGroup = z.input<typeof CreateGroupSchema>;
export type UpdateGroup = z.input<typeof UpdateGroupSchema>;
export type JoinGroup = z.input<typeof JoinGroupSchema>;
export type JoinRequest = z.infer<typeof JoinRequestSchema>;
export type GroupMember = z.infer<typeof GroupMemberSchema>;
export type Rhythm = z.infer<typeof RhythmSchema>;
