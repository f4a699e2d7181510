import { aTimeout, expect, fixture, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { expectFocus, settled, text, until } from '../../test/helpers.js';
import { testApi } from '../../test/host-site.js';
import type { SeededDesk } from '../../test/desk-fixtures.js';
import '../commitments/define.js';
import './define.js';
import type { EkFacilitatorDesk } from './facilitator-desk.js';

const { apiUrl } = await testApi();

async function seed(): Promise<SeededDesk> {
  return (await (await fetch('/__test/desk', { method: 'POST' })).json()) as SeededDesk;
}

/** A desk of `seeded`'s association in English, signed in as `sub` (a visitor without). */
function desk(seeded: SeededDesk, sub?: string, lang = 'en') {
  const token = new URLSearchParams({ desk: seeded.desk, ...(sub ? { sub } : {}) });
  return fixture<EkFacilitatorDesk>(
    `<ek-facilitator-desk api-url="${apiUrl}" tenant-key="${seeded.tenantKey}" token-url="/__test/desk/token?${token}" lang="${lang}"></ek-facilitator-desk>`,
  );
}

const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];
const button = (el: Element, label: string, within = '') =>
  $$<HTMLButtonElement>(el, `${within} button`).find((b) => text(b) === label || text(b).startsWith(label))!;
const field = <T extends HTMLElement = HTMLInputElement>(form: Element, name: string) =>
  form.querySelector<T>(`[name="${name}"]`)!;

/** Opens a section from the navigation, by keyboard, and waits for it to show. */
async function open(el: EkFacilitatorDesk, label: string, ready: string) {
  button(el, label, '[part~="nav"]').focus();
  await sendKeys({ press: 'Enter' });
  await until(() => $(el, `[part~="section"] ${ready}`), `the ${label} section did not show ${ready}`);
}

/** Types into a field and submits its form, as a keyboard user would. */
async function type(input: HTMLElement, value: string) {
  input.focus();
  (input as HTMLInputElement).select?.();
  await sendKeys({ type: value });
}

