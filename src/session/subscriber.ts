/**
 * Subscriber: the session's consumers. Subscriptions run per remote user in a keyed queue: one
 * user's consumes never race each other, different users (and one user's audio + video) are
 * consumed in parallel for low latency. Every consumer is prepared by the QualityManager (layers,
 * audio-only) before it is resumed.
 */
import type { Consumer, RtpParameters } from 'mediasoup-client/types';

import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { MediaKind, MediaSource, ProducerInfo } from '../protocol/protocol.js';
import { removePublisherSourceTrack, setPublisherSourceTrack } from '../state/devices.js';
import { setPublisherSubscribed } from '../state/publishers.js';
import { StaleError, toConferenceError, type Connection, type ConsumerEntry } from './connection.js';
import type { SessionCore } from './core.js';
import { createStream } from './local-media.js';
import { firstFramesCheck, framesDecoded } from './media.js';
import type { QualityManager } from './quality.js';
import { RepairLoop, missingConsumers } from './repair.js';
import { retryRequest } from './requests.js';

const log = createLogger('conf-kit:subscriber');

/** When to check that a new video consumer decodes, asking for a keyframe if not (media.ts firstFramesCheck). */
const KEYFRAME_CHECK_DELAYS_MS = [300, 600, 1200];

/** The producer sources this session consumes. */
const CONSUMED_SOURCES = new Set<MediaSource>(['mic', 'camera', 'screen', 'screen-audio']);

const isScreen = (source: MediaSource) => source === 'screen' || source === 'screen-audio';

/**
 * A user's producers in the order they are consumed: video before audio (the camera first). The
 * recv transport sets consumers up one at a time, and the first one also connects it, so the
 * picture, the slowest to appear, does not queue behind the audio (issue 15, first frame).
 */
export function inConsumeOrder<T extends Pick<ProducerInfo, 'kind' | 'source'>>(producers: readonly T[]): T[] {
  const rank = (p: T) => (p.kind === 'video' ? 0 : 2) + (isScreen(p.source) ? 1 : 0);
  return [...producers].sort((a, b) => rank(a) - rank(b));
}

export class Subscriber {
  readonly #c: SessionCore;
  readonly #quality: QualityManager;
  /** Producer ids with a consume in flight (the repair loop leaves them alone). */
  readonly #consuming = new Set<string>();
  /** Missing consumers are repaired, not given up (./repair.ts). */
  readonly #repair = new RepairLoop(() => this.#repairMissing());

  constructor(core: SessionCore, quality: QualityManager) {
    this.#c = core;
    this.#quality = quality;
  }

  /**
   * One repair round: asks for every wanted source without a consumer again. Returns how many
   * users still need it (the loop checks again later while that is not 0); waits while the
   * session is (re)connecting; 0 once it left.
   */
  #repairMissing(): number {
    const c = this.#c;
    const conn = c.conn;
    if (!conn || !c.isCurrent(conn)) return 0;
    if (c.state.getSnapshot().connection !== 'joined') return 1;
    const consumed = { has: (id: string) => conn.consumers.has(id) || this.#consuming.has(id) };
    const missing = missingConsumers(conn.infos, consumed, c.wanted, CONSUMED_SOURCES);
    for (const [userId, producerIds] of missing) {
      log.debug('repairing', userId, producerIds);
      this.refresh(conn, userId);
    }
    return missing.size;
  }

