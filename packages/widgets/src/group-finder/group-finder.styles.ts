import { css } from 'lit';

export const groupFinderStyles = css`
  [part='base'] {
    display: grid;
    gap: var(--ek-space, 0.5rem);
    overflow-wrap: anywhere;
  }

  h2,
  h3,
  p,
  ul {
    margin: 0;
  }

  /* One column on a phone, as many as fit on a wide page: no breakpoint knows the host's layout. */
  [part='filters'],
  .cards {
    display: grid;
    gap: calc(var(--ek-space, 0.5rem) * 1.5);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
  }

  .cards {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
  }

  .cards,
  .tags {
    padding: 0;
    list-style: none;
  }

  label {
    display: grid;
    gap: 0.25em;
    align-content: start;
  }

  label.check {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }

  input,
  select,
  textarea {
    min-height: 2.25em;
    background: var(--ek-dialog-background, Canvas);
  }

  input[type='checkbox'] {
    min-height: 0;
    width: 1.25em;
    height: 1.25em;
    flex: none;
    accent-color: var(--ek-_accent);
  }

  [part='count'] {
    font-size: 0.9em;
  }

  .card,
  dialog {
    padding: calc(var(--ek-space, 0.5rem) * 2);
    border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
    border-radius: var(--ek-radius, 0.375rem);
  }

  .card {
    display: flex;
    flex-direction: column;
    gap: var(--ek-space, 0.5rem);
    height: 100%;
  }

  div.card {
    min-height: 12rem;
    background: color-mix(in srgb, currentColor 8%, transparent);
  }

  [part='badge'] {
    align-self: start;
    padding: 0 0.5em;
    border-radius: var(--ek-radius, 0.375rem);
    background: color-mix(in srgb, currentColor 12%, transparent);
    font-size: 0.875em;
  }

  .facts {
    padding-inline-start: 1.1em;
  }

  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    font-size: 0.875em;
  }

  [part='tag'] {
    padding: 0 0.5em;
    border: 1px solid color-mix(in srgb, currentColor 35%, transparent);
    border-radius: 1em;
  }

  [part='membership'],
  .field-error {
    font-weight: 600;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ek-space, 0.5rem);
    margin-top: auto;
  }

  [part='more'] {
    justify-self: start;
  }

  dialog {
    width: min(40rem, calc(100vw - 1rem));
    max-height: calc(100dvh - 1rem);
    background: var(--ek-dialog-background, Canvas);
    color: var(--ek-dialog-text, CanvasText);
  }

  dialog[open] {
    display: grid;
    gap: var(--ek-space, 0.5rem);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }

  .dialog-head {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: var(--ek-space, 0.5rem);
  }

  .text {
    white-space: pre-line;
  }

  /* The dialog's join section and the join form in it: a column of controls at their own width. */
  .join {
    display: grid;
    gap: var(--ek-space, 0.5rem);
    justify-items: start;
  }

  /* The intake questions (the only labels with a for attribute) and their answers: full width. */
  [for],
  textarea {
    display: block;
    justify-self: stretch;
  }

  /* Every field has a solid border (theme.ts): the invalid one's is twice as thick, in the text colour. */
  [aria-invalid='true'] {
    border: 2px solid;
  }
`;
