import { html } from 'lit';
import type { DeskContext, DeskSection } from '../desk-context.js';

/**
 * The check-in round of the next meeting: commitments set at the last meeting, reported on at
 * this one. Issue #12 adds them (`GET /v1/sessions/{id}/round`, `client.sessions.round`) on a
 * branch of its own; the desk shows this section only when the SDK has `sessions.round`, and this
 * view is the one place to render the round once that has landed.
 */
class RoundSection implements DeskSection {
  constructor(private readonly desk: DeskContext) {}

  render() {
    return html`<p data-placeholder="round">${this.desk.texts.t('desk.round-note')}</p>`;
  }
}

export const create = (desk: DeskContext): DeskSection => new RoundSection(desk);
