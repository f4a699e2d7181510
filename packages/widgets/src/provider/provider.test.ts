import { defineCE, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { text } from '../../test/helpers.js';
import { memberToken, part, shadowText, testApi, tokenUrl } from '../../test/host-site.js';
import '../member-status/define.js';
import './define.js';
import { EkProvider } from './provider.js';

const { apiUrl, tenantKey, associationName } = await testApi();

const signedIn = (element: Element) =>
  waitUntil(() => part(element, 'name'), 'nobody showed as signed in', { timeout: 5000 });

describe('<ek-provider>', () => {
  it('gives its configuration to the widgets inside', async () => {
    const provider = await fixture<EkProvider>(
      html`<ek-provider
        api-url=${apiUrl}
        tenant-key=${tenantKey}
        token-url=${tokenUrl({ sub: 'aino' })}
        lang="sv"
      >
        <section><ek-member-status></ek-member-status></section>
      </ek-provider>`,
    );
    const status = provider.querySelector('ek-member-status')!;
    await signedIn(status);
    expect(shadowText(status)).to.equal(`Inloggad: Aino Virtanen · ${associationName}`);
  });

  it('reaches widgets inside another element’s shadow root', async () => {
    const tag = defineCE(
      class extends HTMLElement {
        connectedCallback() {
          this.attachShadow({ mode: 'open' }).innerHTML = '<ek-member-status></ek-member-status>';
        }
      },
    );
    const provider = await fixture<EkProvider>(
      html`<ek-provider
        api-url=${apiUrl}
        tenant-key=${tenantKey}
        token-url=${tokenUrl({ sub: 'aino' })}
        lang="en"
        >${document.createElement(tag)}</ek-provider
      >`,
    );
    const status = provider.firstElementChild!.shadowRoot!.querySelector('ek-member-status')!;
    await signedIn(status);
    expect(shadowText(status)).to.equal(`Signed in: Aino Virtanen · ${associationName}`);
  });

  it('yields to a widget’s own attributes', async () => {
    const provider = await fixture<EkProvider>(
      html`<ek-provider
        api-url=${apiUrl}
        tenant-key=${tenantKey}
        token-url=${tokenUrl({ sub: 'aino' })}
        lang="sv"
      >
        <ek-member-status id="plain"></ek-member-status>
        <ek-member-status
          id="own"
          lang="en"
          token-url=${tokenUrl({ sub: 'bertil', name: 'Bertil Lindqvist' })}
        ></ek-member-status>
      </ek-provider>`,
    );
    const plain = provider.querySelector('#plain')!;
    const own = provider.querySelector('#own')!;
    await Promise.all([signedIn(plain), signedIn(own)]);
    expect(shadowText(plain)).to.equal(`Inloggad: Aino Virtanen · ${associationName}`);
    expect(shadowText(own)).to.equal(`Signed in: Bertil Lindqvist · ${associationName}`);
  });

  it('refresh() loads the widgets inside again after the host signed a member in', async () => {
    let token: string | null = null;
    const provider = await fixture<EkProvider>(
      html`<ek-provider
        api-url=${apiUrl}
        tenant-key=${tenantKey}
        lang="fi"
        .getMemberToken=${async () => token}
      >
        <ek-member-status></ek-member-status>
      </ek-provider>`,
    );
    const status = provider.querySelector('ek-member-status')!;
    await waitUntil(() => part(status, 'sign-in'), 'the visitor was not offered to sign in');

    token = await memberToken('aino');
    provider.refresh();
    await signedIn(status);
    expect(text(part(status, 'name'))).to.equal('Aino Virtanen');
  });

  it('shares its API client with host scripts', async () => {
    const provider = await fixture<EkProvider>(
      html`<ek-provider
        api-url=${apiUrl}
        tenant-key=${tenantKey}
        token-url=${tokenUrl({ sub: 'aino' })}
      ></ek-provider>`,
    );
    const me = await provider.client!.me();
    expect(me.name).to.equal('Aino Virtanen');
  });

  it('adds no box to the page and can be defined twice without harm', async () => {
    const provider = await fixture<EkProvider>(html`<ek-provider></ek-provider>`);
    expect(getComputedStyle(provider).display).to.equal('contents');
    const again = './define.ts?again';
    await import(again);
    expect(customElements.get('ek-provider')).to.equal(EkProvider);
  });
});
