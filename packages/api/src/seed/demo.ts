import { createTenant, issuePublishableKey, issueSecretKey } from '../auth/tenant-keys.js';
import type { Role, Store, Tenant } from '../store/index.js';
import { addLocal, utcToLocal } from '../time/local.js';
import { nextWeekdayAt } from '../time/zoned.js';

/** The demo association's fixed id, so the demo site and tests can find it again. */
export const DEMO_TENANT_ID = 'ten_demo_vsy';

/** Demo accounts the demo site signs in (its backend mints their tokens). */
export const DEMO_MEMBERS = [
  {
    sub: 'demo-aino',
    name: 'Aino Virtanen',
    email: 'aino@example.fi',
    locale: 'fi',
    roles: ['member'],
    trade: 'Graafinen suunnittelu',
  },
  {
    sub: 'demo-bjorn',
    name: 'Björn Lindqvist',
    email: 'bjorn@example.fi',
    locale: 'sv',
    roles: ['member'],
    trade: 'Snickeri',
  },
  {
    sub: 'demo-mikko',
    name: 'Mikko Laine',
    email: 'mikko@example.fi',
    locale: 'fi',
    roles: ['member'],
    trade: 'Kirjanpito',
  },
  {
    sub: 'demo-helena',
    name: 'Helena Salo',
    email: 'helena@example.fi',
    locale: 'fi',
    roles: ['facilitator', 'member'],
    trade: 'Fasilitaattori',
  },
] as const;

/** The other entrepreneurs of the pilot-like groups (fictional), from different trades. */
const PEERS = [
  ['Jukka Mäkinen', 'facilitator'],
  ['Sanna Koskinen', 'Valokuvaus'],
  ['Pekka Nieminen', 'Sähköasennus'],
  ['Liisa Heikkinen', 'Kampaamo'],
  ['Timo Järvinen', 'IT-konsultointi'],
  ['Anna Lehtonen', 'Hieronta'],
  ['Matti Rantanen', 'Maalaus'],
  ['Kaisa Laaksonen', 'Käännöstyöt'],
  ['Ville Salminen', 'Puusepänverstas'],
  ['Emma Karjalainen', 'Kukkakauppa'],
  ['Olli Heinonen', 'Verkkokauppa'],
  ['Riikka Turunen', 'Somemarkkinointi'],
  ['Jari Lindroos', 'Kuljetus'],
  ['Hanna Aalto', 'Kosmetologi'],
  ['Marko Kallio', 'LVI-työt'],
  ['Tiina Ojala', 'Ravintola'],
  ['Karin Sjöberg', 'Redovisning'],
  ['Erik Holmström', 'Båtservice'],
  ['Sofia Nyberg', 'Keramik'],
  ['Johan Grönroos', 'Fotografering'],
  ['Petra Wikström', 'Yoga'],
  ['Niko Saarinen', 'Videotuotanto'],
] as const;

/**
 * Each group's meetings every three weeks from its next meeting, expert talks on the themes the
 * pilot's members asked for, a members' evening, and topics the morning group suggested.
 */
