import { expect } from 'vitest';
import { harness, type Harness } from './harness.js';

/** Who is who on the boards: tenant A's people, and Olli of tenant B. */
export const PEOPLE = {
  boss: { name: 'Toimisto Pomo', roles: ['admin'] },
  helena: { name: 'Helena Salo', roles: ['facilitator', 'member'] },
  frida: { name: 'Frida Fors', roles: ['facilitator', 'member'], locale: 'sv-FI' },
  aino: { name: 'Aino Virtanen', roles: ['member'] },
  salla: { name: 'Salla Salainen', roles: ['member'] },
  mikko: { name: 'Mikko Mäki', roles: ['member'] },
  bjorn: { name: 'Björn Berg', roles: ['member'], locale: 'sv' },
  olli: { name: 'Olli Outo', roles: ['member', 'facilitator', 'admin'] },
} as const;
export type Person = keyof typeof PEOPLE;

export interface CallInit {
  method?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * Two boards' worth of people on tenant A: group G1 (facilitator Helena; members Aino and Salla),
 * group G2 (facilitator Frida; member Björn), Mikko in no group, Boss the admin; and Olli, who
 * belongs to tenant B.
 */
export async function qaFixture(engine: 'pglite' | 'postgres') {
  const h: Harness = await harness(engine);
  const tokenOf = (who: Person) => {
    const p: { name: string; roles: readonly string[]; locale?: string } = PEOPLE[who];
    return h.mint(who === 'olli' ? h.b : h.a, {
      sub: who,
      name: p.name,
      roles: [...p.roles],
      ...(p.locale ? { locale: p.locale } : {}),
    });
  };
  /** Calls as `who` (null: a visitor with tenant A's publishable key; 'server': tenant A's secret key). */
  const as = async (who: Person | null | 'server', path: string, init: CallInit = {}) => {
    if (who === 'server') return h.call(path, { ...init, key: h.a.secretKey });
    if (who === null) return h.call(path, init);
    return h.call(path, {
      ...init,
      token: await tokenOf(who),
      ...(who === 'olli' ? { key: h.b.publishableKey } : {}),
    });
  };
  /** Calls and expects `status`, returning the parsed body. */
  const ok = async (who: Person | null | 'server', path: string, init: CallInit = {}, status = 200) => {
    const res = await as(who, path, init);
    const text = await res.text();
    expect(res.status, `${init.method ?? 'GET'} ${path} as ${who}: ${text}`).toBe(status);
    return text ? JSON.parse(text) : undefined;
  };
  for (const who of Object.keys(PEOPLE) as Person[]) await as(who, '/v1/me');

  const group = async (name: string, facilitator: Person, members: Person[]) => {
    const created = await ok(
      facilitator,
      '/v1/groups',
      { method: 'POST', body: { name, capacity: 12, join_policy: 'open', facilitator_ids: [facilitator] } },
      201,
    );
    for (const m of members)
      await ok(m, `/v1/groups/${created.id}/membership`, {
        method: 'PUT',
        body: { accepted_rules_version: 1 },
      });
    return created.id as string;
  };
  const g1 = await group('Aamun yrittäjät', 'helena', ['aino', 'salla']);
  const g2 = await group('Kvällsgruppen', 'frida', ['bjorn']);

  let n = 0;
  /** Asks a question as `who` (a minute after the previous one); returns its detail. */
  const ask = async (who: Person, fields: Record<string, unknown> = {}) => {
    h.advance(60_000);
    n++;
    return ok(
      who,
      '/v1/questions',
      { method: 'POST', body: { title: `Kysymys ${n}`, body: `Runko ${n}`, ...fields } },
      201,
    );
  };
  const answer = async (who: Person, questionId: string, fields: Record<string, unknown> = {}) => {
    h.advance(1000);
    return ok(
      who,
      `/v1/questions/${questionId}/answers`,
      { method: 'POST', body: { body: 'Vastaus', ...fields } },
      201,
    );
  };
  const setSettings = (settings: Record<string, unknown>) =>
    ok('boss', '/v1/tenant', { method: 'PATCH', body: { settings } });

  return { h, tokenOf, as, ok, ask, answer, setSettings, g1, g2, close: () => h.close() };
}

export type QaFixture = Awaited<ReturnType<typeof qaFixture>>;
