import { createClient, type CreateCommitment, type ReportCommitment } from '@ekollega/sdk';
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { active, expectFocus, settled, text, until } from '../../test/helpers.js';
import { part, testApi } from '../../test/host-site.js';
import type { CalendarSeed, SeededCalendar } from '../../test/session-fixtures.js';
import '../session-calendar/define.js';
import './define.js';
import type { EkCommitments } from './commitments.js';

const { apiUrl } = await testApi();

const PEOPLE = { aino: 'Aino Virtanen', salla: 'Salla Salo' };

/** An association of the test's own with a group (Aino and Salla; Helena Salo facilitates) and its meetings. */
async function seed(sessions: CalendarSeed['sessions'] = []): Promise<SeededCalendar> {
  const input: CalendarSeed = { people: PEOPLE, group: ['aino', 'salla'], sessions };
  const response = await fetch('/__test/calendar', { method: 'POST', body: JSON.stringify(input) });
  return (await response.json()) as SeededCalendar;
}

/** Two meetings of the group, in Helsinki time: the next one and three weeks on. */
const MEETINGS: CalendarSeed['sessions'] = [
  { title: 'Tapaaminen 1', start: '2030-12-03T09:00', duration_minutes: 120, in_group: true },
  { title: 'Tapaaminen 2', start: '2030-12-24T09:00', duration_minutes: 120, in_group: true },
];

const tokenUrl = (seeded: SeededCalendar, sub?: string) =>
  `/__test/calendar/token?${new URLSearchParams({ calendar: seeded.calendar, ...(sub ? { sub } : {}) })}`;

/** The SDK as `sub` of the seeded association, to set the scene through the real API. */
function as(seeded: SeededCalendar, sub: string) {
  return createClient({
    baseUrl: apiUrl,
    tenantKey: seeded.tenantKey,
    getMemberToken: async () =>
      ((await (await fetch(tokenUrl(seeded, sub))).json()) as { token: string }).token,
  });
}

async function commit(
  seeded: SeededCalendar,
  sub: string,
  input: CreateCommitment,
  report?: ReportCommitment,
) {
  const client = as(seeded, sub);
  const created = await client.commitments.create(seeded.group!, input);
  return report ? client.commitments.report(created.id, report) : created;
}

/** The element for the seeded group, signed in as `sub` (a visitor without). */
async function commitments(seeded: SeededCalendar, sub?: string, attributes: Record<string, string> = {}) {
  const all = {
    'api-url': apiUrl,
    'tenant-key': seeded.tenantKey,
    'token-url': tokenUrl(seeded, sub),
    group: seeded.group!,
    lang: 'en',
    ...attributes,
  };
  const written = Object.entries(all).map(([name, value]) => `${name}="${value}"`);
  const element = await fixture<EkCommitments>(`<ek-commitments ${written.join(' ')}></ek-commitments>`);
  await settled(element);
  return element;
}

const all = (element: Element, selector: string) => [
  ...(element.shadowRoot ?? element).querySelectorAll<HTMLElement>(selector),
];
const button = (root: Element | ShadowRoot, label: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label)!;

