import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../src/auth/tenant-keys.js';
import { streamTiming } from '../src/live/stream.js';
import { startServer } from '../src/server.js';
import { openStore } from '../src/store/index.js';
import { engines } from './harness.js';
import { qaFixture, type Person, type QaFixture } from './questions-fixture.js';
import { readEvents } from './sse.js';

describe.each(engines)('Q&A live events (%s)', (engine) => {
  let f: QaFixture;
  const open: { close(): Promise<unknown> }[] = [];
  beforeAll(async () => {
    f = await qaFixture(engine);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  afterAll(() => f.close());

  /** Subscribes as `who` and waits for the stream to be ready. */
  async function subscribe(who: Person | null, query = '', headers: Record<string, string> = {}) {
    const res = await f.as(who, `/v1/questions/stream${query}`, { headers });
    expect(res.status, await (res.status === 200 ? '' : res.clone().text())).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = readEvents(res);
    open.push(events);
    const ready = await events.nextJson();
    expect(ready.event).toBe('ready');
    return events;
  }

  it('delivers new questions and answers as any peer sees them', async () => {
    const events = await subscribe('aino');
    const q = await f.ask('mikko', { title: 'Livenä kysytty' });
    const created = await events.nextJson();
    expect(created.event).toBe('question.created');
    expect(created.id).toMatch(/^\d+$/);
    expect(created.json).toMatchObject({
      id: q.id,
      title: 'Livenä kysytty',
      author: { id: 'mikko', name: 'Mikko Mäki' },
      group_id: null,
    });
    expect(created.json).not.toHaveProperty('mine');
    expect(created.json).not.toHaveProperty('my_vote');

    const a = await f.answer('salla', q.id, { body: 'Nimetön vastaus', anonymous: true });
    const answered = await events.nextJson();
    expect(answered.event).toBe('answer.created');
    expect(answered.json).toMatchObject({
      id: a.id,
      question_id: q.id,
      author: null,
      anonymous: true,
      body: 'Nimetön vastaus',
    });
    expect(answered.data).not.toMatch(/salla|Salla/);
  });

  it('delivers a board’s events only to those who may read that board', async () => {
    const association = await subscribe('aino');
    const g1 = await subscribe('helena', `?group=${f.g1}`);
    const g2 = await subscribe('bjorn', `?group=${f.g2}`);
    const otherTenant = await subscribe('olli');
    for (const who of ['bjorn', 'mikko', 'frida', 'boss', 'olli'] as const) {
      expect((await f.as(who, `/v1/questions/stream?group=${f.g1}`)).status, who).toBe(404);
    }
    expect((await f.as(null, '/v1/questions/stream')).status).toBe(401);
    expect((await f.as(null, `/v1/questions/stream?group=${f.g1}`)).status).toBe(404);

    const secret = await f.ask('aino', { group_id: f.g1, title: 'Vain ryhmälle' });
    expect((await g1.nextJson()).json).toMatchObject({ id: secret.id, title: 'Vain ryhmälle' });
    const theirs = await f.ask('bjorn', { group_id: f.g2, title: 'Bara för gruppen' });
    // Björn's first event is his own group's: G1's never reached him.
    expect((await g2.nextJson()).json.id).toBe(theirs.id);
    await association.quiet();
    await otherTenant.quiet(100);

    await f.setSettings({ qa_public_read: true });
    try {
      const visitor = await subscribe(null);
      const open = await f.ask('mikko', { title: 'Julkinen' });
      expect((await visitor.nextJson()).json.id).toBe(open.id);
      expect((await association.nextJson()).json.id).toBe(open.id);
    } finally {
      await f.setSettings({ qa_public_read: false });
    }
  });

  it('tells of edits, hidden and restored posts, and deletions', async () => {
    const events = await subscribe('aino');
    const q = await f.ask('mikko', { title: 'Muuttuva' });
    expect((await events.next()).event).toBe('question.created');
    const a = await f.answer('salla', q.id);
    expect((await events.next()).event).toBe('answer.created');

    await f.ok('mikko', `/v1/questions/${q.id}`, { method: 'PATCH', body: { title: 'Muuttunut' } });
    const edited = await events.nextJson();
    expect([edited.event, edited.json.title, edited.id]).toEqual([
      'question.updated',
      'Muuttunut',
      undefined,
    ]);
    await f.ok('helena', `/v1/questions/${q.id}/hide`, { method: 'POST' });
    expect(await events.nextJson()).toMatchObject({
      event: 'post.removed',
      json: { id: q.id, question_id: null },
    });
    await f.ok('helena', `/v1/questions/${q.id}/restore`, { method: 'POST' });
    expect(await events.nextJson()).toMatchObject({ event: 'question.updated', json: { id: q.id } });
    await f.ok('aino', `/v1/questions/${q.id}/vote`, { method: 'PUT', body: { value: 1 } });
    await f.ok('salla', `/v1/questions/${q.id}/answers/${a.id}`, { method: 'DELETE' }, 204);
    expect(await events.nextJson()).toMatchObject({
      event: 'post.removed',
      json: { id: a.id, question_id: q.id },
    });
  });

  it('resumes from Last-Event-ID without losing a post', async () => {
    const first = await subscribe('aino');
    await f.ask('mikko', { title: 'Ennen katkosta' });
    const seen = await first.next();
    await first.close();
    const missed1 = await f.ask('mikko', { title: 'Katkoksen aikana 1' });
    const missed2 = await f.ask('salla', { title: 'Katkoksen aikana 2', anonymous: true });
    const again = await subscribe('aino', '', { 'last-event-id': seen.id! });
    const r1 = await again.nextJson();
    const r2 = await again.nextJson();
    expect([r1.json.id, r2.json.id]).toEqual([missed1.id, missed2.id]);
    expect(Number(r2.id)).toBeGreaterThan(Number(r1.id));
    expect(r2.data).not.toMatch(/salla|Salla/);
    const live = await f.ask('mikko', { title: 'Taas livenä' });
    expect((await again.nextJson()).json.id).toBe(live.id);
    // The query parameter does the same for clients that cannot send headers.
    const byQuery = await subscribe('aino', `?last_event_id=${seen.id}`);
    expect((await byQuery.nextJson()).json.id).toBe(missed1.id);
  });

  it('ends the stream of a member who left the group before the next event', async () => {
    const events = await subscribe('salla', `?group=${f.g1}`);
    await f.ok('salla', `/v1/groups/${f.g1}/membership`, { method: 'DELETE' }, 204);
    await f.ask('aino', { group_id: f.g1, title: 'Lähteneen ohi' });
    expect(await events.ended()).toBe(true);
    await f.ok('salla', `/v1/groups/${f.g1}/membership`, {
      method: 'PUT',
      body: { accepted_rules_version: 1 },
    });
  });

  it('keeps an idle stream alive, and ends it after its longest time', async () => {
    const { keepAliveMs, maxMs } = streamTiming;
    streamTiming.keepAliveMs = 40;
    streamTiming.maxMs = 400;
    try {
      const events = await subscribe('aino');
      expect(await events.ended(2000)).toBe(true);
      expect(events.comments).toContain(': keep-alive');
    } finally {
      Object.assign(streamTiming, { keepAliveMs, maxMs });
    }
  });

  it('streams over real HTTP', async () => {
    const server = await startServer(f.h.store, { port: 0, log: false, clock: () => f.h.now });
    try {
      const headers = {
        'ekollega-key': f.h.a.publishableKey,
        authorization: `Bearer ${await f.tokenOf('aino')}`,
      };
      const controller = new AbortController();
      const res = await fetch(`${server.url}/v1/questions/stream`, { headers, signal: controller.signal });
      expect(res.status).toBe(200);
      const events = readEvents(res);
      expect((await events.next()).event).toBe('ready');
      const post = await fetch(`${server.url}/v1/questions`, {
        method: 'POST',
        headers: {
          ...headers,
          authorization: `Bearer ${await f.tokenOf('mikko')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ title: 'HTTP:n yli', body: 'Kulkeeko?' }),
      });
      expect(post.status).toBe(201);
      expect((await events.nextJson()).json.title).toBe('HTTP:n yli');
      controller.abort();
      await events.close();
    } finally {
      await server.close();
    }
  });
});

/**
 * Two API processes on one PostgreSQL: a post written through one reaches a subscriber of the
 * other, through NOTIFY sent in the write transaction and each process's LISTEN connection.
 */
describe.runIf(process.env.DATABASE_URL)('Q&A live events across API processes (postgres)', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://localhost');
  url.searchParams.set('options', `-c search_path=${schema}`);
  const children: ChildProcess[] = [];
  let tenant: Awaited<ReturnType<typeof createTenant>>;

  async function startProcess(): Promise<string> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./fixtures/serve-api.ts', import.meta.url))],
      {
        env: { ...process.env, DATABASE_URL: url.toString() },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    return JSON.parse(line).url;
  }
  const tokenOf = (sub: string) => {
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT({ name: sub, roles: ['member'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(tenant.tenant.id)
      .setAudience('ekollega')
      .setSubject(sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(new TextEncoder().encode(tenant.memberTokenSecret));
  };

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const store = await openStore({ databaseUrl: url.toString() });
    tenant = await createTenant(store, { name: 'Kahden prosessin ry', origins: [] });
    await store.close();
  });
  afterAll(async () => {
    for (const child of children) {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });

  it('delivers a post made through one process to a subscriber of the other', async () => {
    const [first, second] = await Promise.all([startProcess(), startProcess()]);
    const headers = (sub: string) =>
      tokenOf(sub).then((token) => ({
        'ekollega-key': tenant.publishableKey,
        authorization: `Bearer ${token}`,
      }));
    const controller = new AbortController();
    const res = await fetch(`${second}/v1/questions/stream`, {
      headers: await headers('reader'),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const events = readEvents(res);
    expect((await events.next()).event).toBe('ready');
    const post = await fetch(`${first}/v1/questions`, {
      method: 'POST',
      headers: { ...(await headers('writer')), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Toisesta prosessista', body: 'Tuleeko perille?' }),
    });
    expect(post.status).toBe(201);
    const created = await events.nextJson();
    expect(created.event).toBe('question.created');
    expect(created.json).toMatchObject({ title: 'Toisesta prosessista', author: { id: 'writer' } });
    controller.abort();
    await events.close();
  });
});
