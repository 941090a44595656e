import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { StringsController } from '../i18n/controller.js';
import { define } from '../define.js';
import { isConferenceError } from '../../src/errors.js';
import type { Meeting, MeetingList, MeetingsApi } from '../../src/meetings/types.js';
import { readForm, renderForm } from './form.js';
import { ConfMeetingDeletedEvent, ConfMeetingJoinEvent, ConfMeetingLinkEvent, ConfMeetingSavedEvent } from './meetings-events.js';
import { confMeetingsStyles } from './conf-meetings.styles.js';

export type MeetingsTab = 'upcoming' | 'past';

/** The default invite link: this page with `?meeting=ID` (the demo's join-by-link URL). */
export const defaultMeetingUrl = (meeting: Meeting): string => {
  const url = new URL(location.pathname, location.origin);
  url.searchParams.set('meeting', meeting.id);
  return url.toString();
};

/**
 * @summary My meetings (docs/meetings.md): upcoming and past, paged, with Join and Copy-link
 * buttons, and a create/edit form (name, start and end as native date-time inputs, attendees,
 * record, public, chat). Edit and Delete are shown to the host only (`user-id` = `hostId`).
 *
 * Set `client` to a MeetingsApi: `new ConferenceClient({url, token}).meetings`, or a
 * `FakeMeetingsClient` from `conf-kit/testing`. Failures are shown in an alert (the server's
 * message, e.g. `endDate: must be >= startDate`).
 *
 * @event conf-meeting-join - Join pressed. `detail: { meeting, url }`.
 * @event conf-meeting-link - The invite link was copied. `detail: { meeting, url, copied }`.
 * @event conf-meeting-saved - Created or edited. `detail: { meeting, created }`.
 * @event conf-meeting-deleted - Deleted. `detail: { id }`.
 *
 * @csspart toolbar - Tabs and the New button.
 * @csspart tab - The Upcoming / Past tabs.
 * @csspart new-button - Opens the create form.
 * @csspart list - The meeting list.
 * @csspart meeting - One meeting (`data-id`).
 * @csspart join-button - Join.
 * @csspart link-button - Copy link.
 * @csspart edit-button - Edit (host only).
 * @csspart delete-button - Delete (host only; asks to confirm).
 * @csspart confirm-delete-button - Confirms the delete.
 * @csspart pager - Previous / next page.
 * @csspart form - The create/edit form.
 * @csspart input - Its text and date-time inputs.
 * @csspart save-button - Saves the form.
 * @csspart cancel-button - Closes the form.
 * @csspart error - The last failure.
 *
 * @cssproperty --conf-surface - Card background.
 * @cssproperty --conf-accent - Selected tab and primary buttons.
 */
export class ConfMeetings extends LitElement {
  static override styles = confMeetingsStyles;

  /** The meetings API (create/get/list/update/patch/delete). */
  @property({ attribute: false }) client?: MeetingsApi;
  /** Who is signed in: meetings they host get Edit and Delete. */
  @property({ attribute: 'user-id' }) userId = '';
  /** Meetings per page (1..100). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;
  /** Upcoming (end in the future) or past meetings. */
  @property({ reflect: true }) tab: MeetingsTab = 'upcoming';
  /** The invite URL of a meeting (default: this page with `?meeting=ID`). */
  @property({ attribute: false }) meetingUrl: (meeting: Meeting) => string = defaultMeetingUrl;

  @state() private page = 0;
  @state() private result: MeetingList | null = null;
  @state() private loading = false;
  @state() private error = '';
  /** null: no form; 'new'; or the meeting being edited. */
  @state() private editing: Meeting | 'new' | null = null;
  @state() private confirmDelete: string | null = null;
  @state() private copied: string | null = null;
  @state() private busy = false;

  readonly #t = new StringsController(this);
  #loadSeq = 0;

