import { EkQaBoard } from './qa-board.js';

// Harmless twice: two script tags, or this entry beside the full bundle, must not throw.
if (!customElements.get('ek-qa-board')) customElements.define('ek-qa-board', EkQaBoard);

declare global {
  interface HTMLElementTagNameMap {
    'ek-qa-board': EkQaBoard;
  }
}
