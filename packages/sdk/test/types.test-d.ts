import { describe, expectTypeOf, it } from 'vitest';
import { createAdminClient } from '../src/admin.js';
import {
  createClient,
  type ApiKeyView,
  type Commitment,
  createMemberClient,
  EkProblemError,
  type FieldErrorCode,
  type Group,
  type ModerationItem,
  type Page,
  type ReportStatus,
  type Round,
  type SeriesAttendance,
  type SeriesOccurrence,
  withFacilitatorTools,
  type Session,
} from '../src/index.js';

// Type-level only: these pin what the SDK infers from the generated OpenAPI types.
const client = createClient({ baseUrl: 'http://x', tenantKey: 'pk_x' });
const admin = createAdminClient({ baseUrl: 'http://x', secretKey: 'sk_x' });

describe('SDK types from the API document', () => {
  it('lists groups as a page of Group', () => {
    expectTypeOf(client.groups.list).returns.resolves.toEqualTypeOf<Page<Group>>();
    expectTypeOf<Awaited<ReturnType<typeof client.groups.list>>['items'][number]>().toEqualTypeOf<Group>();
  });

  it('gets one Session', () => {
    expectTypeOf(client.sessions.get).returns.resolves.toEqualTypeOf<Session>();
  });

  it('refuses a question with a field the API does not take', () => {
    // @ts-expect-error `heading` is not a field of AskQuestion
    void client.questions.ask({ heading: 'Miten?', body: 'Kysymys' });
    // @ts-expect-error the transport checks the body against the path and method too
    void client.transport.request('POST', '/v1/questions', { body: { title: 'Miten?', bodyText: 'x' } });
  });

  it("lists the association's keys", () => {
    expectTypeOf(admin.tenant.keys.list).returns.resolves.toEqualTypeOf<{ items: ApiKeyView[] }>();
  });

  it('asks for path parameters where the path has them', () => {
    // @ts-expect-error `/v1/groups/{id}` needs `params: { id }`
    void client.transport.request('GET', '/v1/groups/{id}');
    expectTypeOf(
      client.transport.request('GET', '/v1/groups/{id}', { params: { id: 'g' } }),
    ).resolves.toHaveProperty('rules');
  });

  it('types commitments, mine and the round from the routes', () => {
    expectTypeOf(client.commitments.list).returns.resolves.toEqualTypeOf<Page<Commitment>>();
    expectTypeOf(client.me.commitments).returns.resolves.toEqualTypeOf<Page<Commitment>>();
    expectTypeOf(client.sessions.round).returns.resolves.toEqualTypeOf<Round>();
    expectTypeOf<ReportStatus>().toEqualTypeOf<'done' | 'partly' | 'not_done' | 'dropped'>();
    // @ts-expect-error a report's status is one of four
    void client.commitments.report('c', { status: 'finished' });
    // @ts-expect-error a target needs its unit
    void client.commitments.create('g', { text: 'x', target: { value: 10 } });
  });

  it('gives the facilitator desk its tools from a member client', () => {
    const member = createMemberClient({ baseUrl: 'http://x', tenantKey: 'pk_x' });
    // @ts-expect-error a member client has no moderation queue
    void member.questions.queue;
    const desk = withFacilitatorTools(member);
    expectTypeOf(desk.questions.queue).returns.resolves.toEqualTypeOf<Page<ModerationItem>>();
    expectTypeOf(desk.sessions.previewSeries).returns.resolves.toEqualTypeOf<SeriesOccurrence[]>();
    expectTypeOf(desk.sessions.seriesAttendance).returns.resolves.toEqualTypeOf<SeriesAttendance>();
    expectTypeOf(desk.sessions.expertTalk).returns.resolves.toEqualTypeOf<Session>();
    expectTypeOf(desk.groups.list).toEqualTypeOf(member.groups.list);
  });

  it("types a 422's field errors by their stable code and limits", () => {
    const error = new EkProblemError({
      type: 'about:blank',
      title: 'Invalid',
      status: 422,
      code: 'validation_failed',
    });
    expectTypeOf(error.errors[0]!.code).toEqualTypeOf<FieldErrorCode>();
    expectTypeOf<'too_short'>().toExtend<FieldErrorCode>();
    expectTypeOf(error.errors[0]!.min).toEqualTypeOf<number | undefined>();
  });
});
