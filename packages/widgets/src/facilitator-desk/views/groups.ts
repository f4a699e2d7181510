import type { Group, GroupMember, UpdateGroup } from '@ekollega/sdk';
import { html, nothing } from 'lit';
import { DeskAction, DeskConfirm, fieldsOf } from '../action.js';
import type { DeskContext, DeskSection } from '../desk-context.js';

/**
 * "My groups": each group's members, waitlist, open offers, places left and next meeting; its
 * details to edit, its members to remove, and (admins) its facilitators.
 */
class GroupsSection implements DeskSection {
  #offers = new Map<string, number>();
  #offersFor = '';
  #editing: string | null = null;
  #members = new Map<string, GroupMember[]>();
  readonly #save: DeskAction;
  readonly #remove: DeskAction;
  readonly #confirm: DeskConfirm;

  constructor(private readonly desk: DeskContext) {
    this.#save = new DeskAction(desk);
    this.#remove = new DeskAction(desk);
    this.#confirm = new DeskConfirm(desk);
  }

  /** Open offers are in each group's requests: fetched once per list of groups. */
  #loadOffers(groups: Group[]) {
    const key = groups.map((g) => `${g.id}:${g.updated_at}`).join();
    if (key === this.#offersFor) return;
    this.#offersFor = key;
    void Promise.all(
      groups.map(async (g) => {
        const requests = await this.desk.client.groups.requests(g.id).catch(() => []);
        this.#offers.set(g.id, requests.filter((r) => r.status === 'offered').length);
      }),
    ).then(() => this.desk.requestUpdate());
  }