async function seedSessions(store: Store, tenant: Tenant, now: Date) {
  if ((await store.db.query('select 1 from sessions where tenant_id = $1 limit 1', [tenant.id])).length)
    return;
  const organiser = { tenantId: tenant.id, memberId: null, admin: true, organiser: true };
  const zone = 'Europe/Helsinki';
  const groups = await store.db.query<{
    id: string;
    name: string;
    weekday: number;
    start_time: string;
    end_time: string;
    language: string;
  }>(
    'select id, name, weekday, start_time, end_time, language from groups where tenant_id = $1 order by name',
    [tenant.id],
  );
  for (const g of groups) {
    const first = utcToLocal(nextWeekdayAt(now, g.weekday, g.start_time, zone), zone);
    const [sh, sm] = g.start_time.split(':').map(Number) as [number, number];
    const [eh, em] = g.end_time.split(':').map(Number) as [number, number];
    await store.sessions.createSeries(
      organiser,
      g.id,
      {
        title: g.language === 'sv' ? 'Gruppträff' : 'Vertaistapaaminen',
        first_start: first,
        duration_minutes: eh * 60 + em - (sh * 60 + sm),
        time_zone: zone,
        every_weeks: 3,
        count: 6,
        description:
          g.language === 'sv'
            ? 'Vi går igenom målen från förra träffen och väljer nya.'
            : 'Käymme läpi edellisen kerran tavoitteet ja asetamme uudet.',
        agenda:
          g.language === 'sv'
            ? '1. Läget just nu\n2. Målen\n3. Veckans tema\n4. Nya mål'
            : '1. Kuulumiskierros\n2. Tavoitteiden tarkistus\n3. Päivän teema\n4. Uudet tavoitteet',
        meeting_url: `https://video.example.fi/${g.id}`,
      },
      now,
    );
  }
  const today = utcToLocal(now, zone).slice(0, 10);
  const talks = [
    {
      days: 10,
      title: 'Ajanhallinta yksinyrittäjän arjessa',
      theme: 'ajanhallinta',
      speaker: { name: 'Kirsi Aaltonen', title: 'työhyvinvointivalmentaja' },
    },
    {
      days: 24,
      title: 'Tavoitteet, jotka toteutuvat',
      theme: 'tavoitteet',
      speaker: { name: 'Antti Vuori', title: 'liiketoimintacoach' },
    },
    {
      days: 38,
      title: 'Pysy ajan tasalla: uudet työkalut ja säädökset',
      theme: 'ajantasaisuus',
      speaker: { name: 'Maria Lindholm', title: 'yrittäjyysneuvoja' },
    },
  ];
  for (const talk of talks) {
    await store.sessions.create(
      organiser,
      {
        title: talk.title,
        kind: 'expert_talk',
        scope: 'public',
        theme: talk.theme,
        start: `${addLocal(`${today}T17:00`, talk.days)}`,
        duration_minutes: 90,
        time_zone: zone,
        description:
          'Asiantuntijaluento jäsenten toivomasta aiheesta. Luennon jälkeen keskustelua pienryhmissä.',
        speakers: [talk.speaker],
        capacity: 40,
        meeting_url: 'https://video.example.fi/asiantuntijaluento',
      },
      now,
    );
  }
  await store.sessions.create(
    organiser,
    {
      title: 'Jäsenilta: vertaisryhmien kuulumiset',
      scope: 'members',
      start: `${addLocal(`${today}T18:00`, 45)}`,
      duration_minutes: 120,
      time_zone: zone,
      place: 'Yrittäjätalo, Turku',
    },
    now,
  );
  const morning = groups.find((g) => g.language === 'fi');
  if (morning) {
    const member = { ...organiser, memberId: 'demo-peer-2', admin: false, organiser: false };
    for (const title of [
      'Hinnoittelu ja tarjoukset',
      'Jaksaminen ja rajat',
      'Somen käyttö markkinoinnissa',
    ]) {
      const topicId = await store.sessions.topics.create(member, morning.id, { title, description: '' }, now);
      if (title !== 'Somen käyttö markkinoinnissa')
        await store.sessions.topics.vote(member, morning.id, topicId, true, 3);
    }
  }
}

/**
 * A few Q&A threads: on the association-wide board, and one in the morning group's confidential
 * board, one of them anonymous, with votes and an accepted answer.
 */
