import { css } from 'lit';

export const facilitatorDeskStyles = css`
  [part~='base'],
  [part~='section'],
  form,
  fieldset {
    display: grid;
    gap: var(--ek-space, 0.5rem);
    overflow-wrap: anywhere;
  }

  h2,
  h3,
  h4,
  p,
  ul,
  ol,
  dl {
    margin: 0;
  }

  [part~='nav'],
  .actions,
  .confirm {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--ek-space, 0.5rem) * 0.5);
    align-items: center;
  }

  /* One column on a phone, as many as fit on a wide page. */
  .cards,
  .fields {
    display: grid;
    gap: calc(var(--ek-space, 0.5rem) * 1.5);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
    padding: 0;
    list-style: none;
  }

  .fields {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
  }

  [part~='card'] {
    display: grid;
    gap: calc(var(--ek-space, 0.5rem) * 0.75);
    align-content: start;
    padding: var(--ek-space, 0.5rem);
    border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
    border-radius: var(--ek-radius, 0.375rem);
  }

  /* A card with its editor open takes the whole row. */
  .wide {
    grid-column: 1 / -1;
  }

  dd {
    overflow-wrap: normal;
  }

  label,
  .picker {
    display: grid;
    gap: 0.25em;
    align-content: start;
  }

  label.check {
    display: flex;
    gap: 0.5em;
    align-items: center;
  }

  input,
  select,
  textarea {
    background: var(--ek-field-background, Canvas);
  }

  textarea {
    min-height: 4em;
  }

  fieldset {
    margin: 0;
    padding: var(--ek-space, 0.5rem);
    border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
    border-radius: var(--ek-radius, 0.375rem);
  }

  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.125em 0.75em;
  }

  dd {
    margin: 0;
    min-width: 0;
  }

  .body {
    white-space: pre-wrap;
  }

  .badge {
    justify-self: start;
    padding: 0 0.4em;
    border: 1px solid currentColor;
    border-radius: var(--ek-radius, 0.375rem);
    font-size: 0.875em;
  }

  .holiday {
    font-weight: 600;
  }

  button.danger {
    border-color: var(--ek-danger, #a4262c);
    background: var(--ek-danger, #a4262c);
    color: #fff;
  }

  button.secondary.danger {
    background: transparent;
    color: inherit;
  }

  .failure {
    font-weight: 600;
  }

  .table {
    overflow-x: auto;
  }

  table {
    border-collapse: collapse;
  }

  th,
  td {
    padding: 0.25em 0.5em;
    border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent);
    text-align: start;
  }
`;
