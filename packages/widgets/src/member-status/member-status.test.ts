import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import { settled, text } from '../../test/helpers.js';
import { memberToken, part, shadowText, testApi, tokenUrl } from '../../test/host-site.js';
import type { EkEventDetail } from '../kit/events.js';
import './define.js';
import { EkMemberStatus } from './member-status.js';

const { apiUrl, tenantKey, associationName, overrides } = await testApi();

interface Setup {
  lang?: string;
  tokenUrl?: string;
  apiUrl?: string;
}

function memberStatus(setup: Setup = {}) {
  return fixture<EkMemberStatus>(
    html`<ek-member-status
      api-url=${setup.apiUrl ?? apiUrl}
      tenant-key=${tenantKey}
      token-url=${ifDefined(setup.tokenUrl)}
      lang=${ifDefined(setup.lang)}
    ></ek-member-status>`,
  );
}

const aino = tokenUrl({ sub: 'aino' });
const visitor = tokenUrl();

describe('<ek-member-status>', () => {
  it('shows the signed-in member and their association', async () => {
    const element = await memberStatus({ lang: 'fi', tokenUrl: aino });
    await settled(element);
    expect(shadowText(element)).to.equal(`Kirjautunut: Aino Virtanen · ${associationName}`);
    expect(text(part(element, 'name'))).to.equal('Aino Virtanen');
    expect(text(part(element, 'association'))).to.equal(associationName);
  });

  it('shows a placeholder, named for screen readers, while loading', async () => {
    const element = await memberStatus({ lang: 'fi', tokenUrl: aino });
    expect(part(element, 'skeleton')).to.not.equal(null);
    expect(text(element.shadowRoot!.querySelector('[role="status"]'))).to.equal('Ladataan…');
    await settled(element);
  });

  it('offers a visitor a sign-in button that fires ek-auth-required from the keyboard', async () => {
    const element = await memberStatus({ lang: 'fi', tokenUrl: visitor });
    await settled(element);
    const button = part<HTMLButtonElement>(element, 'sign-in')!;
    expect(text(button)).to.equal('Kirjaudu sisään');

    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement).to.equal(button);
    expect(getComputedStyle(button).outlineStyle).to.equal('solid');

    // Heard on `document`: the event leaves the shadow root and bubbles up to the host page.
    const required = oneEvent(document, 'ek-auth-required');
    await sendKeys({ press: 'Enter' });
    expect((await required).detail).to.deep.equal({ reason: 'sign_in_required' });
  });

  it('is signed out when it has no way to get a member token', async () => {
    const element = await memberStatus({ lang: 'en' });
    await settled(element);
    expect(part(element, 'sign-in')).to.not.equal(null);
  });

  it('treats a member token the API refuses as signed out, and tells the integrator why', async () => {
    const errors: EkEventDetail['ek-error'][] = [];
    const element = await fixture<EkMemberStatus>(
      html`<ek-member-status
        api-url=${apiUrl}
        tenant-key=${tenantKey}
        lang="en"
        token-url=${tokenUrl({ sub: 'aino', forged: true })}
        @ek-error=${(event: CustomEvent<EkEventDetail['ek-error']>) => errors.push(event.detail)}
      ></ek-member-status>`,
    );
    await settled(element);
    expect(part(element, 'sign-in')).to.not.equal(null);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ code: 'token_signature_invalid', status: 401 });
  });

  it('shows an error with a retry button when the token URL fails, and retry by keyboard recovers', async () => {
    const errors: EkEventDetail['ek-error'][] = [];
    const element = await fixture<EkMemberStatus>(
      html`<ek-member-status
        api-url=${apiUrl}
        tenant-key=${tenantKey}
        lang="fi"
        token-url=${tokenUrl({ sub: 'aino', failOnce: crypto.randomUUID() })}
        @ek-error=${(event: CustomEvent<EkEventDetail['ek-error']>) => errors.push(event.detail)}
      ></ek-member-status>`,
    );
    await settled(element);
    expect(part(element, 'error')!.getAttribute('role')).to.equal('alert');
    expect(shadowText(element)).to.equal(
      'Kirjautumistasi ei voitu tarkistaa. Yritä uudelleen. Yritä uudelleen',
    );
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ code: 'member_token_unavailable', status: 500 });

    part(element, 'retry')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(element, 'name'), 'retry did not recover');
    expect(text(part(element, 'name'))).to.equal('Aino Virtanen');
    // The retry button is gone; the keyboard user stays on the widget instead of the page's start.
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'base'));
  });

  it('finishes loading after being moved while it loaded', async () => {
    const element = await memberStatus({ lang: 'fi', tokenUrl: aino });
    const elsewhere = document.createElement('div');
    element.parentElement!.append(elsewhere);
    elsewhere.append(element);
    await settled(element);
    expect(text(part(element, 'name'))).to.equal('Aino Virtanen');
  });

  it('says so when the API cannot be reached', async () => {
    // Port 9 (discard) is closed here; the SDK retries a few times before it gives up.
    const element = await memberStatus({ lang: 'en', tokenUrl: aino, apiUrl: 'http://127.0.0.1:9' });
    await settled(element);
    expect(text(part(element, 'error'))).to.contain('The service cannot be reached.');
    expect(text(part(element, 'retry'))).to.equal('Try again');
  });

  it('speaks Finnish, Swedish and English by its lang attribute', async () => {
    const [fi, sv, en] = await Promise.all([
      memberStatus({ lang: 'fi', tokenUrl: visitor }),
      memberStatus({ lang: 'sv', tokenUrl: visitor }),
      memberStatus({ lang: 'en', tokenUrl: aino }),
    ]);
    await Promise.all([fi, sv, en].map(settled));
    expect(text(part(fi, 'sign-in'))).to.equal('Kirjaudu sisään');
    expect(text(part(sv, 'sign-in'))).to.equal('Logga in');
    expect(shadowText(en)).to.equal(`Signed in: Aino Virtanen · ${associationName}`);
    expect(part(sv, 'base')!.lang).to.equal('sv');
  });

  it('follows the closest lang on the page, and speaks Finnish when it is one it lacks', async () => {
    const page = await fixture<HTMLElement>(
      html`<div>
        <div lang="sv-FI">
          <ek-member-status api-url=${apiUrl} tenant-key=${tenantKey} token-url=${visitor}></ek-member-status>
        </div>
        <div lang="de">
          <ek-member-status api-url=${apiUrl} tenant-key=${tenantKey} token-url=${visitor}></ek-member-status>
        </div>
      </div>`,
    );
    const [swedish, german] = page.querySelectorAll('ek-member-status');
    await Promise.all([settled(swedish!), settled(german!)]);
    expect(text(part(swedish!, 'sign-in'))).to.equal('Logga in');
    expect(text(part(german!, 'sign-in'))).to.equal('Kirjaudu sisään');
  });

  it('follows a change of <html lang>', async () => {
    const root = document.documentElement;
    const before = root.getAttribute('lang');
    try {
      root.lang = 'fi';
      const element = await memberStatus({ tokenUrl: visitor });
      await settled(element);
      expect(text(part(element, 'sign-in'))).to.equal('Kirjaudu sisään');
      root.lang = 'sv';
      await waitUntil(() => text(part(element, 'sign-in')) === 'Logga in', 'the widget kept its language');
    } finally {
      if (before === null) root.removeAttribute('lang');
      else root.lang = before;
    }
  });

  it("shows the association's own wording over the catalogue", async () => {
    const element = await memberStatus({ lang: 'en', tokenUrl: visitor });
    await settled(element);
    expect(text(part(element, 'sign-in'))).to.equal(overrides.en['common.sign-in']);
  });

  it('loads again when the host page says the member signed in or out', async () => {
    let token: string | null = null;
    const element = await fixture<EkMemberStatus>(
      html`<ek-member-status
        api-url=${apiUrl}
        tenant-key=${tenantKey}
        lang="en"
        .getMemberToken=${async () => token}
      ></ek-member-status>`,
    );
    await settled(element);
    expect(part(element, 'sign-in')).to.not.equal(null);

    token = await memberToken('bertil', 'Bertil Lindqvist');
    document.dispatchEvent(new Event('ek-auth-changed'));
    await waitUntil(() => part(element, 'name'), 'the widget did not notice the sign-in');
    expect(text(part(element, 'name'))).to.equal('Bertil Lindqvist');

    token = null;
    element.refresh();
    await waitUntil(() => part(element, 'sign-in'), 'the widget kept the signed-out member');
  });

  it('passes axe signed in, signed out and on error', async () => {
    const states = await Promise.all([
      memberStatus({ lang: 'fi', tokenUrl: aino }),
      memberStatus({ lang: 'sv', tokenUrl: visitor }),
      memberStatus({ lang: 'en', tokenUrl: tokenUrl({ sub: 'aino', failOnce: crypto.randomUUID() }) }),
    ]);
    await Promise.all(states.map(settled));
    for (const element of states) await expect(element).to.be.accessible();
  });

  it('takes colours from --ek-accent and shape from ::part, and page CSS does not reach inside', async () => {
    const page = await fixture<HTMLElement>(
      html`<div>
        <style>
          .themed {
            --ek-accent: rgb(1, 2, 3);
          }
          .themed::part(sign-in) {
            border-radius: 0px;
          }
          button {
            display: none !important;
          }
        </style>
        <ek-member-status
          class="themed"
          api-url=${apiUrl}
          tenant-key=${tenantKey}
          token-url=${visitor}
        ></ek-member-status>
      </div>`,
    );
    const element = page.querySelector('ek-member-status')!;
    await settled(element);
    const style = getComputedStyle(part(element, 'sign-in')!);
    expect(style.backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(style.borderTopLeftRadius).to.equal('0px');
    expect(style.display).to.not.equal('none');
  });

  it('is hidden by the hidden attribute', async () => {
    const element = await memberStatus({ tokenUrl: visitor });
    element.hidden = true;
    expect(getComputedStyle(element).display).to.equal('none');
  });

  it('can be defined twice without harm', async () => {
    // A new module instance of define.ts, as when a page loads two bundles or one script twice.
    const again = './define.ts?again';
    await import(again);
    expect(customElements.get('ek-member-status')).to.equal(EkMemberStatus);
  });
});
