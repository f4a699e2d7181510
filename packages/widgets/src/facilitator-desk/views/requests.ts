import type { JoinRequest } from '@ekollega/sdk';
import { html, nothing } from 'lit';
import { DeskAction, DeskConfirm, fieldsOf } from '../action.js';
import type { DeskContext, DeskSection } from '../desk-context.js';

/** Join requests to approve or decline with a reason, the waitlist in its order, and open offers. */
class RequestsSection implements DeskSection {
  #requests: JoinRequest[] | null = null;
  #loadedFor: string | null = null;
  #declining: string | null = null;
  readonly #load: DeskAction;
  readonly #act: DeskAction;
  readonly #confirm: DeskConfirm;

  constructor(private readonly desk: DeskContext) {
    this.#load = new DeskAction(desk);
    this.#act = new DeskAction(desk);
    this.#confirm = new DeskConfirm(desk);
  }

  async #reload(groupId: string) {
    this.#loadedFor = groupId;
    const requests = await this.#load.run(() => this.desk.client.groups.requests(groupId));
    if (requests && this.#loadedFor === groupId) this.#requests = requests;
    this.desk.requestUpdate();
  }

  async #approve(groupId: string, request: JoinRequest) {
    const membership = await this.#act.run(
      () => this.desk.client.groups.approve(groupId, request.member.id),
      () => this.desk.texts.t('desk.approved', { name: request.member.name }),
    );
    if (!membership) return;
    this.desk.emit('ek-request-approve', { groupId, memberId: request.member.id, status: membership.status });
    this.desk.reloadGroups();
    await this.#reload(groupId);
    this.desk.focusSoon('[part~="section"] h3');
  }

  async #decline(event: Event, groupId: string, request: JoinRequest) {
    const { reason = '' } = fieldsOf(event);
    const membership = await this.#act.run(
      () => this.desk.client.groups.decline(groupId, request.member.id, reason),
      () => this.desk.texts.t('desk.declined', { name: request.member.name }),
    );
    if (!membership) return;
    this.#declining = null;
    this.desk.emit('ek-request-decline', { groupId, memberId: request.member.id });
    await this.#reload(groupId);
  }

  async #withdraw(groupId: string, request: JoinRequest) {
    const done = await this.#act.run(async () => {
      await this.desk.client.groups.removeMember(groupId, request.member.id);
      return true;
    });
    if (!done) return;
    this.desk.emit('ek-member-remove', { groupId, memberId: request.member.id });
    this.desk.reloadGroups();
    await this.#reload(groupId);
  }

  #card(groupId: string, request: JoinRequest) {
    const t = this.desk.texts;
    const answers = Object.entries(request.answers);
    return html`<li part="card" data-member=${request.member.id}>
      <h4>
        ${
          request.status === 'waitlisted'
            ? t.t('desk.waitlist-position', { position: request.waitlist_position ?? '' })
            : nothing
        }
        ${request.member.name}
      </h4>
      <span>${t.dateTime(request.requested_at)}</span>
      ${
        answers.length
          ? html`<dl aria-label=${t.t('desk.answers')}>
              ${answers.map(
                ([id, answer]) =>
                  html`<dt>${id}</dt>
                    <dd class="body">${answer}</dd>`,
              )}
            </dl>`
          : nothing
      }
      ${
        request.status === 'pending'
          ? html`<div class="actions">
                <button type="button" @click=${() => this.#approve(groupId, request)}>
                  ${t.t('desk.approve')}
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-expanded=${this.#declining === request.member.id}
                  @click=${() => {
                    this.#declining = this.#declining === request.member.id ? null : request.member.id;
                    this.desk.requestUpdate();
                    this.desk.focusSoon(`#reason-${request.member.id}`);
                  }}
                >
                  ${t.t('desk.decline')}
                </button>
              </div>
              ${
                this.#declining === request.member.id
                  ? html`<form @submit=${(event: Event) => this.#decline(event, groupId, request)}>
                      <label
                        >${t.t('desk.decline-reason')}<textarea
                          id="reason-${request.member.id}"
                          name="reason"
                          required
                          maxlength="500"
                        ></textarea>
                      </label>
                      <div class="actions">
                        <button type="submit" class="danger">${t.t('desk.decline')}</button>
                      </div>
                    </form>`
                  : nothing
              }`
          : nothing
      }
      ${
        request.status === 'offered'
          ? this.#confirm.render(`withdraw-${request.member.id}`, t.t('desk.withdraw-offer'), () =>
              this.#withdraw(groupId, request),
            )
          : nothing
      }
    </li>`;
  }

  render() {
    const t = this.desk.texts;
    const group = this.desk.group;
    if (!group) return html`<p>${t.t('desk.no-groups')}</p>`;
    if (this.#loadedFor !== group.id) {
      this.#requests = null;
      void this.#reload(group.id);
    }
    if (!this.#requests) return this.#load.failure ? this.#load.render() : nothing;
    const list = (status: JoinRequest['status'], title: string) => {
      const items = this.#requests!.filter((r) => r.status === status);
      return html`<h4>${title}</h4>
        ${
          items.length
            ? html`<ol class="cards" data-list=${status}>
                ${items.map((r) => this.#card(group.id, r))}
              </ol>`
            : html`<p>${t.t('desk.none')}</p>`
        }`;
    };
    return html`${this.#act.render()} ${list('pending', t.t('desk.pending'))}
    ${list('offered', t.t('desk.offers'))} ${list('waitlisted', t.t('desk.waitlist'))}`;
  }
}

export const create = (desk: DeskContext): DeskSection => new RequestsSection(desk);
