/**
 * The Node side of the Q&A board's tests, hooked into web-test-runner.config.mjs: every test gets
 * an association of its own (an empty association-wide board, its own settings), seeded straight
 * in the store, and a token endpoint that signs its people in.
 *
 * `POST /__test/qa` takes a {@link BoardSeed} and answers {@link SeededBoard};
 * `GET /__test/qa/token?board=<id>&sub=<person>` answers `{ token }` for one of the board's people
 * (401 without `sub`), as the association's own backend would; with `fail=<id>` its first answer
 * for that id is a 500.
 */
import type { createTenant as CreateTenant, Store } from '@ekollega/api';
import { answerTokenRequest, memberToken, readJson, type Context } from './host-backend.js';

/** A question seeded on the board, with its answers and votes (by people's ids). */
export interface SeedQuestion {
  by: string;
  title: string;
  body?: string;
  tags?: string[];
  anonymous?: boolean;
  /** On the seeded group's board instead of the association's. */
  inGroup?: boolean;
  votes?: string[];
  answers?: { by: string; body: string; anonymous?: boolean }[];
  /** The index of the answer the asker accepted. */
  accepted?: number;
}

export interface BoardSeed {
  /** The association's Q&A settings, e.g. `{ qa_public_read: true }`. */
  settings?: Record<string, unknown>;
  /** People by id → display name (the name their member token carries). */
  people?: Record<string, string>;
  /** People who are facilitators (and facilitate the group). */
  facilitators?: string[];
  /** Members of a group made for the test; its board is `group` in the answer. */
  group?: string[];
  /** Oldest first, a minute apart. */
  questions?: SeedQuestion[];
}

export interface SeededBoard {
  /** The association's id, which the token endpoint takes as `board`. */
  board: string;
  tenantKey: string;
  group: string | null;
  /** The seeded questions' ids, in the order given. */
  questions: string[];
}

type Role = 'member' | 'facilitator' | 'admin';

/**
 * The middleware. `store` and `createTenant` come from the config's one load of the API, so that
 * the store's error classes are the app's own.
 */
export function qaFixtures(store: Store, createTenant: typeof CreateTenant, origins: string[]) {
  const boards = new Map<
    string,
    { secret: string; people: Record<string, string>; facilitators: string[] }
  >();
  const failed = new Set<string>();
  let count = 0;

  async function seed(input: BoardSeed): Promise<SeededBoard> {
    const created = await createTenant(store, { name: `Q&A ${++count}`, origins });
    const tenant = created.tenant.id;
    const people = input.people ?? {};
    const facilitators = input.facilitators ?? [];
    boards.set(tenant, { secret: created.memberTokenSecret, people, facilitators });
    const settings = input.settings ?? {};
    const fresh = (await store.tenants.update(tenant, { settings }))!;
    const rolesOf = (id: string): Role[] =>
      facilitators.includes(id) ? ['facilitator', 'member'] : ['member'];
    const now = Date.now();
    for (const [id, name] of Object.entries(people)) {
      await store.members.upsert(
        { tenantId: tenant, id, name, email: null, locale: null, roles: rolesOf(id) },
        new Date(now - 86_400_000),
      );
    }
    let group: string | null = null;
    if (input.group) {
      group = await store.groups.create(
        fresh,
        { name: 'Testiryhmä', facilitator_ids: facilitators },
        null,
        new Date(now),
      );
      for (const id of input.group)
        await store.groups.join(tenant, group, id, { accepted_rules_version: 1, answers: {} }, new Date(now));
    }
    const as = (id: string) => ({
      tenant: fresh,
      memberId: id,
      roles: rolesOf(id),
      locale: null,
      server: false,
    });
    const questions: string[] = [];
    const all = input.questions ?? [];
    for (const [i, q] of all.entries()) {
      const at = now - (all.length - i) * 60_000;
      const id = await store.questions.ask(
        as(q.by),
        q.by,
        {
          title: q.title,
          body: q.body ?? q.title,
          tags: q.tags ?? [],
          anonymous: q.anonymous ?? false,
          group_id: q.inGroup ? group : null,
        },
        new Date(at),
      );
      const answers: string[] = [];
      for (const [j, answer] of (q.answers ?? []).entries()) {
        const posted = await store.questions.answer(
          as(answer.by),
          answer.by,
          id,
          { body: answer.body, anonymous: answer.anonymous ?? false },
          new Date(at + (j + 1) * 1000),
        );
        answers.push(posted.id);
      }
      if (q.accepted !== undefined) await store.questions.accept(as(q.by), id, answers[q.accepted]!);
      for (const voter of q.votes ?? [])
        await store.questions.vote(as(voter), voter, { question: id }, 1, new Date(at));
      questions.push(id);
    }
    return { board: tenant, tenantKey: created.publishableKey, group, questions };
  }

  function token(board: string | undefined, sub: string | undefined): Promise<string> | null {
    const known = board ? boards.get(board) : undefined;
    if (!board || !known || !sub) return null;
    const roles = known.facilitators.includes(sub) ? ['facilitator', 'member'] : ['member'];
    return memberToken({ tenantId: board, secret: known.secret }, sub, known.people[sub] ?? sub, roles);
  }

  return async (ctx: Context, next: () => Promise<void>) => {
    if (ctx.path === '/__test/qa' && ctx.method === 'POST') {
      ctx.body = await seed(await readJson<BoardSeed>(ctx));
      return;
    }
    if (ctx.path === '/__test/qa/token') {
      await answerTokenRequest(ctx, failed, token(ctx.query.board, ctx.query.sub));
      return;
    }
    return next();
  };
}
