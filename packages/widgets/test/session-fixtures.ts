/**
 * The Node side of the session calendar's tests, hooked into web-test-runner.config.mjs: every test
 * gets an association of its own (so "all open events" lists only that test's events), with
 * people, a group and sessions made straight in the store, and a token endpoint for its people.
 *
 * `POST /__test/calendar` takes a {@link CalendarSeed} and answers {@link SeededCalendar};
 * `GET /__test/calendar/token?calendar=<id>&sub=<person>` answers `{ token }` for one of its
 * people (401 without `sub`), as the association's own backend would; with `fail=<id>` its first
 * answer for that id is a 500.
 */
import type { createTenant as CreateTenant, Store } from '@ekollega/api';
import type { CreateSession } from '@ekollega/api/contract';
import { answerTokenRequest, memberToken, readJson, type Context } from './host-backend.js';

/** A session made for a test; its start is wall time in its zone, or minutes from now. */
export type SeedSession = Omit<CreateSession, 'start' | 'group_id' | 'duration_minutes'> & {
  /** Local wall time in `time_zone` (`2030-12-03T09:00`). */
  start?: string;
  /** Starts this many minutes from now (rounded down to the minute), in UTC. */
  in_minutes?: number;
  /** Default 60. */
  duration_minutes?: number;
  /** A meeting of the test's group; otherwise an association event of `scope` (default members). */
  in_group?: boolean;
  /** People who answer yes, in order: beyond `capacity` they wait in line. */
  yes?: string[];
  cancelled?: boolean;
  /** Moved to this local time after it was made. */
  moved_to?: string;
};

export interface CalendarSeed {
  /** People by id → display name. */
  people?: Record<string, string>;
  /** Members of a group made for the test, by id (its facilitator is `facilitator`). */
  group?: string[];
  sessions?: SeedSession[];
}

export interface SeededCalendar {
  /** The association's id, which the token endpoint takes as `calendar`. */
  calendar: string;
  tenantKey: string;
  group: string | null;
  /** The sessions' ids, in the order given. */
  sessions: string[];
}

const FACILITATOR = 'facilitator';

/**
 * The middleware. `store` and `createTenant` come from the config's one load of the API, so that
 * the store's error classes are the app's own.
 */
export function sessionFixtures(store: Store, createTenant: typeof CreateTenant, origins: string[]) {
  const calendars = new Map<string, { secret: string; people: Record<string, string> }>();
  const failed = new Set<string>();
  let count = 0;

  async function seed(input: CalendarSeed): Promise<SeededCalendar> {
    const created = await createTenant(store, { name: `Calendar ${++count}`, origins });
    const tenantId = created.tenant.id;
    const now = new Date();
    const people: Record<string, string> = { [FACILITATOR]: 'Helena Salo', ...input.people };
    calendars.set(tenantId, { secret: created.memberTokenSecret, people });
    const member = (id: string) => ({
      tenantId,
      id,
      name: people[id] ?? id,
      email: null,
      locale: null,
      roles: id === FACILITATOR ? ['facilitator' as const, 'member' as const] : ['member' as const],
    });
    for (const id of Object.keys(people)) await store.members.upsert(member(id), now);
    let group: string | null = null;
    if (input.group) {
      group = await store.groups.create(
        created.tenant,
        { name: 'Testiryhmä', capacity: 20, facilitator_ids: [FACILITATOR] },
        FACILITATOR,
        now,
      );
      for (const id of input.group)
        await store.groups.join(tenantId, group, id, { accepted_rules_version: 1, answers: {} }, now);
    }
    const organiser = { tenantId, memberId: null, admin: true, organiser: true };
    const sessions: string[] = [];
    for (const {
      start,
      in_minutes,
      duration_minutes = 60,
      in_group,
      yes = [],
      cancelled,
      moved_to,
      ...fields
    } of input.sessions ?? []) {
      const soon =
        in_minutes === undefined
          ? null
          : new Date(now.getTime() + in_minutes * 60_000).toISOString().slice(0, 16);
      const local = soon ?? start ?? '2030-12-03T09:00';
      const id = await store.sessions.create(
        organiser,
        {
          ...fields,
          ...(soon ? { time_zone: 'UTC' } : {}),
          ...(in_group && group ? { group_id: group } : {}),
          start: local,
          duration_minutes,
        },
        now,
      );
      for (const person of yes)
        await store.sessions.rsvp(
          { tenantId, memberId: person, admin: false, organiser: false },
          member(person),
          id,
          'yes',
          now,
        );
      if (moved_to) await store.sessions.update(organiser, id, { start: moved_to }, now);
      if (cancelled) await store.sessions.cancel(organiser, id, 'this', now);
      sessions.push(id);
    }
    return { calendar: tenantId, tenantKey: created.publishableKey, group, sessions };
  }

  function token(calendar: string | undefined, sub: string | undefined): Promise<string> | null {
    const known = calendar ? calendars.get(calendar) : undefined;
    if (!calendar || !known || !sub) return null;
    return memberToken(
      { tenantId: calendar, secret: known.secret },
      sub,
      known.people[sub] ?? sub,
      sub === FACILITATOR ? ['facilitator', 'member'] : ['member'],
    );
  }

  return async (ctx: Context, next: () => Promise<void>) => {
    if (ctx.path === '/__test/calendar' && ctx.method === 'POST') {
      ctx.body = await seed(await readJson<CalendarSeed>(ctx));
      return;
    }
    if (ctx.path === '/__test/calendar/token') {
      await answerTokenRequest(ctx, failed, token(ctx.query.calendar, ctx.query.sub));
      return;
    }
    return next();
  };
}
