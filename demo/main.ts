/**
 * The conf-kit demo: public tags only. URL contract:
 *   /?room=R&name=N&user=U[&callType=audio]  joins room R at once as user U (server: this origin)
 *   ...&prejoin=1                              shows the pre-join screen (preview, devices) first
 *   /                                         shows a join form that navigates to that URL, and
 *                                             is online for calls as `user` (docs/calls.md):
 *   /?user=U&name=N[&token=T]                 with a "Call someone" form; an accepted call (or
 *                                             one started here) turns the page into the call
 *   ...&token=T                                joins with the join token T (docs/auth.md); without
 *                                              &user=, the user is the token's `sub`
 *   /?meeting=ID[&token=T]                    joins a meeting by link (./meeting-link.ts, docs/meetings.md)
 * A missing user id is generated and kept in sessionStorage (one id per tab).
 */
// The elements this page uses, not all of conf-kit: the room's on-demand parts load after its
// first paint (docs/architecture.md, "Lazy loading").
import '../components/conf-room/index.js';
import '../components/conf-call-center/index.js';
import '../components/conf-call-button/index.js';
import type { ConfCallButton, ConfCallCenter, ConfRoom } from '../components/index.js';
import { openMeetingLink, type MeetingJoin } from './meeting-link.js';

const USER_KEY = 'conf-kit-user';
const NAME_KEY = 'conf-kit-name';

const params = new URLSearchParams(location.search);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The `sub` of a JWT, read without verifying (the server verifies; this only picks the user id). */
function tokenSubject(token: string | null): string | null {
  try {
    const payload = token?.split('.')[1];
    if (!payload) return null;
    const sub: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))).sub;
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}

function userId(): string {
  let id = params.get('user') || tokenSubject(params.get('token')) || sessionStorage.getItem(USER_KEY);
  if (!id) id = `u-${crypto.randomUUID().slice(0, 8)}`;
  sessionStorage.setItem(USER_KEY, id);
  return id;
}

function randomRoom(): string {
  const words = ['amber', 'birch', 'cedar', 'delta', 'ember', 'fjord', 'grove', 'harbor', 'indigo', 'juniper'];
  const pick = () => words[Math.floor(Math.random() * words.length)];
  return `${pick()}-${pick()}-${Math.floor(100 + Math.random() * 900)}`;
}

function showJoinForm(): void {
  const form = $<HTMLFormElement>('join-form');
  $<HTMLInputElement>('room').value = randomRoom();
  $<HTMLInputElement>('name').value = localStorage.getItem(NAME_KEY) ?? '';
  $<HTMLInputElement>('user').value = userId();
  form.addEventListener('submit', () => localStorage.setItem(NAME_KEY, $<HTMLInputElement>('name').value.trim()));
  $('join').hidden = false;
  ($<HTMLInputElement>('name').value ? $<HTMLInputElement>('room') : $<HTMLInputElement>('name')).focus();
}

function showRoom(room: string, meeting?: MeetingJoin): void {
  const user = meeting?.userId ?? userId();
  const name = meeting?.name || params.get('name')?.trim() || localStorage.getItem(NAME_KEY) || user;
  if (!params.get('user') && !meeting) {
    // Keep the id in the URL too, so a reload rejoins as the same user.
    params.set('user', user);
    history.replaceState(null, '', `?${params}`);
  }
  document.title = `${room} · conf-kit`;

  const el = document.createElement('conf-room') as ConfRoom;
  el.server = location.origin;
  el.room = room;
  el.userId = user;
  el.name = name;
  el.token = params.get('token') ?? '';
  el.callType = params.get('callType') === 'audio' ? 'audio' : 'video';
  el.theme = 'dark';
  el.autoJoin = true;
  // ?prejoin=1: preview, devices and name first (docs/devices.md).
  el.prejoin = meeting?.prejoin ?? params.get('prejoin') === '1';
  // ?reconnectAttempts=N: give up reconnecting after N attempts (docs/reliability.md; the e2e uses a few).
  if (params.get('reconnectAttempts')) el.reconnectAttempts = Number(params.get('reconnectAttempts'));
  // ?requestTimeout=ms: the request timeout before a retry (docs/reliability.md; slow-server.test.ts).
  if (params.get('requestTimeout')) el.requestTimeout = Number(params.get('requestTimeout'));
  if (meeting) el.token = meeting.token;
  else if (params.get('token')) el.token = params.get('token')!;
  $('app').append(el);

  const count = $('count');
  const updateCount = () => {
    const state = el.session?.state.getSnapshot();
    const n = state && state.connection === 'joined' ? 1 + Object.keys(state.publishers).length : 0;
    count.textContent = n ? `${n} ${n === 1 ? 'person' : 'people'}` : '';
  };
  for (const type of ['conf-joined', 'conf-left', 'conf-publisher-joined', 'conf-publisher-left'] as const) {
    el.addEventListener(type, updateCount);
  }
  el.addEventListener('conf-error', (e) => console.warn('[demo] conf-error', e.detail.code, e.detail.message));

  $('room-name').textContent = room;
  $('meeting').hidden = false;
  const copy = $<HTMLButtonElement>('copy-link');
  copy.addEventListener('click', async () => {
    const invite = new URL(location.pathname, location.origin);
    invite.searchParams.set(meeting ? 'meeting' : 'room', room);
    try {
      await navigator.clipboard.writeText(invite.toString());
      copy.textContent = 'Link copied';
    } catch {
      copy.textContent = invite.toString();
    }
    setTimeout(() => (copy.textContent = 'Copy invite link'), 2000);
  });
}

/** Online for calls as `user`: incoming calls ring, and the "Call someone" form starts one. */
function showCalls(): void {
  const user = userId();
  const name = params.get('name')?.trim() || localStorage.getItem(NAME_KEY) || user;
  const center = document.createElement('conf-call-center') as ConfCallCenter;
  center.server = location.origin;
  center.userId = user;
  center.name = name;
  center.token = params.get('token') ?? '';
  center.addEventListener('conf-error', (e) => console.warn('[demo] conf-error', e.detail.code, e.detail.message));
  $('app').append(center);
  // The forms are the center's content while no call is mounted.
  center.append($('join'));

  const form = $<HTMLFormElement>('call-form');
  const button = $<ConfCallButton>('call-button');
  const callees = $<HTMLInputElement>('callees');
  const sync = () => {
    button.users = callees.value;
    button.callType = (form.elements.namedItem('callCallType') as RadioNodeList).value === 'audio' ? 'audio' : 'video';
  };
  form.addEventListener('input', sync);
  form.addEventListener('submit', (e) => e.preventDefault());
  sync();
  button.calls = center.calls;
  button.addEventListener('conf-call-started', (e) => {
    // The statuses stay visible (in the top bar) while the page is the call.
    $('call-status').append(button);
    center.enterCall(e.detail);
  });
  $('call-self').textContent = name === user ? user : `${name} (${user})`;
  form.hidden = false;
}

const room = params.get('room')?.trim();
const meetingId = params.get('meeting')?.trim();
if (meetingId) openMeetingLink(meetingId, params, (join) => showRoom(join.room, join));
else if (room) showRoom(room);
else {
  showJoinForm();
  showCalls();
}