  async #openEditor(group: Group) {
    this.#editing = this.#editing === group.id ? null : group.id;
    this.#save.failure = null;
    this.#save.done = null;
    this.desk.requestUpdate();
    if (this.#editing) {
      const members = await this.#remove.run(() => this.desk.client.groups.members(group.id));
      if (members) this.#members.set(group.id, members);
      this.desk.focusSoon(`#name-${group.id}`);
    }
  }

  async #submit(event: Event, group: Group) {
    const fields = fieldsOf(event);
    const form = event.currentTarget as HTMLFormElement;
    const patch: UpdateGroup = {
      name: fields.name,
      description: fields.description,
      themes: (fields.themes ?? '')
        .split(',')
        .map((theme) => theme.trim())
        .filter(Boolean),
      language: fields.language as UpdateGroup['language'],
      format: fields.format as UpdateGroup['format'],
      capacity: Number(fields.capacity),
      join_policy: fields.join_policy as UpdateGroup['join_policy'],
      intake_questions: (fields.intake ?? '')
        .split('\n')
        .map((text) => text.trim())
        .filter(Boolean)
        .map((text, i) => ({ id: `q${i + 1}`, text })),
    };
    if (this.desk.me.admin) {
      patch.facilitator_ids = [
        ...form.querySelectorAll<HTMLInputElement>('input[name="facilitator"]:checked'),
      ].map((box) => box.value);
    }
    const saved = await this.#save.run(
      () => this.desk.client.groups.update(group.id, patch),
      () => this.desk.texts.t('desk.saved'),
    );
    if (saved) {
      this.desk.emit('ek-group-update', { groupId: group.id });
      this.desk.reloadGroups();
    }
  }

  async #removeMember(group: Group, member: GroupMember) {
    const done = await this.#remove.run(
      async () => {
        await this.desk.client.groups.removeMember(group.id, member.id);
        return true;
      },
      () => this.desk.texts.t('desk.removed', { name: member.name }),
    );
    if (done) {
      this.#members.set(
        group.id,
        (this.#members.get(group.id) ?? []).filter((m) => m.id !== member.id),
      );
      this.desk.emit('ek-member-remove', { groupId: group.id, memberId: member.id });
      this.desk.reloadGroups();
    }
  }

  #editor(group: Group) {
    const t = this.desk.texts;
    const members = this.#members.get(group.id) ?? [];
    const facilitatorIds = new Set(group.facilitators.map((f) => f.id));
    return html`<form @submit=${(event: Event) => this.#submit(event, group)}>
        <div class="fields">
          <label
            >${t.t('desk.name')}<input id="name-${group.id}" name="name" required .value=${group.name}
          /></label>
          <label
            >${t.t('desk.capacity')}<input
              name="capacity"
              type="number"
              min="2"
              max="100"
              .value=${String(group.capacity)}
          /></label>
          <label
            >${t.t('desk.language')}<select name="language">
              ${(['fi', 'sv', 'en'] as const).map(
                (lang) => html`<option value=${lang} ?selected=${group.language === lang}>${lang}</option>`,
              )}
            </select></label
          >
          <label
            >${t.t('desk.format')}<select name="format">
              ${(['online', 'in_person'] as const).map(
                (format) =>
                  html`<option value=${format} ?selected=${group.format === format}>
                    ${t.t(`desk.${format}`)}
                  </option>`,
              )}
            </select></label
          >
          <label
            >${t.t('desk.join-policy')}<select name="join_policy">
              ${(['open', 'approval'] as const).map(
                (policy) =>
                  html`<option value=${policy} ?selected=${group.join_policy === policy}>
                    ${t.t(`desk.policy.${policy}`)}
                  </option>`,
              )}
            </select></label
          >
        </div>
        <label
          >${t.t('desk.description')}<textarea name="description" .value=${group.description}></textarea>
        </label>
        <label>${t.t('desk.themes')}<input name="themes" .value=${group.themes.join(', ')} /></label>
        <label
          >${t.t('desk.intake')}<textarea
            name="intake"
            .value=${group.intake_questions.map((q) => q.text).join('\n')}
          ></textarea>
        </label>
        ${
          this.desk.me.admin
            ? html`<fieldset>
                <legend>${t.t('desk.facilitators')}</legend>
                ${members.map(
                  (m) =>
                    html`<label class="check"
                      ><input
                        type="checkbox"
                        name="facilitator"
                        value=${m.id}
                        ?checked=${facilitatorIds.has(m.id)}
                      />${m.name}</label
                    >`,
                )}
              </fieldset>`
            : nothing
        }
        <div class="actions">
          <button type="submit" aria-busy=${this.#save.busy}>${t.t('desk.save')}</button>
        </div>
        ${this.#save.render()}
      </form>
      <h4>${t.t('desk.members')}</h4>
      <ul class="cards">
        ${members
          .filter((m) => m.role === 'member')
          .map(
            (m) =>
              html`<li part="card">
                <span>${m.name}</span>
                ${this.#confirm.render(`remove-${m.id}`, t.t('desk.remove'), () => this.#removeMember(group, m))}
              </li>`,
          )}
      </ul>
      ${this.#remove.render()}`;
  }

  render() {
    const t = this.desk.texts;
    const groups = this.desk.groups;
    this.#loadOffers(groups);
    if (!groups.length) return html`<p>${t.t('desk.no-groups')}</p>`;
    return html`<ul class="cards">
      ${groups.map(
        (group) =>
          html`<li part="card" class=${this.#editing === group.id ? 'wide' : ''} data-group=${group.id}>
            <h4>${group.name}</h4>
            <dl>
              <dt>${t.t('desk.members')}</dt>
              <dd data-count="members">${group.member_count}</dd>
              <dt>${t.t('desk.waitlist')}</dt>
              <dd data-count="waitlist">${group.waitlist_count}</dd>
              <dt>${t.t('desk.offers')}</dt>
              <dd data-count="offers">${this.#offers.get(group.id) ?? '…'}</dd>
              <dt>${t.t('desk.places-left')}</dt>
              <dd data-count="places">${group.places_left}</dd>
              <dt>${t.t('desk.next-meeting')}</dt>
              <dd>
                ${
                  group.next_meeting_at
                    ? t.dateTime(group.next_meeting_at, group.rhythm?.time_zone)
                    : t.t('desk.no-next-meeting')
                }
              </dd>
            </dl>
            <button
              type="button"
              class="secondary"
              aria-expanded=${this.#editing === group.id}
              @click=${() => this.#openEditor(group)}
            >
              ${t.t('desk.edit')}
            </button>
            ${this.#editing === group.id ? this.#editor(group) : nothing}
          </li>`,
      )}
    </ul>`;
  }
}

export const create = (desk: DeskContext): DeskSection => new GroupsSection(desk);
