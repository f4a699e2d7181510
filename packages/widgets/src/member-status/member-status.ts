import { html } from 'lit';
import { EkElement } from '../kit/element.js';
import { EkLoad } from '../kit/load.js';
import { memberStatusStyles } from './member-status.styles.js';

/**
 * On a Swedish (or English) page the association's name is its `member-status.association` text
 * for that language when the association gives one (`/v1/config` `strings`, e.g.
 * `{ "sv": { "member-status.association": "Egentliga Finlands Företagare" } }`), else its own name.
 *
 * @summary Shows who is signed in and for which association, or a button that asks the host site
 * to sign the visitor in (inside `<ek-provider>`, the page's one sign-in button).
 *
 * @fires {CustomEvent<{ reason: string }>} ek-auth-required - The visitor pressed "Sign in"; start the host site's sign-in.
 * @fires {CustomEvent<{ code: string; message: string; status?: number }>} ek-error - Loading failed, or the API refused the member token.
 *
 * @csspart base - The status line.
 * @csspart name - The member's name.
 * @csspart association - The association's name.
 * @csspart sign-in - The sign-in button.
 * @csspart sign-in-more - In place of the sign-in button when another widget of the provider shows it: a line saying that signing in shows more.
 * @csspart skeleton - The placeholder while loading.
 * @csspart error - The error message with its retry button.
 * @csspart retry - The retry button.
 */
export class EkMemberStatus extends EkElement {
  static override styles = [EkElement.styles, memberStatusStyles];

  readonly #me = new EkLoad(this, { task: (_args, { client, signal }) => client.me({ signal }) });

  protected override render() {
    return html`<div part="base" tabindex="-1" lang=${this.texts.locale}>
      ${this.renderLoad(this.#me, (me) =>
        this.texts.parts('member-status.signed-in', {
          name: html`<span part="name">${me.name}</span>`,
          association: html`<span part="association"
            >${this.texts.t('member-status.association', { name: me.tenant.name })}</span
          >`,
        }),
      )}
    </div>`;
  }
}
