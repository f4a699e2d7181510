#!/usr/bin/env node
/**
 * How soon a visitor sees the first group card on the demo's front page, in Chromium: the time
 * from navigation to the first `[part~="card"]` of `<ek-group-finder>` laid out on screen, the
 * requests and bytes (as sent over the wire) until then, and for comparison the time of one API
 * round trip (the group list, CORS preflight included) and of one chunk fetch (the finder's chunk)
 * in the same load. The loader preloads the shared chunk and the texts with the first element, so
 * the chunks arrive together; the card then waits for the site's token endpoint (a visitor's
 * 401), the API's CORS preflight and the group list.
 *
 * `node bench/first-card.mjs` (build the widgets first). It starts the API on an in-memory store
 * and the demo site, as the end-to-end test does, and loads the page BENCH_RUNS times (default 5)
 * with an empty cache and as many times again with the cache of the first visit; BENCH_LATENCY_MS
 * adds that much latency to every request (Chromium's network emulation), so the round trips
 * count as they would on a real network. A report, not a timed test.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const widgetsDir = join(root, 'packages/widgets/dist');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const latency = Number(process.env.BENCH_LATENCY_MS ?? 0);

if (!existsSync(join(widgetsDir, 'ekollega-widgets.js'))) {
  console.error('The widgets are not built; run: pnpm --filter @ekollega/widgets build');
  process.exit(1);
}

// The API is TypeScript source, as in scripts/demo.mjs; Playwright is the demo site's test dependency.
register();
const { openStore } = await import('../packages/api/src/store/index.ts');
const { startServer } = await import('../packages/api/src/server.ts');
const { DEMO_MEMBERS, seedDemo } = await import('../packages/api/src/seed/demo.ts');
const { createSite } = await import('../examples/association-site/server.mjs');
const { chromium } = createRequire(join(root, 'examples/association-site/package.json'))('playwright-core');

const store = await openStore();
const api = await startServer(store, { port: 0, log: false });
const site = await createSite({ members: DEMO_MEMBERS, widgetsDir, port: 0 });
const seed = await seedDemo(store, { origins: [site.url] });
site.configure({
  apiUrl: api.url,
  publishableKey: seed.publishable_key,
  tenantId: seed.tenant_id,
  memberTokenSecret: seed.member_token_secret,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-background-networking', '--disable-gpu'],
  headless: true,
});

/** Resolves, in the page, with `performance.now()` at the first frame where a group card has a size. */
function firstCardTime() {
  return new Promise((resolve) => {
    const check = () => {
      const card = document
        .querySelector('ek-group-finder')
        ?.shadowRoot?.querySelector('[part~="card"]')
        ?.getBoundingClientRect();
      if (card && card.height > 0) resolve(performance.now());
      else requestAnimationFrame(check);
    };
    check();
  });
}

/** One load of the front page in `context`: the first card's time, and what went over the wire until then. */
async function load(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (latency)
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  let requests = 0;
  let bytes = 0;
  cdp.on('Network.requestWillBeSent', () => requests++);
  cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength));
  await page.goto(`${site.url}/`, { waitUntil: 'commit' });
  const firstCard = await page.evaluate(firstCardTime);
  const seen = { requests, bytes };
  const timings = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => ({ name: entry.name, duration: entry.duration })),
  );
  await page.close();
  const duration = (pattern) => timings.find((entry) => pattern.test(entry.name))?.duration ?? NaN;
  return {
    firstCard,
    ...seen,
    apiRoundTrip: duration(/\/v1\/groups\b/),
    chunkFetch: duration(/\/chunks\/group-finder-/),
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  const cold = [];
  const warm = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    cold.push(await load(context));
    warm.push(await load(context));
    await context.close();
  }
  const ms = (value) => (Number.isNaN(value) ? '—' : `${value.toFixed(0)} ms`);
  console.log(
    `Demo front page in Chromium, median of ${runs} loads${latency ? `, ${latency} ms added to each request` : ', loopback'}:\n`,
  );
  for (const [name, loads] of [
    ['first visit (empty cache)', cold],
    ['second visit (cached)', warm],
  ]) {
    console.log(`${name}:`);
    console.log(`  navigation → first group card visible  ${ms(median(loads.map((l) => l.firstCard)))}`);
    console.log(`  requests until then                    ${median(loads.map((l) => l.requests))}`);
    console.log(
      `  bytes until then (on the wire)         ${median(loads.map((l) => l.bytes)).toLocaleString('en-US')}`,
    );
    console.log(`  one API round trip (GET /v1/groups)    ${ms(median(loads.map((l) => l.apiRoundTrip)))}`);
    console.log(`  one chunk fetch (the finder's chunk)   ${ms(median(loads.map((l) => l.chunkFetch)))}`);
  }
} finally {
  await browser.close();
  await site.close();
  await api.close();
  await store.close();
}
