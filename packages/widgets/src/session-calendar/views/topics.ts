import type { Session, Topic } from '@ekollega/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { renderFieldError } from '../../kit/field-errors.js';
import type { Texts } from '../../kit/i18n/index.js';
import type { MessageKey } from '../i18n/index.js';

/**
 * The group's meeting topics in a group meeting's detail, a chunk of its own: only a member who
 * opens one of their group's meetings needs it. It sits beside the meeting because that is where
 * a member thinks about what to talk about next; the topic a meeting was planned around is marked.
 */

/** What the topics section needs from the calendar. */
export interface TopicsSection {
  session: Session;
  /** The group's topics, most backed first; `undefined` while they load. */
  topics: Topic[] | undefined;
  texts: Texts<MessageKey>;
  /** Backs a topic, or withdraws the backing. */
  vote: (topic: Topic) => void;
  /** Suggests the submitted form's topic. */
  suggest: (event: SubmitEvent) => void;
  /** The suggestion's error, if the last one failed. */
  error: string | undefined;
  /** The loading placeholder. */
  loading: () => unknown;
}

export function renderTopics(section: TopicsSection): TemplateResult {
  const { session, topics, texts } = section;
  const id = `topics-${session.id}`;
  const sorted = topics && [...topics].sort((a, b) => b.votes - a.votes);
  return html`<section part="topics" aria-labelledby=${id}>
    <h5 id=${id}>${texts.t('calendar.topics')}</h5>
    <p>${texts.t('calendar.topics-hint')}</p>
    ${
      !sorted
        ? section.loading()
        : sorted.length
          ? html`<ul>
              ${sorted.map(
                (topic) =>
                  html`<li part="topic" class="bar">
                    <button
                      class="secondary vote"
                      type="button"
                      aria-pressed=${topic.my_vote}
                      aria-label=${texts.t('calendar.back-topic', { title: topic.title })}
                      @click=${() => section.vote(topic)}
                    >
                      ▲
                    </button>
                    <span>${topic.title}</span>
                    <span class="meta">${texts.plural('calendar.topic-votes', topic.votes)}</span>
                    ${session.topic?.id === topic.id ? html`<strong part="badge">${texts.t('calendar.this-topic')}</strong>` : nothing}
                  </li>`,
              )}
            </ul>`
          : html`<p part="empty">${texts.t('calendar.topics-empty')}</p>`
    }
    <form class="bar" novalidate @submit=${section.suggest}>
      <label
        >${texts.t('calendar.topic-title')}
        <input
          name="title"
          autocomplete="off"
          aria-invalid=${section.error ? 'true' : 'false'}
          aria-describedby="${id}-error"
      /></label>
      <button type="submit">${texts.t('calendar.suggest')}</button>
    </form>
    ${renderFieldError(`${id}-error`, section.error)}
  </section>`;
}