describe('<ek-commitments>', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('shows the commitment due at the next meeting in its zone, and reports on it in two steps by keyboard', async () => {
    const seeded = await seed(MEETINGS);
    await commit(seeded, 'aino', {
      text: 'Contact **ten** customers',
      target: { value: 10, unit: 'customers' },
    });
    const element = await commitments(seeded, 'aino');

    const due = part(element, 'due')!;
    expect(text(due.querySelector('h3'))).to.equal('Your commitment');
    expect(due.querySelector('strong')?.textContent).to.equal('ten');
    expect(text(due)).to.contain('Target: 10 customers');
    // 09:00 in Helsinki whatever the browser's zone.
    expect(text(due.querySelector('.due'))).to.equal('Due at the meeting on Tue 3 Dec, 9:00');
    await expect(element).to.be.accessible();

    button(due, 'Partly').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => part(element, 'report'), 'the report form did not open');
    expectFocus(element, element.shadowRoot!.querySelector('textarea'));
    expect(text(part(element, 'report'))).to.contain('Your answer: Partly');
    await sendKeys({ type: 'Seven *good* calls' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '7' });
    const reported = oneEvent(element, 'ek-commitment-report');
    await sendKeys({ press: 'Enter' });
    const { detail } = await reported;
    expect(detail).to.deep.include({ status: 'partly', corrected: false });
    await until(() => part(element, 'report-shown'), 'the report did not show');
    expect(text(part(element, 'report-shown'))).to.equal(
      'Reported: Partly Achieved: 7 customers Seven good calls',
    );
    expect(part(element, 'report-shown')!.querySelector('em')?.textContent).to.equal('good');
    expect(text(part(element, 'message'))).to.equal('Your report is saved.');
    await until(() => active(element) === part(element, 'correct'), 'the focus did not move to "correct"');
    await expect(element).to.be.accessible();

    // Stored: a new element shows the report too.
    const again = await commitments(seeded, 'aino');
    expect(text(part(again, 'report-shown'))).to.contain('Reported: Partly');
  });

  it('sets the next commitment from an example, with a target and who sees it', async () => {
    const seeded = await seed(MEETINGS);
    const element = await commitments(seeded, 'aino');
    const form = part(element, 'set')!;
    expect(text(form.querySelector('h3'))).to.equal('Your next commitment');
    expect(all(element, '[part~="example"]').map(text)).to.deep.equal([
      'Contact ten potential customers',
      'Block two mornings a week for bookkeeping',
      'Sell something every single day for three weeks',
    ]);
    all(element, '[part~="example"]')[1]!.click();
    const field = form.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(field.value).to.equal('Block two mornings a week for bookkeeping');
    expectFocus(element, field);
    form.querySelector<HTMLInputElement>('input[name="target"]')!.value = '6';
    form.querySelector<HTMLInputElement>('input[name="unit"]')!.value = 'mornings';
    form.querySelector<HTMLInputElement>('input[value="facilitators"]')!.click();
    const set = oneEvent(element, 'ek-commitment-set');
    form.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    const { detail } = await set;
    expect(detail.groupId).to.equal(seeded.group);
    expect(detail.carriedFromId).to.equal(null);
    await until(() => part(element, 'due'), 'the new commitment did not show');
    expect(text(part(element, 'due'))).to.contain('Target: 6 mornings');
    await until(
      () => text(active(element)) === 'Done',
      'the focus did not move to the new commitment’s status buttons',
    );
    const stored = await as(seeded, 'aino').commitments.get(detail.commitmentId);
    expect(stored).to.deep.include({
      visibility: 'facilitators',
      text: 'Block two mornings a week for bookkeeping',
    });
  });

  it('names what is wrong and keeps what was typed', async () => {
    const seeded = await seed(MEETINGS);
    const element = await commitments(seeded, 'aino');
    const form = part(element, 'set')!;
    form.querySelector<HTMLTextAreaElement>('textarea')!.value = 'Call [them](javascript:alert(1))';
    form.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await until(() => text(part(element, 'message')), 'no message');
    expect(text(part(element, 'message'))).to.equal(
      'Write the commitment in at most 500 characters; links may go only to web or e-mail addresses.',
    );
    expect(part(element, 'message')!.getAttribute('role')).to.equal('alert');
    expect(form.querySelector<HTMLTextAreaElement>('textarea')!.value).to.equal(
      'Call [them](javascript:alert(1))',
    );
    expect((await as(seeded, 'aino').commitments.list(seeded.group!)).items).to.deep.equal([]);
  });

  it('shows the peers’ shared commitments, never their private ones, and my history with a carry-over linked', async () => {
    const seeded = await seed(MEETINGS);
    await commit(
      seeded,
      'salla',
      { text: 'Update the web shop' },
      { status: 'done', reflection: 'It is live.' },
    );
    await commit(seeded, 'salla', { text: 'Secret plan', visibility: 'private' });
    const old = await commit(seeded, 'aino', { text: 'Hire a bookkeeper' }, { status: 'not_done' });
    await as(seeded, 'aino').commitments.create(seeded.group!, {
      text: 'Hire a bookkeeper, really',
      carried_from_id: old.id,
    });
    const element = await commitments(seeded, 'aino');

    const shared = part(element, 'shared')!;
    expect(text(shared)).to.contain('Salla Salo');
    expect(text(shared)).to.contain('Update the web shop');
    expect(text(shared)).to.contain('Reported: Done');
    expect(text(shared)).to.contain('It is live.');
    expect(text(element.shadowRoot!.querySelector('[part="base"]'))).not.to.contain('Secret plan');

    const history = part(element, 'history')!;
    expect(all(history, 'li').map((li) => text(li.querySelector('.text')))).to.deep.equal([
      'Hire a bookkeeper, really',
      'Hire a bookkeeper',
    ]);
    const link = button(history, 'Carried over from: Hire a bookkeeper');
    link.focus();
    await sendKeys({ press: 'Enter' });
    expectFocus(element, history.querySelector(`#history-${old.id}`));
    await expect(element).to.be.accessible();
  });

  it('says there is no due date yet when the group has no meeting', async () => {
    const seeded = await seed([]);
    await commit(seeded, 'aino', { text: 'Write a price list' });
    const element = await commitments(seeded, 'aino');
    expect(text(part(element, 'due')!.querySelector('.due'))).to.equal(
      'No due date yet: the group has no meeting scheduled.',
    );
  });

  it('asks a visitor to sign in', async () => {
    const seeded = await seed(MEETINGS);
    const element = await commitments(seeded);
    const signIn = part<HTMLButtonElement>(element, 'sign-in')!;
    const asked = oneEvent(element, 'ek-auth-required');
    signIn.click();
    expect((await asked).detail.reason).to.equal('sign_in_required');
  });

  it('takes the facilitator through the round, private ones only as such', async () => {
    const seeded = await seed(MEETINGS);
    await commit(
      seeded,
      'aino',
      { text: 'Contact ten customers', target: { value: 10, unit: 'customers' } },
      {
        status: 'done',
        achieved: 12,
      },
    );
    await commit(seeded, 'salla', { text: 'Secret plan', visibility: 'private' });
    const element = await commitments(seeded, 'facilitator');
    button(element.shadowRoot!, 'Go through the round').click();
    await waitUntil(() => part(element, 'round'), 'the round did not open', { timeout: 5000 });
    await settled(element);
    const round = part(element, 'round')!;
    expect(text(round.querySelector('h3'))).to.equal('Tapaaminen 1');
    expect(all(round, 'li h4').map(text)).to.deep.equal(['Aino Virtanen', 'Salla Salo']);
    const [aino, salla] = all(round, 'li');
    expect(text(aino)).to.contain('Contact ten customers');
    expect(text(aino)).to.contain('Done');
    expect(text(aino)).to.contain('Achieved: 12 customers');
    expect(text(salla)).to.equal('Salla Salo Has a private commitment Not reported yet');
    expect(text(element.shadowRoot!.querySelector('[part="base"]'))).not.to.contain('Secret plan');
    expectFocus(element, round.querySelector('select'));
    await expect(element).to.be.accessible();
  });

  for (const [lang, heading, due] of [
    ['fi', 'Sitoumuksesi', 'Raportoidaan tapaamisessa'],
    ['sv', 'Ditt åtagande', 'Rapporteras på träffen'],
  ] as const) {
    it(`speaks ${lang}`, async () => {
      const seeded = await seed(MEETINGS);
      await commit(seeded, 'aino', { text: 'Myyn joka päivä' });
      const element = await commitments(seeded, 'aino', { lang });
      expect(text(part(element, 'due')!.querySelector('h3'))).to.equal(heading);
      expect(text(part(element, 'due')!.querySelector('.due'))).to.contain(due);
      await expect(element).to.be.accessible();
    });
  }

  for (const width of [360, 1280]) {
    it(`fits ${width} px without scrolling sideways`, async () => {
      await setViewport({ width, height: 900 });
      const seeded = await seed(MEETINGS);
      await commit(seeded, 'salla', { text: 'A long commitment '.repeat(20).trim() });
      await commit(seeded, 'aino', {
        text: 'Contact ten customers',
        target: { value: 10, unit: 'asiakaskontaktia' },
      });
      const element = await commitments(seeded, 'aino');
      const base = element.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
      await expect(element).to.be.accessible();
    });
  }

  it('gives <ek-session-calendar>’s session detail "your commitment due at this meeting" with a link to report', async () => {
    const seeded = await seed(MEETINGS);
    const c = await commit(seeded, 'aino', { text: 'Contact ten customers' });
    const calendar = await fixture(
      `<ek-session-calendar api-url="${apiUrl}" tenant-key="${seeded.tenantKey}" token-url="${tokenUrl(seeded, 'aino')}"
        group="${seeded.group}" lang="en" time-zone="Europe/Helsinki" commitments-url="/my-commitments"></ek-session-calendar>`,
    );
    await settled(calendar);
    const titles = all(calendar, '.title');
    titles[0]!.click();
    await until(() => part(calendar, 'commitment'), 'the line did not show');
    expect(text(part(calendar, 'commitment'))).to.equal(
      'Your commitment is due at this meeting. Report on it',
    );
    expect(part(calendar, 'commitment')!.querySelector('a')!.getAttribute('href')).to.equal(
      `/my-commitments#commitment-${c.id}`,
    );
    titles[0]!.click();
    titles[1]!.click();
    await until(() => part(calendar, 'detail'), 'the second detail did not open');
    expect(part(calendar, 'commitment')).to.equal(null);
    await expect(calendar).to.be.accessible();
  });
});
