/**
 * Resume grace (docs/reliability.md). A participant whose socket drops, or whose media (ICE/DTLS)
 * is lost, is kept with all its transports, producers and consumers for RESUME_GRACE_S. Others
 * get `publisherReconnecting`; `publisherLeft` comes only when the grace expires. A `resume`
 * request with the participant's resume token, on a new socket, re-attaches it.
 *
 * Missed notifications are not replayed: the `resume` result is the fresh state (publishers,
 * own producers, consumers), which is all a client needs to reconcile, and the current dynacast
 * `layersWanted` of each own simulcast producer is sent again.
 */
import { randomBytes } from 'node:crypto';
import type { NotificationMethod, Notifications, ResumeResult } from '../src/protocol/protocol.js';
import type { Handler } from './handlers.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { Participant, PeerChannel } from './participant.js';
import { ProtocolError } from './protocol-schema.js';
import type { Room } from './room.js';

/** A connection that can hold a session (server/connection.ts). */
export interface SessionHolder extends PeerChannel {
  /** A `resume` moved this connection's session to another socket: forget it and close this socket. */
  releaseSession(): void;
}

/** Close code for a socket whose session was resumed on another socket. */
export const CLOSE_CODE_RESUMED_ELSEWHERE = 4002;

/** The participant's channel: forwards to the current socket, drops messages while detached. */
export class SwitchableChannel implements PeerChannel {
  constructor(private target: SessionHolder | null) {}

  get current(): SessionHolder | null {
    return this.target;
  }

  notify<M extends NotificationMethod>(method: M, data: Notifications[M]): void {
    this.target?.notify(method, data);
  }

  close(code: number, reason: string): void {
    this.target?.close(code, reason);
  }

  /** Forgets `from` if it is the current socket. */
  detach(from: SessionHolder): void {
    if (this.target === from) this.target = null;
  }

  /** Moves to `next`; a different previous socket is released (and closed). */
  switchTo(next: SessionHolder): void {
    const previous = this.target;
    this.target = next;
    if (previous && previous !== next) previous.releaseSession();
  }
}

interface Kept {
  room: Room;
  participant: Participant;
  token: string;
  socketLost: boolean;
  mediaLost: boolean;
  timer: NodeJS.Timeout | null;
}

export class ResumeManager {
  private readonly byToken = new Map<string, Kept>();
  private readonly byParticipant = new Map<Participant, Kept>();

