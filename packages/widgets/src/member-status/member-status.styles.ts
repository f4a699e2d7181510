import { css } from 'lit';

export const memberStatusStyles = css`
  /* A status line sits in a site header or beside a heading, so it flows with the text around it. */
  :host {
    display: inline-block;
  }

  [part='name'] {
    font-weight: 600;
  }
`;
