import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { part, testApi, tokenUrl } from '../../test/host-site.js';
import { elements } from '../elements.js';
import { autoload, type ElementImporter } from './autoload.js';

const { apiUrl, tenantKey } = await testApi();

/** Tags whose chunk the loader asked for, in order. */
const imported: string[] = [];
/** Tags in the order they were defined. */
const defined: string[] = [];

/** A stand-in for a later element (a facilitator's desk): a class with a shadow root, imported on demand. */
function later(tag: string, shadowContent = ''): ElementImporter {
  return async () => {
    imported.push(tag);
    return class extends HTMLElement {
      constructor() {
        super();
        this.attachShadow({ mode: 'open' }).innerHTML = shadowContent;
      }
    };
  };
}

const tags = {
  // The provider's chunk arrives last, as on a slow network, to show widgets still wait for it.
  'ek-provider': () => new Promise((wait) => setTimeout(wait, 300)).then(elements['ek-provider']),
  'ek-member-status': elements['ek-member-status'],
  'ek-qa-board': elements['ek-qa-board'],
  'ek-test-facilitator-desk': later('ek-test-facilitator-desk', '<ek-test-desk-panel></ek-test-desk-panel>'),
  'ek-test-desk-panel': later('ek-test-desk-panel'),
  'ek-test-added-later': later('ek-test-added-later'),
  'ek-test-already-defined': later('ek-test-already-defined'),
} satisfies Record<string, ElementImporter>;
for (const tag of Object.keys(tags)) customElements.whenDefined(tag).then(() => defined.push(tag));

let firstImports = 0;
autoload(tags, { beforeFirstImport: () => firstImports++ });

/** The URLs the page fetched (esbuild serves each source module at its own path). */
const fetched = () => performance.getEntriesByType('resource').map((entry) => entry.name);

describe('the loader', () => {
  it('defines the provider before a widget inside it, so the widget takes its settings', async () => {
    const provider = await fixture(
      html`<ek-provider api-url=${apiUrl} tenant-key=${tenantKey} token-url=${tokenUrl()} lang="sv"
        ><ek-member-status></ek-member-status
      ></ek-provider>`,
    );
    const status = provider.querySelector('ek-member-status')!;
    await waitUntil(() => part(status, 'sign-in'), 'the member status never showed its sign-in button', {
      timeout: 5000,
    });
    expect(part(status, 'sign-in')!.textContent!.trim()).to.equal('Logga in');
    expect(defined.indexOf('ek-provider')).to.be.lessThan(defined.indexOf('ek-member-status'));
    expect(firstImports).to.equal(1);
  });

  it('upgrades an element added to the page after it started', async () => {
    const element = document.createElement('ek-test-added-later');
    document.body.append(element);
    await customElements.whenDefined('ek-test-added-later');
    expect(element.matches(':defined')).to.equal(true);
    element.remove();
  });

  it('upgrades an element inside the shadow root of an element it upgraded, at once and added later', async () => {
    const desk = document.createElement('ek-test-facilitator-desk');
    document.body.append(desk);
    await customElements.whenDefined('ek-test-desk-panel');
    expect(desk.shadowRoot!.querySelector('ek-test-desk-panel')!.matches(':defined')).to.equal(true);

    const added = document.createElement('ek-test-added-later');
    desk.shadowRoot!.append(added);
    await waitUntil(() => added.matches(':defined'), 'the element in the shadow root was not upgraded');
    desk.remove();
  });

  it('never fetches an element that is not on the page: not the Q&A board, not a facilitator element', async () => {
    expect(fetched().some((url) => url.includes('/member-status/member-status.ts'))).to.equal(true);
    expect(fetched().some((url) => url.includes('/qa-board/'))).to.equal(false);
    expect(imported).not.to.include('ek-test-already-defined');
    expect(customElements.get('ek-qa-board')).to.equal(undefined);
  });

  it('imports a chunk once however many elements of its tag appear', async () => {
    const desks = [
      document.createElement('ek-test-facilitator-desk'),
      document.createElement('ek-test-facilitator-desk'),
    ];
    document.body.append(...desks);
    await waitUntil(() => desks.every((desk) => desk.matches(':defined')));
    expect(imported.filter((tag) => tag === 'ek-test-facilitator-desk')).to.have.length(1);
    desks.forEach((desk) => desk.remove());
  });

  it('is harmless twice: a second loader, a define entry, and a tag defined before it appears', async () => {
    autoload(tags);
    await import('../member-status/define.js');
    customElements.define('ek-test-already-defined', class extends HTMLElement {});
    const element = await fixture(html`<ek-test-already-defined></ek-test-already-defined>`);
    const status = await fixture(html`<ek-member-status></ek-member-status>`);
    await waitUntil(() => status.shadowRoot);
    expect(element.matches(':defined')).to.equal(true);
    expect(imported).not.to.include('ek-test-already-defined');
  });
});