  constructor(
    private readonly graceMs: number,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  /** Participants currently kept (socket or media lost). */
  get keptCount(): number {
    let n = 0;
    for (const kept of this.byParticipant.values()) if (kept.timer) n++;
    return n;
  }

  /** Tracks a newly joined participant; returns its resume token. */
  register(room: Room, participant: Participant): string {
    const token = randomBytes(32).toString('base64url');
    const kept: Kept = { room, participant, token, socketLost: false, mediaLost: false, timer: null };
    this.byToken.set(token, kept);
    this.byParticipant.set(participant, kept);
    participant.on('mediaLost', (lost) => (lost ? this.lost(kept, 'media') : this.found(kept, 'media')));
    participant.once('closed', () => {
      if (kept.timer) clearTimeout(kept.timer);
      kept.timer = null;
      this.byToken.delete(token);
      this.byParticipant.delete(participant);
    });
    return token;
  }

  /** The resume token of a registered participant (a join retried on the same socket gets it again). */
  tokenOf(participant: Participant): string | null {
    return this.byParticipant.get(participant)?.token ?? null;
  }

    /** The socket `holder` of this participant closed without `leave`. */
  socketClosed(room: Room, participant: Participant, holder: SessionHolder): void {
    const kept = this.byParticipant.get(participant);
    const channel = participant.channel;
    if (!kept || this.graceMs <= 0 || !(channel instanceof SwitchableChannel)) {
      room.leave(participant, 'disconnected');
      return;
    }
    if (channel.current !== holder) return; // already resumed elsewhere
    channel.detach(holder);
    this.lost(kept, 'socket');
  }

  /** `resume`: re-attaches the kept participant to `holder`. */
  resume(token: string, holder: SessionHolder): { room: Room; participant: Participant } {
    const kept = this.byToken.get(token);
    if (!kept || kept.participant.closed || kept.room.closed) {
      throw new ProtocolError('not-found', 'nothing to resume (the grace period expired, or the server restarted); join again');
    }
    const channel = kept.participant.channel;
    if (!(channel instanceof SwitchableChannel)) throw new ProtocolError('internal', 'this session cannot be resumed');
    channel.switchTo(holder);
    this.found(kept, 'socket');
    this.metrics.resumes.inc();
    return { room: kept.room, participant: kept.participant };
  }

  /** A transport of a kept (or live) participant got new ICE parameters (`restartIce`). */
  iceRestarted(): void {
    this.metrics.iceRestarts.inc();
  }

  private lost(kept: Kept, why: 'socket' | 'media'): void {
    if (kept.participant.closed) return;
    if (why === 'socket') kept.socketLost = true;
    else kept.mediaLost = true;
    if (kept.timer) return;
    kept.participant.reconnecting = true;
    kept.room.broadcast('publisherReconnecting', { userId: kept.participant.userId, reconnecting: true }, kept.participant);
    this.logger.info({ roomId: kept.room.id, userId: kept.participant.userId, why, graceMs: this.graceMs }, 'participant lost; kept for resume');
    kept.timer = setTimeout(() => this.expire(kept, why), this.graceMs);
    kept.timer.unref();
  }

  private found(kept: Kept, why: 'socket' | 'media'): void {
    if (why === 'socket') kept.socketLost = false;
    else kept.mediaLost = false;
    if (kept.socketLost || kept.mediaLost || !kept.timer || kept.participant.closed) return;
    clearTimeout(kept.timer);
    kept.timer = null;
    kept.participant.reconnecting = false;
    kept.room.broadcast('publisherReconnecting', { userId: kept.participant.userId, reconnecting: false }, kept.participant);
    this.logger.info({ roomId: kept.room.id, userId: kept.participant.userId, why }, 'participant back');
  }

  private expire(kept: Kept, why: string): void {
    kept.timer = null;
    if (kept.participant.closed) return;
    this.logger.info({ roomId: kept.room.id, userId: kept.participant.userId, why }, 'resume grace expired; removing');
    // Still attached (media lost only): tell the client its session is over and it should join again.
    kept.participant.channel.notify('roomClosed', { reason: 'media-lost', rejoin: true });
    kept.room.leave(kept.participant, 'disconnected');
  }
}

/** The `resume` result: the join result (Room.joinResult) plus the media kept on the server. */
export function resumeResult(room: Room, participant: Participant, resumeToken: string): ResumeResult {
  return { ...room.joinResult(participant), resumeToken, ...participant.resumeState() };
}

export const resumeHandlers: { resume: Handler<'resume'>; restartIce: Handler<'restartIce'> } = {
  async resume(ctx, { resumeToken }) {
    if (ctx.session && !ctx.session.participant.closed) {
      throw new ProtocolError('already-joined', `this connection already joined room ${ctx.session.room.id}`);
    }
    if (ctx.socketClosed) throw new ProtocolError('not-joined', 'connection closed while resuming');
    const { room, participant } = ctx.resume.resume(resumeToken, ctx.channel);
    ctx.attach(room, participant, 'resume');
    const result = resumeResult(room, participant, resumeToken);
    // chat (docs/meetings.md): the history again, so messages posted during the drop are not lost (clients dedupe by id).
    if (ctx.registry.chat) result.chat = await ctx.registry.chat.joinInfo(room.id);
    // Dynacast: a layersWanted sent while the socket was gone is lost, so the current sets go
    // again, after this result (server/connection.ts sends it once the handler returns): the
    // client listens on its new socket only once it has the result (src/session/resume.ts).
    setImmediate(() => {
      if (!participant.closed) participant.resendLayersWanted();
    });
    return result;
  },

  async restartIce(ctx, { transportId }) {
    if (!ctx.session || ctx.session.participant.closed) throw new ProtocolError('not-joined', 'join a room first');
    const result = await ctx.session.participant.restartIce(transportId);
    ctx.resume.iceRestarted();
    return result;
  },
};
