import { css } from 'lit';

export const sessionCalendarStyles = css`
  [part='base'],
  [part~='week'],
  [part~='detail'] {
    display: grid;
    gap: var(--ek-space, 0.5rem);
    overflow-wrap: anywhere;
  }

  /* Padding and list-style change only the lists: the others have none, and hold no list items. */
  h3,
  h4,
  h5,
  p,
  ul {
    margin: 0;
    padding: 0;
    font-size: 1em;
    list-style: none;
  }

  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ek-space, 0.5rem);
  }

  input,
  select {
    min-height: 2.25em;
    margin-inline-start: 0.5em;
    background: var(--ek-field-background, Canvas);
  }

  /* The feed address fills its line and no more: a label's width, the field's border inside it. */
  .feed-url {
    display: grid;
    gap: 0.25em;
  }

  /* Border-box here too: what a details element holds does not inherit box-sizing from it in Chromium. */
  .feed-url input {
    box-sizing: border-box;
    width: 100%;
    margin: 0;
  }

  [part='feed'] {
    min-width: 0;
    max-width: 100%;
  }

  .meta {
    font-size: 0.875em;
  }

  [part='answered'] {
    font-weight: 600;
  }

  [part='topics'] {
    display: grid;
    gap: 0.5em;
    justify-items: start;
  }

  [part='topics'] form {
    width: 100%;
    align-items: end;
  }

  [part='topics'] label {
    display: grid;
    flex: 1 1 12em;
    gap: 0.25em;
  }

  [part='topics'] input {
    margin: 0;
  }

  [part='topics'] ul {
    display: grid;
    gap: 0.25em;
  }

  .vote[aria-pressed='true'] {
    background: var(--ek-_accent);
    color: var(--ek-_accent-text);
  }

  [part~='session'] {
    display: grid;
    gap: 0.25em;
    padding-block: var(--ek-space, 0.5rem);
    border-block-start: 1px solid color-mix(in srgb, currentColor 25%, transparent);
  }

  [part~='cancelled'] .title {
    text-decoration: line-through;
  }

  [part='badge'] {
    padding: 0 0.5em;
    border-radius: var(--ek-radius, 0.375rem);
    background: color-mix(in srgb, currentColor 12%, transparent);
    font-size: 0.875em;
    font-weight: 400;
  }

  [part~='detail'] {
    justify-items: start;
    padding-inline-start: var(--ek-space, 0.5rem);
    border-inline-start: 3px solid color-mix(in srgb, currentColor 25%, transparent);
  }

  .text {
    white-space: pre-line;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    table-layout: fixed;
    text-align: center;
  }

  /* Every week row has a day of the month, so the blank cells beside it get the same height. */
  [part~='day'] {
    height: 2.5em;
    cursor: pointer;
    border-radius: var(--ek-radius, 0.375rem);
  }

  [part~='has-sessions'] {
    font-weight: 700;
  }

  [part~='has-sessions']::after {
    content: '';
    display: block;
    width: 0.4em;
    height: 0.4em;
    margin: auto;
    border-radius: 50%;
    background: currentColor;
  }

  [aria-selected='true'] {
    background: var(--ek-_accent);
    color: var(--ek-_accent-text);
  }

  [part='more'] {
    justify-self: start;
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

  .skeletons {
    display: grid;
  }

  .skeleton-session {
    border-block-start: 1px solid color-mix(in srgb, currentColor 25%, transparent);
  }
`;
