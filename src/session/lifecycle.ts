/**
 * Lifecycle: join, the connect sequence (socket, join, device, transports, publish, subscribe),
 * and the one teardown every end of a session goes through (leave, replaced, room closed,
 * reconnect given up).
 */
import type { RtpCapabilities } from 'mediasoup-client/types';

import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import { PROTOCOL_VERSION } from '../protocol/protocol.js';
import { applyActiveSpeaker, EMPTY_LEVELS } from '../state/levels.js';
import { applyChatHistory } from '../state/chat.js';
import { setConnection } from '../state/publishers.js';
import { applyPermissions, applyRecording, NOT_RECORDING } from '../state/recording.js';
import {
  createConnection,
  createDevice,
  loadMediasoupClient,
  createTransport,
  Deferred,
  retire,
  StaleError,
  toConferenceError,
  type Connection,
} from './connection.js';
import type { SessionAuth } from './auth.js';
import { canPublish } from './auth.js';
import type { SessionCore } from './core.js';
import type { DeviceController } from './devices.js';
import type { LocalTracks } from './local-media.js';
import type { LocalMedia } from './media.js';
import { hasRemoteVideo, publishTurn } from './join-order.js';
import { Notifications, type ConnectionEnd } from './notifications.js';
import type { Publisher } from './publisher.js';
import type { QualityManager } from './quality.js';
import { Reconnector } from './reconnect.js';
import { retryRequest } from './requests.js';
import { isRetryable, withRetry } from './retry.js';
import { openSignaling, resumeConnection } from './resume.js';
import type { Subscriber } from './subscriber.js';

const log = createLogger('conf-kit:lifecycle');

const LEAVE_TIMEOUT_MS = 2000;

/** A first join's retries (docs/reliability.md): 0.5 s doubling to 8 s, jittered; a few minutes in all. */
const JOIN_BACKOFF = { initialMs: 500, maxMs: 8000, factor: 2, jitter: 0.5 } as const;
export const MAX_JOIN_ATTEMPTS = 30;

/** One join() across its tries: the local media not adopted yet, and whether a socket ever opened. */
interface JoinAttempt {
  media: Promise<LocalMedia> | null;
  reached: boolean;
  /** Settles once the local publish started (or the join ended): the device lists are read then. */
  published: Deferred<void>;
}

export interface LifecycleParts {
  local: LocalTracks;
  publisher: Publisher;
  subscriber: Subscriber;
  quality: QualityManager;
  devices: DeviceController;
  /** Tokens, permissions, moderation (./auth.ts). */
  auth: SessionAuth;
}

export class Lifecycle implements ConnectionEnd {
  readonly #c: SessionCore;
  readonly #p: LifecycleParts;
  readonly #notifications: Notifications;
  readonly #reconnector: Reconnector;

