/**
 * Notifications: server events of one connection -> state and session events. Room
 * notifications that arrive before the join result is applied are buffered and replayed after
 * it; the end-of-session ones (replaced, roomClosed, disconnected) go to the lifecycle.
 */
import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { NotificationMethod, Notifications as NotificationMap, PublisherInfo } from '../protocol/protocol.js';
import { applyChatMessage } from '../state/chat.js';
import { applyActiveSpeaker, applyAudioLevels, removeLevel } from '../state/levels.js';
import { applyRecording } from '../state/recording.js';
import { applyJoinResult, applyPublisherJoined, applyPublisherLeft, applyPublisherUpdated, setPublisherReconnecting } from '../state/publishers.js';
import type { Connection } from './connection.js';
import type { SessionCore } from './core.js';
import type { QualityManager } from './quality.js';
import type { Subscriber } from './subscriber.js';

const log = createLogger('conf-kit:notifications');

/** The server's close code after `removed` (docs/auth.md). */
const CLOSE_CODE_REMOVED = 4003;

const removedError = (by: string | null) =>
  new ConferenceError('removed', by ? `you were removed from the meeting by ${by}` : 'you were removed from the meeting');

/** What ends or interrupts a connection; the lifecycle implements it. */
export interface ConnectionEnd {
  /** The server ended this session (replaced, room closed, removed); `error` null for a normal end. */
  closeWith(conn: Connection, error: ConferenceError | null, reason: string): void;
  /** Signalling was lost while joined: reconnect (resume first, docs/reliability.md). */
  reconnect(conn: Connection): void;
  /** `roomClosed { rejoin: true }`: join the room again at once (no resume; the server state is gone). */
  rejoin(conn: Connection): void;
}

/** The server closes a socket whose session another socket resumed (server/resume.ts). */
const CLOSE_CODE_RESUMED_ELSEWHERE = 4002;

export class Notifications {
  readonly #c: SessionCore;
  readonly #subscriber: Subscriber;
  readonly #quality: QualityManager;
  readonly #end: ConnectionEnd;

  constructor(core: SessionCore, subscriber: Subscriber, quality: QualityManager, end: ConnectionEnd) {
    this.#c = core;
    this.#subscriber = subscriber;
    this.#quality = quality;
    this.#end = end;
  }

