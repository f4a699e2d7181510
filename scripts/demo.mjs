#!/usr/bin/env node
/**
 * `pnpm start`: the whole demo on one machine. Opens the store (PostgreSQL when DATABASE_URL is
 * set, else the embedded data folder ./.ekollega), seeds the demo association, and serves the API
 * (port 8787; API_PORT or PORT) and the association's website (port 5173; SITE_PORT).
 * Ctrl-C stops both and closes the store.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { runPnpm } from './pnpm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const widgetsDir = join(root, 'packages/widgets/dist');
const dataDir = join(root, '.ekollega');

// The API is TypeScript source; registering tsx here lets plain `node scripts/demo.mjs` run it too.
register();
const { DataDirLockedError, openStore } = await import('../packages/api/src/store/index.ts');
const { startServer } = await import('../packages/api/src/server.ts');
const { DEMO_MEMBERS, seedDemo } = await import('../packages/api/src/seed/demo.ts');
const { createSite } = await import('../examples/association-site/server.mjs');

/**
 * Reads a port from the first environment variable that is set.
 * @param {number} fallback
 * @param {...string} names
 */
function portFrom(fallback, ...names) {
  const name = names.find((candidate) => process.env[candidate]);
  const port = name ? Number(process.env[name]) : fallback;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`${name}=${process.env[name ?? '']} is not a port number.`);
  return port;
}

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`✖ ${message}`);
  process.exit(1);
}

/**
 * Says which port is taken instead of a stack trace; anything else is a real error.
 * @param {unknown} error
 * @param {string} what
 * @param {number} port
 * @returns {never}
 */
function explainListenError(error, what, port) {
  if (/** @type {NodeJS.ErrnoException} */ (error)?.code === 'EADDRINUSE') {
    fail(
      `Port ${port} is in use, so the ${what} cannot start. Stop what uses it, or set ${what === 'API' ? 'API_PORT' : 'SITE_PORT'}.`,
    );
  }
  throw error;
}

/**
 * Checks that `port` is free before anything starts: the API's server reports a taken port only
 * as an uncaught error event, and a half-started demo would hold the data folder.
 * @param {number} port
 * @param {string} what
 */
function assertPortFree(port, what) {
  return new Promise((done) => {
    const probe = createServer()
      .once('error', (error) => explainListenError(error, what, port))
      .listen(port, '127.0.0.1', () => probe.close(() => done(undefined)));
  });
}

// Built on every start so the demo always shows the widgets as they are in this checkout.
if (!process.argv.includes('--no-build') && !runPnpm(['--filter', '@ekollega/widgets', 'build'], root))
  fail('The widget build failed (see above).');
if (!existsSync(join(widgetsDir, 'ekollega-widgets.js'))) {
  fail(
    'The widgets are not built (packages/widgets/dist/ekollega-widgets.js is missing). Run: pnpm --filter @ekollega/widgets build',
  );
}
const apiPort = portFrom(8787, 'API_PORT', 'PORT');
const sitePort = portFrom(5173, 'SITE_PORT');
await assertPortFree(apiPort, 'API');
await assertPortFree(sitePort, 'association site');
const databaseUrl = process.env.DATABASE_URL;

const store = await openStore({ databaseUrl, dataDir }).catch((error) => {
  if (error instanceof DataDirLockedError) fail(error.message);
  throw error;
});

// The API answers only origins the association lists; a browser may reach the site by either name.
const origins = [`http://localhost:${sitePort}`, `http://127.0.0.1:${sitePort}`];
const seed = await seedDemo(store, { origins });
const api = await startServer(store, { port: apiPort });
const site = await createSite({
  members: DEMO_MEMBERS,
  widgetsDir,
  port: sitePort,
  apiUrl: api.url,
  publishableKey: seed.publishable_key,
  tenantId: seed.tenant_id,
  memberTokenSecret: seed.member_token_secret,
}).catch((error) => explainListenError(error, 'association site', sitePort));

console.log(`
eKollega demo: ${seed.name}
  store: ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${dataDir}`}

  ▶ Open the association's website:  ${origins[0]}
    API:                             ${api.url}
    API reference:                   ${api.url}/docs

Sign in on the website with a demo account (${DEMO_MEMBERS.map((member) => member.name).join(', ')}).
Press Ctrl-C to stop.
`);

let stopping = false;
async function stop() {
  if (stopping) process.exit(1);
  stopping = true;
  console.log('\nStopping…');
  await site.close();
  await api.close();
  await store.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
