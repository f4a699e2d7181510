import { EkProvider } from './provider.js';

// Harmless twice: two script tags, or this entry beside the full bundle, must not throw.
if (!customElements.get('ek-provider')) customElements.define('ek-provider', EkProvider);

declare global {
  interface HTMLElementTagNameMap {
    'ek-provider': EkProvider;
  }
}
