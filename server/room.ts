/**
 * A room: one mediasoup Router, its participants (by userId, in join order), and the audio
 * observers. It decides who is told what; Participant manages the media objects themselves.
 */
import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import type {
  CallType,
  JoinResult,
  ConsumerInfo,
  MediaSource,
  NotificationMethod,
  Notifications,
  Permissions,
  RecordingState,
  PublisherInfo,
} from '../src/protocol/protocol.js';
import type { Logger } from './logger.js';
import { Participant, type LeaveReason, type PeerChannel, type TransportSettings } from './participant.js';
import { ProtocolError } from './protocol-schema.js';

export const MEDIA_CODECS: ms.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
];

const AUDIO_LEVEL_INTERVAL_MS = 250;
const AUDIO_LEVEL_THRESHOLD_DBOV = -70;
const ACTIVE_SPEAKER_INTERVAL_MS = 300;

/** WebSocket close code sent to a connection replaced by a newer join of the same userId. */
export const CLOSE_CODE_REPLACED = 4001;
/** WebSocket close code sent to a participant a moderator removed (after the `removed` notification). */
export const CLOSE_CODE_REMOVED = 4003;

/** Who joins: resolved by AccessControl (from the token in secure mode). */
export interface RoomJoinParams {
  userId: string;
  name: string;
  callType: CallType;
  permissions: Permissions;
  tokenExpiresAt: number | null;
}

/** Maps a dBov volume (-127..0, useful range -80..0) to a level 0..1. */
export function levelFromDbov(volume: number): number {
  const level = (volume + 80) / 80;
  return Math.round(Math.min(1, Math.max(0, level)) * 1000) / 1000;
}

/** The levels as the meters draw them (steps of 0.01), in one comparable string. */
export function levelsKey(levels: readonly { userId: string; level: number }[]): string {
  return levels.map(({ userId, level }) => `${userId}:${Math.round(level * 100)}`).join(',');
}

export type RoomEvents = {
  /** The room is closed: its router is gone and it has no participants. */
  close: [reason: string];
  // --- recording (server/recording) ---
  /** A participant created a producer. */
  producer: [producer: ms.Producer, userId: string];
};

export interface RoomOptions {
  roomId: string;
  worker: ms.Worker;
  maxParticipants: number;
  transport: TransportSettings;
  logger: Logger;
}

export class Room extends EventEmitter<RoomEvents> {
  readonly id: string;
  readonly worker: ms.Worker;
  readonly router: ms.Router;
  private readonly maxParticipants: number;
  private readonly transport: TransportSettings;
  private readonly logger: Logger;
  private readonly participants = new Map<string, Participant>();
  private readonly audioLevelObserver: ms.AudioLevelObserver;
  private readonly activeSpeakerObserver: ms.ActiveSpeakerObserver;
  private dominantSpeaker: string | null = null;
  /** levelsKey() of the last audioLevels broadcast (null: send the next one whatever it holds). */
  private lastLevelsKey: string | null = null;
  private closedReason: string | null = null;

  // --- recording (server/recording): state set by RecordingManager, sent in join results ---
  recording: RecordingState = { active: false, startedAt: null, by: null };

  /** Every producer in the room with its owner's userId. */
  recordableProducers(): { producer: ms.Producer; userId: string }[] {
    return [...this.participants.values()].flatMap((p) => p.producerList().map((producer) => ({ producer, userId: p.userId })));
  }
  // --- end recording ---

  static async create(options: RoomOptions): Promise<Room> {
    const router = await options.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    try {
      const audioLevelObserver = await router.createAudioLevelObserver({
        maxEntries: 16,
        threshold: AUDIO_LEVEL_THRESHOLD_DBOV,
        interval: AUDIO_LEVEL_INTERVAL_MS,
      });
      const activeSpeakerObserver = await router.createActiveSpeakerObserver({ interval: ACTIVE_SPEAKER_INTERVAL_MS });
      return new Room(options, router, audioLevelObserver, activeSpeakerObserver);
    } catch (error) {
      router.close();
      throw error;
    }
  }