  /** Listens to `conn`'s signalling; the listeners go with the connection (conn.offs). */
  wire(conn: Connection): void {
    const c = this.#c;
    const { signaling } = conn;
    /** Room notifications wait until the join result is applied. */
    const room = <M extends NotificationMethod>(method: M, handler: (data: NotificationMap[M]) => void) => {
      conn.offs.push(
        signaling.on(method, ((data: NotificationMap[M]) => {
          if (!c.isCurrent(conn)) return;
          if (!conn.ready) conn.buffered.push(() => handler(data));
          else handler(data);
        }) as never),
      );
    };
    room('publisherJoined', ({ publisher }) => this.#onPublisherJoined(conn, publisher));
    room('publisherUpdated', ({ publisher }) => this.#onPublisherUpdated(conn, publisher));
    room('publisherLeft', ({ userId }) => this.#onPublisherLeft(conn, userId));
    room('consumerClosed', ({ consumerId }) => {
      const producerId = conn.consumerIds.get(consumerId);
      const entry = producerId ? conn.consumers.get(producerId) : undefined;
      if (entry) this.#subscriber.drop(conn, entry, true);
      else conn.closedConsumerIds.add(consumerId);
    });
    room('audioLevels', ({ levels }) => {
      const ids = [c.userId, ...Object.keys(c.state.getSnapshot().publishers)];
      c.levels.update((prev) => applyAudioLevels(prev, levels, ids));
    });
    room('activeSpeaker', ({ userId }) => c.levels.update((prev) => applyActiveSpeaker(prev, userId)));
    room('consumerLayersChanged', (data) => this.#quality.onLayersChanged(data));
    room('consumerScore', (data) => this.#quality.onScore(data));
    // Reliability (docs/reliability.md): dimmed tiles while someone is kept for resume.
    room('publisherReconnecting', ({ userId, reconnecting }) => {
      const info = conn.infos.get(userId);
      if (info) conn.infos.set(userId, { ...info, reconnecting });
      c.state.update((s) => setPublisherReconnecting(s, userId, reconnecting));
    });
    room('chatMessage', ({ message }) => {
      const before = c.state.getSnapshot();
      c.state.update((s) => applyChatMessage(s, message, message.userId === c.userId));
      if (c.state.getSnapshot() !== before) c.events.emit('chatmessage', { message, own: message.userId === c.userId });
    });
    room('layersWanted', (data) => this.#quality.dynacast.onLayersWanted(data));
    room('recordingChanged', (recording) => c.state.update((s) => applyRecording(s, recording)));
    room('uplinkQuality', (data) => this.#c.events.emit('uplinkquality', data));
    conn.offs.push(
      signaling.on('replaced', () => {
        this.#end.closeWith(conn, new ConferenceError('replaced', 'this user joined again from another connection'), 'replaced');
      }),
      signaling.on('roomClosed', ({ reason, endedBy, rejoin }) => {
        if (rejoin && c.isCurrent(conn)) this.#end.rejoin(conn); // worker died, media lost: the room comes back
        // Access control (docs/auth.md): ending the meeting yourself is no error.
        else if (endedBy !== undefined && endedBy === c.userId) this.#end.closeWith(conn, null, 'ended');
        else this.#end.closeWith(conn, new ConferenceError('room-closed', endedBy ? `the meeting was ended by ${endedBy}` : `the room was closed: ${reason}`), 'room-closed');
      }),
      signaling.on('serverShutdown', ({ reconnectInMs }) => {
        conn.shutdownReconnectMs = reconnectInMs;
      }),
      // A moderator removed us: final, never reconnect (the socket closes next with 4003).
      signaling.on('removed', ({ by }) => this.#end.closeWith(conn, removedError(by), 'removed')),
      signaling.on('disconnected', ({ code }) => {
        if (!c.isCurrent(conn)) return;
        if (code === CLOSE_CODE_REMOVED) return this.#end.closeWith(conn, removedError(null), 'removed');
        log.warn('signalling lost, code', code);
        if (code === CLOSE_CODE_RESUMED_ELSEWHERE) {
          this.#end.closeWith(conn, new ConferenceError('replaced', 'this session was resumed from another connection'), 'replaced');
          return;
        }
        // While connecting, the pending requests fail and join() reports it.
        if (c.state.getSnapshot().connection === 'joined') this.#end.reconnect(conn);
      }),
    );
  }

  /** The publishers of the join result, then the notifications that arrived meanwhile. */
  applyJoinResult(conn: Connection, publishers: PublisherInfo[]): void {
    for (const info of publishers) {
      if (info.userId !== this.#c.userId) conn.infos.set(info.userId, info);
    }
    this.#c.state.update((s) => applyJoinResult(s, publishers));
    conn.ready = true;
    for (const replay of conn.buffered.splice(0)) replay();
    this.#c.emitPublishers();
  }

  /**
   * After a resume: the fresh `publishers` of the resume result against what this connection
   * knows (missed notifications are not replayed): leaves, joins and producer changes.
   */
  reconcile(conn: Connection, publishers: PublisherInfo[]): void {
    const fresh = new Map(publishers.filter((p) => p.userId !== this.#c.userId).map((p) => [p.userId, p]));
    for (const userId of [...conn.infos.keys()]) if (!fresh.has(userId)) this.#onPublisherLeft(conn, userId);
    for (const info of fresh.values()) {
      this.#onPublisherUpdated(conn, info);
      this.#c.state.update((s) => setPublisherReconnecting(s, info.userId, !!info.reconnecting));
    }
  }

  #onPublisherJoined(conn: Connection, info: PublisherInfo): void {
    const c = this.#c;
    if (info.userId === c.userId) return;
    // A known userId rejoined: the consumers of its old connection are dead.
    this.#subscriber.dropUser(conn, info.userId);
    conn.infos.set(info.userId, info);
    c.state.update((s) => applyPublisherJoined(s, info));
    c.emitPublishers();
    if (c.shouldAutoSubscribe(info.userId)) this.#subscriber.subscribeInBackground(conn, info.userId);
  }

  #onPublisherUpdated(conn: Connection, info: PublisherInfo): void {
    const c = this.#c;
    if (info.userId === c.userId) return;
    const known = conn.infos.has(info.userId);
    conn.infos.set(info.userId, info);
    c.state.update((s) => applyPublisherUpdated(s, info));
    c.emitPublishers();
    if (known) this.#subscriber.refresh(conn, info.userId);
    else if (c.shouldAutoSubscribe(info.userId)) this.#subscriber.subscribeInBackground(conn, info.userId);
  }

  #onPublisherLeft(conn: Connection, userId: string): void {
    const c = this.#c;
    this.#subscriber.dropUser(conn, userId);
    conn.infos.delete(userId);
    c.wanted.delete(userId);
    c.optedOut.delete(userId);
    c.state.update((s) => applyPublisherLeft(s, userId));
    c.levels.update((prev) => removeLevel(prev, userId));
    c.events.emit('publisherleft', { userId });
    c.emitPublishers();
  }
}
