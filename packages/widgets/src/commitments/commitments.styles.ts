import { css } from 'lit';

export const commitmentsStyles = css`
  [part='base'],
  section,
  form,
  [part~='commitment'],
  [part~='history'] li {
    display: grid;
    gap: var(--ek-space, 0.5rem);
    overflow-wrap: anywhere;
  }

  h3,
  h4,
  p,
  ul,
  ol {
    margin: 0;
    padding: 0;
    font-size: 1em;
    list-style: none;
  }

  h3 {
    font-size: 1.125em;
  }

  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ek-space, 0.5rem);
  }

  [part~='commitment'],
  [part~='history'] li {
    padding-block: var(--ek-space, 0.5rem);
    border-block-start: 1px solid color-mix(in srgb, currentColor 25%, transparent);
  }

  .text p + p {
    margin-block-start: 0.5em;
  }

  .due,
  .steps {
    font-size: 0.875em;
  }

  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
  }

  .status {
    padding: 0 0.5em;
    border-radius: var(--ek-radius, 0.375rem);
    background: color-mix(in srgb, currentColor 12%, transparent);
  }

  .status-done {
    background: color-mix(in srgb, var(--ek-done, #1a7f37) 25%, transparent);
  }

  label {
    display: grid;
    gap: 0.25em;
  }

  label.choice {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }

  textarea,
  input:not([type='radio']),
  select {
    box-sizing: border-box;
    width: 100%;
    min-height: 2.25em;
    font: inherit;
    color: inherit;
    background: var(--ek-field-background, Canvas);
  }

  .target {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: var(--ek-space, 0.5rem);
  }

  fieldset {
    display: grid;
    gap: 0.25em;
    margin: 0;
    border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
    border-radius: var(--ek-radius, 0.375rem);
  }

  [part~='message']:empty {
    display: none;
  }

  [part~='set-open'],
  [part~='round-open'] {
    justify-self: start;
  }
`;
