/**
 * Widget tests in Debian's Chromium against a real API: this file (Node) starts the API on an
 * in-memory PGlite store with one association, and plays the association's website for the
 * browser — `/__test/config` says where the API is, `/__test/token` mints member tokens the way
 * an integrator's backend does, so the widgets go through the real `token-url` flow, and
 * `/__test/groups` gives each test its own peer groups.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { SignJWT } from 'jose';
import { tsImport } from 'tsx/esm/api';

const here = dirname(fileURLToPath(import.meta.url));
// Fixed (the association must list the test page's origin for CORS); WTR_PORT moves it, so two
// checkouts can run their browser tests at once.
const PORT = Number(process.env.WTR_PORT) || 8765;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The API package exports TypeScript source, which Node 20 cannot load without tsx. One import:
// each `tsImport` loads its own copy of the modules, and a store error class from one copy is
// not `instanceof` the app's from another (a 422 from the store would answer as a 500).
const { openStore, createTenant, startServer } = await tsImport('@ekollega/api', import.meta.url);

const store = await openStore();
const association = await createTenant(store, {
  name: 'Varsinais-Suomen Yrittäjät',
  origins: [`http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`],
});
// One text the association reworded, so tests can see an override win over the catalogue, and
// its name in Swedish.
const overrides = {
  en: { 'common.sign-in': 'Sign in with your member account' },
  sv: { 'member-status.association': 'Egentliga Finlands Företagare' },
};
await store.tenants.update(association.tenant.id, { strings: overrides });
const api = await startServer(store, { port: 0, log: false });
// The Q&A board's tests: an association per test (test/qa-fixtures.ts).
const { qaFixtures } = await tsImport('./test/qa-fixtures.ts', import.meta.url);
// The session calendar's tests: an association per test too (test/session-fixtures.ts).
const { sessionFixtures } = await tsImport('./test/session-fixtures.ts', import.meta.url);
// The facilitator desk's tests: an association per test too (test/desk-fixtures.ts).
const { deskFixtures } = await tsImport('./test/desk-fixtures.ts', import.meta.url);

// Groups for the finder's tests, made straight in the store (no API round trips, no rate limit).
const FACILITATOR = {
  tenantId: association.tenant.id,
  id: 'test-facilitator',
  name: 'Helena Salo',
  email: null,
  locale: null,
  roles: ['facilitator', 'member'],
};
await store.members.upsert(FACILITATOR, new Date());
let nextScope = 0;

/** The request's JSON body. */
async function readJson(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

/**
 * `POST /__test/groups { groups: [{ …CreateGroup, members?: n }] }` creates groups that only this
 * test sees: each one's trades start with a fresh scope (the finder's `trade` attribute), and
 * `members` other members already hold places. Answers `{ scope, ids }`.
 * `POST /__test/groups/<id> { leave | decline: memberId, reason?, patch? }` changes a group as
 * another member or its facilitator would.
 */
async function testGroups(ctx) {
  const input = await readJson(ctx.req);
  const tenant = (await store.tenants.get(association.tenant.id)) ?? association.tenant;
  const now = new Date();
  const groupId = ctx.path.split('/')[3];
  if (groupId) {
    if (input.leave) await store.groups.leave(tenant.id, groupId, input.leave, now);
    if (input.decline) await store.groups.decline(tenant.id, groupId, input.decline, input.reason, now);
    if (input.patch) await store.groups.update(tenant.id, groupId, input.patch, now);
    ctx.body = { ok: true };
    return;
  }
  const scope = `scope-${++nextScope}`;
  const ids = [];
  for (const { members = 0, ...group } of input.groups) {
    const id = await store.groups.create(
      tenant,
      { facilitator_ids: [FACILITATOR.id], ...group, trades: [scope, ...(group.trades ?? [])] },
      FACILITATOR.id,
      now,
    );
    const answers = Object.fromEntries(
      (group.intake_questions ?? []).map((question) => [question.id, 'Vertaistukea.']),
    );
    for (let i = 1; i <= members; i++) {
      const memberId = `${scope}-member-${i}`;
      await store.members.upsert(
        { ...FACILITATOR, id: memberId, name: `Member ${i}`, roles: ['member'] },
        now,
      );
      await store.groups.join(tenant.id, id, memberId, { accepted_rules_version: 1, answers }, now);
      if (group.join_policy === 'approval') await store.groups.approve(tenant.id, id, memberId, now);
    }
    ids.push(id);
  }
  ctx.body = { scope, ids };
}

/** A member token as the association's backend mints it: HS256 with its member token secret (or, forged, another). */
function mint(sub, name, secret = association.memberTokenSecret) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ name })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(association.tenant.id)
    .setAudience('ekollega')
    .setSubject(sub)
    .setIssuedAt(now)
    .setExpirationTime(now + 900)
    .sign(new TextEncoder().encode(secret));
}

/** Token requests that have already failed once (`?fail=<id>`: the first request for an id fails). */
const failedOnce = new Set();

/** The association's website: where the API is, and its token endpoint. */
async function hostSite(ctx, next) {
  if (ctx.path === '/__test/config') {
    ctx.body = {
      apiUrl: api.url,
      tenantKey: association.publishableKey,
      associationName: association.tenant.name,
      overrides,
    };
    return;
  }
  if (ctx.path.startsWith('/__test/groups') && ctx.method === 'POST') return testGroups(ctx);
  if (ctx.path === '/__test/token') {
    const { sub, name = 'Aino Virtanen', fail, forged } = ctx.query;
    if (fail && !failedOnce.has(fail)) {
      failedOnce.add(fail);
      ctx.status = 500;
      ctx.body = { error: 'the host site failed' };
    } else if (!sub) {
      ctx.status = 401;
      ctx.body = { error: 'nobody is signed in' };
    } else {
      ctx.body = { token: await mint(sub, name, forged ? 'not-the-association-secret' : undefined) };
    }
    return;
  }
  return next();
}

/** Writes `{ passed, failed }` for scripts/test.mjs; a file that failed to load counts as a failure. */
const summaryReporter = {
  onTestRunFinished({ sessions }) {
    let passed = 0;
    let failed = 0;
    const count = (suite) => {
      for (const test of suite.tests) {
        if (test.skipped) continue;
        if (test.passed) passed++;
        else failed++;
      }
      suite.suites.forEach(count);
    };
    for (const session of sessions) {
      const before = failed;
      if (session.testResults) count(session.testResults);
      if (!session.passed && failed === before) failed++;
    }
    const dir = process.env.EK_TEST_RESULTS_DIR ?? resolve(here, '../../.test-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'widgets.json'), `${JSON.stringify({ passed, failed })}\n`);
  },
};

export default {
  rootDir: here,
  files: 'src/**/*.test.ts',
  port: PORT,
  nodeResolve: true,
  testFramework: { config: { timeout: 8000 } },
  // Tests run Lit's development build on purpose (it warns about misuse); its banner is noise.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  middleware: [
    hostSite,
    qaFixtures(store, createTenant, association.tenant.origins),
    sessionFixtures(store, createTenant, association.tenant.origins),
    deskFixtures(store, createTenant, association.tenant.origins),
  ],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: join(here, 'tsconfig.json') }),
    {
      name: 'ekollega-api',
      async serverStop() {
        await api.close();
        await store.close();
      },
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--headless',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter],
};
