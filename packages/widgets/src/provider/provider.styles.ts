import { css } from 'lit';

export const providerStyles = css`
  /* The provider only configures; it must not add a box to the host page's layout. */
  :host {
    display: contents;
  }

  :host([hidden]) {
    display: none;
  }
`;
