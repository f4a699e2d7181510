import { css } from 'lit';

/**
 * Styles every widget shares. Widgets inherit the host page's font and colour, and take no side on
 * light or dark: `color-scheme` is inherited from the page, neutral tones are mixed from
 * `currentColor` (so they follow whatever text colour the page uses), and the accent is only ever
 * a fill behind `--ek-accent-text`, which reads on light and dark pages alike. Shadow DOM keeps
 * the page's selectors out; the few inherited properties that could garble a widget are reset.
 */
export const theme = css`
  :host {
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
    border: 1px solid var(--ek-accent, #0b5cad);
    border-radius: var(--ek-radius, 0.375rem);
    background: var(--ek-accent, #0b5cad);
    color: var(--ek-accent-text, #fff);
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

  /* The ring takes the page's text colour by default: it contrasts with the page by construction. */
  :focus-visible {
    outline: 2px solid var(--ek-focus-ring, currentColor);
    outline-offset: 2px;
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

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