async function seedQuestions(store: Store, tenant: Tenant, now: Date) {
  if ((await store.db.query('select 1 from qa_posts where tenant_id = $1 limit 1', [tenant.id])).length)
    return;
  const fresh = (await store.tenants.get(tenant.id))!;
  const as = (memberId: string, roles: Role[] = ['member']) => ({
    tenant: fresh,
    memberId,
    roles,
    locale: 'fi',
    server: false,
  });
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

  const pricing = await store.questions.ask(
    as('demo-peer-3'),
    'demo-peer-3',
    {
      title: 'Miten hinnoittelette pienet lisätyöt?',
      body: 'Asiakkaat pyytävät usein "pientä lisäystä" valmiiseen työhön. Laskutatteko erikseen vai sisällytättekö tarjoukseen?\n\n- tuntihinta?\n- kiinteä lisähinta?',
      tags: ['hinnoittelu', 'asiakkaat'],
      anonymous: false,
    },
    minutesAgo(60 * 30),
  );
  const answer = await store.questions.answer(
    as('demo-peer-5'),
    'demo-peer-5',
    pricing,
    {
      body: 'Kirjaan tarjoukseen **muutostyöt erikseen**: alkavat 30 minuutin jaksot tuntihinnalla. Kun se on sovittu etukäteen, keskustelu on helppo.',
      anonymous: false,
    },
    minutesAgo(60 * 28),
  );
  await store.questions.answer(
    as('demo-peer-8'),
    'demo-peer-8',
    pricing,
    {
      body: 'Minulla on pieni "muutospaketti" kiinteällä hinnalla. Asiakkaat pitävät ennustettavuudesta.',
      anonymous: false,
    },
    minutesAgo(60 * 20),
  );
  for (const voter of ['demo-peer-2', 'demo-peer-4', 'demo-aino'])
    await store.questions.vote(as(voter), voter, { question: pricing, answer: answer.id }, 1, now);
  await store.questions.accept(as('demo-peer-3'), pricing, answer.id);

  const time = await store.questions.ask(
    as('demo-peer-6'),
    'demo-peer-6',
    {
      title: 'Työpäivä venyy iltaan – vinkkejä rajojen vetämiseen?',
      body: 'Olen yksinyrittäjä, ja sähköpostit tulevat puhelimeeni iltaisinkin. Miten te rajaatte työaikanne?',
      tags: ['ajanhallinta', 'jaksaminen'],
      anonymous: true,
    },
    minutesAgo(60 * 8),
  );
  await store.questions.answer(
    as('demo-helena', ['facilitator', 'member']),
    'demo-helena',
    time,
    {
      body: 'Kokeile viikon ajan: ilmoitusten ajastus klo 17 jälkeen pois ja automaattivastaus, jossa kerrot milloin vastaat. Otetaan tämä teemaksi seuraavaan tapaamiseen!',
      anonymous: false,
    },
    minutesAgo(60 * 6),
  );

  await store.questions.ask(
    as('demo-peer-13'),
    'demo-peer-13',
    {
      title: 'Vem har erfarenhet av e-fakturering för små företag?',
      body: 'Jag funderar på att byta faktureringsprogram. Vilka tjänster rekommenderar ni?',
      tags: ['fakturering'],
      anonymous: false,
      language: 'sv',
    },
    minutesAgo(90),
  );

  const morning = (
    await store.db.query<{ id: string }>(
      `select id from groups where tenant_id = $1 and language = 'fi' limit 1`,
      [tenant.id],
    )
  )[0];
  if (morning) {
    await store.questions.ask(
      as('demo-peer-2'),
      'demo-peer-2',
      {
        group_id: morning.id,
        title: 'Tavoitteeni edellisestä tapaamisesta: kolme uutta asiakasta',
        body: 'Sain kaksi kolmesta. Kolmas tarjous on vielä auki – miten te muistutatte asiakasta tarjouksesta tungettelematta?',
        tags: ['tavoitteet', 'myynti'],
        anonymous: false,
      },
      minutesAgo(45),
    );
  }
}

/**
 * Commitments in both groups, set at their last meeting (two weeks ago) and due at the next: some
 * already reported on, one kept for the facilitators, one private, as a group's round would have them.
 */
