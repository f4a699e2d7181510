import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './harness.js';
import { qaFixture, type QaFixture } from './questions-fixture.js';

describe.each(engines)('Q&A boards (%s)', (engine) => {
  let f: QaFixture;
  beforeAll(async () => {
    f = await qaFixture(engine);
  });
  afterAll(() => f.close());

  const titles = (page: { items: { title: string }[] }) => page.items.map((q) => q.title);

  describe('reading and asking', () => {
    it('shows the association’s board to its members, and to visitors only when made public', async () => {
      const q = await f.ask('aino', {
        title: 'Miten hinnoittelen palveluni?',
        body: 'Olen uusi yrittäjä.',
        tags: ['Hinnoittelu'],
      });
      expect(q).toMatchObject({
        title: 'Miten hinnoittelen palveluni?',
        group_id: null,
        tags: ['hinnoittelu'],
        language: 'fi',
        author: { id: 'aino', name: 'Aino Virtanen' },
        anonymous: false,
        mine: true,
        score: 0,
        my_vote: null,
        answer_count: 0,
        accepted_answer_id: null,
        status: 'visible',
        answers: [],
        can_accept: true,
        can_moderate: false,
      });
      expect(q.id).toMatch(/^qst_/);
      expect(titles(await f.ok('mikko', '/v1/questions'))).toContain('Miten hinnoittelen palveluni?');

      const visitor = await f.as(null, '/v1/questions');
      expect(visitor.status).toBe(401);
      expect((await visitor.json()).code).toBe('sign_in_required');
      expect((await f.as(null, `/v1/questions/${q.id}`)).status).toBe(404);

      try {
        const settings = await f.setSettings({ qa_public_read: true });
        expect(settings.settings).toMatchObject({ qa_public_read: true });
        const page = await f.ok(null, '/v1/questions');
        expect(titles(page)).toContain('Miten hinnoittelen palveluni?');
        expect(page.items[0]).not.toHaveProperty('mine');
        expect((await f.ok(null, `/v1/questions/${q.id}`)).title).toBe('Miten hinnoittelen palveluni?');
        // A live board: a reload must revalidate, never show a list older than the live stream.
        expect((await f.as(null, '/v1/questions')).headers.get('cache-control')).toBe('public, no-cache');
        // Public means the association’s board, never a group’s, and never a write.
        expect((await f.as(null, `/v1/questions?group=${f.g1}`)).status).toBe(404);
        expect(
          (await f.as(null, '/v1/questions', { method: 'POST', body: { title: 'x', body: 'y' } })).status,
        ).toBe(401);
      } finally {
        await f.setSettings({ qa_public_read: false });
      }
      expect((await f.as(null, '/v1/questions')).status).toBe(401);
    });

    it('keeps a group’s board to its members and facilitators', async () => {
      const q = await f.ask('aino', { group_id: f.g1, title: 'Ryhmän oma kysymys' });
      expect(q.group_id).toBe(f.g1);
      expect(titles(await f.ok('salla', `/v1/questions?group=${f.g1}`))).toContain('Ryhmän oma kysymys');
      expect(titles(await f.ok('helena', `/v1/questions?group=${f.g1}`))).toContain('Ryhmän oma kysymys');
      expect(titles(await f.ok('aino', '/v1/questions'))).not.toContain('Ryhmän oma kysymys');
      for (const who of ['bjorn', 'mikko', 'frida', 'boss', 'server', 'olli'] as const) {
        const res = await f.as(who, `/v1/questions?group=${f.g1}`);
        expect(res.status, who).toBe(404);
      }
      const unknownGroup = await f.as('bjorn', '/v1/questions?group=grp_nonexistent');
      expect(unknownGroup.status).toBe(404);
      expect(
        (
          await f.as('bjorn', '/v1/questions', {
            method: 'POST',
            body: { group_id: f.g1, title: 'Tunkeilija', body: 'x' },
          })
        ).status,
      ).toBe(404);
    });

    it('stores text exactly as given and returns it as JSON data, never as HTML', async () => {
      const body =
        'Katso <script>alert(1)</script> ja <img src=x onerror=alert(2)>\n\n- **lihava** _kursiivi_ `koodi`\n- [linkki](https://yrittajat.fi)';
      const q = await f.ask('aino', { title: '<b>Otsikko</b> & "lainaus"', body });
      const res = await f.as('mikko', `/v1/questions/${q.id}`);
      expect(res.headers.get('content-type')).toContain('application/json');
      const detail = await res.json();
      expect(detail.body).toBe(body);
      expect(detail.title).toBe('<b>Otsikko</b> & "lainaus"');
    });

    it('takes links to http, https and mailto in every form, and text that only looks like one', async () => {
      for (const body of [
        'Katso [tästä][1]\n\n[1]: https://yrittajat.fi "Yrittäjät"',
        'Kirjoita <mailto:neuvonta@yrittajat.fi> tai <https://yrittajat.fi>',
        '[Huom]: tämä on tärkeää, ja <b>tämä</b> näkyy merkkeinä',
        'Koodina ```\n[1]: javascript:alert(1)\n``` käy',
      ]) {
        const res = await f.as('aino', '/v1/questions', { method: 'POST', body: { title: 'Linkit', body } });
        expect(res.status, body).toBe(201);
        expect((await res.json()).body).toBe(body);
      }
    });

    it('takes the language from the member’s locale unless the post names one', async () => {
      expect((await f.ask('bjorn', { title: 'Hur prissätter jag?' })).language).toBe('sv');
      expect((await f.ask('bjorn', { title: 'Pricing?', language: 'en' })).language).toBe('en');
      expect((await f.ask('aino')).language).toBe('fi');
    });
  });

  describe('limits and bad input', () => {
    const fieldsOf = async (res: Response) => {
      expect(res.status).toBe(422);
      return ((await res.json()).errors as { field: string }[]).map((e) => e.field);
    };

    it('answers 422 naming the field for text over its limit, and writes nothing', async () => {
      const before = (await f.ok('aino', '/v1/questions?limit=100')).items.length;
      const post = (body: unknown) => f.as('aino', '/v1/questions', { method: 'POST', body });
      expect(await fieldsOf(await post({ title: 'x'.repeat(201), body: 'ok' }))).toEqual(['title']);
      expect(await fieldsOf(await post({ title: 'ok', body: 'x'.repeat(10_001) }))).toEqual(['body']);
      expect(
        await fieldsOf(await post({ title: 'ok', body: 'ok', tags: ['a', 'b', 'c', 'd', 'e', 'f'] })),
      ).toEqual(['tags']);
      expect(await fieldsOf(await post({ title: 'ok', body: 'ok', tags: ['a', 'x'.repeat(41)] }))).toEqual([
        'tags.1',
      ]);
      expect(await fieldsOf(await post({ title: '   ', body: 'ok' }))).toEqual(['title']);
      expect(await fieldsOf(await post({ title: 'ok', body: 'nul \u0000 here' }))).toEqual(['body']);
      expect(await fieldsOf(await post({ title: 'ok', body: 'ok', anonymous: 'yes' }))).toEqual([
        'anonymous',
      ]);
      expect(await fieldsOf(await post({ title: 'ok', body: 'ok', author_id: 'someone' }))).toEqual([
        'author_id',
      ]);
      expect(await fieldsOf(await post({ title: 'ok', body: 'ok', language: 'de' }))).toEqual(['language']);
      expect(await fieldsOf(await post({ title: 'ok', body: 'Katso [tästä](javascript:alert(1))' }))).toEqual(
        ['body'],
      );
      expect((await post({ title: 'ok', body: 'Koodina `[x](javascript:y)` käy' })).status).toBe(201);
      // Forms the board's markup leaves as text but a Markdown or HTML renderer would make links of.
      for (const body of [
        'Katso [tästä][1]\n\n[1]: javascript:alert(1)',
        'Katso [tästä][1]\n\n  [1]: <javascript:alert(1)> "otsikko"',
        'Katso [tästä][yksi]\n\n> [yksi]:\n>   data:text/html,<script>alert(1)</script>',
        'Katso <javascript:alert(1)>',
        'Katso <vbscript:msgbox(1)>',
        'Katso [tästä](<javascript:alert(1)>)',
      ]) {
        expect(await fieldsOf(await post({ title: 'ok', body })), body).toEqual(['body']);
      }

      const q = await f.ask('aino');
      expect(
        await fieldsOf(
          await f.as('mikko', `/v1/questions/${q.id}/answers`, {
            method: 'POST',
            body: { body: 'y'.repeat(10_001) },
          }),
        ),
      ).toEqual(['body']);
      expect(
        await fieldsOf(
          await f.as('mikko', `/v1/questions/${q.id}/report`, {
            method: 'POST',
            body: { reason: 'r'.repeat(501) },
          }),
        ),
      ).toEqual(['reason']);
      expect(
        await fieldsOf(
          await f.as('mikko', `/v1/questions/${q.id}/vote`, { method: 'PUT', body: { value: 2 } }),
        ),
      ).toEqual(['value']);
      expect(
        await fieldsOf(await f.as('aino', `/v1/questions/${q.id}`, { method: 'PATCH', body: {} })),
      ).toEqual(['(body)']);
      expect((await f.ok('aino', '/v1/questions?limit=100')).items.length).toBe(before + 2);
    });

    it('never answers bad input with a 5xx', async () => {
      const q = await f.ask('aino');
      const forged = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
      const gets = [
        '/v1/questions?sort=bogus',
        '/v1/questions?limit=0',
        '/v1/questions?limit=abc',
        '/v1/questions?cursor=garbage',
        `/v1/questions?cursor=${forged(['n', 'not a date', 'x'])}`,
        `/v1/questions?cursor=${forged(['n', '2026-01-01T00:00:00Z', 'x\u0000'])}`,
        `/v1/questions?sort=votes&cursor=${forged(['v', 'NaN', '2026-01-01T00:00:00Z', 'x'])}`,
        `/v1/questions?sort=votes&cursor=${forged(['n', '2026-01-01T00:00:00Z', 'x'])}`,
        '/v1/questions?q=%00',
        `/v1/questions?q=${encodeURIComponent("' or 1=1 --")}`,
        `/v1/questions?q=${encodeURIComponent('!!! & | <-> :* "')}`,
        '/v1/questions?tag=%3Cb%3E',
        '/v1/questions?group=%00',
        '/v1/questions/%00',
        `/v1/questions/${'x'.repeat(500)}`,
        '/v1/questions/..%2F..%2Fetc',
        `/v1/questions/${q.id}/answers/%00/history`,
        '/v1/questions/stream?group=%00',
        '/v1/questions/stream?last_event_id=abc',
        '/v1/questions/reveals?cursor=garbage',
      ];
      for (const path of gets) {
        const res = await f.as(path.includes('reveals') ? 'boss' : 'aino', path);
        expect(res.status, path).toBeLessThan(500);
        await res.body?.cancel();
      }
      const writes: [string, string, string][] = [
        ['POST', '/v1/questions', '{"title": '],
        ['POST', '/v1/questions', '[]'],
        ['POST', '/v1/questions', 'null'],
        ['POST', `/v1/questions/${q.id}/answers`, '{"body": 42}'],
        ['PUT', `/v1/questions/${q.id}/vote`, '{"value": "1"}'],
        ['PUT', `/v1/questions/${q.id}/accepted`, '{"answer_id": "%00"}'],
        ['PUT', `/v1/questions/${q.id}/accepted`, '{"answer_id": "ans_nonexistent"}'],
        ['PATCH', `/v1/questions/${q.id}`, '{"tags": "a"}'],
      ];
      for (const [method, path, rawBody] of writes) {
        const res = await f.as('aino', path, { method, rawBody });
        expect(res.status, `${method} ${path} ${rawBody}`).toBeLessThan(500);
        expect(res.status, `${method} ${path} ${rawBody}`).toBeGreaterThanOrEqual(400);
      }
      const header = await f.as('aino', '/v1/questions/stream', { headers: { 'last-event-id': 'nope' } });
      expect(header.status).toBe(400);
      expect((await header.json()).errors[0].field).toBe('Last-Event-ID');
    });
  });

  describe('anonymous posts', () => {
    const SECRET = ['salla', 'Salla Salainen'];
    const leaks = (text: string) => SECRET.filter((s) => text.includes(s));

    it('never name the author to peers or moderators in any response', async () => {
      await f.setSettings({ qa_public_read: true, qa_downvotes: true });
      try {
        const q = await f.ask('salla', { title: 'Nimetön kysymys', body: 'Arka aihe', anonymous: true });
        const a = await f.answer('salla', q.id, { body: 'Nimetön vastaus', anonymous: true });
        expect(q.author).toBeNull();
        expect(q.anonymous).toBe(true);
        expect(q.mine).toBe(true);
        expect(leaks(JSON.stringify(q))).toEqual([]);
        expect(leaks(JSON.stringify(a))).toEqual([]);

        const seen: string[] = [];
        const look = async (
          who: Parameters<QaFixture['as']>[0],
          path: string,
          init: Parameters<QaFixture['as']>[2] = {},
        ) => {
          const res = await f.as(who, path, init);
          const text = await res.text();
          expect(res.status, `${path} as ${who}: ${text}`).toBeLessThan(300);
          seen.push(`${init.method ?? 'GET'} ${path}: ${text}`);
        };
        for (const who of [null, 'aino', 'helena', 'boss', 'server'] as const) {
          await look(who, '/v1/questions');
          await look(who, `/v1/questions/${q.id}`);
          await look(who, '/v1/questions?q=nimetön');
          await look(who, '/v1/questions?sort=votes');
          await look(who, '/v1/questions?sort=unanswered');
        }
        await look('aino', `/v1/questions/${q.id}/vote`, { method: 'PUT', body: { value: 1 } });
        await look('aino', `/v1/questions/${q.id}/answers/${a.id}/vote`, {
          method: 'PUT',
          body: { value: -1 },
        });
        await look('aino', `/v1/questions/${q.id}/answers/${a.id}/vote`, { method: 'DELETE' });
        await look('aino', `/v1/questions/${q.id}/report`, {
          method: 'POST',
          body: { reason: 'Epäasiallinen' },
        });
        await look('helena', `/v1/questions/${q.id}/accepted`, { method: 'PUT', body: { answer_id: a.id } });
        await look('helena', `/v1/questions/${q.id}/hide`, { method: 'POST' });
        await look('helena', '/v1/questions?status=hidden');
        await look('helena', `/v1/questions/${q.id}/restore`, { method: 'POST' });
        await look('helena', `/v1/questions/${q.id}/history`);
        await look('helena', `/v1/questions/${q.id}/answers/${a.id}/history`);
        await look('salla', `/v1/questions/${q.id}`, {
          method: 'PATCH',
          body: { body: 'Arka aihe, tarkennettu' },
        });
        await look('helena', `/v1/questions/${q.id}/answers/${a.id}/reveal`, {
          method: 'POST',
          body: { reason: 'Häirintäepäily' },
        });
        await look('boss', '/v1/questions/reveals');
        // The reveal itself is the one place the author is named.
        const revealed = seen.filter((line) => line.startsWith('POST') && line.includes('/reveal:'));
        expect(revealed).toHaveLength(1);
        expect(leaks(revealed[0]!)).toEqual(SECRET);
        for (const line of seen.filter((l) => !revealed.includes(l))) expect(leaks(line), line).toEqual([]);
      } finally {
        await f.setSettings({ qa_public_read: false, qa_downvotes: false });
      }
    });

    it('reveal the author only to the board’s moderators, and log every reveal for admins', async () => {
      const q = await f.ask('salla', { title: 'Kuka kysyi?', anonymous: true });
      const reveal = (who: Parameters<QaFixture['as']>[0], path = `/v1/questions/${q.id}/reveal`) => {
        f.h.advance(1000);
        return f.as(who, path, { method: 'POST', body: { reason: 'Viestissä uhkaus' } });
      };
      expect((await reveal('aino')).status).toBe(403);
      expect((await reveal('salla')).status).toBe(403);
      expect((await reveal('olli')).status).toBe(404);
      const res = await reveal('helena');
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({
        post_id: q.id,
        author: { id: 'salla', name: 'Salla Salainen' },
        revealed_at: f.h.now.toISOString(),
      });
      expect((await reveal('boss')).status).toBe(200);

      const inGroup = await f.ask('salla', { group_id: f.g1, title: 'Ryhmässä nimettä', anonymous: true });
      expect((await reveal('boss', `/v1/questions/${inGroup.id}/reveal`)).status).toBe(404);
      expect((await reveal('aino', `/v1/questions/${inGroup.id}/reveal`)).status).toBe(403);
      expect((await reveal('helena', `/v1/questions/${inGroup.id}/reveal`)).status).toBe(200);

      const log = await f.ok('boss', '/v1/questions/reveals');
      expect(log.items.slice(0, 3)).toMatchObject([
        {
          post_id: inGroup.id,
          question_id: inGroup.id,
          group_id: f.g1,
          revealed_by: { id: 'helena', name: 'Helena Salo' },
          reason: 'Viestissä uhkaus',
        },
        { post_id: q.id, revealed_by: { id: 'boss' } },
        { post_id: q.id, revealed_by: { id: 'helena' }, group_id: null },
      ]);
      expect(JSON.stringify(log)).not.toContain('Salla');
      expect((await f.ok('server', '/v1/questions/reveals?limit=1')).next_cursor).toBeTruthy();
      expect((await f.as('helena', '/v1/questions/reveals')).status).toBe(403);
      expect((await f.as('aino', '/v1/questions/reveals')).status).toBe(403);
      expect((await f.ok('olli', '/v1/questions/reveals')).items).toEqual([]);
    });
  });

  describe('votes', () => {
    it('counts one vote per member, changeable and withdrawable', async () => {
      const q = await f.ask('aino');
      const vote = (who: 'mikko' | 'salla' | 'aino', value: number) =>
        f.as(who, `/v1/questions/${q.id}/vote`, { method: 'PUT', body: { value } });
      expect(await (await vote('mikko', 1)).json()).toEqual({ score: 1, my_vote: 1 });
      expect(await (await vote('mikko', 1)).json()).toEqual({ score: 1, my_vote: 1 });
      expect(await (await vote('salla', 1)).json()).toEqual({ score: 2, my_vote: 1 });
      expect((await f.ok('mikko', `/v1/questions/${q.id}`)).my_vote).toBe(1);
      expect(await f.ok('mikko', `/v1/questions/${q.id}/vote`, { method: 'DELETE' })).toEqual({
        score: 1,
        my_vote: null,
      });
      expect(await f.ok('mikko', `/v1/questions/${q.id}/vote`, { method: 'DELETE' })).toEqual({
        score: 1,
        my_vote: null,
      });
      const own = await vote('aino', 1);
      expect(own.status).toBe(403);
      expect((await own.json()).code).toBe('own_post');
      await Promise.all(Array.from({ length: 12 }, () => vote('mikko', 1)));
      expect((await f.ok('aino', `/v1/questions/${q.id}`)).score).toBe(2);
    });

    it('refuses downvotes unless the association allows them', async () => {
      const q = await f.ask('aino');
      const down = await f.as('mikko', `/v1/questions/${q.id}/vote`, { method: 'PUT', body: { value: -1 } });
      expect(down.status).toBe(422);
      const problem = await down.json();
      expect(problem.code).toBe('downvotes_disabled');
      expect(problem.errors[0].field).toBe('value');
      await f.setSettings({ qa_downvotes: true });
      try {
        await f.ok('mikko', `/v1/questions/${q.id}/vote`, { method: 'PUT', body: { value: 1 } });
        expect(
          await f.ok('mikko', `/v1/questions/${q.id}/vote`, { method: 'PUT', body: { value: -1 } }),
        ).toEqual({ score: -1, my_vote: -1 });
      } finally {
        await f.setSettings({ qa_downvotes: false });
      }
      const a = await f.answer('salla', q.id);
      expect(
        await f.ok('mikko', `/v1/questions/${q.id}/answers/${a.id}/vote`, {
          method: 'PUT',
          body: { value: 1 },
        }),
      ).toEqual({ score: 1, my_vote: 1 });
      expect((await f.ok('mikko', `/v1/questions/${q.id}`)).answers[0]).toMatchObject({
        id: a.id,
        score: 1,
        my_vote: 1,
      });
    });
  });

  describe('accepted answer', () => {
    it('lets the asker or a moderator mark at most one answer', async () => {
      const q = await f.ask('aino', { title: 'Mikä kirjanpito-ohjelma?' });
      const a1 = await f.answer('mikko', q.id, { body: 'Ensimmäinen' });
      const a2 = await f.answer('salla', q.id, { body: 'Toinen' });
      const accept = (who: 'aino' | 'mikko' | 'helena' | 'boss', answer_id: string | null) =>
        f.as(who, `/v1/questions/${q.id}/accepted`, { method: 'PUT', body: { answer_id } });
      expect((await accept('mikko', a1.id)).status).toBe(403);
      let detail = await (await accept('aino', a2.id)).json();
      expect(detail.accepted_answer_id).toBe(a2.id);
      expect(detail.answers.map((a: { id: string; accepted: boolean }) => [a.id, a.accepted])).toEqual([
        [a2.id, true],
        [a1.id, false],
      ]);
      detail = await (await accept('helena', a1.id)).json();
      expect(
        detail.answers.filter((a: { accepted: boolean }) => a.accepted).map((a: { id: string }) => a.id),
      ).toEqual([a1.id]);
      expect((await accept('boss', null)).status).toBe(200);
      expect((await f.ok('aino', `/v1/questions/${q.id}`)).accepted_answer_id).toBeNull();

      const other = await f.ask('mikko');
      const foreign = await f.answer('aino', other.id);
      const wrong = await accept('aino', foreign.id);
      expect(wrong.status).toBe(422);
      expect((await wrong.json()).errors[0].field).toBe('answer_id');
    });

    it('on a group board, lets that group’s facilitator accept, and nobody outside it', async () => {
      const q = await f.ask('aino', { group_id: f.g1 });
      const a = await f.answer('salla', q.id);
      const accept = (who: 'helena' | 'frida' | 'boss' | 'salla') =>
        f.as(who, `/v1/questions/${q.id}/accepted`, { method: 'PUT', body: { answer_id: a.id } });
      expect((await accept('frida')).status).toBe(404);
      expect((await accept('boss')).status).toBe(404);
      expect((await accept('salla')).status).toBe(403);
      expect((await accept('helena')).status).toBe(200);
    });
  });

  describe('moderation', () => {
    it('hides a post after enough reports, and a moderator restores it', async () => {
      const q = await f.ask('aino', { title: 'Raportoitava' });
      const report = (who: 'mikko' | 'salla' | 'bjorn' | 'helena', reason = 'Mainostusta') => {
        f.h.advance(1000);
        return f.ok(who, `/v1/questions/${q.id}/report`, { method: 'POST', body: { reason } }, 204);
      };
      await report('mikko');
      await report('mikko');
      await report('salla', 'Roskapostia');
      expect(titles(await f.ok('mikko', '/v1/questions?limit=100'))).toContain('Raportoitava');
      await report('bjorn', 'Ei kuulu tänne');
      expect(titles(await f.ok('mikko', '/v1/questions?limit=100'))).not.toContain('Raportoitava');
      expect((await f.as('mikko', `/v1/questions/${q.id}`)).status).toBe(404);
      expect((await f.ok('aino', `/v1/questions/${q.id}`)).status).toBe('hidden');

      const queue = await f.ok('helena', '/v1/questions?status=hidden');
      expect(queue.items.map((i: { id: string }) => i.id)).toContain(q.id);
      expect((await f.as('mikko', '/v1/questions?status=hidden')).status).toBe(403);
      const seen = await f.ok('helena', `/v1/questions/${q.id}`);
      expect(seen.moderation).toEqual({
        report_count: 3,
        hidden_reason: 'reports',
        report_reasons: ['Mainostusta', 'Roskapostia', 'Ei kuulu tänne'],
      });

      expect((await f.as('mikko', `/v1/questions/${q.id}/restore`, { method: 'POST' })).status).toBe(404);
      expect((await f.as('aino', `/v1/questions/${q.id}/restore`, { method: 'POST' })).status).toBe(403);
      const restored = await f.ok('helena', `/v1/questions/${q.id}/restore`, { method: 'POST' });
      expect(restored).toMatchObject({
        status: 'visible',
        moderation: { report_count: 0, hidden_reason: null },
      });
      expect(titles(await f.ok('mikko', '/v1/questions?limit=100'))).toContain('Raportoitava');
      // Reviewed reports do not count again, and a member still reports a post once.
      await report('mikko');
      expect((await f.ok('helena', `/v1/questions/${q.id}`)).moderation.report_count).toBe(0);
    });

    it('uses the association’s report threshold, and hidden answers leave the answer count', async () => {
      await f.setSettings({ qa_report_threshold: 1 });
      try {
        const q = await f.ask('aino');
        const a = await f.answer('salla', q.id);
        expect((await f.ok('aino', `/v1/questions/${q.id}`)).answer_count).toBe(1);
        await f.ok(
          'mikko',
          `/v1/questions/${q.id}/answers/${a.id}/report`,
          { method: 'POST', body: { reason: 'Loukkaava' } },
          204,
        );
        const detail = await f.ok('aino', `/v1/questions/${q.id}`);
        expect(detail.answer_count).toBe(0);
        expect(detail.answers).toEqual([]);
        expect(
          (await f.ok('aino', '/v1/questions?sort=unanswered&limit=100')).items.map(
            (i: { id: string }) => i.id,
          ),
        ).toContain(q.id);
        expect((await f.ok('helena', `/v1/questions/${q.id}`)).answers[0]).toMatchObject({
          id: a.id,
          status: 'hidden',
          moderation: { hidden_reason: 'reports' },
        });
        expect(
          (await f.ok('helena', '/v1/questions?status=hidden')).items.map((i: { id: string }) => i.id),
        ).toContain(q.id);
      } finally {
        await f.setSettings({ qa_report_threshold: 3 });
      }
    });

    it('lets moderators hide, restore and delete, and authors delete their own', async () => {
      const q = await f.ask('aino', { title: 'Moderoitava' });
      const a = await f.answer('mikko', q.id);
      expect((await f.as('salla', `/v1/questions/${q.id}/hide`, { method: 'POST' })).status).toBe(403);
      expect((await f.ok('boss', `/v1/questions/${q.id}/hide`, { method: 'POST' })).status).toBe('hidden');
      expect((await f.ok('server', `/v1/questions/${q.id}/restore`, { method: 'POST' })).status).toBe(
        'visible',
      );
      expect(
        (await f.as('salla', `/v1/questions/${q.id}/answers/${a.id}`, { method: 'DELETE' })).status,
      ).toBe(403);
      expect(
        (await f.as('mikko', `/v1/questions/${q.id}/answers/${a.id}`, { method: 'DELETE' })).status,
      ).toBe(204);
      expect((await f.ok('aino', `/v1/questions/${q.id}`)).answer_count).toBe(0);
      const b = await f.answer('salla', q.id);
      expect((await f.as('helena', `/v1/questions/${q.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await f.as('aino', `/v1/questions/${q.id}`)).status).toBe(404);
      expect((await f.as('salla', `/v1/questions/${q.id}/answers/${b.id}`)).status).toBe(404);
      const mine = await f.ask('salla');
      expect((await f.as('salla', `/v1/questions/${mine.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await f.as('salla', `/v1/questions/${mine.id}`, { method: 'DELETE' })).status).toBe(404);
    });

    it('keeps every earlier version of an edited post for its author and the moderators', async () => {
      const q = await f.ask('aino', { title: 'Alkuperäinen', body: 'Eka', tags: ['a'] });
      f.h.advance(60_000);
      const edited = await f.ok('aino', `/v1/questions/${q.id}`, {
        method: 'PATCH',
        body: { title: 'Korjattu', tags: ['b'] },
      });
      expect(edited).toMatchObject({
        title: 'Korjattu',
        body: 'Eka',
        tags: ['b'],
        edited_at: f.h.now.toISOString(),
      });
      f.h.advance(60_000);
      await f.ok('aino', `/v1/questions/${q.id}`, { method: 'PATCH', body: { body: 'Toka' } });
      const history = await f.ok('aino', `/v1/questions/${q.id}/history`);
      expect(
        history.items.map((v: { version: number; title: string; body: string; tags: string[] }) => [
          v.version,
          v.title,
          v.body,
          v.tags,
        ]),
      ).toEqual([
        [1, 'Alkuperäinen', 'Eka', ['a']],
        [2, 'Korjattu', 'Eka', ['b']],
        [3, 'Korjattu', 'Toka', ['b']],
      ]);
      expect((await f.ok('helena', `/v1/questions/${q.id}/history`)).items).toHaveLength(3);
      expect((await f.as('mikko', `/v1/questions/${q.id}/history`)).status).toBe(403);
      const notAuthor = await f.as('helena', `/v1/questions/${q.id}`, {
        method: 'PATCH',
        body: { title: 'Fasilitaattorin' },
      });
      expect(notAuthor.status).toBe(403);
      expect((await notAuthor.json()).code).toBe('not_author');

      const a = await f.answer('mikko', q.id, { body: 'Vastaus v1' });
      await f.ok('mikko', `/v1/questions/${q.id}/answers/${a.id}`, {
        method: 'PATCH',
        body: { body: 'Vastaus v2' },
      });
      const answerHistory = await f.ok('mikko', `/v1/questions/${q.id}/answers/${a.id}/history`);
      expect(answerHistory.items.map((v: { body: string }) => v.body)).toEqual(['Vastaus v1', 'Vastaus v2']);
      expect(
        (
          await f.as('mikko', `/v1/questions/${q.id}/answers/${a.id}`, {
            method: 'PATCH',
            body: { title: 'x', body: 'y' },
          })
        ).status,
      ).toBe(422);
    });
  });

  describe('search, sorting and pages', () => {
    let board: string;
    const ids = async (who: 'aino' | 'bjorn' | 'olli', query: string) =>
      (await f.ok(who, `/v1/questions?group=${board}&${query}`)).items.map((q: { title: string }) => q.title);

    beforeAll(async () => {
      board = f.g1;
      const on = { group_id: board };
      await f.ask('aino', {
        ...on,
        title: 'Yrittäjä etsii kirjanpitäjää',
        body: 'Kuka auttaa tilinpäätöksessä?',
        tags: ['talous'],
      });
      await f.ask('salla', {
        ...on,
        title: 'Företagare söker revisor',
        body: 'Vem kan hjälpa med bokslutet?',
        language: 'sv',
        tags: ['talous', 'svenska'],
      });
      await f.ask('aino', {
        ...on,
        title: 'Pricing my services',
        body: 'How do consultants set prices?',
        language: 'en',
      });
      await f.ask('salla', {
        ...on,
        title: 'Ajanhallinta arjessa',
        body: 'Kalenteri täyttyy liian nopeasti.',
        tags: ['ajanhallinta'],
      });
      // A post on another board that shares the search words must never show.
      await f.ask('bjorn', { group_id: f.g2, title: 'Yrittäjien verotus', body: 'yrittäjä kirjanpitäjä' });
      await f.ask('mikko', { title: 'Yrittäjien yhteinen kysymys', body: 'yrittäjä' });
    });

    it('finds Finnish, Swedish and English posts by their stems', async () => {
      expect(await ids('aino', `q=${encodeURIComponent('yrittäjien')}`)).toEqual([
        'Yrittäjä etsii kirjanpitäjää',
      ]);
      expect(await ids('aino', `q=${encodeURIComponent('kirjanpitäjät')}`)).toEqual([
        'Yrittäjä etsii kirjanpitäjää',
      ]);
      expect(await ids('aino', `q=${encodeURIComponent('företagarnas')}`)).toEqual([
        'Företagare söker revisor',
      ]);
      expect(await ids('aino', `q=${encodeURIComponent('hjälper')}`)).toEqual(['Företagare söker revisor']);
      expect(await ids('aino', 'q=price')).toEqual(['Pricing my services']);
      expect(await ids('aino', `q=${encodeURIComponent('kalenteri -tilinpäätös')}`)).toEqual([
        'Ajanhallinta arjessa',
      ]);
      expect(await ids('aino', `q=${encodeURIComponent('"no such phrase anywhere"')}`)).toEqual([]);
      expect(await ids('aino', 'tag=TALOUS')).toEqual([
        'Företagare söker revisor',
        'Yrittäjä etsii kirjanpitäjää',
      ]);
      expect(await ids('aino', `tag=talous&q=${encodeURIComponent('yrittäjä')}`)).toEqual([
        'Yrittäjä etsii kirjanpitäjää',
      ]);
      const association = (await f.ok('aino', `/v1/questions?q=${encodeURIComponent('yrittäjä')}`)).items.map(
        (q: { title: string }) => q.title,
      );
      expect(association).toContain('Yrittäjien yhteinen kysymys');
      expect(association).not.toContain('Yrittäjien verotus');
      expect(association).not.toContain('Yrittäjä etsii kirjanpitäjää');
      expect((await f.ok('olli', `/v1/questions?q=${encodeURIComponent('yrittäjä')}`)).items).toEqual([]);
    });

    it('sorts by newest, votes and unanswered, and pages through each without repeats', async () => {
      const all = await ids('aino', 'limit=100');
      const [first, second, third] = (await f.ok('aino', `/v1/questions?group=${board}&limit=100`)).items as {
        id: string;
        title: string;
        author: { id: string };
      }[];
      const upvote = (who: 'aino' | 'salla' | 'helena', id: string) =>
        f.ok(who, `/v1/questions/${id}/vote`, { method: 'PUT', body: { value: 1 } });
      await upvote(third!.author.id === 'aino' ? 'salla' : 'aino', third!.id);
      await upvote('helena', third!.id);
      await upvote('helena', second!.id);
      await f.answer('helena', first!.id);
      const byVotes = await ids('aino', 'sort=votes&limit=100');
      expect(byVotes.slice(0, 2)).toEqual([third!.title, second!.title]);
      expect([...byVotes].sort()).toEqual([...all].sort());
      const unanswered = await ids('aino', 'sort=unanswered&limit=100');
      expect(unanswered).not.toContain(first!.title);
      const newest = (await f.ok('aino', `/v1/questions?group=${board}&limit=100`)).items as {
        title: string;
        answer_count: number;
      }[];
      expect(unanswered).toEqual(newest.filter((q) => q.answer_count === 0).map((q) => q.title));

      for (const sort of ['newest', 'votes', 'unanswered']) {
        const whole = await ids('aino', `sort=${sort}&limit=100`);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: { title: string }[]; next_cursor: string | null } = await f.ok(
            'aino',
            `/v1/questions?group=${board}&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items.map((q) => q.title));
          cursor = page.next_cursor;
        } while (cursor);
        expect(seen, sort).toEqual(whole);
        expect(new Set(seen).size).toBe(seen.length);
      }
    });

    it('finds a question by the words of a visible answer on the same board', async () => {
      const [asked] = (await f.ok('aino', `/v1/questions?group=${board}&q=kalenteri`)).items as {
        id: string;
      }[];
      const answer = await f.answer('helena', asked!.id, { body: 'Kysy neuvoa tilitoimistolta.' });
      expect(await ids('aino', `q=${encodeURIComponent('tilitoimisto')}`)).toEqual(['Ajanhallinta arjessa']);
      // The same words on another board's answer never reach this board.
      const [elsewhere] = (await f.ok('bjorn', `/v1/questions?group=${f.g2}`)).items as { id: string }[];
      await f.answer('bjorn', elsewhere!.id, { body: 'Tilitoimisto hoitaa sen.' });
      expect(await ids('aino', `q=${encodeURIComponent('tilitoimisto')}`)).toEqual(['Ajanhallinta arjessa']);
      // A hidden answer's words find nothing for those who cannot read it.
      await f.ok('helena', `/v1/questions/${asked!.id}/answers/${answer.id}/hide`, { method: 'POST' });
      expect(await ids('aino', `q=${encodeURIComponent('tilitoimisto')}`)).toEqual([]);
      await f.ok('helena', `/v1/questions/${asked!.id}/answers/${answer.id}/restore`, {
        method: 'POST',
      });
    });
  });
});
