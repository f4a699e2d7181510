import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { engines } from './harness.js';
import { qaFixture, type Person, type QaFixture } from './questions-fixture.js';
import { readEvents } from './sse.js';

describe.each(engines)('Q&A live streams under load (%s)', (engine) => {
  let f: QaFixture;
  let app: ReturnType<typeof createApp>;
  const open: { close(): Promise<unknown> }[] = [];
  beforeAll(async () => {
    f = await qaFixture(engine);
    app = createApp({
      store: f.h.store,
      clock: () => f.h.now,
      log: false,
      trustProxy: true,
      streamCaps: { perMember: 2, perIp: 3 },
    });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  afterAll(() => f.close());

  /** Opens a stream on the capped app as `who` from address `ip`. */
  const stream = async (who: Person | null, ip: string, query = '') => {
    const headers: Record<string, string> = { 'ekollega-key': f.h.a.publishableKey, 'x-forwarded-for': ip };
    if (who) headers.authorization = `Bearer ${await f.tokenOf(who)}`;
    return app.request(`/v1/questions/stream${query}`, { headers });
  };
  const ready = async (res: Response) => {
    expect(res.status).toBe(200);
    const events = readEvents(res);
    open.push(events);
    expect((await events.next()).event).toBe('ready');
    return events;
  };
  const expectRefused = async (res: Response, detail: RegExp) => {
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    const body = await res.json();
    expect(body).toMatchObject({ status: 429, code: 'too_many_streams' });
    expect(body.detail).toMatch(detail);
  };

  it('caps the streams one member holds open, and frees a place when one ends', async () => {
    const first = await ready(await stream('aino', '10.0.0.1'));
    await ready(await stream('aino', '10.0.0.2', `?group=${f.g1}`));
    await expectRefused(await stream('aino', '10.0.0.3'), /2 live streams per member/);
    // Others are not held back by Aino's streams.
    await ready(await stream('salla', '10.0.0.3'));
    await first.close();
    await expect
      .poll(async () => {
        const res = await stream('aino', '10.0.0.4');
        if (res.ok) open.push(readEvents(res));
        return res.status;
      })
      .toBe(200);
  });

  it('caps the streams from one address, visitors and members alike', async () => {
    await f.setSettings({ qa_public_read: true });
    try {
      await ready(await stream(null, '10.1.0.1'));
      await ready(await stream('mikko', '10.1.0.1'));
      await ready(await stream('bjorn', '10.1.0.1'));
      await expectRefused(await stream(null, '10.1.0.1'), /3 live streams from one address/);
      await expectRefused(await stream('helena', '10.1.0.1'), /from one address/);
      await ready(await stream(null, '10.1.0.2'));
    } finally {
      await f.setSettings({ qa_public_read: false });
    }
  });

  it('checks access to a group board once per event, not once per stream', async () => {
    const accessQueries = async (subscribers: Person[]) => {
      const streams = [];
      for (const who of subscribers)
        streams.push(await ready(await f.as(who, `/v1/questions/stream?group=${f.g1}`)));
      const db = f.h.store.db;
      const query = db.query;
      let count = 0;
      db.query = ((text: string, params?: unknown[]) => {
        if (text.includes('group_facilitators')) count++;
        return query.call(db, text, params);
      }) as typeof db.query;
      try {
        const q = await f.ask('aino', { group_id: f.g1 });
        for (const events of streams) expect((await events.nextJson()).json.id).toBe(q.id);
      } finally {
        db.query = query;
      }
      await Promise.all(streams.map((s) => s.close()));
      return count;
    };
    const alone = await accessQueries(['helena']);
    const crowd = await accessQueries(['helena', 'aino', 'aino', 'salla', 'salla']);
    expect(crowd).toBe(alone);
  });
});
