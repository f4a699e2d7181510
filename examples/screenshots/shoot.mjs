#!/usr/bin/env node
/**
 * Screenshots of every element on the demo site, at 360 and 1280 px wide, in light and dark:
 * `node examples/screenshots/shoot.mjs [folder]` (default `examples/screenshots/current`; build
 * the widgets first with `pnpm --filter @ekollega/widgets build`). It starts the API on an
 * in-memory store and the demo site, as `bench/first-card.mjs` does, signs in the demo member
 * Mikko Laine (a member of the evening group), and drives Debian's Chromium (`/usr/bin/chromium`,
 * or `CHROMIUM_PATH`) through playwright-core, the demo site's test dependency. Each element is
 * shot on its own (`<name>-<width>-<light|dark>.png`), and the calendar and the Q&A board once
 * more with their first session or question open (`…-open-…`). `SHOTS_LANG` picks the site's
 * language (`fi`, default; `sv`, `en`). Shots are cut at 1,400 CSS px of height to keep them small.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const widgetsDir = join(root, 'packages/widgets/dist');
const folder = resolve(process.argv[2] ?? join(root, 'examples/screenshots/current'));
const lang = process.env.SHOTS_LANG ?? 'fi';
const WIDTHS = [360, 1280];
const SCHEMES = /** @type {const} */ (['light', 'dark']);
const MAX_HEIGHT = 1400;

if (!existsSync(join(widgetsDir, 'ekollega-widgets.js'))) {
  console.error('The widgets are not built; run: pnpm --filter @ekollega/widgets build');
  process.exit(1);
}

register();
const { openStore } = await import('../../packages/api/src/store/index.ts');
const { startServer } = await import('../../packages/api/src/server.ts');
const { DEMO_MEMBERS, seedDemo } = await import('../../packages/api/src/seed/demo.ts');
const { createSite } = await import('../association-site/server.mjs');
const { ROUTES } = await import('../association-site/i18n.mjs');
const { chromium } = createRequire(join(root, 'examples/association-site/package.json'))('playwright-core');

const store = await openStore();
const api = await startServer(store, { port: 0, log: false });
const site = await createSite({
  members: DEMO_MEMBERS,
  widgetsDir,
  port: Number(process.env.SITE_PORT ?? 0),
});
const seed = await seedDemo(store, { origins: [site.url] });
site.configure({
  apiUrl: api.url,
  publishableKey: seed.publishable_key,
  tenantId: seed.tenant_id,
  memberTokenSecret: seed.member_token_secret,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  headless: true,
});

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Locator} Locator */

/** Waits until the element shows no loading placeholder (Playwright's locators pierce shadow roots). */
async function settle(/** @type {Locator} */ element) {
  await element.waitFor();
  await element.locator('[part~="base"], [part~="status"], [part~="sign-in"]').first().waitFor();
  await element
    .page()
    .waitForFunction(
      (el) => !el?.shadowRoot?.querySelector('[part~="skeleton"]'),
      await element.elementHandle(),
    );
  // Fonts and late layout settle.
  await element.page().waitForTimeout(300);
}

/** Shoots `element` (at most MAX_HEIGHT tall) into `name`. */
async function shoot(/** @type {Locator} */ element, /** @type {string} */ name) {
  await settle(element);
  await element.scrollIntoViewIfNeeded();
  const box = await element.boundingBox();
  if (!box || !box.width || !box.height) return console.warn(`  ${name}: no box, skipped`);
  const page = element.page();
  // No hover effects (a relative time's exact time) from where the last click left the pointer.
  await page.mouse.move(0, 0);
  const scroll = await page.evaluate(() => ({ x: scrollX, y: scrollY }));
  await page.screenshot({
    path: join(folder, `${name}.png`),
    fullPage: true,
    clip: {
      x: Math.max(0, box.x + scroll.x - 8),
      y: Math.max(0, box.y + scroll.y - 8),
      width: Math.min(box.width + 16, page.viewportSize().width),
      height: Math.min(box.height + 16, MAX_HEIGHT),
    },
  });
  console.log(`  ${name}.png`);
}

mkdirSync(folder, { recursive: true });
try {
  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        colorScheme: scheme,
        reducedMotion: 'reduce',
        locale: lang,
      });
      const page = await context.newPage();
      const suffix = `${width}-${scheme}`;
      // A visitor's finder first, then signed in as a member.
      await page.goto(`${site.url}${ROUTES.home[lang]}`);
      await shoot(page.locator('main ek-group-finder'), `group-finder-visitor-${suffix}`);
      await page.goto(`${site.url}${ROUTES.signIn[lang]}?next=${encodeURIComponent(ROUTES.home[lang])}`);
      await page.getByRole('button', { name: /Mikko Laine/ }).click();
      await page.waitForURL(`${site.url}${ROUTES.home[lang]}`);
      await shoot(page.locator('header ek-member-status'), `member-status-${suffix}`);
      await shoot(page.locator('main ek-group-finder'), `group-finder-${suffix}`);

      await page.goto(`${site.url}${ROUTES.members[lang]}`);
      const calendar = page.locator('main ek-session-calendar');
      await shoot(calendar, `session-calendar-${suffix}`);
      await calendar.locator('button.title').first().click();
      await calendar.locator('[part~="detail"]').first().waitFor();
      await shoot(calendar, `session-calendar-open-${suffix}`);

      const board = page.locator('main ek-qa-board');
      await shoot(board, `qa-board-${suffix}`);
      await board.locator('[part~="question"] button.title').first().click();
      await board.locator('article[part~="question"]').waitFor();
      await shoot(board, `qa-board-open-${suffix}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
  await api.close();
  await store.close();
}
console.log(`Screenshots in ${folder}`);
