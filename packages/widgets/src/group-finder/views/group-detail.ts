import type { GroupDetail, GroupMember, Membership } from '@ekollega/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { ariaInvalid, renderFieldError, type FormErrors } from '../../kit/field-errors.js';
import type { Texts } from '../../kit/i18n/index.js';
import type { Key } from '../group-finder.js';
import type { MessageKey } from '../i18n/index.js';

/**
 * The detail dialog's content under the group's name, a chunk of its own: the finder's cards are
 * what every reader sees, the dialog what some open. The ground rules, the member's state, the
 * join form and leaving.
 */

/** What the dialog needs from the finder: the group, the form's state and the finder's actions. */
export interface GroupDetailView {
  group: GroupDetail;
  texts: Texts<MessageKey>;
  /** The group's status, description, facts and tags, as on its card with the detail's counts. */
  about: unknown;
  /** The reader's next step in the group, named by its button's label. */
  step: Key | undefined;
  /** The member's state in the group, in words. */
  mine: string;
  /** Whether the reader facilitates the group: told so, never offered to join. */
  facilitating: boolean;
  /** The facilitator page for this group, when the page gives one. */
  facilitatorUrl: string | undefined;
  /** Who is in the group, for its members and facilitators (`null` for anyone else, or while loading). */
  people: GroupMember[] | null;
  /** Whether the ground rules are ticked. */
  accepted: boolean;
  /** The answers to the intake questions by question id. */
  answers: Record<string, string>;
  /** The errors by field (`form` for the rest). */
  errors: FormErrors;
  /** Whether leaving waits for a confirmation. */
  confirming: boolean;
  onAccept: (event: Event) => void;
  onAnswer: (questionId: string, event: Event) => void;
  /** Submits the join form (`asking`: with the intake answers). */
  submit: (event: Event, asking: boolean) => void;
  /** Takes the offered place, which needs no form. */
  takePlace: () => void;
  /** Asks the host site to sign the visitor in. */
  signIn: () => void;
  /** Shows or hides the confirmation before leaving. */
  confirm: (confirming: boolean) => void;
  leave: () => void;
}

const t = (view: GroupDetailView, key: Key, values?: Record<string, string | number>): string =>
  view.texts.t(`group-finder.${key}`, values);

/** The group's detail, ground rules and what the reader can do in it. */
export function renderGroupDetail(view: GroupDetailView): TemplateResult {
  const { group } = view;
  return html`${view.about}
    <section aria-labelledby="rules-title">
      <h3 id="rules-title" tabindex="-1">${t(view, 'rules', { version: group.rules.version })}</h3>
      <p class="text" lang=${group.language}>${group.rules.text}</p>
    </section>
    ${view.people ? renderPeople(view, view.people) : nothing}
    <section class="join">${view.facilitating ? renderFacilitating(view) : renderJoin(view)}</section>`;
}

/** Who is in the group, facilitators first and marked: for the group's own members and facilitators. */
function renderPeople(view: GroupDetailView, people: GroupMember[]) {
  const sorted = [...people].sort(
    (a, b) =>
      Number(b.role === 'facilitator') - Number(a.role === 'facilitator') ||
      a.name.localeCompare(b.name, view.texts.locale),
  );
  return html`<section part="people" aria-labelledby="people-title">
    <h3 id="people-title">${t(view, 'people')}</h3>
    <ul class="people">
      ${sorted.map(
        (person) =>
          html`<li>
            ${person.name}${
              person.role === 'facilitator'
                ? html` <span class="role">(${t(view, 'role.facilitator')})</span>`
                : nothing
            }
          </li>`,
      )}
    </ul>
  </section>`;
}

/** A facilitator's own group: said so, with the way to the facilitator page when there is one. */
function renderFacilitating(view: GroupDetailView) {
  return html`<p part="membership" id="membership" tabindex="-1">${t(view, 'facilitating')}</p>
    ${
      view.facilitatorUrl
        ? html`<a part="facilitator-page" href=${view.facilitatorUrl}>${t(view, 'facilitator-page')}</a>`
        : nothing
    }`;
}

/** The member's state and what they can do next; a visitor's way to sign in. */
function renderJoin(view: GroupDetailView) {
  const mine = view.group.my_membership;
  if (mine === undefined) return renderStep(view);
  const current = mine && mine.status !== 'declined' ? mine : null;
  return html`${mine ? html`<p part="membership" id="membership" tabindex="-1">${view.mine}</p>` : nothing}
  ${renderStep(view)} ${current ? renderLeave(view, current) : nothing}
  ${renderFieldError('form-error', view.errors.form)}`;
}

/** Joining (asking, queueing) and accepting new rules go through the form; signing in and taking a place are a button. */
function renderStep(view: GroupDetailView) {
  const { step } = view;
  if (!step) return nothing;
  if (step !== 'sign-in-to-join' && step !== 'take-place') return renderJoinForm(view, step);
  const click = step === 'sign-in-to-join' ? view.signIn : view.takePlace;
  return html`<button part="join" type="button" @click=${click}>${t(view, step)}</button>`;
}

/** Accepting the ground rules, with the intake questions when asking to join (not when re-accepting); `label` is the submit's. */
function renderJoinForm(view: GroupDetailView, label: Key) {
  const { group, errors } = view;
  const asking = label !== 'accept-new-rules';
  const invalid = (field: string) => ariaInvalid(errors, field);
  const error = (field: string, id: string) => renderFieldError(id, errors[field]);
  return html`<form
    part="join-form"
    class="join"
    novalidate
    @submit=${(event: Event) => view.submit(event, asking)}
  >
    <label class="check">
      <input
        type="checkbox"
        id="accept"
        required
        .checked=${view.accepted}
        aria-invalid=${invalid('rules')}
        aria-describedby="accept-error"
        @change=${view.onAccept}
      />${t(view, 'accept-rules', { version: group.rules.version })}
    </label>
    ${error('rules', 'accept-error')}
    ${
      asking
        ? group.intake_questions.map(
            ({ id, text }) =>
              html`<label for="answer-${id}"
                  ><span lang=${group.language}>${text}</span>
                  <span aria-hidden="true">${t(view, 'required')}</span></label
                >
                <textarea
                  id="answer-${id}"
                  rows="3"
                  maxlength="2000"
                  required
                  .value=${view.answers[id] ?? ''}
                  aria-invalid=${invalid(`answers.${id}`)}
                  aria-describedby="answer-${id}-error"
                  @input=${(event: Event) => view.onAnswer(id, event)}
                ></textarea>
                ${error(`answers.${id}`, `answer-${id}-error`)}`,
          )
        : nothing
    }
    <button part="join" type="submit">${t(view, label)}</button>
  </form>`;
}

function renderLeave(view: GroupDetailView, mine: Membership) {
  const label = t(view, `leave.${mine.status as 'pending' | 'member' | 'waitlisted' | 'offered'}`);
  return view.confirming
    ? html`<div class="actions" role="group" aria-labelledby="confirm">
        <span id="confirm">${t(view, 'confirm')}</span>
        <button part="leave" type="button" @click=${view.leave}>${label}</button>
        <button part="cancel" class="secondary" type="button" @click=${() => view.confirm(false)}>
          ${t(view, 'cancel')}
        </button>
      </div>`
    : html`<button part="leave" class="secondary" type="button" @click=${() => view.confirm(true)}>
        ${label}
      </button>`;
}
