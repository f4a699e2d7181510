import { defineCE, expect, fixture, html, unsafeStatic, waitUntil } from '@open-wc/testing';
import { html as staticHtml } from 'lit/static-html.js';
import { EkElement } from '../kit/element.js';
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
    // The association's Swedish name on a Swedish page.
    expect(shadowText(status)).to.equal('Inloggad: Aino Virtanen · Egentliga Finlands Företagare');
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
    expect(shadowText(plain)).to.equal('Inloggad: Aino Virtanen · Egentliga Finlands Företagare');
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

  it('shows a visitor one sign-in button, the member status’s, and a line in the other widgets', async () => {
    // A widget that asks a visitor to sign in, as the calendar and the board do.
    const asking = defineCE(
      class extends EkElement {
        protected override render() {
          return html`<div part="base">${this.renderSignIn('sign_in_required')}</div>`;
        }
      },
    );
    const tag = unsafeStatic(asking);
    const provider = await fixture<EkProvider>(
      staticHtml`<ek-provider api-url=${apiUrl} tenant-key=${tenantKey} lang="fi" .getMemberToken=${async () => null}>
        <${tag}></${tag}>
        <ek-member-status></ek-member-status>
        <${tag}></${tag}>
      </ek-provider>`,
    );
    const [first, status, last] = [...provider.children] as HTMLElement[];
    await waitUntil(() => part(status!, 'sign-in'), 'the member status offered no sign-in');
    await waitUntil(
      () => part(first!, 'sign-in-more') && part(last!, 'sign-in-more'),
      'the other widgets kept their own sign-in buttons',
    );
    const buttons = [first, status, last].filter((element) => part(element!, 'sign-in'));
    expect(buttons).to.have.length(1);
    expect(text(part(first!, 'sign-in-more'))).to.equal('Kirjautumalla sisään näet lisää.');

    // Without the member status, the first widget in the page's order offers it.
    status!.remove();
    await waitUntil(() => part(first!, 'sign-in'), 'nobody offered to sign in');
    expect(part(last!, 'sign-in')).to.equal(null);
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
