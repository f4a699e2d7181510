import type { Store } from '../packages/api/src/store/index.js';

/** The texts of the bench's posts, shared with the scale run's seed (`bench/scale/seed.ts`). */
export const TITLES = [
  'Miten hinnoittelen palveluni yrittäjänä',
  'Kirjanpito ja verotus yrittäjien arjessa',
  'Asiakashankinta somessa',
  'Ajanhallinta, kun kalenteri täyttyy',
  'Hur hittar företagare nya kunder',
  'Pricing consulting work as a solo entrepreneur',
];
export const BODIES = [
  'Olen toiminut yrittäjänä kaksi vuotta ja mietin, miten hinnoittelu kannattaa tehdä.',
  'Tilitoimisto vai oma ohjelma? Kokemuksia kirjanpitäjistä ja verotuksesta kaivataan.',
  'Mitkä kanavat ovat toimineet pienyrittäjällä uusien asiakkaiden löytämisessä?',
  'Viikot täyttyvät palavereista. Miten suojaatte aikaa varsinaiselle työlle?',
  'Jag driver ett litet företag och undrar hur andra hittar sina kunder.',
  'How do other consultants decide on day rates and packages?',
];
export const TAGS = ['talous', 'markkinointi', 'ajanhallinta', 'myynti', 'verotus'];

/**
 * A Q&A board of `count` questions on the association's board, or on `groupId`'s (about a third
 * with an answer), a few of them mentioning a rare word (`tilintarkastaja`), written with
 * generate_series in a few statements rather than through the API: the bench measures reading,
 * not writing.
 */
export async function seedQuestions(
  store: Store,
  tenantId: string,
  count = 100_000,
  groupId: string | null = null,
): Promise<void> {
  const prefix = groupId ? `${groupId}_` : '';
  const now = new Date();
  for (let i = 0; i < 20; i++) {
    await store.members.upsert(
      {
        tenantId,
        id: `bench-author-${i}`,
        name: `Kirjoittaja ${i}`,
        email: null,
        locale: 'fi',
        roles: ['member'],
      },
      now,
    );
  }
  await store.db.query(
    `insert into qa_posts (tenant_id, id, group_id, author_id, anonymous, title, body, tags, language, score, answer_count, created_at)
     select $1, 'qst_bench_' || $7 || i, $8, 'bench-author-' || (i % 20), i % 10 = 0,
       ($4::text[])[1 + i % 6] || ' ' || i,
       ($5::text[])[1 + i % 6] || case when i % 997 = 0 then ' Tarvitaanko tilintarkastaja?' else '' end,
       array[($6::text[])[1 + i % 5]],
       case i % 6 when 4 then 'sv' when 5 then 'en' else 'fi' end,
       (i * 7919) % 23, case when i % 3 = 0 then 1 else 0 end,
       date_trunc('milliseconds', $2::timestamptz - make_interval(secs => i * 37))
     from generate_series(1, $3::int) i`,
    [tenantId, now, count, TITLES, BODIES, TAGS, prefix, groupId],
  );
  await store.db.query(
    `insert into qa_posts (tenant_id, id, group_id, question_id, author_id, body, language, created_at)
     select $1, 'ans_bench_' || $4 || i, $5, 'qst_bench_' || $4 || i, 'bench-author-' || ((i + 7) % 20), 'Meillä toimi tämä hyvin.', 'fi',
       date_trunc('milliseconds', $2::timestamptz - make_interval(secs => i * 37 - 60))
     from generate_series(3, $3::int, 3) i`,
    [tenantId, now, count, prefix, groupId],
  );
  await store.db.exec('analyze qa_posts');
}

/**
 * The Q&A targets of `pnpm bench`: a member's list of their group's board (100 questions), and,
 * opt-in with BENCH_QA=1 because seeding takes a while, a member's list and searches on the
 * association's board of BENCH_QA_POSTS questions (default 100,000).
 */
export async function seedQuestionBench(
  store: Store,
  tenantId: string,
  groupId: string,
): Promise<{ name: string; path: string; member?: boolean }[]> {
  await seedQuestions(store, tenantId, 100, groupId);
  const board = {
    name: 'GET /v1/questions?group= (member)',
    path: `/v1/questions?group=${groupId}&limit=20`,
    member: true,
  };
  if (process.env.BENCH_QA !== '1') return [board];
  const count = Number(process.env.BENCH_QA_POSTS ?? 100_000);
  await seedQuestions(store, tenantId, count);
  const size = `${Math.round(count / 1000)}k`;
  return [
    board,
    { name: `GET /v1/questions (member, ${size})`, path: '/v1/questions?limit=20', member: true },
    {
      name: `GET /v1/questions?sort=votes (${size})`,
      path: '/v1/questions?sort=votes&limit=20',
      member: true,
    },
    {
      name: `GET /v1/questions?q=common (${size})`,
      path: `/v1/questions?limit=20&q=${encodeURIComponent('yrittäjien')}`,
      member: true,
    },
    {
      name: `GET /v1/questions?q=rare (${size})`,
      path: `/v1/questions?limit=20&q=${encodeURIComponent('tilintarkastajat')}`,
      member: true,
    },
    { name: `GET /v1/questions?tag= (${size})`, path: '/v1/questions?limit=20&tag=verotus', member: true },
  ];
}
