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
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
// Not exported from the package entry, which is the API's runtime surface.
import {
  DEMO_MEMBERS,
  DEMO_PAST_MEETING_TITLE,
  DEMO_REPORTED_TITLE,
  seedDemo,
  type DemoSeed,
} from '../../../packages/api/src/seed/demo.ts';
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
    for (const name of ['session-calendar', 'qa-board', 'facilitator-desk', 'sv', 'en'])
      expect(chunk(name)).toBe(false);
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

  it('lets Aino set a commitment, report on it after the meeting, and Helena see it in the round', async () => {
    const [morning] = await store.db.query<{ id: string }>(
      `select id from groups where tenant_id = $1 and language = 'fi'`,
      [seed.tenant_id],
    );
    await store.groups.join(
      seed.tenant_id,
      morning!.id,
      'demo-aino',
      { accepted_rules_version: 1, answers: { hope: 'Vertaistukea.' } },
      new Date(),
    );
    const page = await visit('/kirjaudu');
    await chooseAccount(page, 'Kirjaudu käyttäjänä Aino Virtanen (graafinen suunnittelu)', '/jasenille');
    const commitments = page.locator('main ek-commitments');
    const set = commitments.locator('[part~="set"]');
    await set
      .getByRole('textbox', { name: 'Mitä teet ennen seuraavaa tapaamista?' })
      .fill('Soitan kymmenelle uudelle asiakkaalle');
    await set.getByRole('spinbutton', { name: 'Tavoitemäärä (vapaaehtoinen)' }).fill('10');
    await set.getByRole('textbox', { name: 'Yksikkö, esim. asiakaskontaktia' }).fill('puhelua');
    await set.getByRole('button', { name: 'Aseta sitoumus' }).click();
    const due = commitments.locator('[part~="due"]');
    await due.getByText('Soitan kymmenelle uudelle asiakkaalle').waitFor();
    expect(await due.textContent()).toMatch(/Raportoidaan tapaamisessa ti \d+\.\d+\. klo 9\.00/);

    // The meeting goes by. One clock in this process serves the API (its default clock) and the
    // site, whose member tokens must be fresh by the API's time; Playwright moves the browser's.
    // The meeting it is due at: the group's next one (the seed also has past ones).
    const [meeting] = await store.db.query<{ id: string; ends_at: Date }>(
      `select id, ends_at from sessions where tenant_id = $1 and group_id = $2 and status <> 'cancelled'
         and starts_at > now() order by starts_at limit 1`,
      [seed.tenant_id, morning!.id],
    );
    const after = new Date(new Date(meeting!.ends_at).getTime() + 60 * 60_000);
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(after);
    try {
      await page.clock.setFixedTime(after);
      await page.reload();
      const mine = commitments.locator('[part~="due"] li', {
        hasText: 'Soitan kymmenelle uudelle asiakkaalle',
      });
      await mine.getByRole('button', { name: 'Osittain' }).click();
      await mine
        .getByRole('textbox', { name: 'Mitä opit? (vapaaehtoinen)' })
        .fill('Aamut ovat parasta aikaa soittaa.');
      await mine.getByRole('spinbutton', { name: /Paljonko saavutit/ }).fill('7');
      await mine.getByRole('button', { name: 'Tallenna raportti' }).click();
      await mine.getByText('Raportoitu: Osittain').waitFor();
      expect(await mine.textContent()).toContain('Saavutettu: 7 puhelua');
      // The meeting is over: the report stands.
      expect(await mine.getByRole('button', { name: 'Korjaa raporttia' }).count()).toBe(0);

      const helena = await visit('/kirjaudu');
      await helena.clock.setFixedTime(after);
      await chooseAccount(helena, 'Kirjaudu käyttäjänä Helena Salo (fasilitaattori)', '/jasenille');
      const desk = helena.locator('main ek-commitments');
      await desk.getByRole('button', { name: 'Käy kierros läpi' }).click();
      const meetingSelect = desk.getByRole('combobox', { name: 'Tapaaminen' });
      await meetingSelect.selectOption(meeting!.id);
      const round = desk.locator('[part~="round"]');
      const aino = round.locator('li', { hasText: 'Aino Virtanen' });
      await aino.getByText('Soitan kymmenelle uudelle asiakkaalle').waitFor();
      expect(await aino.textContent()).toContain('Osittain');
      expect(await aino.textContent()).toContain('Aamut ovat parasta aikaa soittaa.');
      // The seed's commitments fell due at the group's first meeting: a private one shows only as such.
      const [first] = await store.db.query<{ id: string }>(
        `select id from sessions where tenant_id = $1 and group_id = $2 order by starts_at limit 1`,
        [seed.tenant_id, morning!.id],
      );
      await meetingSelect.selectOption(first!.id);
      await round.getByText('Yksityinen sitoumus').first().waitFor();
      expect(await round.textContent()).not.toContain('vapaapäivän');
    } finally {
      vi.useRealTimers();
      // Aino joined only for this story: the group's place goes back for the desk's.
      await store.groups.leave(seed.tenant_id, morning!.id, 'demo-aino', new Date());
    }
  });

  it('lets Helena run her group from the facilitators’ page, and members see each change', async () => {
    // Before: Aino sees the reported post on the association's board.
    const aino = await visit('/kirjaudu');
    await chooseAccount(aino, 'Kirjaudu käyttäjänä Aino Virtanen (graafinen suunnittelu)', '/jasenille');
    await aino.locator('main ek-qa-board').getByRole('button', { name: DEMO_REPORTED_TITLE }).waitFor();
    await context.close();

    const page = await visit('/kirjaudu');
    await chooseAccount(page, 'Kirjaudu käyttäjänä Helena Salo (fasilitaattori)', '/jasenille');
    await page
      .getByRole('navigation', { name: 'Päävalikko' })
      .getByRole('link', { name: 'Fasilitaattorille' })
      .click();
    await page.waitForURL(`${site.url}/fasilitaattorille`);
    const desk = page.locator('main ek-facilitator-desk');
    await desk.getByRole('heading', { name: 'Aamun vertaisryhmä – Turku', exact: true }).waitFor();
    // As many as the API counts (an earlier test may have added Aino to this group).
    const [{ member_count: members } = { member_count: -1 }] = await store.db.query<{ member_count: number }>(
      `select member_count from groups where tenant_id = $1 and name = 'Aamun vertaisryhmä – Turku'`,
      [seed.tenant_id],
    );
    expect(await desk.locator('[data-count="members"]').textContent()).toBe(String(members));

    // Join requests: Björn asked while the group was by approval.
    await desk.getByRole('button', { name: 'Liittymispyynnöt' }).click();
    await desk.locator('[data-list="pending"] [data-member="demo-bjorn"]').waitFor();
    await desk.locator('[data-member="demo-bjorn"]').getByRole('button', { name: 'Hyväksy' }).click();
    await desk.getByText('Björn Lindqvist hyväksyttiin.').waitFor();

    // Meetings: every three weeks on Thursday afternoons, previewed before saving.
    const days = ((4 - new Date().getUTCDay() + 7) % 7 || 7) + 7;
    const first = new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
    await desk.getByRole('button', { name: 'Tapaamiset' }).click();
    await desk.getByRole('button', { name: 'Sovi tapaamissarja' }).click();
    await desk.getByLabel('Otsikko').fill('Iltapäivätapaaminen');
    await desk.getByLabel('Päivä', { exact: true }).fill(first);
    await desk.getByLabel('Alkaa').fill('13:00');
    await desk.getByLabel('Päättyy').fill('15:00');
    await desk.getByLabel('Kuinka monen viikon välein').fill('3');
    await desk.getByLabel('Kuinka monta kertaa').fill('4');
    await desk.getByRole('button', { name: 'Esikatsele päivät' }).click();
    await desk.locator('[data-list="preview"] li').nth(3).waitFor();
    expect(await desk.locator('[data-list="preview"] li').count()).toBe(4);
    await desk.getByRole('button', { name: 'Tallenna sarja' }).click();
    await desk.getByText('Sarja tallennettiin: 4 tapaamista.').waitFor();

    // Attendance of the meeting two weeks ago: the RSVP answers are ticked already.
    await desk.getByRole('button', { name: 'Läsnäolot' }).click();
    await desk.getByRole('checkbox', { name: /Sanna Koskinen/ }).waitFor();
    expect(await desk.getByRole('checkbox', { name: /Sanna Koskinen/ }).isChecked()).toBe(true);
    expect(await desk.getByRole('checkbox', { name: /Liisa Heikkinen/ }).isChecked()).toBe(false);
    await desk.getByRole('checkbox', { name: /Björn Lindqvist/ }).check();
    await desk.getByRole('button', { name: 'Tallenna läsnäolot' }).click();
    await desk.getByText('Läsnäolot tallennettiin.').waitFor();

    // Moderation: the reported post, hidden.
    await desk.getByRole('button', { name: 'Moderointi' }).click();
    const post = desk.locator('[data-list="queue"] > li', { hasText: DEMO_REPORTED_TITLE });
    expect(await post.textContent()).toContain('2 ilmoitusta');
    await post.getByRole('button', { name: 'Piilota' }).click();
    await post.getByText('Piilotettu').waitFor();
    await context.close();

    // Björn: a member now, the new dates in his calendar, and marked as having come.
    const bjorn = await visit('/kirjaudu');
    await chooseAccount(bjorn, 'Kirjaudu käyttäjänä Björn Lindqvist (puusepäntyö)', '/jasenille');
    const calendar = bjorn.locator('main ek-session-calendar');
    await calendar.getByRole('button', { name: 'Iltapäivätapaaminen' }).first().waitFor();
    const { token } = (await (await bjorn.request.get(`${site.url}/api/ekollega-token`)).json()) as {
      token: string;
    };
    const [past] = await store.db.query<{ id: string }>('select id from sessions where title = $1', [
      DEMO_PAST_MEETING_TITLE,
    ]);
    const session = await (
      await fetch(`${api.url}/v1/sessions/${past!.id}`, {
        headers: { 'ekollega-key': seed.publishable_key, authorization: `Bearer ${token}`, origin: site.url },
      })
    ).json();
    expect(session.my_rsvp).toMatchObject({ attended: true });
    await context.close();

    // Aino: the post is gone from the board.
    const after = await visit('/kirjaudu');
    await chooseAccount(after, 'Kirjaudu käyttäjänä Aino Virtanen (graafinen suunnittelu)', '/jasenille');
    const board = after.locator('main ek-qa-board');
    await board.getByRole('button', { name: 'Miten hinnoittelette pienet lisätyöt?' }).waitFor();
    expect(await board.getByRole('button', { name: DEMO_REPORTED_TITLE }).count()).toBe(0);
  });

  it('shows a member the facilitators’ page with its "for facilitators" line only, and no menu entry', async () => {
    const page = await visit('/kirjaudu');
    await chooseAccount(page, 'Kirjaudu käyttäjänä Mikko Laine (kirjanpito)', '/jasenille');
    expect(await page.getByRole('navigation', { name: 'Päävalikko' }).textContent()).not.toContain(
      'Fasilitaattorille',
    );
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(api.url)) apiCalls.push(new URL(request.url()).pathname);
    });
    await page.goto(`${site.url}/fasilitaattorille`);
    const desk = page.locator('main ek-facilitator-desk');
    await desk.getByText('Tämä sivu on yhdistyksen fasilitaattoreille ja henkilökunnalle.').waitFor();
    // The header's member status asks who is signed in; the desk asks nothing.
    expect(apiCalls.filter((path) => path !== '/v1/me' && path !== '/v1/config')).toEqual([]);
  });
});
