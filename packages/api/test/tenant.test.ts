import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, harness, type Harness } from './harness.js';

describe.each(engines)('the association’s settings (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(engine);
  });
  afterAll(() => h.close());

  it('keeps both of two settings that two admins change at the same moment', async () => {
    const [first, second] = await Promise.all([
      h.mint(h.a, { sub: 'admin-1', roles: ['admin'] }),
      h.mint(h.a, { sub: 'admin-2', roles: ['admin'] }),
    ]);
    const patch = (token: string, settings: Record<string, unknown>) =>
      h.call('/v1/tenant', { method: 'PATCH', key: h.a.secretKey, token, body: { settings } });
    for (let round = 0; round < 20; round++) {
      const on = round % 2 === 0;
      const replies = await Promise.all([
        patch(first, { qa_downvotes: on }),
        patch(second, { qa_report_threshold: round + 1 }),
      ]);
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
      expect((await h.store.tenants.get(h.a.tenant.id))?.settings).toMatchObject({
        qa_downvotes: on,
        qa_report_threshold: round + 1,
      });
    }
  });
});
