import { css } from 'lit';

export const qaBoardStyles = css`
  [part='base'],
  .list,
  .form,
  .text,
  [part~='question'],
  [part~='answer'] {
    display: grid;
    gap: var(--ek-space, 0.5rem);
    overflow-wrap: anywhere;
  }

  h3,
  h4,
  p,
  ul,
  ol,
  pre {
    margin: 0;
  }

  .tags,
  .actions,
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--ek-space, 0.5rem);
  }

  .list,
  .tags {
    padding: 0;
    list-style: none;
  }

  [part~='question'],
  [part~='answer'],
  [part~='preview'] {
    padding: calc(var(--ek-space, 0.5rem) * 2);
    border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
    border-radius: var(--ek-radius, 0.375rem);
  }

  [part~='accepted'],
  [aria-invalid='true'] {
    border-width: 2px;
    border-color: currentColor;
  }

  label {
    display: grid;
    gap: 0.25em;
  }

  label.check {
    display: flex;
    gap: 0.5em;
  }

  input,
  select,
  textarea {
    background: transparent;
  }

  .meta,
  .tags {
    font-size: 0.875em;
  }

  /* "button": as specific as the theme's button.secondary, and later, so a pressed button shows it. */
  button[aria-pressed='true'] {
    background: var(--ek-_accent);
    color: var(--ek-_accent-text);
  }

  pre {
    white-space: pre-wrap;
  }

  .badge,
  .field-error {
    font-weight: 600;
  }

  /* Votes, answers and the accepted mark at a glance: small pills, filled where there is something. */
  .stats {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375em;
    font-size: 0.875em;
  }

  .stats span,
  [part~='score'],
  .badge {
    justify-self: start;
    padding: 0.125em 0.625em;
    border: 1px solid color-mix(in srgb, currentColor 35%, transparent);
    border-radius: 999px;
  }

  .stats .none {
    border-style: dashed;
    opacity: 0.8;
  }

  .score.voted,
  .badge {
    border-color: var(--ek-_accent);
    background: var(--ek-_accent);
    color: var(--ek-_accent-text);
  }

  .actions [part~='score'] {
    align-self: center;
  }

  .confirm {
    align-items: center;
  }

  .history {
    padding-inline-start: var(--ek-space, 0.5rem);
    border-inline-start: 3px solid color-mix(in srgb, currentColor 25%, transparent);
  }

  /* Loading placeholders shaped like what comes: a title, a line, a short line. */
  .skeleton-session,
  .skeleton-card {
    display: grid;
    gap: 0.4em;
    padding-block: var(--ek-space, 0.5rem);
  }

  .skeleton.title-bar {
    width: 14em;
    height: 1.2em;
  }

  .skeleton.short {
    width: 9em;
  }

  .skeleton-card {
    padding: calc(var(--ek-space, 0.5rem) * 2);
    border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
    border-radius: var(--ek-radius, 0.375rem);
  }

  .skeleton.pills {
    width: 12em;
    height: 1.4em;
    border-radius: 999px;
  }
`;
