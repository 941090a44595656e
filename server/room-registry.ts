/**
 * All rooms of this server, by roomId. Creates a room on first join (on the least-loaded
 * worker), forgets it when it closes, and closes the rooms of a worker that died.
 */
import type { types as ms } from 'mediasoup';
import type { CallType, JoinResult, RecordingState } from '../src/protocol/protocol.js';
import type { Logger } from './logger.js';
import type { Participant, PeerChannel, TransportSettings } from './participant.js';
import { ProtocolError } from './protocol-schema.js';
import { Room, type RoomJoinParams } from './room.js';
import type { WorkerPool } from './worker-pool.js';
import type { ChatSocketApi } from './meetings/socket.js';

/** What the startRecording/stopRecording socket methods use (server/recording/socket.ts). */
export interface RecordingSocketApi {
  start(room: Room, participant: Participant): Promise<RecordingState>;
  stop(room: Room, participant: Participant): Promise<RecordingState>;
}

export interface RoomRegistryOptions {
  pool: WorkerPool;
  maxParticipants: number;
  transport: TransportSettings;
  logger: Logger;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly creating = new Map<string, Promise<Room>>();
  /** Rooms being created, per worker, so that concurrent creations spread out. */
  private readonly pendingByWorker = new Map<ms.Worker, number>();
  private closed = false;
  // --- recording (server/recording): the socket methods' hook, set by app.ts ---
  recording: RecordingSocketApi | null = null;
  // --- chat (server/meetings/socket.ts): set by app.ts; join results carry `chat` when set ---
  chat: ChatSocketApi | null = null;
  /** Called after each join (a meeting with `record: true` starts recording on its first participant). */
  onJoined: ((room: Room, participant: Participant) => void) | null = null;

  constructor(private readonly options: RoomRegistryOptions) {
    // Reliability (docs/reliability.md): participants are told to rejoin at once; the room is
    // recreated by the first rejoin on a live worker (or the dead one's replacement).
    options.pool.on('workerDied', (worker) => {
      for (const room of [...this.rooms.values()]) {
        if (room.worker === worker) room.close('media worker died', 'worker-died', undefined, true);
      }
    });
  }

  get size(): number {
    return this.rooms.size;
  }

  get maxParticipants(): number {
    return this.options.maxParticipants;
  }

  get(roomId: string): Room | undefined {
    return this.rooms.get(roomId);
  }

  /**
   * Joins `roomId`, creating the room if needed. An existing room is checked for room-full
   * synchronously before anything is created; a new room is empty, so it cannot be full.
   */
  async join(
    params: RoomJoinParams & { roomId: string },
    channel: PeerChannel,
  ): Promise<{ room: Room; participant: Participant; result: Omit<JoinResult, 'resumeToken'>; replaced: boolean }> {
    // A room can close between its creation and our turn (its worker died); try a few times.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.closed) throw new ProtocolError('room-closed', 'the server is shutting down');
      const room = this.rooms.get(params.roomId) ?? (await this.create(params.roomId));
      if (room.closed) continue;
      const { participant, result, replaced } = room.join(params, channel);
      // A message posted during this await reaches the joiner twice (history + notification); clients dedupe by id.
      if (this.chat) result.chat = await this.chat.joinInfo(room.id);
      this.onJoined?.(room, participant); // recording
      return { room, participant, result, replaced };
    }
    throw new ProtocolError('room-closed', `room ${params.roomId} closed while joining; try again`);
  }

  /** The live rooms (metrics). */
  all(): IterableIterator<Room> {
    return this.rooms.values();
  }

  private create(roomId: string): Promise<Room> {
    const pending = this.creating.get(roomId);
    if (pending) return pending;
    const promise = this.options.pool.whenAvailable().then(() => this.createOn(roomId));
    this.creating.set(roomId, promise);
    promise.catch(() => undefined).finally(() => {
      if (this.creating.get(roomId) === promise) this.creating.delete(roomId);
    });
    return promise;
  }

  private createOn(roomId: string): Promise<Room> {
    const { pool, maxParticipants, transport, logger } = this.options;
    const worker = pool.leastLoaded((w) => this.loadOf(w));
    this.pendingByWorker.set(worker, (this.pendingByWorker.get(worker) ?? 0) + 1);

    const promise = Room.create({ roomId, worker, maxParticipants, transport, logger })
      .then((room) => {
        if (this.closed) {
          room.close('server shutting down');
          throw new ProtocolError('room-closed', 'the server is shutting down');
        }
        this.rooms.set(roomId, room);
        room.once('close', () => {
          if (this.rooms.get(roomId) === room) this.rooms.delete(roomId);
          // chat: an in-memory room's chat lives as long as the room (unless it was recreated meanwhile).
          if (this.chat && !this.rooms.has(roomId) && !this.creating.has(roomId)) {
            this.chat.roomClosed(roomId).catch((error: unknown) => logger.error({ err: error, roomId }, 'dropping room chat failed'));
          }
        });
        return room;
      })
      .finally(() => {
        const n = (this.pendingByWorker.get(worker) ?? 1) - 1;
        if (n > 0) this.pendingByWorker.set(worker, n);
        else this.pendingByWorker.delete(worker);
      });
    return promise;
  }

  private loadOf(worker: ms.Worker): number {
    let load = this.pendingByWorker.get(worker) ?? 0;
    for (const room of this.rooms.values()) if (room.worker === worker) load += room.load;
    return load;
  }

  /** Closes every room, telling participants why. */
  closeAll(reason: string): void {
    this.closed = true;
    for (const room of [...this.rooms.values()]) room.close(reason, reason);
    this.rooms.clear();
  }
}
