/**
 * Widget tests in Debian's Chromium against a real API: this file (Node) starts the API on an
 * in-memory PGlite store with one association, and plays the association's website for the
 * browser — `/__test/config` says where the API is, `/__test/token` mints member tokens the way
 * an integrator's backend does, so the widgets go through the real `token-url` flow.
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
// Fixed, because the association must list the test page's origin for CORS.
const PORT = 8765;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The API package exports TypeScript source, which Node 20 cannot load without tsx.
const { openStore, createTenant } = await tsImport('@ekollega/api', import.meta.url);
const { startServer } = await tsImport('../api/src/server.ts', import.meta.url);

const store = await openStore();
const association = await createTenant(store, {
  name: 'Varsinais-Suomen Yrittäjät',
  origins: [`http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`],
});
// One text the association reworded, so tests can see an override win over the catalogue.
const overrides = { en: { 'common.sign-in': 'Sign in with your member account' } };
await store.tenants.update(association.tenant.id, { strings: overrides });
const api = await startServer(store, { port: 0, log: false });

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
    ctx.body = { apiUrl: api.url, tenantKey: association.publishableKey, associationName: association.tenant.name, overrides };
    return;
  }
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
      for (const test of suite.tests) if (!test.skipped) test.passed ? passed++ : failed++;
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
  middleware: [hostSite],
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
        args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter],
};
