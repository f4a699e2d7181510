import type { Round, Session } from '@ekollega/sdk';
import { html, nothing } from 'lit';
import type { Texts } from '../../kit/i18n/index.js';
import type { MessageKey } from '../i18n/index.js';

/**
 * The facilitators' check-in round (`view="round"`), a chunk of its own: only a group's
 * facilitators open it, so members' pages never load it.
 */

/** What the round needs from the element. */
export interface RoundView {
  /** The group's meetings to choose from. */
  sessions: Session[];
  /** The chosen meeting's id. */
  chosen: string;
  round: Round | null;
  texts: Texts<MessageKey>;
  /** Chooses another meeting. */
  choose: (sessionId: string) => void;
  renderMarkup: (source: string) => unknown;
  /** A meeting's date and time in its zone. */
  when: (at: string, zone: string) => string;
  number: (value: number) => string;
}

/** The meeting select and, by member name, each commitment due then with its report. */
export function renderRound(view: RoundView) {
  const { texts, round } = view;
  const t = (key: string, values?: Record<string, string | number>) =>
    texts.t(`commitments.${key}` as MessageKey, values);
  if (!view.sessions.length) return html`<p part="empty">${t('round.no-sessions')}</p>`;
  return html`<section part="round" aria-labelledby="round-heading">
    <h3 id="round-heading">${round?.session.title ?? ''}</h3>
    <label
      >${t('round.session')}
      <select @change=${(event: Event) => view.choose((event.target as HTMLSelectElement).value)}>
        ${view.sessions.map(
          (session) =>
            html`<option value=${session.id} ?selected=${session.id === view.chosen}>
              ${view.when(session.starts_at, session.time_zone)} · ${session.title}
            </option>`,
        )}
      </select></label
    >
    ${
      round && round.items.length
        ? html`<ol>
            ${round.items.map((entry) => {
              const c = entry.commitment;
              const status = entry.report_status ? t(`status.${entry.report_status}`) : t('history.open');
              return html`<li part="commitment" data-id=${c?.id ?? entry.member.id}>
                <h4>${entry.member.name}</h4>
                ${
                  c
                    ? html`<div class="text">${view.renderMarkup(c.text)}</div>
                        ${
                          c.target
                            ? html`<p>
                                ${t('target', { value: view.number(c.target.value), unit: c.target.unit })}
                              </p>`
                            : nothing
                        }`
                    : html`<p><em>${t('round.private')}</em></p>`
                }
                <p>
                  <span class="status ${entry.report_status ? `status-${entry.report_status}` : ''}"
                    >${status}</span
                  >
                </p>
                ${
                  c?.report && c.report.achieved !== null && c.target
                    ? html`<p>
                        ${t('achieved', { value: view.number(c.report.achieved), unit: c.target.unit })}
                      </p>`
                    : nothing
                }
                ${c?.report?.reflection ? html`<div class="text">${view.renderMarkup(c.report.reflection)}</div>` : nothing}
              </li>`;
            })}
          </ol>`
        : html`<p part="empty">${t('round.empty')}</p>`
    }
  </section>`;
}
