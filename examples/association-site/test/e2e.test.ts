/**
 * The demo association site end to end: a real API on an in-memory store, the site, and Debian's
 * Chromium driving it as a member would. A name in `<ek-member-status>` proves the whole chain:
 * the site signed the member in, minted a token, the widget sent it, and the API accepted it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '@ekollega/api';
import { jwtVerify } from 'jose';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// Not exported from the package entry, which is the API's runtime surface.
import { DEMO_MEMBERS, seedDemo, type DemoSeed } from '../../../packages/api/src/seed/demo.ts';
import { startServer } from '../../../packages/api/src/server.ts';
import { createSite } from '../server.mjs';

const WIDGETS_DIR = fileURLToPath(new URL('../../../packages/widgets/dist/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let store: Store;
let api: Awaited<ReturnType<typeof startServer>>;
let site: Awaited<ReturnType<typeof createSite>>;
let seed: DemoSeed;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(join(WIDGETS_DIR, 'ekollega-widgets.js'))) {
    throw new Error(
      `${WIDGETS_DIR}ekollega-widgets.js is missing; build it with: pnpm --filter @ekollega/widgets build`,
    );
  }
  store = await openStore();
  api = await startServer(store, { port: 0, log: false });
  // The API answers only origins the association lists, so the site listens first and the demo
  // association is seeded with its exact origin.
  site = await createSite({ members: DEMO_MEMBERS, widgetsDir: WIDGETS_DIR, port: 0 });
  seed = await seedDemo(store, { origins: [site.url] });
  site.configure({
    apiUrl: api.url,
    publishableKey: seed.publishable_key,
    tenantId: seed.tenant_id,
    memberTokenSecret: seed.member_token_secret,
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    headless: true,
  });
});

afterEach(async () => {
  await context?.close();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await api?.close();
  await store?.close();
});

/** A fresh visitor: a new browser context with no cookies. */
async function visit(path: string, viewport = { width: 1024, height: 768 }): Promise<Page> {
  context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(site.url + path);
  return page;
}

/** The header's member status widget (Playwright's CSS locators pierce its shadow DOM). */
const memberStatus = (page: Page) => page.locator('header ek-member-status');

/** The front page's group finder. */
const groupFinder = (page: Page) => page.locator('main ek-group-finder');

/** Chooses a demo account on the sign-in page and waits to be sent on. */
async function chooseAccount(page: Page, label: string, landing: string) {
  await page.getByRole('button', { name: label }).click();
  await page.waitForURL(site.url + landing);
}