  private constructor(
    options: RoomOptions,
    router: ms.Router,
    audioLevelObserver: ms.AudioLevelObserver,
    activeSpeakerObserver: ms.ActiveSpeakerObserver,
  ) {
    super();
    this.id = options.roomId;
    this.worker = options.worker;
    this.router = router;
    this.maxParticipants = options.maxParticipants;
    this.transport = options.transport;
    this.logger = options.logger.child({ roomId: options.roomId, routerId: router.id });
    this.audioLevelObserver = audioLevelObserver;
    this.activeSpeakerObserver = activeSpeakerObserver;

    audioLevelObserver.on('volumes', (volumes: ms.AudioLevelObserverVolume[]) => {
      const levels = volumes.map(({ producer, volume }) => ({
        userId: String((producer.appData as { userId?: unknown }).userId ?? ''),
        level: levelFromDbov(volume),
      }));
      this.broadcastLevels(levels);
    });
    audioLevelObserver.on('silence', () => this.broadcastLevels([]));
    activeSpeakerObserver.on('dominantspeaker', ({ producer }: ms.ActiveSpeakerObserverActivity) => {
      const userId = String((producer.appData as { userId?: unknown }).userId ?? '') || null;
      if (userId === this.dominantSpeaker) return;
      this.dominantSpeaker = userId;
      this.broadcast('activeSpeaker', { userId });
    });
    // The worker closes its routers before it emits 'died'; a graceful shutdown closes rooms first.
    router.on('workerclose', () => this.close('media worker closed', 'worker-died', undefined, true));
    this.logger.info({ workerPid: this.worker.pid }, 'room created');
  }

  /** The dominant speaker now (the last `activeSpeaker` sent), or null. */
  get activeSpeaker(): string | null {
    return this.dominantSpeaker;
  }

  get closed(): boolean {
    return this.closedReason !== null;
  }

  get size(): number {
    return this.participants.size;
  }

  /** Rough load on the worker: one per participant plus one per producer and consumer. */
  get load(): number {
    let load = 1;
    for (const p of this.participants.values()) load += 1 + p.mediaCount;
    return load;
  }

  /**
   * Adds a participant. Synchronous: all checks happen before anything is created. A join with
   * a userId already present replaces that participant (and does not count against the limit).
   */
  join(params: RoomJoinParams, channel: PeerChannel): {
    participant: Participant;
    result: Omit<JoinResult, 'resumeToken'>;
    /** Whether a participant with this userId was replaced (a rejoin). */
    replaced: boolean;
  } {
    if (this.closed) throw new ProtocolError('room-closed', `room ${this.id} is closed`);
    const previous = this.participants.get(params.userId);
    if (!previous && this.participants.size >= this.maxParticipants) {
      throw new ProtocolError('room-full', `room ${this.id} is full (${this.maxParticipants} participants)`);
    }

    if (previous && previous.tokenExpiresAt !== null && params.tokenExpiresAt === null) {
      // Open mode: a tokenless join may not take over a session that proved its identity.
      throw new ProtocolError('forbidden', `${params.userId} joined with a token; rejoin with a token for the same user`);
    }
    if (previous) {
      this.participants.delete(params.userId);
      previous.channel.notify('replaced', {});
      previous.close('replaced');
      previous.channel.close(CLOSE_CODE_REPLACED, 'replaced');
      this.broadcast('publisherLeft', { userId: params.userId, reason: 'replaced' });
      this.logger.info({ userId: params.userId }, 'participant replaced by a new connection');
    }

    const participant = new Participant({
      userId: params.userId,
      name: params.name,
      callType: params.callType,
      permissions: params.permissions,
      tokenExpiresAt: params.tokenExpiresAt,
      channel,
      router: this.router,
      transport: this.transport,
      logger: this.logger,
    });
    this.participants.set(participant.userId, participant);
    this.lastLevelsKey = null; // the newcomer gets the next levels even if they did not change

    participant.on('producersChanged', () => {
      if (this.participants.get(participant.userId) !== participant) return;
      this.broadcast('publisherUpdated', { publisher: participant.info() }, participant);
    });
    participant.on('newProducer', (producer) => {
      this.observeAudio(producer);
      this.emit('producer', producer, participant.userId); // recording
    });

    this.broadcast('publisherJoined', { publisher: participant.info() }, participant);
    this.logger.info({ userId: participant.userId, size: this.participants.size }, 'participant joined');

    return { participant, replaced: previous !== undefined, result: this.joinResult(participant) };
  }

  /** The join result of a participant of this room (also for a join retried on the same socket). */
  joinResult(participant: Participant): Omit<JoinResult, 'resumeToken'> {
    return {
      routerRtpCapabilities: this.router.rtpCapabilities,
      publishers: this.others(participant),
      maxParticipants: this.maxParticipants,
      userId: participant.userId,
      name: participant.name,
      permissions: participant.permissions,
      tokenExpiresAt: participant.tokenExpiresAt,
      recording: this.recording,
      activeSpeaker: this.activeSpeaker,
    };
  }

  /** Removes a participant (no-op if it was already replaced or removed). Closes the room when empty. */
  leave(participant: Participant, reason: Exclude<LeaveReason, 'replaced' | 'room-closed'>): void {
    if (this.participants.get(participant.userId) !== participant) {
      participant.close(reason);
      return;
    }
    this.participants.delete(participant.userId);
    participant.close(reason);
    this.broadcast('publisherLeft', { userId: participant.userId, reason });
    if (this.dominantSpeaker === participant.userId) {
      this.dominantSpeaker = null;
      this.broadcast('activeSpeaker', { userId: null });
    }
    this.logger.info({ userId: participant.userId, reason, size: this.participants.size }, 'participant left');
    if (this.participants.size === 0) this.close('empty');
  }

