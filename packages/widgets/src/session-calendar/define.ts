import { EkSessionCalendar } from './session-calendar.js';

// Harmless twice: two script tags, or this entry beside the full bundle, must not throw.
if (!customElements.get('ek-session-calendar'))
  customElements.define('ek-session-calendar', EkSessionCalendar);

declare global {
  interface HTMLElementTagNameMap {
    'ek-session-calendar': EkSessionCalendar;
  }
}
