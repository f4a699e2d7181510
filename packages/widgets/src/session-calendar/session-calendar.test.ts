import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { active, settled, text } from '../../test/helpers.js';
import { part, testApi } from '../../test/host-site.js';
import type { CalendarSeed, SeededCalendar } from '../../test/session-fixtures.js';
import type { EkEventDetail } from '../kit/events.js';
import './define.js';
import { EkSessionCalendar } from './session-calendar.js';

const { apiUrl } = await testApi();

/** An association of the test's own with these people, group and sessions (test/session-fixtures.ts). */
async function seed(input: CalendarSeed): Promise<SeededCalendar> {
  const response = await fetch('/__test/calendar', { method: 'POST', body: JSON.stringify(input) });
  return (await response.json()) as SeededCalendar;
}

type Attributes = Record<string, string | undefined>;

/** A calendar of `seeded`'s association in English and Helsinki time; signed in as `member`, else a visitor. */
function calendar(seeded: SeededCalendar, attributes: Attributes = {}, member?: string, fail?: string) {
  const token = new URLSearchParams({
    calendar: seeded.calendar,
    ...(member ? { sub: member } : {}),
    ...(fail ? { fail } : {}),
  });
  const all: Attributes = {
    'api-url': apiUrl,
    'tenant-key': seeded.tenantKey,
    'token-url': `/__test/calendar/token?${token}`,
    lang: 'en',
    'time-zone': 'Europe/Helsinki',
    ...attributes,
  };
  const written = Object.entries(all)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}="${value}"`);
  return fixture<EkSessionCalendar>(`<ek-session-calendar ${written.join(' ')}></ek-session-calendar>`);
}

const YES = 'I’ll attend';
const NO = 'I won’t attend';

const all = (element: Element, selector: string) => [
  ...element.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];
const sessions = (element: EkSessionCalendar) => all(element, '[part~="session"]');
const titles = (element: EkSessionCalendar) => all(element, '.title').map(text);
const session = (element: EkSessionCalendar, title: string) =>
  sessions(element).find((li) => text(li.querySelector('.title')) === title)!;
const answer = (li: Element, label: string) =>
  [...li.querySelectorAll<HTMLButtonElement>('[part~="rsvp"] button')].find(
    (button) => text(button) === label,
  )!;

/** Opens a session's detail by keyboard: focus on its title, then Enter. */
async function open(element: EkSessionCalendar, title: string): Promise<HTMLElement> {
  const button = session(element, title).querySelector<HTMLButtonElement>('.title')!;
  button.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => session(element, title).querySelector('[part~="detail"]'), 'the detail did not open');
  return session(element, title);
}

const groupWeeks: CalendarSeed = {
  people: { aino: 'Aino Virtanen' },
  group: ['aino'],
  sessions: [
    {
      title: 'Vertaistapaaminen',
      start: '2030-12-03T09:00',
      duration_minutes: 120,
      in_group: true,
      agenda: '1. Kuulumiset\n2. Tavoitteet',
    },
    { title: 'Iltatapaaminen', start: '2030-12-05T18:00', in_group: true, place: 'Yrittäjätalo, Turku' },
    {
      title: 'Seuraava viikko',
      start: '2030-12-10T09:00',
      in_group: true,
      meeting_url: 'https://video.example.fi/ryhma',
    },
  ],
};

describe('<ek-session-calendar>', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('lists upcoming sessions by week, in the session’s zone and the reader’s own beside it', async () => {
    const seeded = await seed(groupWeeks);
    const [here, away] = await Promise.all([
      calendar(seeded, { group: seeded.group! }, 'aino'),
      calendar(seeded, { group: seeded.group!, 'time-zone': 'America/New_York' }, 'aino'),
    ]);
    await Promise.all([settled(here), settled(away)]);
    expect(all(here, '[part~="week"] h3').map(text)).to.deep.equal([
      'Week 49 · 2 – 8 Dec',
      'Week 50 · 9 – 15 Dec',
    ]);
    expect(
      all(here, '[part~="week"]').map((week) => week.querySelectorAll('[part~="session"]').length),
    ).to.deep.equal([2, 1]);
    expect(text(session(here, 'Vertaistapaaminen').querySelector('p'))).to.equal('Tue 3 Dec, 09:00–11:00');
    expect(text(session(here, 'Iltatapaaminen'))).to.contain('Yrittäjätalo, Turku');
    expect(part(here, 'local-time')).to.equal(null);

    // 09:00 in Helsinki is 02:00 in New York: the session's own time leads, named, and the reader's follows.
    expect(text(session(away, 'Vertaistapaaminen').querySelector('p'))).to.equal(
      'Tue 3 Dec, 09:00–11:00 EET (in your time zone Tue 3 Dec, 02:00–04:00)',
    );
    await expect(away).to.be.accessible();
  });

  it('says weeks and times in Finnish and Swedish', async () => {
    const seeded = await seed(groupWeeks);
    const [fi, sv] = await Promise.all([
      calendar(seeded, { group: seeded.group!, lang: 'fi' }, 'aino'),
      calendar(seeded, { group: seeded.group!, lang: 'sv' }, 'aino'),
    ]);
    await Promise.all([settled(fi), settled(sv)]);
    expect(all(fi, '[part~="week"] h3').map(text)).to.deep.equal([
      'Viikko 49 · 2.–8.12.',
      'Viikko 50 · 9.–15.12.',
    ]);
    expect(text(session(fi, 'Vertaistapaaminen').querySelector('p'))).to.equal('ti 3.12. klo 9.00–11.00');
    expect(all(sv, '[part~="week"] h3').map(text)).to.deep.equal([
      'Vecka 49 · 2–8 dec.',
      'Vecka 50 · 9–15 dec.',
    ]);
    expect(text(session(sv, 'Vertaistapaaminen').querySelector('p'))).to.equal('tis 3.12. kl. 9.00–11.00');
    expect(text(answer(await open(sv, 'Vertaistapaaminen'), 'Kanske'))).to.equal('Kanske');
    expect(text(part(fi, 'view'))).to.equal('Lista');
  });

  it('browses a month grid by keyboard and lists the selected day’s sessions', async () => {
    const seeded = await seed(groupWeeks);
    const element = await calendar(
      seeded,
      { group: seeded.group!, view: 'month', date: '2030-12-03' },
      'aino',
    );
    await settled(element);
    const grid = part(element, 'grid')!;
    expect(text(element.shadowRoot!.getElementById('month'))).to.equal('December 2030');
    expect(all(element, 'th').map(text)).to.deep.equal(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(all(element, '[part~="has-sessions"]').map((day) => text(day).split(':')[0])).to.deep.equal([
      '3',
      '5',
      '10',
    ]);
    // A day with sessions reads out their titles.
    expect(text(grid.querySelector('[aria-selected="true"]'))).to.equal('3: Vertaistapaaminen');
    expect(titles(element)).to.deep.equal(['Vertaistapaaminen']);
    await expect(element).to.be.accessible();

    const focused = () => text(active(element)).split(':')[0];
    grid.querySelector<HTMLElement>('[tabindex="0"]')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal('4');
    expect(element.date).to.equal('2030-12-04');
    expect(text(part(element, 'empty'))).to.equal('No sessions on this day. Pick another day in the grid.');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal('11');
    await sendKeys({ press: 'Home' });
    expect(focused()).to.equal('9');
    await sendKeys({ press: 'End' });
    expect(focused()).to.equal('15');
    await sendKeys({ press: 'PageDown' });
    expect(element.date).to.equal('2031-01-15');
    expect(text(element.shadowRoot!.getElementById('month'))).to.equal('January 2031');
    expect(focused()).to.equal('15');
    await sendKeys({ press: 'PageUp' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(element.date).to.equal('2030-12-10');
    await waitUntil(() => titles(element).length === 1, 'the day’s sessions did not show');
    expect(titles(element)).to.deep.equal(['Seuraava viikko']);

    // Enter goes from the day to its sessions; Enter again opens one.
    await sendKeys({ press: 'Enter' });
    expect(active(element)).to.equal(session(element, 'Seuraava viikko').querySelector('.title'));
    await sendKeys({ press: 'Enter' });
    expect(session(element, 'Seuraava viikko').querySelector('[part~="detail"]')).to.not.equal(null);
    expect(getComputedStyle(active(element)!).outlineStyle).to.equal('solid');
  });

  it('filters my groups, open events or all, and shows a visitor the public events only', async () => {
    const seeded = await seed({
      people: { aino: 'Aino Virtanen', bertil: 'Bertil Lindqvist' },
      group: ['aino'],
      sessions: [
        { title: 'Ryhmän tapaaminen', start: '2030-11-05T09:00', in_group: true },
        { title: 'Avoin luento', start: '2030-11-06T17:00', scope: 'public', kind: 'expert_talk' },
        { title: 'Jäsenilta', start: '2030-11-07T18:00', scope: 'members', yes: ['aino'] },
        { title: 'Toinen jäsenilta', start: '2030-11-08T18:00', scope: 'members' },
      ],
    });
    const member = await calendar(seeded, {}, 'aino');
    await settled(member);
    expect(titles(member)).to.deep.equal([
      'Ryhmän tapaaminen',
      'Avoin luento',
      'Jäsenilta',
      'Toinen jäsenilta',
    ]);
    const select = part<HTMLSelectElement>(member, 'scope')!;
    const choose = async (scope: string) => {
      select.value = scope;
      select.dispatchEvent(new Event('change'));
      await member.updateComplete;
      await settled(member);
    };
    await choose('mine');
    expect(titles(member)).to.deep.equal(['Ryhmän tapaaminen', 'Jäsenilta']);
    await choose('open');
    expect(titles(member)).to.deep.equal(['Avoin luento', 'Jäsenilta', 'Toinen jäsenilta']);

    // A visitor sees the public event whatever the scope, and a sign-in button instead of the filter.
    const [visitor, visitorMine, bertil, ofGroup] = await Promise.all([
      calendar(seeded),
      calendar(seeded, { scope: 'mine' }),
      calendar(seeded, { scope: 'mine' }, 'bertil'),
      calendar(seeded, { group: seeded.group! }, 'aino'),
    ]);
    await Promise.all([visitor, visitorMine, bertil, ofGroup].map(settled));
    expect(titles(visitor)).to.deep.equal(['Avoin luento']);
    expect(titles(visitorMine)).to.deep.equal(['Avoin luento']);
    expect(part(visitor, 'scope')).to.equal(null);
    expect(part(visitor, 'feed')).to.equal(null);
    const required = oneEvent(visitor, 'ek-auth-required');
    part(visitor, 'sign-in')!.click();
    expect((await required).detail).to.deep.equal({ reason: 'sign_in_required' });
    // Bertil is in no group and answered nothing.
    expect(text(part(bertil, 'empty')!.querySelector('p'))).to.equal(
      'No upcoming sessions here yet. New ones appear as soon as they are scheduled.',
    );
    // `group`: that group's sessions only.
    expect(titles(ofGroup)).to.deep.equal(['Ryhmän tapaaminen']);
  });

  it('lets a member answer by keyboard, and puts a yes to a full session on the waitlist', async () => {
    const seeded = await seed({
      people: { aino: 'Aino Virtanen', bertil: 'Bertil Lindqvist' },
      group: ['aino', 'bertil'],
      sessions: [
        {
          title: 'Vertaistapaaminen',
          in_minutes: 2 * 24 * 60,
          in_group: true,
          description: 'Tavoitteet ja kuulumiset.',
        },
        {
          title: 'Asiantuntijaluento',
          in_minutes: 3 * 24 * 60,
          in_group: true,
          kind: 'expert_talk',
          capacity: 1,
          yes: ['bertil'],
          speakers: [{ name: 'Kirsi Aaltonen', title: 'valmentaja' }],
        },
      ],
    });
    const element = await calendar(seeded, { group: seeded.group! }, 'aino');
    await settled(element);
    const selected = oneEvent(element, 'ek-session-select');
    let li = await open(element, 'Vertaistapaaminen');
    expect((await selected).detail).to.deep.equal({ sessionId: seeded.sessions[0] });
    expect(li.querySelector('.title')!.getAttribute('aria-expanded')).to.equal('true');
    expect(text(li.querySelector('[part~="detail"]'))).to.contain('Tavoitteet ja kuulumiset.');
    expect([YES, NO, 'Maybe'].map((label) => answer(li, label).getAttribute('aria-pressed'))).to.deep.equal([
      'false',
      'false',
      'false',
    ]);

    const answered: EkEventDetail['ek-rsvp'][] = [];
    element.addEventListener('ek-rsvp', (event) => answered.push(event.detail));
    await sendKeys({ press: 'Tab' });
    expect(active(element)).to.equal(answer(li, YES));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => answer(li, YES).getAttribute('aria-pressed') === 'true', 'yes was not pressed');
    expect(answered).to.deep.equal([{ sessionId: seeded.sessions[0], answer: 'yes', waitlisted: false }]);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(active(element)).to.equal(answer(li, 'Maybe'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => answer(li, 'Maybe').getAttribute('aria-pressed') === 'true',
      'maybe was not pressed',
    );
    expect(answer(li, YES).getAttribute('aria-pressed')).to.equal('false');
    await expect(element).to.be.accessible();

    li = await open(element, 'Asiantuntijaluento');
    expect(text(li.querySelector('[part~="detail"]'))).to.contain('Kirsi Aaltonen, valmentaja');
    answer(li, YES).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => answered.length === 3, 'no ek-rsvp for the full session');
    expect(answered[2]).to.deep.equal({ sessionId: seeded.sessions[1], answer: 'yes', waitlisted: true });
    expect(text(li.querySelector('[role="status"]'))).to.equal(
      'It is full: you have waiting place 1. You get a place if someone cancels.',
    );
    expect(answer(li, YES).getAttribute('aria-pressed')).to.equal('true');
  });

  it('asks a visitor who answers to sign in', async () => {
    const seeded = await seed({
      sessions: [{ title: 'Avoin luento', start: '2030-11-06T17:00', scope: 'public' }],
    });
    const element = await calendar(seeded);
    await settled(element);
    const li = await open(element, 'Avoin luento');
    const required = oneEvent(element, 'ek-auth-required');
    answer(li, YES).focus();
    await sendKeys({ press: 'Enter' });
    expect((await required).detail).to.deep.equal({ reason: 'sign_in_required' });
    expect(answer(li, YES).getAttribute('aria-pressed')).to.equal('false');
  });

  it('shows the meeting link from 15 minutes before the start, only to those entitled', async () => {
    const seeded = await seed({
      people: { aino: 'Aino Virtanen' },
      group: ['aino'],
      sessions: [
        {
          title: 'Pian alkava',
          in_minutes: 10,
          in_group: true,
          meeting_url: 'https://video.example.fi/pian',
        },
        {
          title: 'Ylihuomenna',
          in_minutes: 2 * 24 * 60,
          in_group: true,
          meeting_url: 'https://video.example.fi/myohemmin',
        },
        {
          title: 'Avoin etäluento',
          in_minutes: 10,
          scope: 'public',
          meeting_url: 'https://video.example.fi/avoin',
        },
      ],
    });
    const member = await calendar(seeded, {}, 'aino');
    await settled(member);
    let li = await open(member, 'Pian alkava');
    expect(li.querySelector<HTMLAnchorElement>('[part~="join"]')!.href).to.equal(
      'https://video.example.fi/pian',
    );
    expect(text(li.querySelector('[part~="join"]'))).to.equal('Join the meeting');
    li = await open(member, 'Ylihuomenna');
    expect(li.querySelector('[part~="join"]')).to.equal(null);
    expect(text(li.querySelector('[part~="detail"]'))).to.match(
      /The meeting link appears here from \w{3} \d+ \w{3}, \d\d:\d\d\./,
    );
    // Aino has not answered yes to the open event, so the API gives her no link.
    li = await open(member, 'Avoin etäluento');
    expect(li.querySelector('[part~="join"]')).to.equal(null);

    const visitor = await calendar(seeded);
    await settled(visitor);
    expect(titles(visitor)).to.deep.equal(['Avoin etäluento']);
    li = await open(visitor, 'Avoin etäluento');
    expect(li.querySelector('[part~="join"]')).to.equal(null);
    expect(text(li)).not.to.contain('The meeting link appears');
    expect(li.innerHTML).not.to.contain('video.example.fi');
  });

  it('marks moved and cancelled sessions, striking the cancelled through and closing its answers', async () => {
    const seeded = await seed({
      people: { aino: 'Aino Virtanen' },
      group: ['aino'],
      sessions: [
        {
          title: 'Siirretty tapaaminen',
          start: '2030-12-03T09:00',
          in_group: true,
          moved_to: '2030-12-04T10:00',
        },
        { title: 'Peruttu tapaaminen', start: '2030-12-05T09:00', in_group: true, cancelled: true },
      ],
    });
    const element = await calendar(seeded, { group: seeded.group! }, 'aino');
    await settled(element);
    expect(text(session(element, 'Siirretty tapaaminen').querySelector('[part~="badge"]'))).to.equal('Moved');
    expect(text(session(element, 'Siirretty tapaaminen').querySelector('p'))).to.equal(
      'Wed 4 Dec, 10:00–11:00',
    );
    const cancelled = session(element, 'Peruttu tapaaminen');
    expect(cancelled.getAttribute('part')).to.equal('session cancelled');
    expect(text(cancelled.querySelector('[part~="badge"]'))).to.equal('Cancelled');
    expect(getComputedStyle(cancelled.querySelector('.title')!).textDecorationLine).to.equal('line-through');
    await open(element, 'Peruttu tapaaminen');
    expect([YES, NO, 'Maybe'].every((label) => answer(cancelled, label).disabled)).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('downloads a session as an iCalendar file', async () => {
    const seeded = await seed({
      sessions: [{ title: 'Avoin luento: ajanhallinta', start: '2030-11-06T17:00', scope: 'public' }],
    });
    const element = await calendar(seeded);
    await settled(element);
    const li = await open(element, 'Avoin luento: ajanhallinta');
    const { createObjectURL } = URL;
    const { click } = HTMLAnchorElement.prototype;
    const downloads: { blob: Blob; name: string }[] = [];
    let blob: Blob | undefined;
    URL.createObjectURL = (object: Blob | MediaSource) => {
      blob = object as Blob;
      return 'blob:test';
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.push({ blob: blob!, name: this.download });
    };
    try {
      li.querySelector<HTMLButtonElement>('[part~="ics"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => downloads.length, 'nothing was downloaded');
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(downloads[0]!.name).to.equal('Avoin-luento-ajanhallinta.ics');
    expect(downloads[0]!.blob.type).to.equal('text/calendar');
    expect(await downloads[0]!.blob.text()).to.match(/^BEGIN:VCALENDAR/);
  });

  it('gives a signed-in member their personal calendar feed address to copy', async () => {
    const seeded = await seed({ people: { aino: 'Aino Virtanen' } });
    const element = await calendar(seeded, {}, 'aino');
    await settled(element);
    const feed = part<HTMLDetailsElement>(element, 'feed')!;
    expect(text(feed.querySelector('summary'))).to.equal('Subscribe in your calendar app');
    feed.querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => feed.querySelector('input'), 'the feed address did not show');
    expect(feed.querySelector('input')!.value).to.match(/^http.*\/v1\/calendar\/feeds\/.+\.ics$/);
    expect(text(feed.querySelector('label'))).to.equal('Your private calendar address');
    expect(part(element, 'copy')).to.not.equal(null);
    await expect(element).to.be.accessible();

    // Someone else signs in on the same page: the address is not theirs to see.
    element.setAttribute('token-url', `/__test/calendar/token?calendar=${seeded.calendar}&sub=bertil`);
    await element.updateComplete;
    await settled(element);
    expect(feed.open).to.equal(false);
    expect(feed.querySelector('input')).to.equal(null);
  });

  it('loads more sessions with "show more" and moves on to the first new one', async () => {
    const seeded = await seed({
      sessions: ['A', 'B', 'C'].map((title, i) => ({
        title: `Luento ${title}`,
        start: `2030-11-0${i + 4}T17:00`,
        scope: 'public' as const,
      })),
    });
    const element = await calendar(seeded, { 'page-size': '2' });
    await settled(element);
    expect(titles(element)).to.deep.equal(['Luento A', 'Luento B']);
    part(element, 'more')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(element).length === 3, 'show more did not load');
    expect(active(element)).to.equal(session(element, 'Luento C').querySelector('.title'));
    expect(part(element, 'more')).to.equal(null);
  });

  it('says when there is nothing upcoming, and shows an error with a retry that recovers', async () => {
    const seeded = await seed({
      people: { aino: 'Aino Virtanen' },
      sessions: [{ title: 'Avoin luento', start: '2030-11-06T17:00', scope: 'public' }],
    });
    const empty = await calendar(seeded, { group: 'grp_none' }, 'aino');
    const failing = await calendar(seeded, {}, 'aino', crypto.randomUUID());
    await Promise.all([settled(empty), settled(failing)]);
    expect(text(part(empty, 'empty'))).to.equal(
      'No upcoming sessions here yet. New ones appear as soon as they are scheduled.',
    );
    expect(part(failing, 'error')!.getAttribute('role')).to.equal('alert');
    await expect(failing).to.be.accessible();
    part(failing, 'retry')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(failing).length, 'retry did not recover');
    expect(titles(failing)).to.deep.equal(['Avoin luento']);
  });

  it('fits 320 px without sideways scrolling, in the agenda with a detail open and in the month', async () => {
    await setViewport({ width: 320, height: 640 });
    const seeded = await seed(groupWeeks);
    const element = await calendar(seeded, { group: seeded.group!, 'time-zone': 'America/New_York' }, 'aino');
    await settled(element);
    await open(element, 'Vertaistapaaminen');
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    element.view = 'month';
    element.date = '2030-12-03';
    await element.updateComplete;
    await settled(element);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });

  for (const width of [320, 360]) {
    it(`keeps every box inside the widget at ${width} px: the feed panel, a detail and its topics`, async () => {
      await setViewport({ width, height: 640 });
      const seeded = await seed({
        ...groupWeeks,
        sessions: [
          ...groupWeeks.sessions!,
          {
            title: 'Avoin etäluento',
            start: '2030-12-04T17:00',
            scope: 'public',
            meeting_url: 'https://video.example.fi/avoin',
          },
        ],
      });
      const element = await calendar(seeded, { lang: 'fi', 'time-zone': 'America/New_York' }, 'aino');
      await settled(element);
      const feed = part<HTMLDetailsElement>(element, 'feed')!;
      feed.querySelector('summary')!.click();
      await waitUntil(() => feed.querySelector('input'), 'the feed address did not show');
      await open(element, 'Vertaistapaaminen');
      await waitUntil(() => part(element, 'topic') || part(element, 'empty'), 'the topics did not load');
      await open(element, 'Avoin etäluento');
      await element.updateComplete;
      const host = element.getBoundingClientRect();
      const outside = all(element, '*')
        .filter((node) => node.getClientRects().length)
        .map((node) => ({ node, box: node.getBoundingClientRect() }))
        .filter(({ box }) => box.left < host.left - 0.5 || box.right > host.right + 0.5)
        .map(({ node, box }) => {
          const chain = [];
          for (let at: Element | null = node; at; at = at.parentElement)
            chain.push(
              `${at.localName}[${at.getAttribute('part') ?? at.className}] ${at.getBoundingClientRect().width}`,
            );
          return `${box.left}–${box.right} ${chain.join(' < ')}`;
        });
      expect(outside, `host ${host.left}–${host.right}`).to.deep.equal([]);
      // No word breaks inside: every button's text is on one line at most as wide as the button.
      for (const button of all(element, 'button'))
        expect(button.scrollWidth, text(button)).to.be.at.most(button.clientWidth + 1);
    });
  }

  it('writes session times as Finnish and Finland-Swedish readers do, with capitalised headings', async () => {
    const seeded = await seed(groupWeeks);
    const [fi, sv] = await Promise.all([
      calendar(seeded, { group: seeded.group!, lang: 'fi', 'time-zone': 'America/New_York' }, 'aino'),
      calendar(seeded, { group: seeded.group!, lang: 'sv', view: 'month', date: '2030-12-03' }, 'aino'),
    ]);
    await Promise.all([settled(fi), settled(sv)]);
    expect(text(session(fi, 'Vertaistapaaminen').querySelector('p'))).to.equal(
      'ti 3.12. klo 9.00–11.00 UTC+2 (omalla aikavyöhykkeelläsi ti 3.12. klo 2.00–4.00)',
    );
    const li = await open(fi, 'Vertaistapaaminen');
    expect(text(li.querySelector('[part~="rsvp"]'))).to.equal('Osallistutko? Osallistun En osallistu Ehkä');
    expect(text(sv.shadowRoot!.getElementById('month'))).to.equal('December 2030');
    expect(all(sv, 'h3').map(text).at(-1)).to.equal('Tisdag 3 december');
    fi.view = 'month';
    fi.date = '2030-12-03';
    await settled(fi);
    expect(text(fi.shadowRoot!.getElementById('month'))).to.equal('Joulukuu 2030');
    expect(all(fi, 'h3').map(text).at(-1)).to.equal('Tiistai 3. joulukuuta');
    expect(text(sv.shadowRoot!.querySelector('select'))).to.contain('Öppna träffar');
  });

  it('counts who comes and says how soon a session starts, the exact time on hover', async () => {
    const seeded = await seed({
      people: { aino: 'Aino Virtanen', bertil: 'Bertil Lindqvist', cecilia: 'Cecilia Berg' },
      group: ['aino', 'bertil', 'cecilia'],
      sessions: [
        {
          title: 'Pieni tapaaminen',
          in_minutes: 3 * 24 * 60 + 30,
          in_group: true,
          capacity: 2,
          yes: ['aino', 'bertil', 'cecilia'],
        },
      ],
    });
    const element = await calendar(seeded, { lang: 'fi' }, 'aino');
    await settled(element);
    const li = session(element, 'Pieni tapaaminen');
    const counts = li.querySelector('[part~="counts"]')!;
    const time = counts.querySelector('time')!;
    expect(text(time)).to.match(/^3 päivän päästä \(/);
    expect(text(counts)).to.match(/^3 päivän päästä \(.+ klo .+\) · 2 osallistuu · Täynnä · 1 varasijalla$/);
    // The exact time is on the line above: hovering shows it here too, and no tab stop is added.
    expect(getComputedStyle(time.querySelector('.exact')!).position).to.equal('absolute');
    expect(text(li.querySelector('p'))).to.contain(time.title);
    expect(time.hasAttribute('tabindex')).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it('says a saved answer in words, and that a yes to an open talk brings its link', async () => {
    const seeded = await seed({
      people: { aino: 'Aino Virtanen' },
      sessions: [
        {
          title: 'Avoin etäluento',
          in_minutes: 10,
          scope: 'public',
          meeting_url: 'https://video.example.fi/avoin',
        },
      ],
    });
    const element = await calendar(seeded, {}, 'aino');
    await settled(element);
    const li = await open(element, 'Avoin etäluento');
    expect(text(li.querySelector('[part~="rsvp"] span'))).to.equal('Sign up');
    expect(text(li.querySelector('[part~="detail"]'))).to.contain(
      'Answer “I’ll attend” and the meeting link shows here.',
    );
    expect(li.querySelector('[part~="join"]')).to.equal(null);
    answer(li, YES).click();
    await waitUntil(() => li.querySelector('[part~="join"]'), 'the link did not come with the yes');
    expect(text(li.querySelector('[part~="answered"]'))).to.equal('✓ You’re attending – see you there!');
    expect(text(li.querySelector('[part~="detail"]'))).to.not.contain('Answer “I’ll attend”');
    answer(li, NO).click();
    await waitUntil(
      () => text(li.querySelector('[part~="answered"]')) === '✓ You’re not attending.',
      'the no was not said',
    );
  });

  it('lets a member change their feed address or turn it off, and make a new one', async () => {
    const seeded = await seed({ people: { aino: 'Aino Virtanen' } });
    const element = await calendar(seeded, { lang: 'fi' }, 'aino');
    await settled(element);
    const feed = part<HTMLDetailsElement>(element, 'feed')!;
    feed.querySelector('summary')!.click();
    await waitUntil(() => feed.querySelector('input'), 'the feed address did not show');
    const first = feed.querySelector('input')!.value;
    part(element, 'rotate')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => feed.querySelector('input')?.value !== first, 'the address did not change');
    expect(text(feed.querySelector('[role="status"]'))).to.equal(
      'Osoite vaihdettu. Päivitä uusi osoite kalenterisovellukseesi.',
    );
    expect(feed.querySelector('input')!.value).to.match(/\/v1\/calendar\/feeds\/.+\.ics$/);

    part(element, 'revoke')!.click();
    await waitUntil(() => !feed.querySelector('input'), 'the address stayed');
    expect(text(feed.querySelector('[role="status"]'))).to.equal(
      'Osoite on poistettu käytöstä: kalenterisovelluksesi ei enää saa tilaisuuksiasi.',
    );
    expect(text(part(element, 'rotate'))).to.equal('Luo uusi osoite');
    await expect(element).to.be.accessible();
    part(element, 'rotate')!.click();
    await waitUntil(() => feed.querySelector('input'), 'no new address');
  });

  it('lets a member suggest and back their group’s topics in a meeting’s detail', async () => {
    const seeded = await seed({
      ...groupWeeks,
      sessions: [
        ...groupWeeks.sessions!,
        { title: 'Avoin luento', start: '2030-12-04T17:00', scope: 'public' },
      ],
    });
    const element = await calendar(seeded, {}, 'aino');
    await settled(element);
    const li = await open(element, 'Vertaistapaaminen');
    await waitUntil(() => li.querySelector('[part~="topics"] [part~="empty"]'), 'the topics did not load');
    expect(text(li.querySelector('[part~="topics"] [part~="empty"]'))).to.equal(
      'No topics yet: suggest the first one.',
    );
    const input = li.querySelector<HTMLInputElement>('[part~="topics"] input')!;
    input.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => input.getAttribute('aria-invalid') === 'true', 'an empty topic was not refused');
    await sendKeys({ type: 'Asiakashankinta' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => li.querySelector('[part~="topic"]'), 'the topic did not show');
    const topic = li.querySelector('[part~="topic"]')!;
    expect(text(topic)).to.equal('▲ Asiakashankinta 0 back it');
    const back = topic.querySelector('button')!;
    expect(back.getAttribute('aria-label')).to.equal('Back this topic: Asiakashankinta');
    back.click();
    await waitUntil(() => back.getAttribute('aria-pressed') === 'true', 'the backing did not show');
    expect(text(topic)).to.equal('▲ Asiakashankinta 1 backs it');
    await expect(element).to.be.accessible();

    // An open event is no group's: no topics there.
    const open2 = await open(element, 'Avoin luento');
    expect(open2.querySelector('[part~="topics"]')).to.equal(null);
  });

  it('can be defined twice without harm', async () => {
    const again = './define.ts?again';
    await import(again);
    expect(customElements.get('ek-session-calendar')).to.equal(EkSessionCalendar);
  });
});
