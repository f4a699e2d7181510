import { css } from 'lit';

/**
 * Styles every widget shares. Widgets inherit the host page's font and colour and follow its
 * `color-scheme`: neutral tones are mixed from `currentColor` (so they follow whatever text colour
 * the page uses), and the few colours of their own — the accent and its text, the error colour —
 * come in a light and a dark pair (`light-dark()`), each pair checked for contrast (theme.test.ts):
 * the accent's text at least 4.5:1 on it, the accent and the error colour at least 3:1 (focus
 * ring, icon) and 4.5:1 (error text) against white and against a dark page. Shadow DOM keeps the
 * page's selectors out; the few inherited properties that could garble a widget are reset.
 */
export const theme = css`
  :host {
    --ek-_accent: var(--ek-accent, light-dark(#0b5cad, #8cc4ff));
    --ek-_accent-text: var(--ek-accent-text, light-dark(#fff, #0b1a29));
    --ek-_danger: var(--ek-danger, light-dark(#b3261e, #ffb4ab));
    display: block;
    box-sizing: border-box;
    color: var(--ek-text, currentColor);
    background: var(--ek-surface, transparent);
    text-align: start;
    text-indent: 0;
    text-transform: none;
    white-space: normal;
  }

  :host([hidden]) {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  button {
    font: inherit;
    cursor: pointer;
    min-height: 2.25em;
    padding: calc(var(--ek-space, 0.5rem) * 0.5) calc(var(--ek-space, 0.5rem) * 1.5);
    border: 1px solid var(--ek-_accent);
    border-radius: var(--ek-radius, 0.375rem);
    background: var(--ek-_accent);
    color: var(--ek-_accent-text);
  }

  button:hover {
    filter: brightness(1.12);
  }

  button.secondary {
    background: transparent;
    color: inherit;
    border-color: currentColor;
  }

  /* A title that opens its item: a button (keyboard, focus, aria-expanded) that reads like a link. */
  button.title {
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font-weight: 600;
    text-align: start;
    text-decoration: underline;
  }

  /*
   * The ring stands 2px off the control, so it is seen against the page. It takes the page's text
   * colour, which contrasts with the page by construction — except on a filled button, whose own
   * text colour is the accent's text (white on a white page); there it takes the accent, which
   * the button already shows against the page.
   */
  :focus-visible {
    outline: 2px solid var(--ek-focus-ring, currentColor);
    outline-offset: 2px;
  }

  button:not(.secondary, .title):focus-visible {
    outline-color: var(--ek-focus-ring, var(--ek-_accent));
  }

  .skeleton {
    display: inline-block;
    width: 16em;
    max-width: 100%;
    height: 1em;
    vertical-align: middle;
    border-radius: var(--ek-radius, 0.375rem);
    background: color-mix(in srgb, currentColor 14%, transparent);
  }

  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: ek-pulse 1.2s ease-in-out infinite alternate;
    }
  }

  @keyframes ek-pulse {
    to {
      opacity: 0.45;
    }
  }

  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ek-space, 0.5rem);
  }

  /* Form fields look alike in every widget; an element adds only its background and sizing. */
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    min-width: 0;
    max-width: 100%;
    padding: 0.25em 0.5em;
    border: 1px solid color-mix(in srgb, currentColor 55%, transparent);
    border-radius: var(--ek-radius, 0.375rem);
  }

  /* A field with an error: a thicker border in the error colour, and the error line under it. */
  [aria-invalid='true'] {
    border-color: var(--ek-_danger);
    border-width: 2px;
  }

  .field-error {
    display: flex;
    align-items: flex-start;
    gap: 0.375em;
    margin: 0.25em 0 0;
    color: var(--ek-_danger);
    font-weight: 600;
  }

  /* Empty, the line stays in place (a live region must be there before its text) but takes no room. */
  .field-error.empty {
    margin: 0;
  }

  /* An exclamation mark in a circle, so an error is not told by its colour alone; silent to screen readers. */
  .field-error:not(.empty)::before {
    content: '!' / '';
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 1.2em;
    height: 1.2em;
    margin-top: 0.1em;
    border-radius: 50%;
    background: var(--ek-_danger);
    color: Canvas;
    font-size: 0.9em;
    line-height: 1;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
