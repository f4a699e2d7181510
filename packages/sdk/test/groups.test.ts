import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { isProblem, type Group, type Membership } from '../src/index.js';
import { association } from './association.js';

let assoc: Awaited<ReturnType<typeof association>>;
const as = (sub: string | null, roles?: string[]) => assoc.as(sub, roles);

beforeAll(async () => {
  assoc = await association();
});
afterAll(() => assoc.close());

describe('client.groups', () => {
  it('creates, lists, joins, shows my state and leaves', async () => {
    const helena = as('helena', ['facilitator']);
    await helena.me();
    const created = await helena.groups.create({
      name: 'Aamuryhmä',
      capacity: 2,
      join_policy: 'open',
      themes: ['time management'],
    });
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
    const admin = assoc.admin();
    await as('helena', ['facilitator']).me();
    for (const name of ['Bravo', 'Charlie', 'Delta', 'Echo'])
      await admin.groups.create({ name, capacity: 5, join_policy: 'open', facilitator_ids: ['helena'] });
    const client = as(null);
    const names: string[] = [];
    for await (const group of client.paginate((cursor) => client.groups.list({ limit: 2, cursor })))
      names.push(group.name);
    expect(names).toEqual(['Aamuryhmä', 'Bravo', 'Charlie', 'Delta', 'Echo']);
  });

  it('lets a facilitator approve or decline, and names the field of a bad answer', async () => {
    const helena = as('helena', ['facilitator']);
    const group = await helena.groups.create({
      name: 'Hyväksyntä',
      capacity: 4,
      join_policy: 'approval',
      intake_questions: [{ id: 'hope', text: 'Toiveesi?' }],
    });
    const mikko = as('mikko');
    const error = await mikko.groups
      .join(group.id, { accepted_rules_version: 1, answers: {} })
      .catch((e: unknown) => e);
    expect(isProblem(error, 'validation_failed')).toBe(true);
    expect((error as { errors: { field: string }[] }).errors[0]?.field).toBe('answers.hope');
    expect(
      (await mikko.groups.join(group.id, { accepted_rules_version: 1, answers: { hope: 'Asiakkaita' } }))
        .status,
    ).toBe('pending');
    const requests = await helena.groups.requests(group.id);
    expect(requests.map((r) => [r.member.name, r.answers.hope])).toEqual([['Mikko', 'Asiakkaita']]);
    expect((await helena.groups.decline(group.id, 'mikko', 'Ryhmä täyttyi jo.')).decline_reason).toBe(
      'Ryhmä täyttyi jo.',
    );
    expect((await mikko.groups.membership(group.id))?.status).toBe('declined');
  });
});