  /** Reloads the current page. */
  async refresh(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const seq = ++this.#loadSeq;
    const now = Math.floor(Date.now() / 1000);
    const limit = Math.min(100, Math.max(1, Math.floor(this.pageSize) || 10));
    this.loading = true;
    try {
      const result = await client.list({ limit, offset: this.page * limit, endDate: this.tab === 'upcoming' ? { gte: now } : { lt: now } });
      if (seq !== this.#loadSeq) return;
      if (result.items.length === 0 && this.page > 0 && result.total > 0) {
        this.page = Math.max(0, Math.ceil(result.total / limit) - 1);
        return;
      }
      this.result = result;
      this.error = '';
    } catch (error) {
      if (seq === this.#loadSeq) this.#fail(error);
    } finally {
      if (seq === this.#loadSeq) this.loading = false;
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('tab') || changed.has('pageSize') || changed.has('client')) this.page = 0;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('client') || changed.has('tab') || changed.has('page') || changed.has('pageSize')) void this.refresh();
  }

  #fail(error: unknown): void {
    this.error = isConferenceError(error) || error instanceof Error ? error.message : String(error);
  }

  async #run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await action();
      this.error = '';
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = false;
    }
  }

  #onSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const client = this.client;
    const fields = readForm(e.target as HTMLFormElement, this.#t.value);
    if (!client) return;
    if ('error' in fields) {
      this.error = fields.error;
      return;
    }
    const editing = this.editing;
    void this.#run(async () => {
      const meeting = editing && editing !== 'new' ? await client.update(editing.id, { ...fields, scheduled: editing.scheduled || fields.scheduled }) : await client.create(fields);
      this.editing = null;
      this.dispatchEvent(new ConfMeetingSavedEvent({ meeting, created: editing === 'new' }));
      await this.refresh();
    });
  };

  #delete(meeting: Meeting): void {
    const client = this.client;
    if (!client) return;
    void this.#run(async () => {
      await client.delete(meeting.id);
      this.confirmDelete = null;
      this.dispatchEvent(new ConfMeetingDeletedEvent({ id: meeting.id }));
      await this.refresh();
    });
  }

  async #copy(meeting: Meeting): Promise<void> {
    const url = this.meetingUrl(meeting);
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false;
    }
    this.copied = copied ? meeting.id : null;
    if (!copied) this.error = url;
    this.dispatchEvent(new ConfMeetingLinkEvent({ meeting, url, copied }));
  }

  #renderMeeting(m: Meeting) {
    const t = this.#t.value;
    const fmt = (s: number) => new Date(s * 1000).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
    const isHost = !!this.userId && m.hostId === this.userId;
    const flags = [m.public ? t.meetingFlags.public : t.meetingFlags.private, ...(m.record ? [t.meetingFlags.record] : []), ...(m.withChat ? [t.meetingFlags.chat] : [])];
    const headingId = `m-${m.id}`;
    return html`<li part="meeting" data-id=${m.id} aria-labelledby=${headingId}>
      <p class="name" id=${headingId}>${m.name}</p>
      <p class="meta">${t.meetingWhen(fmt(m.startDate), fmt(m.endDate))} · ${flags.join(' · ')} · ${t.meetingHostedBy(m.hostId)}</p>
      <div class="actions">
        <button part="join-button" class="primary" aria-describedby=${headingId}
          @click=${() => this.dispatchEvent(new ConfMeetingJoinEvent({ meeting: m, url: this.meetingUrl(m) }))}>${t.meetingJoin}</button>
        <button part="link-button" aria-describedby=${headingId} @click=${() => this.#copy(m)}>${this.copied === m.id ? t.meetingLinkCopied : t.meetingCopyLink}</button>
        ${isHost
          ? html`<button part="edit-button" aria-describedby=${headingId} @click=${() => ((this.editing = m), (this.confirmDelete = null))}>${t.meetingEdit}</button>
              ${this.confirmDelete === m.id
                ? html`<button part="confirm-delete-button" ?disabled=${this.busy} @click=${() => this.#delete(m)}>${t.meetingDeleteConfirm(m.name)}</button>
                    <button part="cancel-button" @click=${() => (this.confirmDelete = null)}>${t.meetingCancel}</button>`
                : html`<button part="delete-button" aria-describedby=${headingId} @click=${() => (this.confirmDelete = m.id)}>${t.meetingDelete}</button>`}`
          : nothing}
      </div>
    </li>`;
  }

  protected override render() {
    const t = this.#t.value;
    const r = this.result;
    const limit = r?.limit ?? this.pageSize;
    const pages = r ? Math.max(1, Math.ceil(r.total / limit)) : 1;
    const tab = (name: MeetingsTab, label: string) =>
      html`<button part="tab" role="tab" aria-selected=${this.tab === name ? 'true' : 'false'} @click=${() => (this.tab = name)}>${label}</button>`;
    return html`
      <h2>${t.meetingsTitle}</h2>
      <div part="toolbar">
        <div role="tablist" aria-label=${t.meetingsTitle}>${tab('upcoming', t.meetingsUpcoming)} ${tab('past', t.meetingsPast)}</div>
        <button part="new-button" @click=${() => (this.editing = 'new')}>${t.meetingsNew}</button>
      </div>
      ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
      ${this.editing
        ? renderForm(t, this.editing === 'new' ? null : this.editing, this.#onSubmit, () => (this.editing = null), this.busy)
        : nothing}
      <div role="tabpanel" aria-busy=${this.loading ? 'true' : 'false'} aria-label=${this.tab === 'upcoming' ? t.meetingsUpcoming : t.meetingsPast}>
        ${!r && this.loading ? html`<p role="status">${t.meetingsLoading}</p>` : nothing}
        ${r && r.items.length === 0 ? html`<p>${t.meetingsNone}</p>` : nothing}
        ${r && r.items.length > 0 ? html`<ul part="list">${r.items.map((m) => this.#renderMeeting(m))}</ul>` : nothing}
      </div>
      ${pages > 1
        ? html`<nav part="pager" aria-label=${t.meetingsPage(this.page + 1, pages)}>
            <button aria-label=${t.meetingsPrev} ?disabled=${this.page === 0} @click=${() => (this.page -= 1)}>‹</button>
            <span>${t.meetingsPage(this.page + 1, pages)}</span>
            <button aria-label=${t.meetingsNext} ?disabled=${this.page + 1 >= pages} @click=${() => (this.page += 1)}>›</button>
          </nav>`
        : nothing}
    `;
  }
}

define('conf-meetings', ConfMeetings);

declare global {
  interface HTMLElementTagNameMap {
    'conf-meetings': ConfMeetings;
  }
}
