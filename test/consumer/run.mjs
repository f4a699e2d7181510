#!/usr/bin/env node
/**
 * An association's developer, outside this repository: packs each package (`pnpm pack`, so the
 * manifests are the published ones), installs the tarballs with npm into scratch projects in the
 * system's temporary folder, and there
 *  - typechecks `browser/consumer.ts` in a project with only the SDK and the widgets installed;
 *  - starts the API from its installed CLI (a tenant with this test's page as its origin) and runs
 *    `server/smoke.mjs`: the admin client creates a group, a member lists groups and joins it;
 *  - builds `browser/` with Vite and loads it in Chromium until a group card shows;
 *  - runs publint and @arethetypeswrong/cli on every tarball.
 * Each check counts as one test in `$EK_TEST_RESULTS_DIR/consumer.json` (`{ passed, failed }`).
 *
 * `node test/consumer/run.mjs` (it builds the API and the SDK; the widgets when unbuilt).
 * KEEP_SCRATCH=1 leaves the scratch folder to look at.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from '../../scripts/pnpm.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PACKAGES = ['api', 'sdk', 'widgets'];
const started = performance.now();
const scratch = mkdtempSync(join(tmpdir(), 'ekollega-consumer-'));
const results = { passed: 0, failed: 0 };
/** @type {(() => unknown)[]} */
const cleanup = [];

/**
 * Runs one check and counts it; a failed check prints why and the test goes on.
 * @param {string} name
 * @param {() => unknown} check
 */
async function check(name, check) {
  const start = performance.now();
  try {
    await check();
    results.passed++;
    console.log(`  ✓ ${name} (${Math.round(performance.now() - start)} ms)`);
    return true;
  } catch (error) {
    results.failed++;
    console.error(
      `  ✖ ${name}\n${String(error instanceof Error ? (error.stack ?? error) : error).replace(/^/gm, '    ')}`,
    );
    return false;
  }
}

/**
 * Runs a command to its end; throws with its output when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 */
function exec(command, args, cwd, env = process.env) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.error}):\n${result.stdout}${result.stderr}`,
    );
  return result.stdout;
}

/** Runs a command to its end without blocking the event loop (the API serves meanwhile). */
function execAsync(command, args, cwd, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`)),
    );
  });
}

/** A port nothing listens on. */
function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A scratch npm project depending on `dependencies`, with `files` copied in.
 * @param {string} name
 * @param {Record<string, string>} dependencies
 * @param {string} fixtures
 */
