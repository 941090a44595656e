/**
 * The create/edit form of <conf-meetings>: native `datetime-local` inputs (local time) converted
 * to Unix seconds, attendees as a comma-separated list (an `@` makes an email).
 */
import { html } from 'lit';
import type { Attendee, Meeting, MeetingFields } from '../../src/meetings/types.js';
import type { ConfStrings } from '../i18n/strings.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** Unix seconds -> the `YYYY-MM-DDTHH:MM` of a datetime-local input, in local time. */
export function toLocalInput(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time) -> Unix seconds; NaN when empty or invalid. */
export function fromLocalInput(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return NaN;
  return Math.floor(new Date(value).getTime() / 1000);
}

export function parseAttendees(text: string): Attendee[] {
  return text
    .split(/[,\n;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.includes('@') ? { email: s } : { userId: s }));
}

export const formatAttendees = (attendees: Attendee[]) => attendees.map((a) => a.userId ?? a.email ?? '').join(', ');

/** The form's fields, or an error message naming the field. */
export function readForm(form: HTMLFormElement, t: ConfStrings): MeetingFields | { error: string } {
  const data = new FormData(form);
  const name = String(data.get('name') ?? '').trim();
  const startDate = fromLocalInput(String(data.get('start') ?? ''));
  const endDate = fromLocalInput(String(data.get('end') ?? ''));
  if (!name) return { error: `${t.meetingName}: ${t.errors['invalid-params'].title}` };
  if (Number.isNaN(startDate)) return { error: `${t.meetingStart}: ${t.errors['invalid-params'].title}` };
  if (Number.isNaN(endDate) || endDate < startDate) return { error: `${t.meetingEnd}: ${t.errors['invalid-params'].title}` };
  return {
    name,
    startDate,
    endDate,
    attendees: parseAttendees(String(data.get('attendees') ?? '')),
    record: data.get('record') === 'on',
    public: data.get('public') === 'on',
    scheduled: true,
    withChat: data.get('withChat') === 'on',
  };
}

export function renderForm(t: ConfStrings, meeting: Meeting | null, onSubmit: (e: SubmitEvent) => void, onCancel: () => void, busy: boolean) {
  const now = Math.ceil(Date.now() / 1000 / 900) * 900;
  const m = meeting ?? { name: '', startDate: now, endDate: now + 3600, attendees: [], record: false, public: false, withChat: true };
  const title = meeting ? t.meetingFormEdit : t.meetingFormCreate;
  return html`<form part="form" aria-label=${title} @submit=${onSubmit}>
    <h3>${title}</h3>
    <label>${t.meetingName}<input part="input" name="name" required maxlength="256" .value=${m.name} /></label>
    <div class="row">
      <label>${t.meetingStart}<input part="input" type="datetime-local" name="start" required .value=${toLocalInput(m.startDate)} /></label>
      <label>${t.meetingEnd}<input part="input" type="datetime-local" name="end" required .value=${toLocalInput(m.endDate)} /></label>
    </div>
    <label>${t.meetingAttendees}<input part="input" name="attendees" placeholder=${t.meetingAttendeesHint} .value=${formatAttendees(m.attendees)} /></label>
    <label class="check"><input type="checkbox" name="record" .checked=${m.record} />${t.meetingRecord}</label>
    <label class="check"><input type="checkbox" name="public" .checked=${m.public} />${t.meetingPublic}</label>
    <label class="check"><input type="checkbox" name="withChat" .checked=${m.withChat} />${t.meetingChat}</label>
    <div class="actions">
      <button part="save-button" class="primary" type="submit" ?disabled=${busy}>${t.meetingSave}</button>
      <button part="cancel-button" type="button" @click=${onCancel}>${t.meetingCancel}</button>
    </div>
  </form>`;
}
