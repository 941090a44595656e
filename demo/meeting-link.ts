/**
 * Join by link (docs/meetings.md): `/?meeting=ID`.
 *   - with `&token=T` (signed in): straight to the pre-join screen of the meeting's room;
 *   - otherwise, a public meeting asks for a display name and gets a guest token
 *     (POST /api/meetings/ID/guest); a private one says so clearly.
 * Whether the meeting is public is asked up front with a throwaway guest-token request (the
 * only unauthenticated question the API answers), so a private meeting never asks for a name.
 */
// The modules themselves, not src/index-core.ts: the session stays out of the first paint.
import { ConferenceError } from '../src/errors.js';
import { MeetingsClient, tokenSubject } from '../src/meetings/MeetingsClient.js';

export interface MeetingJoin {
  room: string;
  token: string;
  userId: string;
  name?: string;
  prejoin: boolean;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function showNotice(title: string, text: string): void {
  const box = $('meeting-notice');
  box.querySelector('h1')!.textContent = title;
  box.querySelector('p')!.textContent = text;
  box.hidden = false;
}

/** Resolves the meeting link to a join, or shows why not (and never resolves). */
export function openMeetingLink(meetingId: string, params: URLSearchParams, join: (j: MeetingJoin) => void): void {
  const api = new MeetingsClient({ url: location.origin });
  const token = params.get('token');
  if (token) {
    const userId = tokenSubject(token);
    if (!userId) return showNotice('This link does not work', 'The sign-in token in the link cannot be read.');
    join({ room: meetingId, token, userId, prejoin: true });
    return;
  }
  const fail = (error: unknown) => {
    const code = error instanceof ConferenceError ? error.code : 'internal';
    if (code === 'forbidden') showNotice('This meeting is private', 'Only its host and invited attendees can join. Ask the host for an invitation, or sign in.');
    else if (code === 'not-found') showNotice('No such meeting', 'The meeting in this link does not exist or was deleted.');
    else showNotice('Cannot open the meeting', error instanceof Error ? error.message : String(error));
  };
  api.guestToken(meetingId, 'guest').then(
    () => {
      const form = $<HTMLFormElement>('guest-form');
      const input = $<HTMLInputElement>('guest-name');
      input.value = localStorage.getItem('conf-kit-name') ?? '';
      $('guest').hidden = false;
      input.focus();
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const name = input.value.trim();
        if (!name) return;
        localStorage.setItem('conf-kit-name', name);
        api.guestToken(meetingId, name).then((guestToken) => {
          $('guest').hidden = true;
          join({ room: meetingId, token: guestToken, userId: tokenSubject(guestToken)!, name, prejoin: true });
        }, fail);
      });
    },
    fail,
  );
}
