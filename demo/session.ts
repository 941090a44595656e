/**
 * A bare ConferenceSession harness for end-to-end tests and debugging: plain DOM, no elements.
 * Exposes `window.confKit = { ConferenceClient, ConferenceError }`; with
 * `?room=R&user=U&name=N&callType=video|audio&autoJoin=1` it joins and exposes `window.session`,
 * rendering each remote publisher into <video data-user-id> (muted) and <audio data-user-id>, and
 * a screen share into <video data-screen-user-id> (muted) and <audio data-screen-user-id>. Every
 * remote media element follows the selected audio output (bindAudioOutput, docs/devices.md).
 * `&token=T` joins with a token; `&tokenFunction=1` asks `window.mintToken()` each time (docs/auth.md).
 * `window.confKit.StatsReportsManager` is there for the quality tests (docs/quality.md).
 */
import { ConferenceClient, ConferenceError, StatsReportsManager, type ConferenceSession, type SessionSnapshot } from '../src/index-core.js';
import { bindAudioOutput } from '../src/session/audio-output.js';

declare global {
  interface Window {
    confKit: {
      ConferenceClient: typeof ConferenceClient;
      ConferenceError: typeof ConferenceError;
      StatsReportsManager: typeof StatsReportsManager;
    };
    session?: ConferenceSession;
    joinError?: { code: string; message: string };
  }
}

window.confKit = { ConferenceClient, ConferenceError, StatsReportsManager };

const params = new URLSearchParams(location.search);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function mediaElement<K extends 'video' | 'audio'>(
  tag: K,
  userId: string,
  container: HTMLElement,
  attr: 'userId' | 'screenUserId' = 'userId',
): HTMLElementTagNameMap[K] {
  const dataAttr = attr === 'userId' ? 'data-user-id' : 'data-screen-user-id';
  const selector = `${tag}[${dataAttr}="${CSS.escape(userId)}"]`;
  let el = container.querySelector<HTMLElementTagNameMap[K]>(selector);
  if (!el) {
    el = document.createElement(tag);
    el.autoplay = true;
    el.dataset[attr] = userId;
    if (el instanceof HTMLVideoElement) {
      el.muted = true;
      el.playsInline = true;
    }
    container.append(el);
  }
  return el;
}

function setSource(el: HTMLMediaElement, stream: MediaStream | null): void {
  if (el.srcObject === stream) return;
  el.srcObject = stream;
  if (stream) el.play().catch(() => undefined);
}

/** Writes text only when it changed: an equal write still replaces the text node (a mutation, a layout). */
function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** What render() drew last: a snapshot whose drawn parts are the same objects draws nothing. */
let drawn: Pick<SessionSnapshot, 'connection' | 'roomId' | 'error' | 'publishers'> & { stream: MediaStream | null } | null = null;

function render(snapshot: SessionSnapshot): void {
  const { connection, roomId, error, publishers } = snapshot;
  if (drawn && drawn.connection === connection && drawn.roomId === roomId && drawn.error === error && drawn.publishers === publishers && drawn.stream === snapshot.self.stream) return;
  drawn = { connection, roomId, error, publishers, stream: snapshot.self.stream };
  setText($('status'), `${snapshot.connection}${snapshot.roomId ? ` in ${snapshot.roomId}` : ''}`);
  setText($('error'), snapshot.error ? `[${snapshot.error.code}] ${snapshot.error.message}` : '');
  if (params.get('preview') !== '0') setSource($<HTMLVideoElement>('local'), snapshot.self.stream);

  const remotes = $('remotes');
  for (const figure of [...remotes.querySelectorAll<HTMLElement>('figure[data-user-id]')]) {
    if (!(figure.dataset.userId! in snapshot.publishers)) {
      for (const media of figure.querySelectorAll('video, audio')) (media as HTMLMediaElement).srcObject = null;
      figure.remove();
    }
  }
  for (const publisher of Object.values(snapshot.publishers)) {
    let figure = remotes.querySelector<HTMLElement>(`figure[data-user-id="${CSS.escape(publisher.userId)}"]`);
    if (!figure) {
      figure = document.createElement('figure');
      figure.dataset.userId = publisher.userId;
      figure.append(document.createElement('figcaption'));
      remotes.append(figure);
    }
    setText(
      figure.querySelector('figcaption')!,
      `${publisher.name} (${publisher.userId})${publisher.audioMuted ? ' muted' : ''}${publisher.videoEnabled ? '' : ' video off'}` +
        `${publisher.subscribed ? '' : ' not subscribed'}`,
    );
    const { audio, video } = publisher.tracks;
    setSource(mediaElement('video', publisher.userId, figure), video ? publisher.stream : null);
    // A separate stream for the audio element: the muted <video> must not own the audio output.
    const audioEl = mediaElement('audio', publisher.userId, figure);
    const current = audioEl.srcObject as MediaStream | null;
    if (!audio) setSource(audioEl, null);
    else if (current?.getAudioTracks()[0] !== audio) setSource(audioEl, new MediaStream([audio]));
    renderScreen(publisher.userId, publisher.screen, figure);
  }
}

/** One single-track stream per track, so re-renders never restart playback. */
const single = new WeakMap<MediaStreamTrack, MediaStream>();
function streamOf(track: MediaStreamTrack | null): MediaStream | null {
  if (!track) return null;
  let stream = single.get(track);
  if (!stream) single.set(track, (stream = new MediaStream([track])));
  return stream;
}

/** A publisher's screen share: its own muted <video> and an <audio> for its sound; removed when it ends. */
function renderScreen(userId: string, screen: SessionSnapshot['publishers'][string]['screen'], figure: HTMLElement): void {
  if (!screen) {
    for (const el of figure.querySelectorAll<HTMLMediaElement>('[data-screen-user-id]')) {
      el.srcObject = null;
      el.remove();
    }
    return;
  }
  setSource(mediaElement('video', userId, figure, 'screenUserId'), streamOf(screen.video));
  setSource(mediaElement('audio', userId, figure, 'screenUserId'), streamOf(screen.audio));
}

async function autoJoin(): Promise<void> {
  const room = params.get('room');
  const user = params.get('user');
  if (params.get('autoJoin') !== '1' || !room || !user) return;
  // docs/auth.md: &token=T, or &tokenFunction=1 for a provider calling window.mintToken() (e2e).
  const mint = (window as { mintToken?: () => Promise<string> }).mintToken;
  const token = params.get('token') ?? (params.get('tokenFunction') === '1' && mint ? () => mint() : undefined);
  const client = new ConferenceClient({ url: params.get('url') ?? location.origin, ...(token ? { token } : {}) });
  const session = client.createCallSession(user, {
    callType: params.get('callType') === 'audio' ? 'audio' : 'video',
    name: params.get('name') ?? user,
    autoSubscribe: params.get('autoSubscribe') !== '0',
    // docs/quality.md: &statsReportsInterval=ms
    statsReportsInterval: Number(params.get('statsReportsInterval') ?? 0) || 0,
    // docs/reliability.md: &reconnectAttempts=N
    ...(params.get('reconnectAttempts') ? { reconnect: { maxAttempts: Number(params.get('reconnectAttempts')) } } : {}),
  });
  window.session = session;
  bindAudioOutput(session.state, $('remotes'));
  session.state.subscribe(render);
  render(session.state.getSnapshot());
  try {
    await session.join(room);
  } catch (error) {
    const e = error as ConferenceError;
    window.joinError = { code: e.code ?? 'internal', message: e.message };
  }
}

void autoJoin();
