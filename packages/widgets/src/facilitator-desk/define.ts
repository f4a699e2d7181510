import { EkFacilitatorDesk } from './facilitator-desk.js';

// Harmless twice: two script tags, or this entry beside the full bundle, must not throw.
if (!customElements.get('ek-facilitator-desk'))
  customElements.define('ek-facilitator-desk', EkFacilitatorDesk);

declare global {
  interface HTMLElementTagNameMap {
    'ek-facilitator-desk': EkFacilitatorDesk;
  }
}
