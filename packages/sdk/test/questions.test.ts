import type { QaEvent, Question } from '@ekollega/api/contract';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { streamTiming } from '../../api/src/live/stream.js';
import { startServer } from '../../api/src/server.js';
import { createClient, isProblem, type Answer, type QuestionDetail, type VoteResult } from '../src/index.js';
import { association } from './association.js';

let board: Awaited<ReturnType<typeof association>>;
beforeAll(async () => {
  board = await association();
});
afterAll(() => board.close());

/** Collects a subscription's events and lets a test wait for the next one of a type. */
function collector() {
  const events: QaEvent[] = [];
  const waiters: (() => void)[] = [];
  return {
    events,
    onEvent: (event: QaEvent) => {
      events.push(event);
      waiters.splice(0).forEach((wake) => wake());
    },
    async next<T extends QaEvent['type']>(type: T, ms = 5000): Promise<Extract<QaEvent, { type: T }>> {
      const deadline = Date.now() + ms;
      for (;;) {
        const index = events.findIndex((e) => e.type === type);
        if (index >= 0) return events.splice(index, 1)[0] as Extract<QaEvent, { type: T }>;
        if (Date.now() > deadline) throw new Error(`no ${type} event within ${ms} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
  };
}

describe('client.questions', () => {
  it('asks, lists, answers, votes, accepts and edits, typed from the API contract', async () => {
    const aino = board.as('aino');
    const mikko = board.as('mikko');
    const asked = await aino.questions.ask({
      title: 'Miten hinnoittelen?',
      body: 'Olen **uusi** yrittäjä.',
      tags: ['hinnoittelu'],
    });
    expectTypeOf(asked).toEqualTypeOf<QuestionDetail>();
    expect(asked).toMatchObject({
      title: 'Miten hinnoittelen?',
      author: { id: 'aino', name: 'Aino' },
      mine: true,
    });

    const page = await mikko.questions.list({ sort: 'unanswered', tag: 'hinnoittelu' });
    expectTypeOf(page.items).toEqualTypeOf<Question[]>();
    expect(page.items.map((q) => q.id)).toEqual([asked.id]);

    const answer = await mikko.questions.answer(asked.id, { body: 'Laske tuntihinta kuluista.' });
    expectTypeOf(answer).toEqualTypeOf<Answer>();
    const vote = await aino.questions.vote({ question: asked.id, answer: answer.id });
    expectTypeOf(vote).toEqualTypeOf<VoteResult>();
    expect(vote).toEqual({ score: 1, my_vote: 1 });
    expect(await mikko.questions.vote(asked.id, 1)).toEqual({ score: 1, my_vote: 1 });
    expect(await mikko.questions.unvote(asked.id)).toEqual({ score: 0, my_vote: null });
    const downvote = await mikko.questions.vote(asked.id, -1).catch((e: unknown) => e);
    expect(isProblem(downvote, 'downvotes_disabled')).toBe(true);

    const accepted = await aino.questions.accept(asked.id, answer.id);
    expect(accepted.answers.map((a) => [a.id, a.accepted])).toEqual([[answer.id, true]]);
    expect(accepted.answers_next_cursor).toBeNull();
    const second = await aino.questions.answer(asked.id, { body: 'Ja katteesta.' });
    const more = await mikko.questions.answers(asked.id, { limit: 1 });
    expectTypeOf(more.items).toEqualTypeOf<Answer[]>();
    expect(more.items.map((a) => a.id)).toEqual([answer.id]);
    const rest = await mikko.questions.answers(asked.id, { limit: 1, cursor: more.next_cursor! });
    expect(rest).toMatchObject({ items: [{ id: second.id, accepted: false }], next_cursor: null });

    const edited = await aino.questions.edit(asked.id, { title: 'Miten hinnoittelen palveluni?' });
    expectTypeOf(edited).toEqualTypeOf<Question>();
    const editedAnswer = await mikko.questions.edit(
      { question: asked.id, answer: answer.id },
      { body: 'Laske tuntihinta kuluista ja katteesta.' },
    );
    expectTypeOf(editedAnswer).toEqualTypeOf<Answer>();
    expect((await aino.questions.history(asked.id)).map((v) => v.title)).toEqual([
      'Miten hinnoittelen?',
      'Miten hinnoittelen palveluni?',
    ]);

    const all: string[] = [];
    for await (const q of aino.paginate((cursor) => aino.questions.list({ limit: 1, cursor })))
      all.push(q.id);
    expect(all).toContain(asked.id);
  });

  it('moderates: report, hide, restore, reveal with a log, remove', async () => {
    const salla = board.as('salla');
    const helena = board.as('helena', ['facilitator']);
    const q = await salla.questions.ask({ title: 'Nimetön', body: 'Arka asia', anonymous: true });
    expect(q.author).toBeNull();
    await board.as('mikko').questions.report(q.id, 'Asiaton');
    expect((await helena.questions.get(q.id)).moderation?.report_count).toBe(1);
    expect((await helena.questions.hide(q.id)).status).toBe('hidden');
    expect((await helena.questions.restore(q.id)).status).toBe('visible');
    const denied = await board
      .as('mikko')
      .questions.reveal(q.id, 'Uteliaisuus')
      .catch((e: unknown) => e);
    expect(isProblem(denied, 'forbidden')).toBe(true);
    expect((await helena.questions.reveal(q.id, 'Uhkaava viesti')).author).toEqual({
      id: 'salla',
      name: 'Salla',
    });
    const log = await board.admin().transport.request('GET', '/v1/questions/reveals');
    expect(log.items.map((r) => r.post_id)).toEqual([q.id]);
    expect((await board.as('boss', ['admin']).questions.reveals()).items[0]).toMatchObject({
      post_id: q.id,
      revealed_by: { id: 'helena' },
      reason: 'Uhkaava viesti',
    });
    await salla.questions.remove(q.id);
    const gone = await salla.questions.get(q.id).catch((e: unknown) => e);
    expect(isProblem(gone, 'not_found')).toBe(true);
  });

  it('subscribes to a board in-process and stops when aborted', async () => {
    const stop = new AbortController();
    const seen = collector();
    const done = board.as('aino').questions.subscribe({}, seen.onEvent, { signal: stop.signal });
    await seen.next('ready');
    const q = await board.as('mikko').questions.ask({ title: 'Livenä', body: 'Näkyykö?' });
    const created = await seen.next('question.created');
    expectTypeOf(created.data).toEqualTypeOf<Question>();
    expect(created.data.id).toBe(q.id);
    expect(created.id).toMatch(/^\d+$/);
    stop.abort();
    await expect(done).resolves.toBeUndefined();
  });

  it('rejects a subscription to a board the member cannot read', async () => {
    const helena = board.as('helena', ['facilitator']);
    const group = await helena.groups.create({
      name: 'Suljettu ryhmä',
      capacity: 5,
      join_policy: 'approval',
    });
    const refused = await board
      .as('mikko')
      .questions.subscribe({ group: group.id }, () => undefined)
      .catch((e: unknown) => e);
    expect(isProblem(refused, 'not_found')).toBe(true);
  });
});

describe('client.questions.subscribe over real HTTP', () => {
  it('receives posts live, and reconnects with Last-Event-ID after the server ends a stream', async () => {
    const server = await startServer(board.store, { port: 0, log: false });
    const { maxMs } = streamTiming;
    streamTiming.maxMs = 400;
    const stop = new AbortController();
    try {
      const over = (sub: string) =>
        createClient({
          baseUrl: server.url,
          tenantKey: board.tenant.publishableKey,
          getMemberToken: () => board.tokenOf(sub),
        });
      const seen = collector();
      let reconnects = 0;
      const done = over('aino').questions.subscribe({}, seen.onEvent, {
        signal: stop.signal,
        onReconnect: () => reconnects++,
      });
      await seen.next('ready');
      const first = await over('mikko').questions.ask({ title: 'Verkon yli', body: 'HTTP' });
      expect((await seen.next('question.created')).data.id).toBe(first.id);

      // The server ends the stream; the client opens it again and asks for what it missed.
      await seen.next('ready');
      await seen.next('ready');
      expect(reconnects).toBeGreaterThanOrEqual(2);
      const second = await over('mikko').questions.ask({
        title: 'Uudelleenyhdistyksen jälkeen',
        body: 'HTTP',
      });
      const a = await over('salla').questions.answer(second.id, { body: 'Vastaus' });
      expect((await seen.next('question.created')).data.id).toBe(second.id);
      expect((await seen.next('answer.created')).data).toMatchObject({ id: a.id, question_id: second.id });
      stop.abort();
      await done;
      expect(seen.events.filter((e) => e.type === 'question.created')).toEqual([]);
    } finally {
      stop.abort();
      streamTiming.maxMs = maxMs;
      await server.close();
    }
  });
});
