import { EkCommitments } from './commitments.js';

// Harmless twice: two script tags, or this entry beside the full bundle, must not throw.
if (!customElements.get('ek-commitments')) customElements.define('ek-commitments', EkCommitments);

declare global {
  interface HTMLElementTagNameMap {
    'ek-commitments': EkCommitments;
  }
}