  /**
   * Consume requests need the loaded device (its recv capabilities), not the recv transport's
   * answer: the server handles a socket's requests in order (docs/protocol.md), and the join sent
   * `createTransport` for it first, so they go out at once; only the local `consume()` waits for
   * the transport (issue 15, first frame).
   */
  async #deviceLoaded(conn: Connection): Promise<void> {
    if (!conn.device) await conn.recvReady.promise;
  }

  /** Consumes every producer of `userId` (its consume requests pipelined behind the recv transport's); emits `subscribed`. */
  subscribe(conn: Connection, userId: string): Promise<void> {
    const c = this.#c;
    c.wanted.add(userId);
    return c.userQueue.push(userId, async () => {
      await this.#deviceLoaded(conn);
      c.check(conn);
      if (!c.wanted.has(userId)) return; // Unsubscribed meanwhile.
      if (!conn.infos.has(userId)) throw new ConferenceError('not-found', `no publisher ${userId} in the room`);
      await this.#consumeMissing(conn, userId);
      c.check(conn);
      if (!c.wanted.has(userId) || !conn.infos.has(userId)) return;
      c.state.update((s) => setPublisherSubscribed(s, userId, true));
      c.events.emit('subscribed', { userId });
    });
  }

  /** subscribe(), failures reported (a user who left meanwhile is not a failure). */
  subscribeInBackground(conn: Connection, userId: string): void {
    this.subscribe(conn, userId).catch((error: unknown) => {
      if (error instanceof StaleError) return;
      if (error instanceof ConferenceError && error.code === 'not-found') return; // Left meanwhile.
      this.#c.report(toConferenceError(error));
    });
  }

  /** After publisherUpdated: consumes new producers of a wanted user, drops removed ones. */
  refresh(conn: Connection, userId: string): void {
    const c = this.#c;
    if (!c.wanted.has(userId)) return;
    c.userQueue
      .push(userId, async () => {
        await this.#deviceLoaded(conn);
        c.check(conn);
        if (c.wanted.has(userId)) await this.#consumeMissing(conn, userId);
      })
      .catch((error: unknown) => {
        if (!(error instanceof StaleError)) c.report(toConferenceError(error));
      });
  }

  /** Stops consuming `userId`: closes its consumers; its tracks become null. */
  unsubscribe(userId: string): Promise<void> {
    const c = this.#c;
    c.wanted.delete(userId);
    c.optedOut.add(userId);
    const conn = c.conn;
    if (!conn) {
      c.state.update((s) => setPublisherSubscribed(s, userId, false));
      return Promise.resolve();
    }
    return c.userQueue.push(userId, async () => {
      const entries = [...conn.consumers.values()].filter((entry) => entry.userId === userId);
      for (const entry of entries) this.drop(conn, entry, false);
      if (c.isCurrent(conn)) c.state.update((s) => setPublisherSubscribed(s, userId, false));
      await Promise.allSettled(entries.map((entry) => conn.signaling.request('closeConsumer', { consumerId: entry.consumer.id })));
    });
  }

  /** Closes every consumer of `userId` without touching the state (it left or rejoined). */
  dropUser(conn: Connection, userId: string): void {
    for (const entry of [...conn.consumers.values()]) {
      if (entry.userId === userId) this.drop(conn, entry, false);
    }
  }

  /** Closes a consumer locally and forgets it; optionally clears its track from the state. */
  drop(conn: Connection, entry: ConsumerEntry, updateState: boolean): void {
    if (conn.consumers.get(entry.producerId) === entry) {
      conn.consumers.delete(entry.producerId);
      conn.consumerIds.delete(entry.consumer.id);
    }
    if (!entry.consumer.closed) entry.consumer.close();
    if (updateState && this.#c.isCurrent(conn)) {
      this.#c.state.update((s) =>
        removePublisherSourceTrack(s, entry.userId, entry.source, entry.kind, entry.consumer.track, createStream),
      );
      this.#repair.kick(); // if its producer is still there, consume it again
    }
  }

  /** RTCStatsReport of `userId`'s consumer of `kind` from `source`, or null. */
  async stats(userId: string, kind: MediaKind, source: MediaSource): Promise<RTCStatsReport | null> {
    for (const entry of this.#c.conn?.consumers.values() ?? []) {
      if (entry.userId === userId && entry.kind === kind && entry.source === source && !entry.consumer.closed) {
        return entry.consumer.getStats().catch(() => null);
      }
    }
    return null;
  }

  /** Consumes the user's producers not consumed yet (in parallel); drops removed ones. */
  async #consumeMissing(conn: Connection, userId: string): Promise<void> {
    const info = conn.infos.get(userId);
    if (!info) return;
    // Camera and mic, and screen shares ('screen', 'screen-audio') as their own slot.
    const wantedProducers = info.producers.filter((p) => CONSUMED_SOURCES.has(p.source));
    const live = new Set(wantedProducers.map((p) => p.id));
    for (const entry of [...conn.consumers.values()]) {
      if (entry.userId === userId && !live.has(entry.producerId)) this.drop(conn, entry, true);
    }
    const todo = inConsumeOrder(wantedProducers.filter((p) => !conn.consumers.has(p.id)));
    if (todo.length === 0) return;
    const results = await Promise.allSettled(todo.map((producer) => this.#consume(conn, userId, producer)));
    this.#c.check(conn);
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      const error = result.reason;
      if (error instanceof StaleError) throw error;
      this.#repair.kick(); // a source without its consumer is repaired later
      // The producer closed between the announcement and our consume: not an error.
      if (error instanceof ConferenceError && error.code === 'not-found') continue;
      this.#c.report(toConferenceError(error));
    }
  }

  async #consume(conn: Connection, userId: string, producer: ProducerInfo): Promise<void> {
    this.#consuming.add(producer.id);
    try {
      await this.#consumeOne(conn, userId, producer);
    } finally {
      this.#consuming.delete(producer.id);
      if (producer.kind === 'video') conn.firstVideo.resolve(); // the local publish may start (./join-order.ts)
    }
  }

  async #consumeOne(conn: Connection, userId: string, producer: ProducerInfo): Promise<void> {
    const c = this.#c;
    // Retried after a timeout: the server returns the consumer a late first try created.
    const info = await retryRequest(conn, 'consume', {
      producerId: producer.id,
      rtpCapabilities: conn.device!.recvRtpCapabilities,
    });
    c.check(conn);
    const closeOnServer = () => void conn.signaling.request('closeConsumer', { consumerId: info.id }).catch(() => undefined);
    try {
      await conn.recvReady.promise; // the local transport, from createTransport's answer
    } catch (error) {
      if (c.isCurrent(conn)) closeOnServer(); // the join failed; a retried join consumes anew
      throw error;
    }
    c.check(conn);
    const unwanted = () => !c.wanted.has(userId) || !conn.infos.has(userId) || conn.closedConsumerIds.delete(info.id);
    if (unwanted()) return closeOnServer();
    let consumer: Consumer;
    try {
      consumer = await conn.recvTransport!.consume({
        id: info.id,
        producerId: info.producerId,
        kind: info.kind,
        rtpParameters: info.rtpParameters as RtpParameters,
        // One stream id per user keeps its audio and video in sync.
        streamId: isScreen(info.source) ? `conf-kit-${userId}-screen` : `conf-kit-${userId}`,
        appData: { userId, source: info.source },
      });
    } catch (error) {
      c.check(conn);
      throw toConferenceError(error, 'media-failed');
    }
    if (!c.isCurrent(conn)) {
      consumer.close();
      throw new StaleError();
    }
    if (unwanted()) {
      consumer.close();
      return closeOnServer();
    }
    const entry: ConsumerEntry = { consumer, userId, producerId: info.producerId, source: info.source, kind: info.kind };
    conn.consumers.set(info.producerId, entry);
    conn.consumerIds.set(info.id, info.producerId);
    consumer.on('transportclose', () => this.drop(conn, entry, true));
    consumer.on('trackended', () => this.drop(conn, entry, true));

    // Preferred layers first; an audio-only viewer leaves the camera consumer paused.
    const keepPaused = await this.#quality.prepareConsumer(entry);
    c.check(conn);
    if (consumer.closed) return;
    // The track goes into the state (and to the page's media element) before the resume, so the
    // element is set up while the server resumes and the first keyframe travels (issue 15).
    c.state.update((s) => setPublisherSourceTrack(s, userId, info.source, info.kind, consumer.track, createStream));
    const publisher = c.state.getSnapshot().publishers[userId];
    const stream = isScreen(info.source) ? publisher?.screen?.stream : publisher?.stream;
    if (stream) c.events.emit('remotetrack', { userId, kind: info.kind, track: consumer.track, stream, source: info.source });
    if (!keepPaused) {
      try {
        await retryRequest(conn, 'resumeConsumer', { consumerId: info.id });
      } catch (error) {
        // A consumer that stays paused is no video: drop it (and its track), so the repair loop consumes again.
        if (!(error instanceof StaleError) && c.isCurrent(conn)) {
          this.drop(conn, entry, true);
          closeOnServer();
        }
        throw error;
      }
    }
    c.check(conn);
    if (consumer.closed) return;
    log.debug('consuming', userId, info.source, info.id);
    if (info.kind === 'video' && !keepPaused) this.#watchFirstFrame(conn, entry);
  }

  /**
   * A cheap guard against a lost first keyframe: a few times after resuming, if the consumer has
   * decoded nothing since the last check (for a camera: also stuck on its first frames), ask the
   * server for another keyframe.
   */
  #watchFirstFrame(conn: Connection, entry: ConsumerEntry): void {
    const c = this.#c;
    let attempt = 0;
    let last = 0;
    const check = async () => {
      if (!c.isCurrent(conn) || entry.consumer.closed) return;
      const producer = conn.infos.get(entry.userId)?.producers.find((p) => p.id === entry.producerId);
      if (!producer || producer.paused) return; // Nothing to decode; the SFU asks for one on resume.
      let frames: number;
      try {
        frames = framesDecoded(await entry.consumer.getStats());
      } catch {
        return;
      }
      if (!c.isCurrent(conn) || entry.consumer.closed) return;
      const verdict = firstFramesCheck(frames, last, entry.source === 'camera');
      if (verdict === 'done') return;
      if (verdict === 'ask') {
        log.debug(`${frames} frame(s) decoded from`, entry.userId, '- requesting a keyframe');
        conn.signaling.request('requestKeyFrame', { consumerId: entry.consumer.id }).catch(() => undefined);
      }
      last = frames;
      attempt += 1;
      if (attempt < KEYFRAME_CHECK_DELAYS_MS.length) setTimeout(check, KEYFRAME_CHECK_DELAYS_MS[attempt]);
    };
    setTimeout(check, KEYFRAME_CHECK_DELAYS_MS[0]);
  }
}