async function seedCommitments(store: Store, tenant: Tenant, now: Date) {
  if ((await store.db.query('select 1 from commitments where tenant_id = $1 limit 1', [tenant.id])).length)
    return;
  const groups = await store.db.query<{ id: string; language: string }>(
    'select id, language from groups where tenant_id = $1 order by name',
    [tenant.id],
  );
  const setAt = new Date(now.getTime() - 14 * 86_400_000);
  type Seeded = {
    text: string;
    target?: { value: number; unit: string };
    visibility?: 'group' | 'facilitators' | 'private';
    report?: { status: 'done' | 'partly' | 'not_done' | 'dropped'; reflection?: string; achieved?: number };
  };
  const byLanguage: Record<string, [string, Seeded][]> = {
    fi: [
      [
        'demo-peer-2',
        {
          text: 'Otan yhteyttä **kymmeneen** mahdolliseen asiakkaaseen.',
          target: { value: 10, unit: 'asiakaskontaktia' },
          report: { status: 'done', reflection: 'Kaksi tarjouspyyntöä tuli!', achieved: 12 },
        },
      ],
      [
        'demo-peer-3',
        {
          text: 'Varaan kaksi aamua viikossa kirjanpidolle.',
          target: { value: 4, unit: 'aamua' },
          report: { status: 'partly', reflection: 'Toinen viikko jäi väliin.', achieved: 2 },
        },
      ],
      ['demo-peer-4', { text: 'Päivitän hinnastoni ja julkaisen sen verkkosivuilla.' }],
      [
        'demo-peer-5',
        { text: 'Myyn jotain joka ikinen päivä kolmen viikon ajan.', visibility: 'facilitators' },
      ],
      ['demo-peer-6', { text: 'Pidän yhden kokonaisen vapaapäivän viikossa.', visibility: 'private' }],
      ['demo-peer-7', { text: 'Kokeilen somemainosta pienellä budjetilla.', report: { status: 'not_done' } }],
    ],
    sv: [
      [
        'demo-peer-13',
        {
          text: 'Ringer **fem** gamla kunder och frågar vad de behöver.',
          target: { value: 5, unit: 'samtal' },
          report: { status: 'done', reflection: 'Två nya beställningar.', achieved: 5 },
        },
      ],
      ['demo-peer-14', { text: 'Höjer mina priser med tio procent.', report: { status: 'dropped' } }],
      ['demo-peer-15', { text: 'Skriver ett nyhetsbrev till mina kunder.' }],
      ['demo-peer-16', { text: 'Går igenom bokföringen varje fredag.', visibility: 'private' }],
    ],
  };
  for (const group of groups) {
    for (const [memberId, c] of byLanguage[group.language] ?? []) {
      const viewer = { tenantId: tenant.id, memberId, admin: false, organiser: false };
      const id = await store.commitments.create(
        viewer,
        group.id,
        { text: c.text, visibility: c.visibility ?? 'group', target: c.target ?? null },
        setAt,
      );
      if (c.report)
        await store.commitments.report(
          viewer,
          id,
          {
            status: c.report.status,
            reflection: c.report.reflection ?? '',
            achieved: c.report.achieved ?? null,
          },
          now,
        );
    }
  }
}