describe('the association site', () => {
  it('is Finnish by default and the language switch gives Swedish and English', async () => {
    const page = await visit('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Vertaismentorointia yrittäjille',
    );
    expect(await page.locator('main').textContent()).toContain('kolmen viikon välein');
    await memberStatus(page)
      .getByRole('button', { name: /kirjaudu/i })
      .waitFor();

    await page
      .getByRole('navigation', { name: 'Kielivalinta' })
      .getByRole('link', { name: 'Svenska' })
      .click();
    await page.waitForURL(`${site.url}/sv`);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.locator('ek-provider').getAttribute('lang')).toBe('sv');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Kamratmentorskap för företagare',
    );
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).textContent()).toContain(
      'För medlemmar',
    );
    await memberStatus(page)
      .getByRole('button', { name: /logga in/i })
      .waitFor();

    await page.getByRole('navigation', { name: 'Språkval' }).getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${site.url}/en`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('ek-provider').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Peer mentoring for entrepreneurs',
    );
    expect(await page.locator('main').textContent()).toContain('every three weeks');
    await memberStatus(page)
      .getByRole('button', { name: /sign in/i })
      .waitFor();
  });

  it('lets a keyboard user skip to the main content', async () => {
    const page = await visit('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Siirry pääsisältöön' });
    expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('fetches the chunks of the elements on the page and no others', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const widgetFiles: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/widgets/')) widgetFiles.push(path.slice('/widgets/'.length));
    });
    await page.goto(site.url + '/');
    await groupFinder(page).locator('[part~="card"]').first().waitFor();
    const chunk = (name: string) => widgetFiles.some((file) => file.startsWith(`chunks/${name}-`));
    expect(widgetFiles).toContain('ekollega-widgets.js');
    for (const name of ['shared', 'provider', 'member-status', 'group-finder', 'fi'])
      expect(chunk(name)).toBe(true);
    for (const name of ['session-calendar', 'qa-board', 'sv', 'en']) expect(chunk(name)).toBe(false);
  });

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    const page = await visit('/', { width: 320, height: 640 });
    await memberStatus(page).getByRole('button').first().waitFor();
    await groupFinder(page).locator('[part~="card"]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  it('sends a signed-out visitor from the member status to the sign-in page, by click and by Enter', async () => {
    const page = await visit('/jasenille');
    await memberStatus(page)
      .getByRole('button', { name: /kirjaudu/i })
      .click();
    await page.waitForURL(`${site.url}/kirjaudu?next=%2Fjasenille`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Kirjaudu sisään');

    await page.goto(`${site.url}/`);
    await memberStatus(page)
      .getByRole('button', { name: /kirjaudu/i })
      .press('Enter');
    await page.waitForURL(`${site.url}/kirjaudu?next=%2F`);
    expect(
      await page
        .getByRole('button', { name: 'Kirjaudu käyttäjänä Aino Virtanen (graafinen suunnittelu)' })
        .count(),
    ).toBe(1);
  });

  it('shows Aino her name in the header once she signs in, back on the page she came from', async () => {
    const page = await visit('/');
    await memberStatus(page)
      .getByRole('button', { name: /kirjaudu/i })
      .click();
    await page.waitForURL(/\/kirjaudu\?/);
    await chooseAccount(page, 'Kirjaudu käyttäjänä Aino Virtanen (graafinen suunnittelu)', '/');

    await memberStatus(page).getByText('Aino Virtanen').waitFor();
    await memberStatus(page).getByText('Varsinais-Suomen Yrittäjät').waitFor();
    expect(
      await memberStatus(page)
        .getByRole('button', { name: /kirjaudu sisään/i })
        .count(),
    ).toBe(0);
  });

  it('shows a visitor the demo groups, sends "sign in to join" to the sign-in page, and a signed-in member opens a group', async () => {
    const page = await visit('/');
    const finder = groupFinder(page);
    await finder.getByRole('heading', { name: 'Aamun vertaisryhmä – Turku' }).waitFor();
    expect(await finder.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      'Aamun vertaisryhmä – Turku',
      'Kvällsgruppen för företagare',
    ]);
    const cards = await finder.locator('[part~="card"]').allTextContents();
    expect(cards[0]).toContain('3 viikon välein tiistaisin klo 9.00–11.00');
    expect(cards[0]).toContain('Fasilitaattori: Helena Salo');
    expect(cards[0]).toContain('1 paikka vapaana');
    expect(cards[1]).toContain('2 paikkaa vapaana');
    // Visitors see how many, never who: Sanna Koskinen is a member of the morning group.
    expect(cards.join(' ')).not.toContain('Sanna Koskinen');

    await finder.getByRole('button', { name: 'Kirjaudu ja liity' }).first().click();
    await page.waitForURL(`${site.url}/kirjaudu?next=%2F`);
    await chooseAccount(page, 'Kirjaudu käyttäjänä Aino Virtanen (graafinen suunnittelu)', '/');

    await finder.getByRole('button', { name: 'Liity', exact: true }).waitFor();
    await finder.getByRole('button', { name: 'Lisätiedot: Aamun vertaisryhmä – Turku' }).press('Enter');
    const dialog = finder.getByRole('dialog', { name: 'Aamun vertaisryhmä – Turku' });
    await dialog.getByRole('heading', { name: 'Pelisäännöt (versio 1)' }).waitFor();
    expect(await dialog.textContent()).toContain('Jäseniä: 11 / 12');
    expect(
      await dialog
        .getByRole('checkbox', { name: 'Olen lukenut pelisäännöt (versio 1) ja hyväksyn ne.' })
        .count(),
    ).toBe(1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('signs in the facilitator Helena from the English sign-in page', async () => {
    const page = await visit('/en/sign-in');
    await chooseAccount(page, 'Sign in as Helena Salo (facilitator)', '/en/members');

    await memberStatus(page).getByText('Helena Salo').waitFor();
    expect(await page.locator('main').textContent()).toContain('Welcome, Helena Salo!');
  });

  it('shows a signed-in member their group’s next meeting and the expert talks in the session calendar', async () => {
    const page = await visit('/kirjaudu');
    // Helena facilitates the morning group, so she sees its meetings as well as the open events.
    await chooseAccount(page, 'Kirjaudu käyttäjänä Helena Salo (fasilitaattori)', '/jasenille');
    const calendar = page.locator('main ek-session-calendar');
    await calendar.getByRole('button', { name: 'Ajanhallinta yksinyrittäjän arjessa' }).waitFor();
    const sessions = await calendar.locator('[part~="session"]').allTextContents();
    expect(sessions[0]).toContain('Vertaistapaaminen');
    expect(sessions[0]).toContain('9.00–11.00');
    expect(await calendar.getByRole('heading', { level: 3 }).first().textContent()).toMatch(/^Viikko \d+ · /);

    await calendar.getByRole('button', { name: 'Vertaistapaaminen' }).first().press('Enter');
    await calendar.getByRole('group', { name: 'Osallistutko?' }).waitFor();
    expect(await calendar.locator('[part~="detail"]').textContent()).toContain('Kuulumiskierros');
  });

  it('shows a signed-in member the association’s Q&A board, anonymous asker unnamed, and not the group’s board', async () => {
    const page = await visit('/kirjaudu');
    await chooseAccount(page, 'Kirjaudu käyttäjänä Aino Virtanen (graafinen suunnittelu)', '/jasenille');
    const board = page.locator('main ek-qa-board');
    await board.getByRole('button', { name: 'Miten hinnoittelette pienet lisätyöt?' }).waitFor();
    const questions = await board.locator('[part~="question"]').allTextContents();
    expect(questions.join(' ')).toContain('Nimetön jäsen');
    expect(questions.join(' ')).not.toContain('Tavoitteeni edellisestä tapaamisesta');
    await board.getByRole('button', { name: 'Esitä kysymys' }).waitFor();
  });

  it('mints member tokens only for a signed-in member', async () => {
    const page = await visit('/kirjaudu');
    const signedOut = await page.request.get(`${site.url}/api/ekollega-token`);
    expect(signedOut.status()).toBe(401);
    expect(signedOut.headers()['cache-control']).toBe('no-store');

    await chooseAccount(page, 'Kirjaudu käyttäjänä Aino Virtanen (graafinen suunnittelu)', '/jasenille');
    const signedIn = await page.request.get(`${site.url}/api/ekollega-token`);
    expect(signedIn.status()).toBe(200);
    expect(signedIn.headers()['cache-control']).toBe('no-store');
    const { token } = (await signedIn.json()) as { token: string };
    const { payload, protectedHeader } = await jwtVerify(
      token,
      new TextEncoder().encode(seed.member_token_secret),
      {
        issuer: seed.tenant_id,
        audience: 'ekollega',
        algorithms: ['HS256'],
      },
    );
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({
      sub: 'demo-aino',
      name: 'Aino Virtanen',
      email: 'aino@example.fi',
      locale: 'fi',
      roles: ['member'],
    });
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(3600);
  });

  it('returns to the signed-out state after signing out', async () => {
    const page = await visit('/kirjaudu');
    await chooseAccount(page, 'Kirjaudu käyttäjänä Mikko Laine (kirjanpito)', '/jasenille');
    await memberStatus(page).getByText('Mikko Laine').waitFor();

    await page.getByRole('banner').getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await page.waitForURL(`${site.url}/`);
    await memberStatus(page)
      .getByRole('button', { name: /kirjaudu/i })
      .waitFor();
    expect(await memberStatus(page).getByText('Mikko Laine').count()).toBe(0);
    expect((await page.request.get(`${site.url}/api/ekollega-token`)).status()).toBe(401);
  });
});
