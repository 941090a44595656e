/**
 * Issue 15, first frame: joining a room that already has publishers, the first remote video is
 * consumed before the local media is published, so its `resumeConsumer` is not pushed back by the
 * publish path (preview, `produce`, device lists) on the main thread. A cap keeps a slow consume
 * from holding the publish up; an empty room publishes at once.
 */
import type { PublisherInfo } from '../protocol/protocol.js';

/** The longest the local publish waits for the first remote video. */
export const SUBSCRIBE_FIRST_CAP_MS = 300;

/** Whether any publisher the join subscribes to has a video producer. */
export function hasRemoteVideo(infos: ReadonlyMap<string, Pick<PublisherInfo, 'producers'>>, subscribes: (userId: string) => boolean): boolean {
  for (const [userId, info] of infos) {
    if (subscribes(userId) && info.producers.some((p) => p.kind === 'video')) return true;
  }
  return false;
}

/**
 * Resolves when the local publish may start: at once without remote video, else once
 * `firstVideo` settled (resumed, or failed) or after `capMs`.
 */
export function publishTurn(remoteVideo: boolean, firstVideo: Promise<unknown>, capMs = SUBSCRIBE_FIRST_CAP_MS): Promise<void> {
  if (!remoteVideo) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, capMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    firstVideo.then(done, done);
  });
}
