import { createApp, createTenant, openStore, type Store } from '@ekollega/api';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createAdminClient } from '../src/admin.js';
import { createClient, isProblem, type Group, type Membership } from '../src/index.js';

let store: Store;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let fetchApp: typeof fetch;

const tokenOf = (sub: string, roles: string[] = ['member']) => {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ name: sub.replace(/^./, (c) => c.toUpperCase()), roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(tenant.tenant.id)
    .setAudience('ekollega')
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .sign(new TextEncoder().encode(tenant.memberTokenSecret));
};
const as = (sub: string | null, roles?: string[]) =>
  createClient({ baseUrl: 'http://api.test', tenantKey: tenant.publishableKey, fetch: fetchApp, getMemberToken: () => (sub ? tokenOf(sub, roles) : null) });

beforeAll(async () => {
  store = await openStore();
  tenant = await createTenant(store, { name: 'Varsinais-Suomen Yrittäjät', origins: ['https://vsy.example'] });
  const app = createApp({ store, log: false });
  fetchApp = (input, init) => Promise.resolve(app.request(String(input), init as RequestInit));
});
afterAll(() => store.close());

describe('client.groups', () => {
  it('creates, lists, joins, shows my state and leaves', async () => {
    const helena = as('helena', ['facilitator']);
    await helena.me();
    const created = await helena.groups.create({ name: 'Aamuryhmä', capacity: 2, join_policy: 'open', themes: ['time management'] });
    expect(created.facilitators).toEqual([{ id: 'helena', name: 'Helena' }]);

    const visitor = as(null);
    const page = await visitor.groups.list({ theme: 'time management', has_places: true });
    expect(page.items.map((g) => g.name)).toEqual(['Aamuryhmä']);
    expectTypeOf(page.items).toEqualTypeOf<Group[]>();

    const aino = as('aino');
    const joined = await aino.groups.join(created.id, { accepted_rules_version: created.rules_version });
    expect(joined.status).toBe('member');
    expectTypeOf(joined).toEqualTypeOf<Membership>();
    expect((await aino.groups.get(created.id)).my_membership?.status).toBe('member');
    expect((await aino.groups.members(created.id)).map((m) => m.name)).toEqual(['Helena', 'Aino']);

    await aino.groups.leave(created.id);
    expect(await aino.groups.membership(created.id)).toBeNull();
  });

  it('walks every page with paginate()', async () => {
    const admin = createAdminClient({ baseUrl: 'http://api.test', secretKey: tenant.secretKey, fetch: fetchApp });
    await as('helena', ['facilitator']).me();
    for (const name of ['Bravo', 'Charlie', 'Delta', 'Echo']) await admin.groups.create({ name, capacity: 5, join_policy: 'open', facilitator_ids: ['helena'] });
    const client = as(null);
    const names: string[] = [];
    for await (const group of client.paginate((cursor) => client.groups.list({ limit: 2, cursor }))) names.push(group.name);
    expect(names).toEqual(['Aamuryhmä', 'Bravo', 'Charlie', 'Delta', 'Echo']);
  });

  it('lets a facilitator approve or decline, and names the field of a bad answer', async () => {
    const helena = as('helena', ['facilitator']);
    const group = await helena.groups.create({ name: 'Hyväksyntä', capacity: 4, join_policy: 'approval', intake_questions: [{ id: 'hope', text: 'Toiveesi?' }] });
    const mikko = as('mikko');
    const error = await mikko.groups.join(group.id, { accepted_rules_version: 1, answers: {} }).catch((e: unknown) => e);
    expect(isProblem(error, 'validation_failed')).toBe(true);
    expect((error as { errors: { field: string }[] }).errors[0]?.field).toBe('answers.hope');
    expect((await mikko.groups.join(group.id, { accepted_rules_version: 1, answers: { hope: 'Asiakkaita' } })).status).toBe('pending');
    const requests = await helena.groups.requests(group.id);
    expect(requests.map((r) => [r.member.name, r.answers.hope])).toEqual([['Mikko', 'Asiakkaita']]);
    expect((await helena.groups.decline(group.id, 'mikko', 'Ryhmä täyttyi jo.')).decline_reason).toBe('Ryhmä täyttyi jo.');
    expect((await mikko.groups.membership(group.id))?.status).toBe('declined');
  });
});
