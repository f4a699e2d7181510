import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaFixture, type QaFixture } from './questions-fixture.js';
import { readEvents } from './sse.js';

/**
 * The LISTEN connection of an API process can drop (a server restart, a failover, an idle
 * timeout); a post written before it listens again must still reach that process's streams.
 */
describe.runIf(process.env.DATABASE_URL)('Q&A live events when the listener drops (postgres)', () => {
  let f: QaFixture;
  beforeAll(async () => {
    f = await qaFixture('postgres');
  });
  afterAll(() => f.close());

  /** Ends this process's LISTEN connections from the server side, as a restart would. */
  const dropListener = async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const rows = await admin.query(
        'select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = $1',
        [`ekollega-listen-${process.pid}`],
      );
      expect(rows.rows.map((r) => r.ended)).toEqual([true]);
    } finally {
      await admin.end();
    }
  };

  it('replays a post written while the listener was down to the streams of the process', async () => {
    const res = await f.as('aino', '/v1/questions/stream');
    expect(res.status).toBe(200);
    const events = readEvents(res);
    try {
      expect((await events.next()).event).toBe('ready');
      const before = await f.ask('mikko', { title: 'Ennen katkosta' });
      expect((await events.nextJson()).json.id).toBe(before.id);

      await dropListener();
      const during = await f.ask('mikko', { title: 'Kuuntelijan katkoksen aikana' });
      const replayed = await events.nextJson(10_000);
      expect([replayed.event, replayed.json.id]).toEqual(['question.created', during.id]);

      const after = await f.ask('salla', { title: 'Katkoksen jälkeen' });
      const next = await events.nextJson(10_000);
      expect(next.json.id).toBe(after.id);
      await events.quiet(300);
    } finally {
      await events.close();
    }
  });
});