describe('<ek-facilitator-desk>', () => {
  it('tells a member it is for facilitators, and asks the API nothing', async () => {
    const seeded = await seed();
    const asked: string[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      asked.push(String(input instanceof Request ? input.url : input));
      return original(input, init);
    };
    try {
      const el = await desk(seeded, 'aino');
      await settled(el);
      await aTimeout(300);
      expect(text($(el, '[part~="notice"]'))).to.equal(
        'This page is for the association’s facilitators and staff.',
      );
      expect($(el, '[part~="nav"]')).to.equal(null);
      expect(asked.filter((url) => url.startsWith(apiUrl))).to.deep.equal([]);
      await expect(el).to.be.accessible();

      const visitor = await desk(seeded);
      await settled(visitor);
      expect($(visitor, '[part~="sign-in"]')).to.not.equal(null);
      expect(asked.filter((url) => url.startsWith(apiUrl))).to.deep.equal([]);
    } finally {
      window.fetch = original;
    }
  });

  it('shows Helena her group with its counts, and edits its details; a failure keeps what was typed', async () => {
    const seeded = await seed();
    const el = await desk(seeded, 'helena');
    await settled(el);
    await until(() => $(el, '[data-group]'), 'no group card');
    const card = $(el, `[data-group="${seeded.group}"]`)!;
    expect($$(el, '[data-group]').length, 'only her own group').to.equal(1);
    expect(text(card.querySelector('h4'))).to.equal('Aamuryhmä');
    expect(text(card.querySelector('[data-count="members"]'))).to.equal('2');
    expect(text(card.querySelector('[data-count="places"]'))).to.equal('8');
    await until(() => text(card.querySelector('[data-count="offers"]')) === '0', 'offers not counted');

    button(el, 'Edit details').click();
    await until(() => $(el, `#name-${seeded.group}`), 'the editor did not open');
    const form = card.querySelector('form')!;
    const name = field(form, 'name');
    await type(name, 'x'.repeat(130));
    button(el, 'Save', 'form').click();
    await until(() => $(el, '[part~="failure"]'), 'no failure shown');
    expect(text($(el, '[part~="failure"]'))).to.match(/^Not done: /);
    expect(name.value).to.equal('x'.repeat(130));

    await type(name, 'Aamuryhmä Turku');
    const updated = oneEvent(el, 'ek-group-update');
    button(el, 'Save', 'form').click();
    expect((await updated).detail.groupId).to.equal(seeded.group);
    await until(() => text($(el, '[data-group] h4')) === 'Aamuryhmä Turku', 'the card kept the old name');
    await expect(el).to.be.accessible();
  });

  it('approves a request and declines one with a reason', async () => {
    const seeded = await seed();
    const el = await desk(seeded, 'helena');
    await settled(el);
    await open(el, 'Join requests', '[data-list="pending"]');
    expect(text($(el, '[data-list="pending"] [data-member="pekka"] h4'))).to.equal('Pekka Hakija');
    expect(text($(el, '[data-list="pending"] dd'))).to.equal('Vertaistukea.');
    await expect(el).to.be.accessible();

    const approved = oneEvent(el, 'ek-request-approve');
    button(el, 'Approve', '[data-member="pekka"]').click();
    const { detail } = await approved;
    expect(detail).to.deep.equal({ groupId: seeded.group, memberId: 'pekka', status: 'member' });
    await until(() => !$(el, '[data-list="pending"]'), 'the request stayed pending');
    expect(text($(el, '[role="status"]'))).to.equal('Pekka Hakija was approved.');
  });

  it('declines with a reason the member sees', async () => {
    const seeded = await seed();
    const el = await desk(seeded, 'helena');
    await settled(el);
    await open(el, 'Join requests', '[data-list="pending"]');
    button(el, 'Decline', '[data-member="pekka"]').click();
    await until(() => $(el, '#reason-pekka'), 'no reason field');
    expectFocus(el, $(el, '#reason-pekka'));
    await sendKeys({ type: 'Ryhmä on jo täynnä.' });
    const declined = oneEvent(el, 'ek-request-decline');
    $<HTMLButtonElement>(el, '[data-member="pekka"] form button')!.click();
    expect((await declined).detail.memberId).to.equal('pekka');
  });

  it('previews a series with its Finnish holidays before saving it, and cancels a meeting after asking', async () => {
    const seeded = await seed();
    const el = await desk(seeded, 'helena');
    await settled(el);
    await open(el, 'Meetings', '[data-list="sessions"]');
    button(el, 'Schedule a series').click();
    await until(() => $(el, '#series-title'), 'no series form');
    const form = $(el, '#series-title')!.closest('form')!;
    // Every other Thursday from 22 April 2027: the second is Ascension Day (6 May).
    field(form, 'date').value = '2027-04-22';
    field(form, 'every_weeks').value = '2';
    field(form, 'count').value = '3';
    button(el, 'Preview the dates').click();
    await until(() => $(el, '[data-list="preview"]'), 'no preview');
    const dates = $$(el, '[data-list="preview"] li').map(text);
    expect(dates).to.have.length(3);
    expect(dates[1]).to.contain('Public holiday: Ascension Day');
    expect($$(el, '[data-list="sessions"] li').length, 'nothing saved by the preview').to.equal(1);

    const created = oneEvent(el, 'ek-series-create');
    button(el, 'Save the series').click();
    expect((await created).detail.sessionIds).to.have.length(3);
    await until(() => $$(el, '[data-list="sessions"] > li').length === 4, 'the series is not listed');

    const last = $$(el, '[data-list="sessions"] > li').at(-1)!;
    const id = last.dataset.session!;
    const cancel = button(el, 'Cancel the meeting', `[data-session="${id}"]`);
    cancel.click();
    await until(() => $(el, `[data-confirmed="cancel-${id}"]`), 'no confirmation');
    expectFocus(el, $(el, `[data-confirmed="cancel-${id}"]`));
    const cancelled = oneEvent(el, 'ek-session-cancel');
    await sendKeys({ press: 'Enter' });
    expect((await cancelled).detail).to.deep.equal({ sessionId: id, applyTo: 'this' });
    await until(
      () => text($(el, `[data-session="${id}"] .badge`)) === 'Cancelled',
      'the meeting is not shown cancelled',
    );
  });

  it('ticks who came from the RSVP answers and saves it in one go, then counts it over the series', async () => {
    const seeded = await seed();
    const el = await desk(seeded, 'helena');
    await settled(el);
    await open(el, 'Attendance', 'fieldset');
    const box = (id: string) => $<HTMLInputElement>(el, `input[data-member="${id}"]`)!;
    expect(box('aino').checked, 'Aino said yes').to.equal(true);
    expect(box('bjorn').checked, 'Björn said no').to.equal(false);
    await until(
      () => text($(el, '[data-table="summary"] tr[data-member="aino"] td')) === '0 / 1',
      'no attendance over the series before saving',
    );
    box('bjorn').focus();
    await sendKeys({ press: 'Space' });
    const saved = oneEvent(el, 'ek-attendance');
    button(el, 'Save the attendance').click();
    expect((await saved).detail).to.deep.equal({
      sessionId: seeded.meeting,
      attended: ['aino', 'bjorn'],
      absent: [],
    });
    await until(
      () => text($(el, '[data-table="summary"] tr[data-member="bjorn"] td')) === '1 / 1',
      'the summary did not count Björn',
    );
    await expect(el).to.be.accessible();
  });

  it('ranks topics by votes and attaches one to a meeting', async () => {
    const seeded = await seed();
    const el = await desk(seeded, 'helena');
    await settled(el);
    await open(el, 'Topics', '[data-list="topics"]');
    expect($$(el, '[data-list="topics"] > li h4').map(text)).to.deep.equal(['Hinnoittelu', 'Ajanhallinta']);
    expect(text($(el, '[data-list="topics"] .badge'))).to.equal('2 votes');
    button(el, 'Attach to a meeting', `[data-topic="${seeded.topics[0]}"]`).click();
    await until(() => $(el, `#attach-${seeded.topics[0]}`), 'no meeting select');
    const attached = oneEvent(el, 'ek-topic-attach');
    $<HTMLButtonElement>(el, `[data-topic="${seeded.topics[0]}"] form button`)!.click();
    expect((await attached).detail.sessionId).to.equal(seeded.meeting);
  });

  it('goes through the check-in round of the chosen group, with the meeting on now chosen', async () => {
    const seeded = await seed();
    const el = await desk(seeded, 'helena');
    await settled(el);
    await open(el, 'Check-in round', 'ek-commitments');
    const round = $(el, '[part~="section"] ek-commitments')!;
    expect(round.getAttribute('group')).to.equal(seeded.group);
    expect(round.getAttribute('view')).to.equal('round');
    // The element takes the desk's settings and asks the API for the round as Helena.
    const select = () => round.shadowRoot?.querySelector<HTMLSelectElement>('[part~="round"] select');
    await until(select, 'the round did not show its meetings');
    expect(select()!.value).to.equal(seeded.meeting);
    await until(
      () =>
        text(round.shadowRoot!.querySelector('[part~="round"]')).includes(
          'No commitments are due at this meeting.',
        ),
      'the round did not say that nothing is due',
    );
  });

  it('hides a reported post and reveals its anonymous author with a reason', async () => {
    const seeded = await seed();
    const el = await desk(seeded, 'helena');
    await settled(el);
    await open(el, 'Moderation', '[data-list="queue"]');
    const post = () => $(el, `[data-post="${seeded.question}"]`)!;
    expect(text(post())).to.contain('Osta halvalla!');
    expect(text(post())).to.contain('Anonymous member');
    expect(text(post())).to.contain('1 report');
    expect(text(post())).to.contain('Mainostusta');

    button(el, 'Reveal the author', `[data-post="${seeded.question}"]`).click();
    await until(() => $(el, `#reveal-${seeded.question}`), 'no reason field');
    await sendKeys({ type: 'Mainostaa ryhmässä' });
    const revealed = oneEvent(el, 'ek-moderate');
    $<HTMLButtonElement>(el, `[data-post="${seeded.question}"] form button`)!.click();
    expect((await revealed).detail.action).to.equal('reveal');
    await until(() => text(post()).includes('Written by Aino Virtanen'), 'the author is not shown');

    const hidden = oneEvent(el, 'ek-moderate');
    button(el, 'Hide', `[data-post="${seeded.question}"]`).click();
    expect((await hidden).detail).to.deep.equal({
      postId: seeded.question,
      questionId: seeded.question,
      action: 'hide',
    });
    await until(() => text(post()).includes('Hidden'), 'not shown hidden');
    await expect(el).to.be.accessible();
  });

  it('is usable on a 360 px phone, in Finnish and Swedish', async () => {
    const seeded = await seed();
    await setViewport({ width: 360, height: 720 });
    try {
      const fi = await desk(seeded, 'helena', 'fi');
      await settled(fi);
      expect(text($(fi, 'h2'))).to.equal('Fasilitaattorin työpöytä');
      await open(fi, 'Tapaamiset', '[data-list="sessions"]');
      expect(fi.scrollWidth).to.be.at.most(360);
      expect($(fi, '[part~="base"]')!.scrollWidth).to.be.at.most(360);
      await expect(fi).to.be.accessible();
      const sv = await desk(seeded, 'helena', 'sv');
      await settled(sv);
      expect(button(sv, 'Träffar', '[part~="nav"]')).to.not.equal(undefined);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('lets an admin see every group and choose one', async () => {
    const seeded = await seed();
    const el = await desk(seeded, 'staff');
    await settled(el);
    await until(() => $$(el, '[data-group]').length === 2, 'the admin does not see both groups');
    expect($(el, '[part~="group-picker"]')).to.not.equal(null);
  });
});