  /** Everyone but `participant`, in join order (Reliability: the resume result). */
  others(participant: Participant): PublisherInfo[] {
    return [...this.participants.values()].filter((p) => p !== participant).map((p) => p.info());
  }

  /** The participants, in join order (metrics). */
  members(): IterableIterator<Participant> {
    return this.participants.values();
  }

  /** The participant with this userId, if present. */
  find(userId: string): Participant | undefined {
    return this.participants.get(userId);
  }

  /** Moderation: pauses `target`'s producer of `source`; the target is told who did it. */
  async muteParticipant(target: Participant, source: MediaSource, by: string): Promise<void> {
    const producer = target.producerOf(source);
    if (!producer) throw new ProtocolError('not-found', `${target.userId} has no ${source} producer`);
    await target.setProducerPaused(producer.id, true);
    if (this.participants.get(target.userId) !== target) return;
    target.channel.notify('mutedByModerator', { source, producerId: producer.id, by });
    this.logger.info({ userId: target.userId, source, by }, 'participant muted by a moderator');
  }

  /** Moderation: `target` is told (`removed`), leaves (everyone sees reason `removed`), and its socket closes. */
  removeParticipant(target: Participant, by: string): void {
    if (this.participants.get(target.userId) !== target) return;
    target.channel.notify('removed', { by });
    this.logger.info({ userId: target.userId, by }, 'participant removed by a moderator');
    this.leave(target, 'removed');
    target.channel.close(CLOSE_CODE_REMOVED, 'removed');
  }

  /** Creates a paused consumer for `consumer` of a producer owned by another participant. */
  async consume(
    consumer: Participant,
    producerId: string,
    rtpCapabilities: ms.RtpCapabilities,
  ): Promise<ConsumerInfo> {
    const found = this.findProducer(producerId);
    if (!found) throw new ProtocolError('not-found', `no producer ${producerId} in this room`);
    if (found.owner === consumer) throw new ProtocolError('invalid-params', 'cannot consume your own producer');
    let canConsume: boolean;
    try {
      canConsume = this.router.canConsume({ producerId, rtpCapabilities });
    } catch (error) {
      throw new ProtocolError('invalid-params', `rtpCapabilities: ${(error as Error).message}`);
    }
    if (!canConsume) {
      throw new ProtocolError('invalid-params', `rtpCapabilities cannot consume producer ${producerId}`);
    }
    return consumer.consume(found.producer, found.owner, rtpCapabilities);
  }

  private findProducer(producerId: string): { producer: ms.Producer; owner: Participant } | null {
    for (const owner of this.participants.values()) {
      const producer = owner.getProducer(producerId);
      if (producer) return { producer, owner };
    }
    return null;
  }

  private observeAudio(producer: ms.Producer): void {
    if (producer.kind !== 'audio' || (producer.appData as { source?: string }).source !== 'mic') return;
    const add = (observer: ms.RtpObserver) =>
      observer.addProducer({ producerId: producer.id }).catch((error: unknown) => {
        if (!producer.closed && !observer.closed) {
          this.logger.warn({ err: error, producerId: producer.id }, 'could not add producer to an audio observer');
        }
      });
    void add(this.audioLevelObserver);
    void add(this.activeSpeakerObserver);
  }

  /**
   * Sends audioLevels unless they draw the same as the last ones sent (a steady or silent room then
   * costs its pages no messages, snapshots or rendered frames).
   */
  private broadcastLevels(levels: { userId: string; level: number }[]): void {
    const key = levelsKey(levels);
    if (key === this.lastLevelsKey) return;
    this.lastLevelsKey = key;
    this.broadcast('audioLevels', { levels });
  }

  /** Sends a notification to everyone in the room except `except`. */
  broadcast<M extends NotificationMethod>(method: M, data: Notifications[M], except?: Participant): void {
    for (const participant of this.participants.values()) {
      if (participant === except) continue;
      participant.channel.notify(method, data);
    }
  }

  /**
   * Closes the room. With a `notifyReason`, participants are told (`roomClosed`) and their
   * sessions end; their sockets stay open so they can join again.
   */
  close(reason: string, notifyReason?: string, endedBy?: string, rejoin?: boolean): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    const participants = [...this.participants.values()];
    this.participants.clear();
    for (const participant of participants) {
      if (notifyReason) {
        participant.channel.notify('roomClosed', {
          reason: notifyReason,
          ...(endedBy ? { endedBy } : {}),
          ...(rejoin ? { rejoin: true } : {}),
        });
      }
      participant.close('room-closed');
    }
    if (!this.router.closed) this.router.close();
    this.logger.info({ reason }, 'room closed');
    this.emit('close', reason);
  }
}