  constructor(core: SessionCore, parts: LifecycleParts) {
    this.#c = core;
    this.#p = parts;
    this.#notifications = new Notifications(core, parts.subscriber, parts.quality, this);
    this.#reconnector = new Reconnector(core, {
      resume: (conn) => resumeConnection(core, conn, this.#notifications, parts.subscriber),
      connect: (roomId) => this.#connectRoom(roomId, null),
      giveUp: (error) => this.#end(error.code, error),
    });
  }

  join(roomId: string): Promise<void> {
    const c = this.#c;
    const generation = c.generation;
    return c.queue.push(async () => {
      if (generation !== c.generation) throw new ConferenceError('not-joined', 'join() was cancelled by leave()');
      const { connection } = c.state.getSnapshot();
      if (connection === 'connecting' || connection === 'joined' || connection === 'reconnecting') {
        throw c.report(new ConferenceError('already-joined', `already ${connection}`));
      }
      c.roomId = roomId;
      c.wanted.clear();
      c.optedOut.clear();
      c.levels.set(EMPTY_LEVELS);
      c.state.update((s) => ({ ...s, connection: 'connecting', roomId: null, publishers: {}, error: null }));
      log.debug('join', roomId, 'as', c.userId);

      const published = new Deferred<void>();
      const media = this.#p.local.acquireForJoin(published.promise);
      const attempt: JoinAttempt = { media, reached: false, published };
      try {
        // docs/reliability.md: a join that fails on a timeout (or a lost socket, once the server
        // was reached) is tried again, `connecting` with `reconnectAttempt`; only a final error ends it.
        await withRetry(() => this.#connectRoom(roomId, attempt), {
          policy: JOIN_BACKOFF,
          maxAttempts: MAX_JOIN_ATTEMPTS,
          retryable: (error) => isRetryable(error) && ((error as ConferenceError).code !== 'server-unreachable' || attempt.reached),
          guard: () => {
            if (generation !== c.generation) throw new StaleError();
          },
          onRetry: (error, n, delayMs) => {
            log.warn('join attempt', n, 'failed:', toConferenceError(error).message, `- trying again in ${delayMs} ms`);
            c.state.update((s) => ({ ...s, reconnectAttempt: n }));
          },
        });
      } catch (error) {
        published.resolve();
        this.#p.local.discard(media); // Tracks not adopted yet still need stopping.
        if (error instanceof StaleError) throw new ConferenceError('not-joined', 'join() was aborted by leave()');
        this.#p.local.stop();
        c.state.update((s) => ({ ...s, connection: 'closed', roomId: null, publishers: {}, recording: NOT_RECORDING, reconnectAttempt: 0 }));
        throw c.report(toConferenceError(error));
      }
    });
  }

  /** Tells the server (waiting for its answer, briefly), then the common teardown. Never rejects. */
  async leave(): Promise<void> {
    const c = this.#c;
    const conn = c.conn;
    const { connection } = c.state.getSnapshot();
    if (!conn && (connection === 'idle' || connection === 'closed')) {
      c.generation++;
      this.#p.local.stop();
      return;
    }
    let ack: Promise<unknown> | null = null;
    if (conn && connection === 'joined' && conn.signaling.isOpen) {
      ack = conn.signaling.request('leave', {}, { timeoutMs: LEAVE_TIMEOUT_MS }).catch((error: unknown) => {
        log.debug('leave request failed (ignored)', error);
      });
    }
    // The socket stays open until the server acknowledged `leave`; the rest goes now.
    this.#end('left', null, ack !== null);
    await ack;
    conn?.signaling.close();
  }

  /** The server ended this session (replaced, room closed, removed). */
  closeWith(conn: Connection, error: ConferenceError | null, reason: string): void {
    if (this.#c.isCurrent(conn)) this.#end(reason, error);
  }

  reconnect(conn: Connection): void {
    this.#reconnector.start(conn);
  }

  rejoin(conn: Connection): void {
    this.#reconnector.start(conn, 'rejoin');
  }

  /**
   * The one teardown: retires the current connection (keeping its socket open when asked), stops
   * local tracks and devicechange, empties the room state, reports `error` if any, emits `closed`.
   */
  #end(reason: string, error: ConferenceError | null, keepSignaling = false): void {
    const c = this.#c;
    const conn = c.conn;
    c.conn = null;
    c.generation++;
    if (conn) retire(conn, !keepSignaling);
    this.#p.local.stop();
    c.wanted.clear();
    c.optedOut.clear();
    c.levels.set(EMPTY_LEVELS);
    c.state.update((s) => ({ ...s, connection: 'closed', roomId: null, publishers: {}, recording: NOT_RECORDING }));
    this.#p.devices.stop();
    if (error) c.report(error);
    c.events.emit('closed', { reason });
  }

  /**
   * Opens a connection, joins, publishes and subscribes. `attempt.media` is the pending local
   * media of a first join (taken once adopted), null to reuse the session's current tracks
   * (reconnect). On failure the connection is retired and the error rethrown (StaleError if it
   * was retired meanwhile).
   */
  async #connectRoom(roomId: string, attempt: JoinAttempt | null): Promise<void> {
    const c = this.#c;
    const { init } = c;
    const signaling = openSignaling(c);
    const conn: Connection = createConnection(signaling, () => {
      // A failed (or long disconnected) transport: resume on a new socket, with an ICE restart (docs/reliability.md).
      if (c.isCurrent(conn) && c.state.getSnapshot().connection === 'joined') {
        log.warn('a transport failed (or stayed disconnected); reconnecting');
        this.reconnect(conn);
      }
    });
    c.conn = conn;
    this.#notifications.wire(conn);
    let subscriptions: Promise<unknown> = Promise.resolve();
    // The socket first; mediasoup-client loads (first join only) while it connects and joins.
    const connected = signaling.connect();
    connected.catch(() => undefined);
    loadMediasoupClient().catch(() => undefined);
    const { auth } = this.#p;
    try {
      // The token (a provider is asked on every join and reconnect) travels in `join`, not the URL.
      const tokenPromise = auth.token();
      tokenPromise.catch(() => undefined);
      await connected;
      if (attempt) attempt.reached = true;
      const token = await tokenPromise;
      c.check(conn);
      auth.joining();
      // Retried on a timeout; the server answers a repeated join on this socket with the same session.
      const result = await retryRequest(conn, 'join', {
        protocolVersion: PROTOCOL_VERSION,
        roomId,
        userId: c.userId,
        name: c.name,
        callType: c.callType,
        ...(token === undefined ? {} : { token }),
      });
      c.check(conn);
      auth.joined(conn, result);
      conn.resumeToken = result.resumeToken; // docs/reliability.md
      this.#p.quality.onJoined();

      // The recv transport does not depend on local media: ask for it right away, and for the
      // send transport too when this join will publish, so that the server creates both while the
      // device loads, and the consume requests that follow are not queued behind it (issue 15).
      const recvInfoPromise = retryRequest(conn, 'createTransport', { direction: 'recv' });
      recvInfoPromise.catch(() => undefined);
      if ((attempt?.media || this.#p.local.any) && (canPublish(result.permissions, 'mic') || canPublish(result.permissions, 'camera'))) {
        conn.sendInfo = retryRequest(conn, 'createTransport', { direction: 'send' });
        conn.sendInfo.catch(() => undefined);
      }

      const device = await createDevice();
      c.check(conn);
      try {
        await device.load({ routerRtpCapabilities: result.routerRtpCapabilities as RtpCapabilities });
      } catch (error) {
        throw new ConferenceError('unsupported', `cannot load the mediasoup device: ${String(error)}`, { cause: error });
      }
      c.check(conn);
      conn.device = device;

      c.state.update((s) => applyChatHistory(s, result.chat)); // chat (docs/meetings.md)
      c.state.update((s) => applyRecording(applyPermissions(s, result.permissions), result.recording));
      this.#notifications.applyJoinResult(conn, result.publishers);
      c.levels.update((prev) => applyActiveSpeaker(prev, result.activeSpeaker ?? null)); // who speaks now, before the next change

      const recvBranch = (async () => {
        const info = await recvInfoPromise;
        c.check(conn);
        conn.recvTransport = createTransport(conn, 'recv', info);
        conn.recvReady.resolve();
      })();
      recvBranch.catch((error: unknown) => conn.recvReady.reject(error));

      // Subscriptions start now and wait for the recv transport, in parallel with publishing.
      const { subscriber } = this.#p;
      subscriptions = Promise.all(
        [...conn.infos.keys()]
          .filter((userId) => c.shouldAutoSubscribe(userId))
          .map((userId) =>
            subscriber.subscribe(conn, userId).catch((error: unknown) => {
              if (!(error instanceof StaleError)) c.report(toConferenceError(error));
            }),
          ),
      );

      // Subscribing first: the publish starts once the first remote video is consumed (capped).
      const turn = publishTurn(hasRemoteVideo(conn.infos, (userId) => c.shouldAutoSubscribe(userId)), conn.firstVideo.promise);
      const sendBranch = (async () => {
        await turn;
        c.check(conn);
        attempt?.published.resolve();
        if (attempt?.media) {
          const local = await attempt.media;
          c.check(conn);
          this.#p.local.adopt(local);
          attempt.media = null; // a retried join keeps these tracks
        }
        // A listener (or a limited `publish` grant) keeps no tracks it may not publish.
        for (const source of ['mic', 'camera'] as const) {
          if (!canPublish(result.permissions, source)) this.#p.local.drop(source);
        }
        await this.#p.publisher.publishLocal(conn);
      })();

      await Promise.all([recvBranch, sendBranch]);
      c.check(conn);
    } catch (error) {
      const stale = !c.isCurrent(conn);
      retire(conn);
      if (!stale) c.conn = null;
      throw stale ? new StaleError() : error;
    }
    conn.established = true;
    c.state.update((s) => ({ ...setConnection({ ...s, roomId }, 'joined'), reconnectAttempt: 0 }));
    log.debug('joined', roomId);
    // Joined from here on: a subscription failing (or a reconnect starting) does not fail the join.
    await subscriptions;
  }
}
