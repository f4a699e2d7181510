import { EkMemberStatus } from './member-status.js';

// Harmless twice: two script tags, or this entry beside the full bundle, must not throw.
if (!customElements.get('ek-member-status')) customElements.define('ek-member-status', EkMemberStatus);

declare global {
  interface HTMLElementTagNameMap {
    'ek-member-status': EkMemberStatus;
  }
}
