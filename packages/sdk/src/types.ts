/**
 * The API's wire types under the names the SDK has always exported, each derived from the
 * generated OpenAPI types (`generated/api.ts`), so none of them is written by hand.
 */
import type { components, paths } from './generated/api.js';
import type { QueryOf } from './transport.js';

type Schemas = components['schemas'];
type ListQuery<P extends keyof paths> = QueryOf<paths[P]['get']>;

/** A page of a list endpoint. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
/** A problem body as the API sends it. */
export type ProblemBody = Schemas['Problem'];
/** One field of a 422: its path, a stable `code` to translate and the limits it names. */
export type FieldError = Schemas['FieldError'];
/** Every field error code the API gives. */
export type FieldErrorCode = FieldError['code'];

export type Group = Schemas['Group'];
export type GroupDetail = Schemas['GroupDetail'];
export type Membership = Schemas['Membership'];
export type MembershipStatus = Membership['status'];
export type ListGroupsQuery = ListQuery<'/v1/groups'>;
export type CreateGroup = Schemas['CreateGroup'];
export type UpdateGroup = Schemas['UpdateGroup'];
export type JoinGroup = Schemas['JoinGroup'];
export type JoinRequest = Schemas['JoinRequest'];
export type GroupMember = Schemas['GroupMember'];
export type Rhythm = Schemas['Rhythm'];

export type Question = Schemas['Question'];
export type Answer = Schemas['Answer'];
export type QuestionDetail = Schemas['QuestionDetail'];
export type ListQuestionsQuery = ListQuery<'/v1/questions'>;
export type QaSort = NonNullable<ListQuestionsQuery['sort']>;
export type PostStatus = Question['status'];
export type AskQuestion = Schemas['AskQuestion'];
export type AnswerQuestion = Schemas['AnswerQuestion'];
export type EditQuestion = Schemas['EditQuestion'];
export type EditAnswer = Schemas['EditAnswer'];
export type VoteValue = Schemas['Vote']['value'];
export type VoteResult = Schemas['VoteResult'];
export type PostVersion = Schemas['PostVersion'];
export type RevealedAuthor = Schemas['RevealedAuthor'];
export type RevealLogEntry = Schemas['RevealLogEntry'];
/**
 * An event of a board's live stream (`/v1/questions/stream`). The document describes the stream
 * as text, so the events are spelled out here from the post types they carry.
 */
export type QaEvent =
  | { type: 'ready'; data: { group_id: string | null } }
  | { type: 'question.created'; id: string; data: Question }
  | { type: 'answer.created'; id: string; data: Answer }
  | { type: 'question.updated'; data: Question }
  | { type: 'answer.updated'; data: Answer }
  | { type: 'post.removed'; data: { id: string; question_id: string | null } };

export type Session = Schemas['Session'];
export type MyRsvp = Schemas['MyRsvp'];
export type ListSessionsQuery = ListQuery<'/v1/sessions'>;
export type CreateSession = Schemas['CreateSession'];
export type UpdateSession = Schemas['UpdateSession'];
export type CreateSeries = Schemas['CreateSeries'];
export type RsvpAnswer = Schemas['Rsvp']['answer'];
export type Attendee = Schemas['Attendee'];
export type Topic = Schemas['Topic'];
export type CreateTopic = Schemas['CreateTopic'];
export type CalendarFeed = Schemas['CalendarFeed'];
export type SeriesOccurrence = Schemas['SeriesOccurrence'];
export type Holiday = Schemas['Holiday'];
export type ExpertTalkFromTopic = Schemas['ExpertTalkFromTopic'];
export type SeriesAttendance = Schemas['SeriesAttendance'];
export type ModerationItem = Schemas['ModerationItem'];
export type ModerationQueueQuery = ListQuery<'/v1/moderation/queue'>;

export type Commitment = Schemas['Commitment'];
export type CommitmentTarget = Schemas['CommitmentTarget'];
export type CommitmentReport = Schemas['CommitmentReport'];
export type CommitmentVisibility = Commitment['visibility'];
export type ReportStatus = CommitmentReport['status'];
export type ListCommitmentsQuery = ListQuery<'/v1/groups/{id}/commitments'>;
export type MyCommitmentsQuery = ListQuery<'/v1/me/commitments'>;
export type CreateCommitment = Schemas['CreateCommitment'];
export type UpdateCommitment = Schemas['UpdateCommitment'];
export type ReportCommitment = Schemas['ReportCommitment'];
export type Round = Schemas['Round'];
export type RoundEntry = Schemas['RoundEntry'];
export type CommitmentSummary = Schemas['CommitmentSummary'];

export type Me = Schemas['Me'];
export type Role = Me['roles'][number];
export type PublicConfig = Schemas['PublicConfig'];
export type TenantAdmin = Schemas['TenantAdmin'];
export type TenantPatch = Schemas['TenantPatch'];
export type ApiKeyView = Schemas['ApiKey'];
export type RotateKey = Schemas['RotateKey'];
export type RotatedKey = Schemas['RotatedKey'];
