/**
 * Audio output selection for media elements (HTMLMediaElement.setSinkId). The session only keeps
 * the chosen sink id in `state.devices.current.audiooutput`; whoever renders remote media applies
 * it, to every element, now and when new elements appear. <conf-tile> and <conf-screen-tile> do it
 * themselves; apps rendering their own elements use `bindAudioOutput` or `applySinkId`.
 */
import { createLogger } from '../logger.js';
import type { ReadableStore, SessionSnapshot } from '../state/types.js';

const log = createLogger('conf-kit:audio-output');

type SinkElement = HTMLMediaElement & { sinkId?: string; setSinkId?: (id: string) => Promise<void> };

/** Whether this browser lets a page choose the audio output of media elements. */
export function isAudioOutputSelectionSupported(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

const pending = new WeakMap<HTMLMediaElement, string>();

/** How often an aborted setSinkId is tried again, and the wait before each try (grows by this much). */
const ABORT_RETRIES = 4;
const RETRY_DELAY_MS = 100;

const errorName = (error: unknown) => (error as { name?: unknown } | null)?.name;

/**
 * Sets the element's audio output to `sinkId` ('' = the system default) unless it already uses it.
 * Chromium aborts a setSinkId when the element's source changes meanwhile (AbortError): that is
 * tried again, a few times, unless another sink was asked for since. Never throws: resolves to
 * whether the element now plays to that sink.
 */
export async function applySinkId(element: HTMLMediaElement, sinkId: string): Promise<boolean> {
  const el = element as SinkElement;
  if (typeof el.setSinkId !== 'function') return false;
  if (el.sinkId === sinkId || pending.get(el) === sinkId) return true;
  pending.set(el, sinkId);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await el.setSinkId(sinkId);
        return true;
      } catch (error) {
        if (errorName(error) !== 'AbortError' || attempt > ABORT_RETRIES) {
          log.warn('setSinkId failed', sinkId, error);
          return false;
        }
        log.debug('setSinkId aborted; trying again', sinkId, attempt);
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
      if (pending.get(el) !== sinkId) return false; // another sink was asked for meanwhile
      if (el.sinkId === sinkId) return true;
    }
  } finally {
    if (pending.get(el) === sinkId) pending.delete(el);
  }
}

/** Media events that follow a new source: the sink is applied again then (they do not bubble, so captured). */
const SOURCE_EVENTS = ['loadedmetadata', 'playing'] as const;

/**
 * Applies the session's selected audio output to `elements()` whenever it changes, and once at
 * start. Call the returned function again (`refresh`) after adding elements, or pass a container:
 * every <audio>/<video> inside it, present or added later, gets the sink (a MutationObserver), and
 * gets it again when it loads a new source.
 * Returns a function that stops it.
 */
export function bindAudioOutput(
  state: ReadableStore<SessionSnapshot>,
  container: ParentNode & Node,
): () => void {
  const apply = () => {
    const sinkId = state.getSnapshot().devices?.current.audiooutput ?? '';
    for (const el of container.querySelectorAll<HTMLMediaElement>('audio, video')) void applySinkId(el, sinkId);
  };
  let last = state.getSnapshot().devices?.current.audiooutput;
  const off = state.subscribe((s) => {
    if (s.devices?.current.audiooutput === last) return;
    last = s.devices?.current.audiooutput;
    apply();
  });
  const observer = typeof MutationObserver === 'undefined' ? null : new MutationObserver(apply);
  observer?.observe(container, { childList: true, subtree: true });
  // An element given a new source gets the sink again: a setSinkId during the change may have failed.
  const onSource = (event: Event) => {
    const target = event.target as HTMLMediaElement | null;
    if (target && typeof target.matches === 'function' && target.matches('audio, video')) {
      void applySinkId(target, state.getSnapshot().devices?.current.audiooutput ?? '');
    }
  };
  for (const type of SOURCE_EVENTS) container.addEventListener(type, onSource, true);
  apply();
  return () => {
    off();
    observer?.disconnect();
    for (const type of SOURCE_EVENTS) container.removeEventListener(type, onSource, true);
  };
}
