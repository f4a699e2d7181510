import { z } from '@hono/zod-openapi';
import { multiLine, PageQuery, singleLine } from './common.js';
import { LanguageSchema } from './groups.js';

/**
 * Post text is stored and returned as source, never as HTML: the widget renders it with text
 * nodes only, so nothing a member writes can run in another member's page. This is the whole of
 * the markup it understands; anything else, HTML tags included, shows as the characters typed.
 * `parseMarkup` in `@ekollega/sdk` is the reference parser: it turns source into plain data.
 */
export const QA_MARKUP = [
  'Paragraphs: blocks separated by a blank line; a single line break stays a line break.',
  'Lists: consecutive lines that start with "- " or "* " (bulleted), or with a number and ". " or ") " (numbered).',
  'Emphasis: *italic* or _italic_, and **bold**.',
  'Code: `inline code`, and a block between two lines of ``` .',
  'Links: [text](https://…) and bare https:// addresses; only http:, https: and mailto: targets.',
  'Link forms of Markdown outside this markup (reference definitions "[1]: target", autolinks "<scheme:…>") are refused unless they too go to http:, https: or mailto:.',
].join('\n');

const SAFE_TARGET = /^(https?:\/\/|mailto:)/i;

/**
 * Link targets outside code that do not go to http(s) or mailto: the markup's own `[text](target)`
 * links, and the forms a Markdown renderer would also make links of, should an integrator render
 * the source with one: reference definitions (`[1]: target`, the target perhaps on the next line)
 * and autolinks (`<scheme:…>`). (HTML in a post is text; rendering it as HTML would be unsafe
 * whatever its links, which is why the markup never does.)
 */
export function unsafeLinkTargets(source: string): string[] {
  const outsideCode = source.replace(/```[\s\S]*?(```|$)/g, '').replace(/`[^`\n]*`/g, '');
  const forms = [
    /\]\(\s*([^)\s]*)/g,
    /^[ \t>]*\[[^\]\n]+\]:[ \t]*(?:\n[ \t>]*)?(<[^>\n]*>|[^\s<]\S*)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$/gm,
    /<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>/gi,
  ];
  return forms
    .flatMap((form) => [...outsideCode.matchAll(form)].map((m) => (m[1] ?? '').replace(/^<(.*)>$/, '$1')))
    .filter((target) => !SAFE_TARGET.test(target));
}

const Body = multiLine(10_000, 1)
  .refine((body) => unsafeLinkTargets(body).length === 0, {
    message: 'links may only go to http://, https:// or mailto: addresses',
    params: { code: 'unsafe_link' },
  })
  .openapi({ description: `Source text in the board's markup, at most 10,000 characters.\n\n${QA_MARKUP}` });