function project(name, dependencies, fixtures) {
  const dir = join(scratch, name);
  cpSync(fixtures, dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: `ekollega-consumer-${name}`, private: true, type: 'module', dependencies }, null, 2)}\n`,
  );
  return dir;
}

/** examples/react-app's own dependencies, installed from npm beside the tarballs. */
const reactApp = JSON.parse(readFileSync(join(root, 'examples/react-app/package.json'), 'utf8'));

const npm = (/** @type {string} */ dir) =>
  execAsync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);

console.log(`Outside consumer in ${scratch}`);
try {
  const packs = join(scratch, 'packs');
  mkdirSync(packs);
  /** @type {Record<string, string>} */
  const tarballs = {};
  const packed = await check('build and pack every package', async () => {
    await Promise.all([
      execAsync(process.execPath, [join(root, 'packages/api/scripts/build.mjs')], root),
      execAsync(process.execPath, [join(root, 'packages/sdk/scripts/build.mjs')], root),
      existsSync(join(root, 'packages/widgets/dist/lib/index.js'))
        ? undefined
        : execAsync(pnpm[0], [...pnpm.slice(1), '--filter', '@ekollega/widgets', 'build'], root),
    ]);
    await Promise.all(
      PACKAGES.map((name) =>
        execAsync(
          pnpm[0],
          [...pnpm.slice(1), 'pack', '--pack-destination', packs],
          join(root, 'packages', name),
        ),
      ),
    );
    for (const name of PACKAGES) {
      const file = readdirSync(packs).find((entry) => entry.startsWith(`ekollega-${name}-`));
      if (!file) throw new Error(`pnpm pack left no tarball for ${name}`);
      tarballs[name] = join(packs, file);
    }
  });
  if (!packed) throw new Error('nothing to install');

  await Promise.all(
    PACKAGES.map((name) =>
      check(`publint and attw: @ekollega/${name}`, async () => {
        const unpacked = join(scratch, 'unpacked', name);
        mkdirSync(unpacked, { recursive: true });
        exec('tar', ['xzf', tarballs[name], '-C', unpacked], root);
        await execAsync(
          join(root, 'node_modules/.bin/publint'),
          ['--strict', join(unpacked, 'package')],
          root,
        );
        // ESM only, as Node 20 and every bundler read it: no CommonJS `require`, no node10 resolution.
        await execAsync(
          join(root, 'node_modules/.bin/attw'),
          ['--profile', 'esm-only', tarballs[name]],
          root,
        );
      }),
    ),
  );

  const file = (/** @type {string} */ name) => `file:${tarballs[name]}`;
  const browser = project(
    'browser',
    {
      ...reactApp.dependencies,
      ...reactApp.devDependencies,
      '@ekollega/sdk': file('sdk'),
      '@ekollega/widgets': file('widgets'),
      typescript: '~5.9.3',
      vite: '~7.3.8',
    },
    join(here, 'browser'),
  );
  for (const entry of ['index.html', 'src', 'tsconfig.json'])
    cpSync(join(root, 'examples/react-app', entry), join(browser, 'react', entry), { recursive: true });
  const server = project(
    'server',
    { '@ekollega/api': file('api'), '@ekollega/sdk': file('sdk'), jose: '^6.2.18' },
    join(here, 'server'),
  );
  const installed = await check('npm installs the tarballs in two scratch projects', () =>
    Promise.all([npm(browser), npm(server)]),
  );
  if (!installed) throw new Error('the scratch projects are not installed');

  const sitePort = await freePort();
  const reactPort = await freePort();
  const apiPort = await freePort();
  const origin = `http://127.0.0.1:${sitePort}`;
  const reactOrigin = `http://127.0.0.1:${reactPort}`;
  const cli = join(server, 'node_modules/@ekollega/api/dist/cli.js');
  /** @type {{ tenant_id: string, publishable_key: string, secret_key: string, member_token_secret: string } | undefined} */
  let tenant;
  let built = false;
  let reactBuilt = false;
  let serving = false;
  // The browser project's checks and the API's start-up run side by side: both mostly wait.
  await Promise.all([
    (async () => {
      await check('a project with only the SDK and the widgets typechecks against them', async () => {
        for (const absent of ['@ekollega/api', 'zod', 'hono'])
          if (existsSync(join(browser, 'node_modules', absent)))
            throw new Error(`${absent} is installed in the browser project`);
        await execAsync(
          process.execPath,
          [join(browser, 'node_modules/typescript/bin/tsc'), '-p', '.'],
          browser,
        );
      });

      const vite = join(browser, 'node_modules/vite/bin/vite.js');
      const tsc = join(browser, 'node_modules/typescript/bin/tsc');
      built = await check('Vite builds a page that imports @ekollega/widgets', () =>
        execAsync(process.execPath, [vite, 'build', '--logLevel', 'warn'], browser),
      );
      reactBuilt = await check(
        'examples/react-app typechecks and builds against the installed packages',
        async () => {
          await execAsync(process.execPath, [tsc, '-p', 'react'], browser);
          await execAsync(process.execPath, [vite, 'build', 'react', '--logLevel', 'warn'], browser);
        },
      );
    })(),
    (async () => {
      serving = await check('the installed CLI creates a tenant and serves', async () => {
        const data = join(server, 'store');
        tenant = JSON.parse(
          await execAsync(
            process.execPath,
            [
              cli,
              'tenant',
              'create',
              '--name',
              'Outside',
              '--origin',
              origin,
              '--origin',
              reactOrigin,
              '--json',
              '--data',
              data,
            ],
            server,
          ),
        );
        const api = spawn(process.execPath, [cli, 'serve', '--port', String(apiPort), '--data', data], {
          cwd: server,
          stdio: 'ignore',
        });
        cleanup.push(
          () =>
            new Promise((done) =>
              api.exitCode === null ? (api.once('exit', done), api.kill('SIGINT')) : done(undefined),
            ),
        );
        const deadline = Date.now() + 60_000;
        for (;;) {
          if (api.exitCode !== null) throw new Error(`ekollega serve exited with ${api.exitCode}`);
          const ok = await fetch(`http://127.0.0.1:${apiPort}/v1/health`).then(
            (r) => r.ok,
            () => false,
          );
          if (ok) break;
          if (Date.now() > deadline) throw new Error('no healthy /v1/health within 60 s');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });

      if (serving && tenant) {
        const env = {
          ...process.env,
          API_URL: `http://127.0.0.1:${apiPort}`,
          TENANT_ID: tenant.tenant_id,
          PUBLISHABLE_KEY: tenant.publishable_key,
          SECRET_KEY: tenant.secret_key,
          MEMBER_TOKEN_SECRET: tenant.member_token_secret,
        };
        await check('Node with the SDK: the admin creates a group, a member lists groups and joins it', () =>
          execAsync(process.execPath, ['smoke.mjs'], server, env),
        );
      }
    })(),
  ]);

  if (serving && tenant && (built || reactBuilt)) {
    const { chromium } = createRequire(join(root, 'examples/association-site/package.json'))(
      'playwright-core',
    );
    const chrome = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-background-networking'],
    });
    cleanup.push(() => chrome.close());
    const query = new URLSearchParams({ api: `http://127.0.0.1:${apiPort}`, key: tenant.publishable_key });
    /**
     * Serves a built page and waits, in Chromium, for the card of the group the smoke test made.
     * @param {string} folder
     * @param {number} port
     */
    const showsCard = async (folder, port) => {
      const site = await serveStatic(folder, port);
      cleanup.push(() => new Promise((done) => site.close(done)));
      const page = await chrome.newPage();
      /** @type {string[]} */
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(`http://127.0.0.1:${port}/?${query}`);
      const card = page.locator('ek-group-finder [part~="card"]').first();
      await card.waitFor({ timeout: 20_000 }).catch((error) => {
        throw new Error(`${error}\npage errors: ${errors.join('\n') || 'none'}`);
      });
      const text = await card.innerText();
      if (!text.includes('Outside consumers')) throw new Error(`the card shows: ${text}`);
    };
    if (built)
      await check('Chromium shows a group card from the Vite-built page', () =>
        showsCard(join(browser, 'dist'), sitePort),
      );
    if (reactBuilt)
      await check('Chromium shows a group card from examples/react-app', () =>
        showsCard(join(browser, 'react/dist'), reactPort),
      );
  }
} catch (error) {
  if (results.failed === 0) results.failed++;
  console.error(`✖ ${error instanceof Error ? error.message : error}`);
} finally {
  for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
  if (!process.env.KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
}

const dir = process.env.EK_TEST_RESULTS_DIR ?? join(root, '.test-results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'consumer.json'), `${JSON.stringify(results)}\n`);
console.log(
  `Outside consumer: ${results.passed} passed, ${results.failed} failed in ${Math.round((performance.now() - started) / 1000)} s`,
);
process.exit(results.failed === 0 ? 0 : 1);

/**
 * Serves a built folder, as any static host would.
 * @param {string} folder
 * @param {number} port
 * @returns {Promise<import('node:http').Server>}
 */
function serveStatic(folder, port) {
  const types = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.map': 'application/json',
  };
  const server = createHttpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const target = join(folder, path === '/' ? 'index.html' : path);
    if (!target.startsWith(folder) || !existsSync(target)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': types[/** @type {keyof types} */ (extname(target))] ?? 'application/octet-stream',
    });
    res.end(readFileSync(target));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
