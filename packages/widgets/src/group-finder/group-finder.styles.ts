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

  /* The card's head: the facilitator's initials, the name with its first line, and one badge. */
  .card-head {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: start;
    gap: var(--ek-space, 0.5rem);
  }

  .head-text {
    display: grid;
    gap: 0.125em;
  }

  .avatar {
    display: inline-grid;
    place-items: center;
    width: 2.5em;
    height: 2.5em;
    border-radius: 50%;
    background: var(--ek-_accent);
    color: var(--ek-_accent-text);
    font-weight: 600;
    font-size: 0.9em;
    letter-spacing: 0.02em;
  }

  .when {
    font-size: 0.9em;
    font-weight: 600;
  }

  [part~='badge'] {
    padding: 0.1em 0.6em;
    border-radius: 1em;
    background: color-mix(in srgb, currentColor 10%, transparent);
    font-size: 0.8em;
    font-weight: 600;
    white-space: nowrap;
  }

  /* The reader's own place in the group stands out in the accent; a full or closed group is muted. */
  [part~='badge'].mine {
    background: var(--ek-_accent);
    color: var(--ek-_accent-text);
  }

  [part~='badge'].closed {
    background: transparent;
    border: 1px solid color-mix(in srgb, currentColor 45%, transparent);
  }

  .meter {
    display: grid;
    gap: 0.25em;
    font-size: 0.875em;
  }

  .meter .bar,
  .skeleton-card .meter .skeleton {
    display: block;
    width: 100%;
    height: 0.4em;
    border-radius: 0.2em;
    background: color-mix(in srgb, currentColor 14%, transparent);
    overflow: hidden;
  }

  .meter .bar > span {
    display: block;
    height: 100%;
    background: var(--ek-_accent);
  }

  .people {
    padding-inline-start: 1.1em;
  }

  .role {
    font-size: 0.875em;
  }

  .empty {
    display: grid;
    gap: var(--ek-space, 0.5rem);
    justify-items: start;
    padding: calc(var(--ek-space, 0.5rem) * 2);
    border: 1px dashed color-mix(in srgb, currentColor 35%, transparent);
    border-radius: var(--ek-radius, 0.375rem);
  }

  .skeleton-card .skeleton {
    display: block;
    max-width: none;
  }

  .skeleton-card .avatar {
    width: 2.5em;
    height: 2.5em;
    border-radius: 50%;
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

  [part='membership'] {
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

  .dialog-head .card-head {
    flex: 1;
  }

  /* "Sulje" must not break into "Su/lje" beside a long name at 360 px. */
  [part~='close'] {
    flex: none;
    overflow-wrap: normal;
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
`;