/** Two online peer groups like the pilot's: a dozen entrepreneurs each, meeting every three weeks. */
async function seedGroups(store: Store, tenant: Tenant, now: Date) {
  if ((await store.db.query('select 1 from groups where tenant_id = $1 limit 1', [tenant.id])).length) return;
  const peers = PEERS.map(([name, trade], i) => ({ id: `demo-peer-${i + 1}`, name, trade }));
  for (const person of [
    ...DEMO_MEMBERS.map((m) => ({
      id: m.sub,
      name: m.name,
      email: m.email,
      locale: m.locale,
      roles: [...m.roles],
    })),
    ...peers.map((p) => ({
      id: p.id,
      name: p.name,
      email: null,
      locale: null,
      roles: p.trade === 'facilitator' ? ['facilitator', 'member'] : ['member'],
    })),
  ]) {
    await store.members.upsert(
      {
        tenantId: tenant.id,
        id: person.id,
        name: person.name,
        email: person.email,
        locale: person.locale,
        roles: person.roles as Role[],
      },
      now,
    );
  }
  const hope = { id: 'hope', text: 'Mitä toivot saavasi vertaisryhmältä?' };
  const morning = await store.groups.create(
    tenant,
    {
      name: 'Aamun vertaisryhmä – Turku',
      description:
        'Yksinyrittäjien verkkoryhmä: ajanhallinta, tavoitteet ja jaksaminen. Tapaamme kolmen viikon välein.',
      details:
        'Ryhmässä on noin kymmenen yrittäjää eri aloilta. Jokainen asettaa tapaamisessa tavoitteen ja kertoo seuraavalla kerralla, miten se edistyi. Teemat valitaan jäsenten toiveista; välillä mukana on asiantuntija.',
      themes: ['ajanhallinta', 'tavoitteet', 'jaksaminen'],
      trades: ['luovat alat', 'palvelut'],
      language: 'fi',
      format: 'online',
      region: 'Varsinais-Suomi',
      rhythm: {
        every_weeks: 3,
        weekday: 2,
        start_time: '09:00',
        end_time: '11:00',
        time_zone: 'Europe/Helsinki',
      },
      next_meeting_at: nextWeekdayAt(now, 2, '09:00', 'Europe/Helsinki').toISOString(),
      capacity: 12,
      join_policy: 'open',
      status: 'running',
      intake_questions: [hope],
      facilitator_ids: ['demo-helena'],
    },
    'demo-helena',
    now,
  );
  const evening = await store.groups.create(
    tenant,
    {
      name: 'Kvällsgruppen för företagare',
      description:
        'Svenskspråkig grupp på nätet för ensamföretagare: försäljning, prissättning och att hålla sig à jour.',
      details:
        'Vi träffas var tredje vecka på kvällen. Gruppen väljer själv sina teman, och ibland bjuder vi in en sakkunnig.',
      themes: ['försäljning', 'prissättning', 'omvärldsbevakning'],
      trades: ['hantverk', 'tjänster'],
      language: 'sv',
      format: 'online',
      region: 'Egentliga Finland',
      rhythm: {
        every_weeks: 3,
        weekday: 4,
        start_time: '18:00',
        end_time: '19:30',
        time_zone: 'Europe/Helsinki',
      },
      next_meeting_at: nextWeekdayAt(now, 4, '18:00', 'Europe/Helsinki').toISOString(),
      capacity: 12,
      join_policy: 'approval',
      status: 'running',
      intake_questions: [{ id: 'hope', text: 'Vad hoppas du få ut av gruppen?' }],
      facilitator_ids: ['demo-peer-1'],
    },
    'demo-peer-1',
    now,
  );
  const join = async (groupId: string, memberId: string) =>
    store.groups.join(
      tenant.id,
      groupId,
      memberId,
      { accepted_rules_version: 1, answers: { hope: 'Vertaistukea ja uusia näkökulmia.' } },
      now,
    );
  // Eleven in the morning group: one place left for a visitor who signs in as Aino.
  for (const peer of peers.slice(1, 12)) await join(morning, peer.id);
  for (const peer of peers.slice(12)) {
    await join(evening, peer.id);
    await store.groups.approve(tenant.id, evening, peer.id, now);
  }
  await join(evening, 'demo-mikko');
}

// ---- The facilitator desk (issue #13): what Helena finds on "Fasilitaattorille" ----------------

/** The meeting of Helena's group two weeks ago, whose attendance the desk marks. */
export const DEMO_PAST_MEETING_TITLE = 'Vertaistapaaminen (pidetty)';
/** The reported post on the association's board that Helena hides from the desk. */
export const DEMO_REPORTED_TITLE = 'Tuplaa myyntisi viikossa – klikkaa tästä!';

/**
 * Björn's request to join Helena's morning group, made while it was still by approval (so it waits
 * for her though the group is open now), a meeting two weeks ago with answers to mark attendance
 * of, and a post on the association's board that two members reported. Runs once.
 */
