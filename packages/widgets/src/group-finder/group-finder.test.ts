import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import {
  changeGroup,
  createGroups,
  part,
  shadowText,
  testApi,
  tokenUrl,
  type TestGroup,
} from '../../test/host-site.js';
import { active, expectFocus, settled, text } from '../../test/helpers.js';
import type { EkEventDetail } from '../kit/events.js';
import './define.js';
import { toQuery, urlWithFilters } from './filters.js';
import { EkGroupFinder } from './group-finder.js';

const { apiUrl, tenantKey } = await testApi();

const hope = { id: 'hope', text: 'Mitä toivot vertaisryhmältä?' };
// Tuesday 5 February 2030, 09:00 in Helsinki (UTC+2 in winter).
const rhythm = {
  every_weeks: 3,
  weekday: 2,
  start_time: '09:00',
  end_time: '11:00',
  time_zone: 'Europe/Helsinki',
};
const morning: TestGroup = {
  name: 'Aamun vertaisryhmä',
  description: 'Ajanhallinta, tavoitteet ja jaksaminen.',
  details: 'Noin kymmenen yrittäjää eri aloilta.',
  themes: ['ajanhallinta', 'jaksaminen'],
  trades: ['luovat alat'],
  language: 'fi',
  format: 'online',
  region: 'Varsinais-Suomi',
  rhythm,
  next_meeting_at: '2030-02-05T07:00:00Z',
  capacity: 4,
  members: 2,
  status: 'running',
  intake_questions: [hope],
};
const evening: TestGroup = {
  name: 'Kvällsgruppen',
  description: 'Försäljning och prissättning.',
  themes: ['försäljning'],
  language: 'sv',
  format: 'in_person',
  municipality: 'Vaasa',
  region: 'Pohjanmaa',
  rhythm: {
    every_weeks: 1,
    weekday: 4,
    start_time: '18:00',
    end_time: '19:30',
    time_zone: 'Europe/Helsinki',
  },
  capacity: 2,
  members: 2,
  join_policy: 'approval',
  status: 'forming',
  intake_questions: [{ id: 'hope', text: 'Vad hoppas du få ut av gruppen?' }],
};

type Attributes = Record<string, string | number | boolean | undefined>;

/** A finder listing only `scope`'s groups; a member signed in as `member` (named `name`), else a visitor. */
function finder(scope: string, attributes: Attributes = {}, member?: string, name = 'Aino Virtanen') {
  const all: Attributes = {
    'api-url': apiUrl,
    'tenant-key': tenantKey,
    'token-url': tokenUrl(member ? { sub: member, name } : {}),
    trade: scope,
    lang: 'en',
    ...attributes,
  };
  const written = Object.entries(all)
    .filter(([, value]) => value !== undefined && value !== false)
    .map(([name, value]) =>
      value === true ? name : `${name}="${String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`,
    );
  return fixture<EkGroupFinder>(`<ek-group-finder ${written.join(' ')}></ek-group-finder>`);
}

const cards = (element: EkGroupFinder) => [
  ...element.shadowRoot!.querySelectorAll<HTMLElement>('[part~="card"]'),
];
const card = (element: EkGroupFinder, name: string) =>
  cards(element).find((c) => c.querySelector('h3')!.textContent === name)!;
const inCard = <T extends HTMLElement = HTMLElement>(c: Element, name: string) =>
  c.querySelector<T>(`[part~="${name}"]`)!;
const dialogOf = (element: EkGroupFinder) => part<HTMLDialogElement>(element, 'dialog')!;
/** Waits until the open dialog shows the group's detail (its ground rules). */
const detailShown = (element: EkGroupFinder) =>
  waitUntil(() => element.shadowRoot!.querySelector('#rules-title'), 'the detail did not load', {
    timeout: 5000,
  });

