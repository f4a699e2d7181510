import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { DeskContext, DeskSection } from '../desk-context.js';

/**
 * The check-in round of the chosen group: each member's commitment due at a meeting (the one on
 * now, else the next; the facilitator can pick another) with its report, a private one only as
 * "has a private commitment". `<ek-commitments view="round">` shows it — the loader fetches its
 * chunk when it appears in the desk's shadow root — so the round reads the same here as on the
 * members' page, and the API decides again who may see it.
 */
class RoundSection implements DeskSection {
  constructor(private readonly desk: DeskContext) {}

  render() {
    const group = this.desk.group;
    if (!group) return html`<p>${this.desk.texts.t('desk.no-groups')}</p>`;
    // The desk's own settings go along; what it leaves unset comes from an <ek-provider> above.
    const { apiUrl, tenantKey, tokenUrl, getMemberToken, lang } = this.desk.settings;
    return html`<p>${this.desk.texts.t('desk.round-note')}</p>
      <ek-commitments
        group=${group.id}
        view="round"
        api-url=${ifDefined(apiUrl)}
        tenant-key=${ifDefined(tenantKey)}
        token-url=${ifDefined(tokenUrl)}
        lang=${ifDefined(lang || undefined)}
        .getMemberToken=${getMemberToken}
      ></ek-commitments>`;
  }
}

export const create = (desk: DeskContext): DeskSection => new RoundSection(desk);