const Title = singleLine(200, 1);
const Tag = singleLine(40, 1)
  .regex(/^[^,#<>]+$/, 'a tag without , # < or >')
  .transform((tag) => tag.toLowerCase());
const Tags = z
  .array(Tag)
  .max(5)
  .openapi({ description: 'At most 5 tags of at most 40 characters; matched without regard to case' });
const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'an id such as qst_…');

export const QaSortSchema = z.enum(['newest', 'votes', 'unanswered']);
export const PostStatusSchema = z.enum(['visible', 'hidden']);
export const VoteValueSchema = z.union([z.literal(1), z.literal(-1)]);

const AuthorSchema = z
  .object({ id: z.string(), name: z.string() })
  .nullable()
  .openapi({ description: 'null when the post is anonymous: show "Anonymous member"' });

/** For the board's moderators only. */
const ModerationSchema = z.object({
  report_count: z.number().int().openapi({ description: 'Reports not yet reviewed' }),
  hidden_reason: z.enum(['reports', 'moderator']).nullable(),
  /** The open reports' reasons (detail only), without who made them. */
  report_reasons: z.array(z.string()).optional(),
});

const PostFields = {
  id: z.string(),
  group_id: z
    .string()
    .nullable()
    .openapi({ description: 'The board: a group, or null for the association-wide board' }),
  body: z.string(),
  language: LanguageSchema,
  author: AuthorSchema,
  anonymous: z.boolean(),
  /** The signed-in member wrote this post (absent for visitors and in live events). */
  mine: z.boolean().optional(),
  score: z.number().int(),
  /** The signed-in member's vote (absent for visitors and in live events). */
  my_vote: VoteValueSchema.nullable().optional(),
  status: PostStatusSchema,
  moderation: ModerationSchema.optional(),
  created_at: z.string(),
  edited_at: z.string().nullable(),
};

export const QuestionSchema = z
  .object({
    ...PostFields,
    title: z.string(),
    tags: z.array(z.string()),
    answer_count: z.number().int(),
    accepted_answer_id: z.string().nullable(),
  })
  .openapi('Question');

export const AnswerSchema = z
  .object({ ...PostFields, question_id: z.string(), accepted: z.boolean() })
  .openapi('Answer');

export const QuestionDetailSchema = QuestionSchema.extend({
  answers: z.array(AnswerSchema).openapi({
    description:
      'The accepted answer first, then oldest first; up to 200, the rest from GET /v1/questions/{id}/answers',
  }),
  answers_next_cursor: z.string().nullable().openapi({
    description: 'Where `GET /v1/questions/{id}/answers?cursor=` continues, or null when these are all',
  }),
  /** The signed-in member may mark the accepted answer (the asker or a moderator). */
  can_accept: z.boolean(),
  /** The signed-in member moderates this board: hide, restore, delete, reveal, history. */
  can_moderate: z.boolean(),
}).openapi('QuestionDetail');

export const ListQuestionsQuery = PageQuery.extend({
  group: Id.optional().openapi({ description: 'A group’s board; without it, the association-wide board' }),
  tag: Tag.optional(),
  q: singleLine(200, 1).optional().openapi({
    description:
      'Full-text search (Finnish, Swedish and English stemming) of the questions and their visible answers',
  }),
  sort: QaSortSchema.default('newest').openapi({
    description: 'newest, votes (score), or unanswered (no answers yet, newest first)',
  }),
  status: PostStatusSchema.default('visible').openapi({
    description: 'hidden: the moderators’ review queue',
  }),
});

export const AskQuestionSchema = z
  .strictObject({
    group_id: Id.nullable()
      .optional()
      .openapi({ description: 'Ask on a group’s board; omit for the association-wide board' }),
    title: Title,
    body: Body,
    tags: Tags.default([]),
    anonymous: z.boolean().default(false).openapi({
      description:
        'Peers see "Anonymous member"; the board’s moderators can reveal the author, and every reveal is logged',
    }),
    language: LanguageSchema.optional().openapi({
      description: 'Default: the member’s locale, else the association’s default, else fi',
    }),
  })
  .openapi('AskQuestion');

export const AnswerQuestionSchema = z
  .strictObject({ body: Body, anonymous: z.boolean().default(false), language: LanguageSchema.optional() })
  .openapi('AnswerQuestion');

export const EditQuestionSchema = z
  .strictObject({
    title: Title.optional(),
    body: Body.optional(),
    tags: Tags.optional(),
    language: LanguageSchema.optional(),
  })
  .refine(
    (edit) => Object.values(edit).some((value) => value !== undefined),
    'change at least one of title, body, tags, language',
  )
  .openapi('EditQuestion');

export const EditAnswerSchema = z
  .strictObject({ body: Body, language: LanguageSchema.optional() })
  .openapi('EditAnswer');

export const VoteSchema = z
  .strictObject({
    value: VoteValueSchema.openapi({
      description: '1 up, -1 down (only where the association allows downvotes)',
    }),
  })
  .openapi('Vote');

export const VoteResultSchema = z
  .object({ score: z.number().int(), my_vote: VoteValueSchema.nullable() })
  .openapi('VoteResult');

export const AcceptAnswerSchema = z
  .strictObject({
    answer_id: Id.nullable().openapi({ description: 'An answer of this question, or null to unmark' }),
  })
  .openapi('AcceptAnswer');

export const ReasonSchema = z.strictObject({ reason: multiLine(500, 1) }).openapi('Reason');

export const PostVersionSchema = z
  .object({
    version: z.number().int(),
    title: z.string().nullable(),
    body: z.string(),
    tags: z.array(z.string()),
    language: LanguageSchema,
    written_at: z.string(),
  })
  .openapi('PostVersion');

export const RevealedAuthorSchema = z
  .object({
    post_id: z.string(),
    author: z.object({ id: z.string(), name: z.string() }),
    revealed_at: z.string(),
  })
  .openapi('RevealedAuthor');

export const RevealLogEntrySchema = z
  .object({
    id: z.string(),
    post_id: z.string(),
    question_id: z.string(),
    group_id: z.string().nullable(),
    revealed_by: z.object({ id: z.string(), name: z.string() }),
    reason: z.string(),
    revealed_at: z.string(),
  })
  .openapi('RevealLogEntry');

export const StreamQuery = z.object({
  group: Id.optional().openapi({ description: 'A group’s board; without it, the association-wide board' }),
  last_event_id: z
    .string()
    .regex(/^\d{1,18}$/, 'an event id from this stream')
    .optional()
    .openapi({ description: 'Same as the Last-Event-ID header, for clients that cannot send headers' }),
});

/** What the live stream sends; `data` is JSON. Only `*.created` events carry an `id` to resume from. */
export type QaEvent =
  | { type: 'ready'; data: { group_id: string | null } }
  | { type: 'question.created'; id: string; data: Question }
  | { type: 'answer.created'; id: string; data: Answer }
  | { type: 'question.updated'; data: Question }
  | { type: 'answer.updated'; data: Answer }
  | { type: 'post.removed'; data: { id: string; question_id: string | null } };

export type QaSort = z.infer<typeof QaSortSchema>;
export type PostStatus = z.infer<typeof PostStatusSchema>;
export type VoteValue = z.infer<typeof VoteValueSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type Answer = z.infer<typeof AnswerSchema>;
export type QuestionDetail = z.infer<typeof QuestionDetailSchema>;
export type ListQuestionsQuery = Partial<z.infer<typeof ListQuestionsQuery>>;
export type AskQuestion = z.input<typeof AskQuestionSchema>;
export type AnswerQuestion = z.input<typeof AnswerQuestionSchema>;
export type EditQuestion = z.input<typeof EditQuestionSchema>;
export type EditAnswer = z.input<typeof EditAnswerSchema>;
export type VoteResult = z.infer<typeof VoteResultSchema>;
export type PostVersion = z.infer<typeof PostVersionSchema>;
export type RevealedAuthor = z.infer<typeof RevealedAuthorSchema>;
export type RevealLogEntry = z.infer<typeof RevealLogEntrySchema>;