async function seedFacilitatorDesk(store: Store, tenant: Tenant, now: Date) {
  const marked = await store.db.query('select 1 from sessions where tenant_id = $1 and title = $2', [
    tenant.id,
    DEMO_PAST_MEETING_TITLE,
  ]);
  if (marked.length) return;
  const morning = (
    await store.db.query<{ id: string }>('select id from groups where tenant_id = $1 and name = $2', [
      tenant.id,
      'Aamun vertaisryhmä – Turku',
    ])
  )[0]?.id;
  if (!morning) return;
  await store.groups.update(tenant.id, morning, { join_policy: 'approval' }, now);
  await store.groups.join(
    tenant.id,
    morning,
    'demo-bjorn',
    { accepted_rules_version: 1, answers: { hope: 'Vinkkejä hinnoitteluun ja vertaistukea.' } },
    now,
  );
  await store.groups.update(tenant.id, morning, { join_policy: 'open' }, now);

  const zone = 'Europe/Helsinki';
  const start = addLocal(utcToLocal(nextWeekdayAt(now, 2, '09:00', zone), zone), -14);
  const organiser = { tenantId: tenant.id, memberId: 'demo-helena', admin: false, organiser: true };
  const past = await store.sessions.create(
    organiser,
    {
      title: DEMO_PAST_MEETING_TITLE,
      group_id: morning,
      start,
      duration_minutes: 120,
      time_zone: zone,
      agenda: '1. Kuulumiskierros\n2. Tavoitteiden tarkistus',
    },
    new Date(now.getTime() - 30 * 86400_000),
  );
  // The answers were given before the meeting; RSVPs close when a meeting ends.
  const before = new Date(now.getTime() - 16 * 86400_000);
  for (const [id, answer] of [
    ['demo-peer-2', 'yes'],
    ['demo-peer-3', 'yes'],
    ['demo-peer-4', 'no'],
  ] as const) {
    const viewer = { tenantId: tenant.id, memberId: id, admin: false, organiser: false };
    const member = {
      tenantId: tenant.id,
      id,
      name: id,
      email: null,
      locale: null,
      roles: ['member' as Role],
    };
    await store.sessions.rsvp(viewer, member, past, answer, before);
  }

  const fresh = (await store.tenants.get(tenant.id)) ?? tenant;
  const as = (memberId: string) => ({
    tenant: fresh,
    memberId,
    roles: ['member' as Role],
    locale: 'fi',
    server: false,
  });
  const spam = await store.questions.ask(
    as('demo-peer-9'),
    'demo-peer-9',
    {
      title: DEMO_REPORTED_TITLE,
      body: 'Ostin kurssin, joka muutti kaiken. Linkki yksityisviestillä!',
      tags: ['myynti'],
      anonymous: true,
    },
    new Date(now.getTime() - 3 * 3600_000),
  );
  for (const [id, reason] of [
    ['demo-peer-10', 'Mainostusta'],
    ['demo-peer-11', 'Roskapostia, ei kysymys'],
  ] as const)
    await store.questions.report(as(id), id, { question: spam }, reason, now);
}

// ---- end of the facilitator desk's block ------------------------------------------------------

export interface DemoSeed {
  tenant_id: string;
  name: string;
  publishable_key: string;
  secret_key: string;
  member_token_secret: string;
  origins: string[];
}

/** Texts the demo association words its own way: its Swedish name. */
const DEMO_STRINGS = { sv: { 'member-status.association': 'Egentliga Finlands Företagare' } };

/**
 * Seeds the demo association modelled on the eKollega pilot. Running it again keeps the data and
 * issues fresh keys (secret keys cannot be read back), adding any new origins.
 */
export async function seedDemo(store: Store, options: { origins: string[]; now?: Date }): Promise<DemoSeed> {
  const now = options.now ?? new Date();
  const existing = await store.tenants.get(DEMO_TENANT_ID);
  if (!existing) {
    const created = await createTenant(store, {
      id: DEMO_TENANT_ID,
      name: 'Varsinais-Suomen Yrittäjät',
      origins: options.origins,
    });
    // The association's Swedish name, which the member status shows on Swedish pages.
    await store.tenants.update(created.tenant.id, { strings: DEMO_STRINGS });
    await seedGroups(store, created.tenant, now);
    await seedSessions(store, created.tenant, now);
    await seedQuestions(store, created.tenant, now);
    await seedCommitments(store, created.tenant, now);
    await seedFacilitatorDesk(store, created.tenant, now);
    return {
      tenant_id: created.tenant.id,
      name: created.tenant.name,
      publishable_key: created.publishableKey,
      secret_key: created.secretKey,
      member_token_secret: created.memberTokenSecret,
      origins: created.tenant.origins,
    };
  }
  const origins = [...new Set([...existing.origins, ...options.origins])];
  const tenant = (await store.tenants.update(existing.id, { origins }))!;
  await seedGroups(store, tenant, now);
  await seedSessions(store, tenant, now);
  await seedQuestions(store, tenant, now);
  await seedCommitments(store, tenant, now);
  await seedFacilitatorDesk(store, tenant, now);
  const publishable = await issuePublishableKey(store, tenant);
  const secret = await issueSecretKey(store, tenant);
  return {
    tenant_id: tenant.id,
    name: tenant.name,
    publishable_key: publishable.publishableKey,
    secret_key: secret.secretKey,
    member_token_secret: tenant.memberTokenSecret,
    origins: tenant.origins,
  };
}