/** Sets a filter control as a visitor would, firing the events a browser fires. */
function choose(element: EkGroupFinder, name: string, value: string | boolean): void {
  const control = element.shadowRoot!.querySelector<HTMLInputElement>(`[part~="filters"] [name="${name}"]`)!;
  if (typeof value === 'boolean') control.checked = value;
  else control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Resolves once the finder has loaded again after a change. */
async function reloaded(element: EkGroupFinder, change: () => void): Promise<void> {
  change();
  await element.updateComplete;
  await settled(element);
}

const page = location.href;

describe('<ek-group-finder>', () => {
  afterEach(async () => {
    history.replaceState(null, '', page);
    await setViewport({ width: 800, height: 600 });
  });

  it('shows each group as a card: facts, places left, waitlist wording, and no member names', async () => {
    const { scope } = await createGroups([
      morning,
      { ...evening, status: 'forming' },
      { ...morning, name: 'Viimeinen paikka', members: 3 },
    ]);
    const element = await finder(scope);
    await settled(element);
    expect(text(part(element, 'count')!)).to.equal('3 groups shown');
    expect(cards(element).map((c) => c.querySelector('h3')!.textContent)).to.deep.equal([
      'Aamun vertaisryhmä',
      'Kvällsgruppen',
      'Viimeinen paikka',
    ]);

    const aamu = card(element, 'Aamun vertaisryhmä');
    expect(text(inCard(aamu, 'badge'))).to.equal('Running');
    expect(text(inCard(aamu, 'avatar'))).to.equal('HS');
    expect(text(inCard(aamu, 'when'))).to.equal(
      'Every 3 weeks on Tuesdays, 9:00–11:00 · Next meeting Tue 5 Feb, 9:00',
    );
    expect([...aamu.querySelectorAll('.facts li')].map(text)).to.deep.equal([
      'Language: Finnish',
      'Online',
      'Facilitator: Helena Salo',
    ]);
    expect(text(inCard(aamu, 'meter'))).to.equal('2 places left');
    expect([...aamu.querySelectorAll('[aria-label="Themes"] [part~="tag"]')].map(text)).to.deep.equal([
      'ajanhallinta',
      'jaksaminen',
    ]);
    expect([...aamu.querySelectorAll('[aria-label="Trades"] [part~="tag"]')].map(text)).to.deep.equal([
      scope,
      'luovat alat',
    ]);
    expect(aamu.querySelector('h3')!.lang).to.equal('fi');

    const kvall = card(element, 'Kvällsgruppen');
    expect(text(kvall)).to.contain('Language: Swedish');
    expect(text(kvall)).to.contain('In person, Vaasa');
    expect(text(kvall)).to.contain('Every week on Thursdays, 18:00–19:30');
    expect(text(inCard(kvall, 'badge'))).to.equal('Full');
    expect(text(inCard(kvall, 'meter'))).to.equal('No places left');
    expect(text(card(element, 'Viimeinen paikka'))).to.contain('1 place left');
    // Visitors see counts only: the members' names never reach the page.
    expect(shadowText(element)).not.to.contain('Member 1');
    await expect(element).to.be.accessible();
  });

  it('says the rhythm and the next meeting in Finnish and Swedish', async () => {
    const { scope } = await createGroups([morning]);
    const [fi, sv] = await Promise.all([finder(scope, { lang: 'fi' }), finder(scope, { lang: 'sv' })]);
    await Promise.all([settled(fi), settled(sv)]);
    // Weekdays come from the catalogue ("tiistaisin"), not Intl plus a suffix; dates are numeric with "klo".
    expect(text(inCard(cards(fi)[0]!, 'when'))).to.equal(
      '3 viikon välein tiistaisin klo 9.00–11.00 · Seuraava tapaaminen ti 5.2. klo 9.00',
    );
    expect([...cards(fi)[0]!.querySelectorAll('.facts li')].map(text)).to.deep.equal([
      'Kieli: suomi',
      'Verkossa',
      'Fasilitaattori: Helena Salo',
    ]);
    expect(text(inCard(cards(fi)[0]!, 'meter'))).to.equal('2 paikkaa vapaana');
    expect(text(part(fi, 'count')!)).to.equal('1 ryhmä näkyvissä');
    expect(text(part(fi, 'join')!)).to.equal('Kirjaudu ja liity');
    // Finland-Swedish: a numeric date with its year, and "kl.".
    expect(text(inCard(cards(sv)[0]!, 'when'))).to.equal(
      'Med 3 veckors mellanrum på tisdagar kl. 9.00–11.00 · Nästa träff tis 5.2.2030 kl. 9.00',
    );
    expect([...cards(sv)[0]!.querySelectorAll('.facts li')].map(text)).to.deep.equal([
      'Språk: finska',
      'Träffar på nätet',
      'Handledare: Helena Salo',
    ]);
  });

  it('narrows the list by each filter and writes the filters to the page URL, keeping its other parameters', async () => {
    const { scope } = await createGroups([
      morning,
      evening,
      {
        ...morning,
        name: 'Iltapäivä',
        themes: ['talous'],
        rhythm: { ...rhythm, weekday: 3, start_time: '13:00', end_time: '15:00' },
      },
    ]);
    history.replaceState(null, '', `${page}${page.includes('?') ? '&' : '?'}host=kept`);
    const element = await finder(scope);
    await settled(element);
    expect(cards(element)).to.have.length(3);
    const names = () => cards(element).map((c) => c.querySelector('h3')!.textContent);

    await reloaded(element, () => choose(element, 'language', 'fi'));
    expect(names()).to.deep.equal(['Aamun vertaisryhmä', 'Iltapäivä']);
    await reloaded(element, () => choose(element, 'timeOfDay', 'afternoon'));
    expect(names()).to.deep.equal(['Iltapäivä']);
    await reloaded(element, () => choose(element, 'timeOfDay', ''));
    await reloaded(element, () => choose(element, 'weekday', '2'));
    expect(names()).to.deep.equal(['Aamun vertaisryhmä']);
    await reloaded(element, () => choose(element, 'hasPlaces', true));
    expect(names()).to.deep.equal(['Aamun vertaisryhmä']);

    const url = new URL(location.href);
    expect(url.searchParams.get('host')).to.equal('kept');
    expect(url.searchParams.get('ek-language')).to.equal('fi');
    expect(url.searchParams.get('ek-weekday')).to.equal('2');
    expect(url.searchParams.get('ek-has-places')).to.equal('true');
    expect(url.searchParams.has('ek-time-of-day')).to.equal(false);
    expect(element.language).to.equal('fi');

    await reloaded(element, () => {
      choose(element, 'language', '');
      choose(element, 'weekday', '');
      choose(element, 'hasPlaces', false);
      choose(element, 'format', 'in_person');
    });
    expect(names()).to.deep.equal(['Kvällsgruppen']);
    await reloaded(element, () => {
      choose(element, 'format', '');
      choose(element, 'region', 'vaasa');
    });
    expect(names()).to.deep.equal(['Kvällsgruppen']);
    await reloaded(element, () => {
      choose(element, 'region', '');
      choose(element, 'theme', 'Talous');
    });
    expect(names()).to.deep.equal(['Iltapäivä']);
    // Free text waits for a pause in typing; `input` alone (no `change`) as when typing.
    choose(element, 'theme', '');
    const search = element.shadowRoot!.querySelector<HTMLInputElement>('[name="q"]')!;
    search.value = 'prissättning';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await waitUntil(() => names().join() === 'Kvällsgruppen', 'the search did not narrow the list');
    expect(new URL(location.href).searchParams.get('ek-q')).to.equal('prissättning');
    // The theme and region fields suggest what the loaded groups have.
    expect(
      [...element.shadowRoot!.querySelectorAll('#theme-list option')].map((o) => o.getAttribute('value')),
    ).to.include.members(['ajanhallinta', 'försäljning', 'talous']);
    expect(
      [...element.shadowRoot!.querySelectorAll('#region-list option')].map((o) => o.getAttribute('value')),
    ).to.include.members(['Vaasa', 'Pohjanmaa']);
  });

  it('reads the filters back from a shared link, which wins over the attributes', async () => {
    const { scope } = await createGroups([morning, evening]);
    history.replaceState(
      null,
      '',
      `${page}${page.includes('?') ? '&' : '?'}ek-language=sv&ek-time-of-day=evening`,
    );
    const element = await finder(scope, { language: 'fi' });
    await settled(element);
    expect(cards(element).map((c) => c.querySelector('h3')!.textContent)).to.deep.equal(['Kvällsgruppen']);
    expect(element.shadowRoot!.querySelector<HTMLSelectElement>('[name="language"]')!.value).to.equal('sv');
    expect(element.shadowRoot!.querySelector<HTMLSelectElement>('[name="timeOfDay"]')!.value).to.equal(
      'evening',
    );
  });

  it('applies filters preset by attributes, and an emptied preset stays empty in the URL', async () => {
    const { scope } = await createGroups([morning, evening]);
    const element = await finder(scope, { theme: 'försäljning', format: 'in_person', 'has-places': false });
    await settled(element);
    expect(cards(element).map((c) => c.querySelector('h3')!.textContent)).to.deep.equal(['Kvällsgruppen']);
    expect(element.shadowRoot!.querySelector<HTMLInputElement>('[name="theme"]')!.value).to.equal(
      'försäljning',
    );

    await reloaded(element, () => choose(element, 'theme', ''));
    const url = new URL(location.href);
    // Written empty, so that the shared link does not bring the page's preset back.
    expect(url.searchParams.get('ek-theme')).to.equal('');
    expect(url.searchParams.get('ek-format')).to.equal('in_person');

    history.replaceState(null, '', page);
    const presetOnly = await finder(scope, { 'has-places': true, language: 'fi' });
    await settled(presetOnly);
    expect(cards(presetOnly).map((c) => c.querySelector('h3')!.textContent)).to.deep.equal([
      'Aamun vertaisryhmä',
    ]);
  });

  it('says when no group matches, and the clear button brings them all back', async () => {
    const { scope } = await createGroups([morning]);
    history.replaceState(null, '', `${page}${page.includes('?') ? '&' : '?'}ek-q=nothing-like-this`);
    const element = await finder(scope, { lang: 'fi' });
    await settled(element);
    expect(text(part(element, 'count')!)).to.equal('Rajauksiasi vastaavia ryhmiä ei löytynyt.');
    expect(part(element, 'count')!.getAttribute('role')).to.equal('status');
    // The empty state says what to do next.
    expect(text(part(element, 'empty')!)).to.contain('Kokeile väljempiä rajauksia tai tyhjennä ne');
    await expect(element).to.be.accessible();

    part(element, 'clear')!.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    await waitUntil(() => cards(element).length === 1, 'clearing did not bring the group back');
    expect(new URL(location.href).searchParams.has('ek-q')).to.equal(false);
    expectFocus(element, element.shadowRoot!.querySelector('[name="q"]'));
  });

  it('asks a visitor to sign in from the keyboard, firing ek-auth-required', async () => {
    const { scope } = await createGroups([morning]);
    const element = await finder(scope);
    await settled(element);
    inCard(cards(element)[0]!, 'details').focus();
    await sendKeys({ press: 'Tab' });
    const join = inCard(cards(element)[0]!, 'join');
    expectFocus(element, join);
    expect(text(join)).to.equal('Sign in to join');
    expect(getComputedStyle(join).outlineStyle).to.equal('solid');
    const required = oneEvent(document, 'ek-auth-required');
    await sendKeys({ press: 'Enter' });
    expect((await required).detail).to.deep.equal({ reason: 'sign_in_required' });
  });

  it('opens the detail dialog by keyboard, shows rules and counts but no names, and Escape returns the focus', async () => {
    const { scope, ids } = await createGroups([morning]);
    const element = await finder(scope);
    await settled(element);
    const details = inCard(cards(element)[0]!, 'details');
    details.focus();
    const selected = oneEvent(element, 'ek-group-select');
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail).to.deep.equal({ groupId: ids[0] });
    await detailShown(element);
    const dialog = dialogOf(element);
    expect(dialog.open).to.equal(true);
    expectFocus(element, part(element, 'close'));
    const detail = text(dialog);
    expect(detail).to.contain('Noin kymmenen yrittäjää eri aloilta.');
    expect(detail).to.contain('Ground rules (version 1)');
    expect(detail).to.contain('Luottamuksellisuus');
    expect(detail).to.contain('Members: 2 / 4');
    expect(detail).to.contain('Facilitator: Helena Salo');
    expect(detail).not.to.contain('Member 1');
    expect(text(dialog.querySelector('[part~="join"]')!)).to.equal('Sign in to join');
    await expect(element).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'the dialog stayed open');
    expectFocus(element, details);
  });

  it('lets a member join an open group, flagging the unticked rules and the empty answer at once', async () => {
    const { scope, ids } = await createGroups([morning]);
    const element = await finder(scope, {}, `${scope}-aino`);
    await settled(element);
    const join = inCard(cards(element)[0]!, 'join');
    expect(text(join)).to.equal('Join');
    join.focus();
    await sendKeys({ press: 'Enter' });
    await detailShown(element);
    // Opened to join: the reader starts at the ground rules.
    await waitUntil(() => active(element)?.id === 'rules-title', 'the focus did not move to the rules');
    const dialog = dialogOf(element);
    const form = dialog.querySelector<HTMLFormElement>('[part~="join-form"]')!;
    const submit = form.querySelector<HTMLButtonElement>('[part~="join"]')!;
    expect(text(form)).to.contain('I have read and accept the ground rules (version 1).');

    // Neither ticked nor answered: one submit flags both, and the focus goes to the first.
    submit.focus();
    await sendKeys({ press: 'Enter' });
    const answer = dialog.querySelector<HTMLTextAreaElement>('#answer-hope')!;
    await waitUntil(
      () => text(dialog.querySelector('#accept-error')!) === 'Accept the ground rules to continue.',
      'no error on the checkbox',
    );
    expect(answer.getAttribute('aria-invalid')).to.equal('true');
    const error = dialog.querySelector('#answer-hope-error')!;
    expect(text(error)).to.equal('Answer this question.');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(getComputedStyle(error, '::before').content).to.equal('"!" / ""');
    expect(answer.getAttribute('aria-describedby')).to.equal('answer-hope-error');
    expectFocus(element, dialog.querySelector('#accept'));
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'Space' });

    answer.focus();
    await sendKeys({ type: 'Vertaistukea arkeen.' });
    const joined = oneEvent(element, 'ek-join');
    submit.focus();
    await sendKeys({ press: 'Enter' });
    expect((await joined).detail).to.deep.equal({ groupId: ids[0], status: 'member' });
    await waitUntil(() => dialog.querySelector('#membership'), 'the membership was not shown');
    expect(text(dialog.querySelector('#membership')!)).to.equal('You are a member of this group.');
    expectFocus(element, dialog.querySelector('#membership'));
    expect(text(dialog)).to.contain('Members: 3 / 4');
    // The card behind says so too, in its one badge.
    expect(text(inCard(cards(element)[0]!, 'badge'))).to.equal('Member');
    expect(text(inCard(cards(element)[0]!, 'meter'))).to.equal('1 place left');

    // Leaving asks to confirm first.
    dialog.querySelector<HTMLButtonElement>('[part~="leave"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog.querySelector('[part~="cancel"]'), 'no confirm step');
    expect(text(dialog.querySelector('[role="group"]')!)).to.contain('Are you sure?');
    const left = oneEvent(element, 'ek-leave');
    await sendKeys({ press: 'Enter' });
    expect((await left).detail).to.deep.equal({ groupId: ids[0] });
    await waitUntil(() => !dialog.querySelector('#membership'), 'the membership stayed');
    expect(text(cards(element)[0]!)).to.contain('2 places left');
    expectFocus(element, dialog.querySelector('#accept'));
  });

  it('makes a pending request to an approval group, and shows the facilitator’s reason when declined', async () => {
    const { scope, ids } = await createGroups([{ ...evening, members: 0 }]);
    const member = `${scope}-aino`;
    const element = await finder(scope, { lang: 'sv' }, member);
    await settled(element);
    const join = inCard(cards(element)[0]!, 'join');
    expect(text(join)).to.equal('Ansök om att gå med');
    join.click();
    await detailShown(element);
    const dialog = dialogOf(element);
    dialog.querySelector<HTMLInputElement>('#accept')!.click();
    const answer = dialog.querySelector<HTMLTextAreaElement>('#answer-hope')!;
    answer.value = 'Kamratstöd.';
    answer.dispatchEvent(new Event('input'));
    const joined = oneEvent(element, 'ek-join');
    dialog.querySelector<HTMLButtonElement>('[part~="join-form"] [part~="join"]')!.click();
    expect((await joined).detail).to.deep.equal({ groupId: ids[0], status: 'pending' });
    await waitUntil(() => dialog.querySelector('#membership'), 'the request was not shown');
    expect(text(dialog.querySelector('#membership')!)).to.equal(
      'Du har ansökt. Handledaren svarar på din ansökan.',
    );
    expect(text(dialog.querySelector('[part~="leave"]')!)).to.equal('Återkalla min ansökan');

    dialog.close();
    await changeGroup(ids[0]!, { decline: member, reason: 'Gruppen är redan full.' });
    await reloaded(element, () => element.refresh());
    await waitUntil(
      () => cards(element)[0] && inCard(cards(element)[0]!, 'membership'),
      'no state on the card',
    );
    expect(text(inCard(cards(element)[0]!, 'membership'))).to.equal(
      'Din ansökan godkändes inte: Gruppen är redan full.',
    );
    // Declined is not the end: the member may ask again.
    expect(text(inCard(cards(element)[0]!, 'join'))).to.equal('Ansök om att gå med');
  });

  it('puts a member on the waitlist of a full group with their position, then lets them take an offered place', async () => {
    const { scope, ids } = await createGroups([
      { ...morning, capacity: 2, members: 2, intake_questions: [] },
    ]);
    const element = await finder(scope, { lang: 'fi' }, `${scope}-aino`);
    await settled(element);
    const join = inCard(cards(element)[0]!, 'join');
    expect(text(join)).to.equal('Liity jonoon');
    join.click();
    await detailShown(element);
    const dialog = dialogOf(element);
    dialog.querySelector<HTMLInputElement>('#accept')!.click();
    const joined = oneEvent(element, 'ek-join');
    dialog.querySelector<HTMLButtonElement>('[part~="join-form"] [part~="join"]')!.click();
    expect((await joined).detail.status).to.equal('waitlisted');
    await waitUntil(() => dialog.querySelector('#membership'), 'the waitlist place was not shown');
    expect(text(dialog.querySelector('#membership')!)).to.equal('Olet jonossa sijalla 1.');
    expect(text(dialog)).to.contain('Jonossa: 1');
    dialog.close();

    // A member leaves: the place is offered to the first on the waitlist.
    await changeGroup(ids[0]!, { leave: `${scope}-member-1` });
    await reloaded(element, () => element.refresh());
    const offered = cards(element)[0]!;
    // A numeric date needs no case ending: never "tiistai 8. joulukuuta asti".
    expect(text(inCard(offered, 'membership'))).to.match(
      /^Ryhmästä vapautui sinulle paikka\. Ota se vastaan viimeistään \d{1,2}\.\d{1,2}\. klo \d{1,2}\.\d{2}\.$/,
    );
    expect(text(inCard(offered, 'badge'))).to.equal('Paikka sinulle');
    const take = inCard(offered, 'join');
    expect(text(take)).to.equal('Ota paikka vastaan');
    take.click();
    await detailShown(element);
    const taken = oneEvent(element, 'ek-join');
    dialog.querySelector<HTMLButtonElement>('.join [part~="join"]')!.click();
    expect((await taken).detail.status).to.equal('member');
    await waitUntil(
      () => text(dialog.querySelector('#membership')!) === 'Olet tämän ryhmän jäsen.',
      'the place was not taken',
    );
  });

  it('asks a member to accept the group’s new ground rules', async () => {
    const { scope, ids } = await createGroups([{ ...morning, intake_questions: [] }]);
    const element = await finder(scope, {}, `${scope}-aino`);
    await settled(element);
    inCard(cards(element)[0]!, 'join').click();
    await detailShown(element);
    const dialog = dialogOf(element);
    dialog.querySelector<HTMLInputElement>('#accept')!.click();
    dialog.querySelector<HTMLButtonElement>('[part~="join-form"] [part~="join"]')!.click();
    await waitUntil(() => dialog.querySelector('#membership'), 'not joined');
    dialog.close();

    await changeGroup(ids[0]!, { patch: { rules_text: 'Uudet säännöt: kamerat päällä.' } });
    await reloaded(element, () => element.refresh());
    const accept = inCard(cards(element)[0]!, 'join');
    expect(text(accept)).to.equal('Accept the new rules');
    expect(text(inCard(cards(element)[0]!, 'membership'))).to.contain('The ground rules have changed.');
    accept.click();
    await detailShown(element);
    expect(text(dialog)).to.contain('Ground rules (version 2)');
    expect(text(dialog)).to.contain('Uudet säännöt: kamerat päällä.');
    // Re-accepting asks no questions again.
    expect(dialog.querySelector('textarea') === null).to.equal(true);
    dialog.querySelector<HTMLInputElement>('#accept')!.click();
    const accepted = oneEvent(element, 'ek-join');
    dialog.querySelector<HTMLButtonElement>('[part~="join-form"] [part~="join"]')!.click();
    expect((await accepted).detail.status).to.equal('member');
    await waitUntil(
      () => text(dialog.querySelector('#membership')!) === 'You are a member of this group.',
      'the new rules were not accepted',
    );
    expect(inCard(cards(element)[0]!, 'join') === null).to.equal(true);
  });

  it('shows more groups with the next cursor, moving the focus to the first new one', async () => {
    const { scope } = await createGroups([
      morning,
      { ...morning, name: 'B-ryhmä' },
      { ...morning, name: 'C-ryhmä' },
    ]);
    const element = await finder(scope, { 'page-size': 2 });
    await settled(element);
    expect(cards(element)).to.have.length(2);
    part(element, 'more')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cards(element).length === 3, 'no more groups came');
    expect(part(element, 'more') === null).to.equal(true);
    expectFocus(element, inCard(card(element, 'C-ryhmä'), 'details'));
    expect(text(part(element, 'count')!)).to.equal('3 groups shown');
  });

  it('shows an error with a retry button, and retry recovers', async () => {
    const { scope } = await createGroups([morning]);
    const errors: EkEventDetail['ek-error'][] = [];
    document.addEventListener('ek-error', (event) => errors.push(event.detail), { once: true });
    const element = await finder(scope, {
      'token-url': tokenUrl({ sub: 'aino', failOnce: crypto.randomUUID() }),
    });
    await settled(element);
    expect(part(element, 'error')!.getAttribute('role')).to.equal('alert');
    expect(text(part(element, 'error')!)).to.contain('Your sign-in could not be checked.');
    expect(errors[0]).to.include({ code: 'member_token_unavailable', status: 500 });
    await expect(element).to.be.accessible();
    part(element, 'retry')!.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(cards(element)).to.have.length(1);
  });

  it('stacks the cards at 320 px without sideways scrolling, dialog included', async () => {
    const { scope } = await createGroups([morning, evening]);
    await setViewport({ width: 320, height: 640 });
    const element = await finder(scope, { lang: 'fi' });
    await settled(element);
    const [first, second] = cards(element);
    expect(first!.getBoundingClientRect().left).to.equal(second!.getBoundingClientRect().left);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    inCard(first!, 'details').click();
    await detailShown(element);
    const dialog = dialogOf(element);
    expect(dialog.getBoundingClientRect().right).to.be.at.most(320);
    expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
    dialog.close();
    await setViewport({ width: 1200, height: 800 });
    await element.updateComplete;
    expect(cards(element)[0]!.getBoundingClientRect().top).to.equal(
      cards(element)[1]!.getBoundingClientRect().top,
    );
  });

  it('takes colours from --ek-accent and shape from ::part', async () => {
    const { scope } = await createGroups([morning]);
    const style = document.createElement('style');
    style.textContent = `.themed { --ek-accent: rgb(1, 2, 3); } .themed::part(card) { border-radius: 0px; } article { display: none !important; }`;
    document.head.append(style);
    try {
      const element = await finder(scope, { class: 'themed' });
      await settled(element);
      expect(getComputedStyle(inCard(cards(element)[0]!, 'join')).backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(cards(element)[0]!).borderTopLeftRadius).to.equal('0px');
      expect(getComputedStyle(cards(element)[0]!).display).to.not.equal('none');
    } finally {
      style.remove();
    }
  });

  it('states one status per card: a member of a full group sees "Member", not "Full" above it', async () => {
    const { scope } = await createGroups([{ ...morning, capacity: 3, members: 2, intake_questions: [] }]);
    const member = `${scope}-aino`;
    const element = await finder(scope, { lang: 'fi' }, member);
    await settled(element);
    inCard(cards(element)[0]!, 'join').click();
    await detailShown(element);
    const dialog = dialogOf(element);
    dialog.querySelector<HTMLInputElement>('#accept')!.click();
    dialog.querySelector<HTMLButtonElement>('[part~="join-form"] [part~="join"]')!.click();
    await waitUntil(() => dialog.querySelector('#membership'), 'not joined');
    dialog.close();
    await reloaded(element, () => element.refresh());
    const full = cards(element)[0]!;
    expect(full.querySelectorAll('[part~="badge"]')).to.have.length(1);
    expect(text(inCard(full, 'badge'))).to.equal('Jäsen');
    expect(text(full)).not.to.contain('Täynnä');
    expect(text(full)).not.to.contain('jonoon');
    expect(full.querySelector('[part~="membership"]')).to.equal(null);
  });

  it('keeps the search box, the list and the URL in step when a filter changes during the typing pause', async () => {
    const { scope } = await createGroups([morning, evening]);
    const element = await finder(scope);
    await settled(element);
    const search = element.shadowRoot!.querySelector<HTMLInputElement>('[name="q"]')!;
    search.focus();
    await sendKeys({ type: 'Kväll' });
    await waitUntil(() => cards(element).length === 1, 'the search did not narrow the list');
    expect(new URL(location.href).searchParams.get('ek-q')).to.equal('Kväll');
    // Clear the box and, within the typing pause, choose a language.
    search.select();
    await sendKeys({ press: 'Backspace' });
    choose(element, 'language', 'fi');
    await settled(element);
    await waitUntil(
      () =>
        cards(element)
          .map((c) => c.querySelector('h3')!.textContent)
          .join() === 'Aamun vertaisryhmä',
      'the list kept the cleared search',
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(search.value).to.equal('');
    expect(new URL(location.href).searchParams.has('ek-q')).to.equal(false);
    expect(new URL(location.href).searchParams.get('ek-language')).to.equal('fi');
    expect(element.q).to.equal(undefined);
  });

  it('applies the theme and region boxes as the reader types, like the search', async () => {
    const { scope } = await createGroups([morning, evening]);
    const element = await finder(scope);
    await settled(element);
    const names = () =>
      cards(element)
        .map((c) => c.querySelector('h3')!.textContent)
        .join();
    const theme = element.shadowRoot!.querySelector<HTMLInputElement>('[name="theme"]')!;
    theme.focus();
    // Typing only: no blur, no `change` event.
    await sendKeys({ type: 'försäljning' });
    await waitUntil(() => names() === 'Kvällsgruppen', 'the theme filter waited for a blur');
    expect(new URL(location.href).searchParams.get('ek-theme')).to.equal('försäljning');
    expectFocus(element, theme);
    theme.select();
    await sendKeys({ press: 'Backspace' });
    await waitUntil(() => cards(element).length === 2, 'clearing the theme did not bring both back');
    const region = element.shadowRoot!.querySelector<HTMLInputElement>('[name="region"]')!;
    region.focus();
    await sendKeys({ type: 'varsinais-suomi' });
    await waitUntil(() => names() === 'Aamun vertaisryhmä', 'the region filter waited for a blur');
    expect(new URL(location.href).searchParams.get('ek-region')).to.equal('varsinais-suomi');
  });

  it('tells a facilitator she facilitates her group, links the facilitator page, and offers no join form', async () => {
    const { scope, ids } = await createGroups([{ ...morning, capacity: 2, members: 2 }]);
    const element = await finder(
      scope,
      { 'facilitator-url': '/ohjaajat/?ryhma={id}' },
      'test-facilitator',
      'Helena Salo',
    );
    await settled(element);
    const own = cards(element)[0]!;
    expect(text(inCard(own, 'badge'))).to.equal('You facilitate');
    expect(own.querySelector('[part~="join"]')).to.equal(null);
    expect(inCard<HTMLAnchorElement>(own, 'facilitator-page').getAttribute('href')).to.equal(
      `/ohjaajat/?ryhma=${ids[0]}`,
    );
    inCard(own, 'details').click();
    await detailShown(element);
    const dialog = dialogOf(element);
    expect(text(dialog.querySelector('#membership')!)).to.equal('You facilitate this group.');
    expect(dialog.querySelector('[part~="join-form"]')).to.equal(null);
    expect(dialog.querySelector('[part~="join"]')).to.equal(null);
    expect(text(dialog.querySelector('[part~="facilitator-page"]')!)).to.equal('Open the facilitator page');
    // She sees who is in her group.
    await waitUntil(() => dialog.querySelector('[part~="people"]'), 'no list of people');
    expect([...dialog.querySelectorAll('[part~="people"] li')].map(text)).to.deep.equal([
      'Helena Salo (facilitator)',
      'Member 1',
      'Member 2',
    ]);
    await expect(element).to.be.accessible();
  });

  it('shows a group’s members who is in it, and others not', async () => {
    const { scope } = await createGroups([{ ...morning, members: 1, intake_questions: [] }]);
    const member = `${scope}-member-1`;
    const element = await finder(scope, { lang: 'fi' }, member, 'Member 1');
    await settled(element);
    inCard(cards(element)[0]!, 'details').click();
    await detailShown(element);
    const dialog = dialogOf(element);
    await waitUntil(() => dialog.querySelector('[part~="people"]'), 'no list of people for a member');
    expect(text(dialog.querySelector('#people-title')!)).to.equal('Ketkä ryhmässä ovat');
    expect([...dialog.querySelectorAll('[part~="people"] li')].map(text)).to.deep.equal([
      'Helena Salo (fasilitaattori)',
      'Member 1',
    ]);
    dialog.close();

    const outsider = await finder(scope, { lang: 'fi' }, `${scope}-someone-else`);
    await settled(outsider);
    inCard(cards(outsider)[0]!, 'details').click();
    await detailShown(outsider);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dialogOf(outsider).querySelector('[part~="people"]')).to.equal(null);
    expect(shadowText(outsider)).not.to.contain('Member 1');
  });

  it('can be defined twice without harm', async () => {
    const again = './define.ts?again';
    await import(again);
    expect(customElements.get('ek-group-finder')).to.equal(EkGroupFinder);
  });
});

describe('group finder filters', () => {
  it('leave out values the API would refuse', () => {
    expect(
      toQuery({
        language: 'de',
        weekday: 9,
        format: 'online',
        timeOfDay: 'night',
        q: '  myynti ',
        hasPlaces: false,
      }),
    ).to.deep.equal({
      q: 'myynti',
      language: undefined,
      theme: undefined,
      trade: undefined,
      format: 'online',
      region: undefined,
      weekday: undefined,
      time_of_day: undefined,
      has_places: undefined,
    });
  });

  it('write set filters, empty presets, and keep the host’s parameters', () => {
    const url = urlWithFilters(
      'https://yhdistys.fi/ryhmat?page=2&ek-region=Turku',
      { theme: 'myynti', language: undefined, hasPlaces: true },
      (attribute) => attribute === 'language',
    );
    expect(url).to.equal('https://yhdistys.fi/ryhmat?page=2&ek-language=&ek-theme=myynti&ek-has-places=true');
  });
});
