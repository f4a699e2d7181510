import { EkGroupFinder } from './group-finder.js';

// Harmless twice: two script tags, or this entry beside the full bundle, must not throw.
if (!customElements.get('ek-group-finder')) customElements.define('ek-group-finder', EkGroupFinder);

declare global {
  interface HTMLElementTagNameMap {
    'ek-group-finder': EkGroupFinder;
  }
}
