/**
 * RecordingManager: at most one Recorder per room, the catalogue, and the compose queue.
 * Lifecycle: recording -> processing -> ready | failed (with a reason).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { RecordingState } from '../../src/protocol/protocol.js';
import type { Logger } from '../logger.js';
import type { RecordingRecord, RecordingsCatalogue } from './catalogue.js';
import { buildComposeArgs, ComposeQueue, DEFAULT_COMPOSE, runFfmpeg, type ComposeOptions } from './compose.js';
import { checkFfmpeg, ffprobe, ffprobePathFor } from './ffmpeg.js';
import { readManifest, writeManifest } from './manifest.js';
import { Recorder, type RecordableRoom } from './recorder.js';

/** What the manager needs of a room, beyond recording it. */
export interface ManagedRoom extends RecordableRoom {
  readonly closed: boolean;
  recording: RecordingState;
  broadcast(method: 'recordingChanged', data: RecordingState): void;
  once(event: 'close', listener: () => void): unknown;
}

export interface RecordingManagerOptions {
  dir: string;
  ffmpegPath: string;
  catalogue: RecordingsCatalogue;
  getRoom: (roomId: string) => ManagedRoom | undefined;
  logger: Logger;
  /** Refuse to start below this much free space in `dir` (bytes). Default 200 MB. */
  minFreeBytes?: number;
  compose?: ComposeOptions;
  /** The meeting a room belongs to (its id), so that recordings started by anyone carry `meetingId`. */
  meetingIdOf?: (roomId: string) => Promise<string | undefined>;
}

export class RecordingError extends Error {
  override name = 'RecordingError';
  constructor(
    readonly code: 'not-found' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

export const INACTIVE: RecordingState = { active: false, startedAt: null, by: null };

/** Ids are server-made, so paths built from them never contain user input. */
const ID_RE = /^rec_[0-9a-f]{32}$/;
export const isRecordingId = (id: string) => ID_RE.test(id);

export class RecordingManager {
  private readonly active = new Map<string, { recorder: Recorder; record: RecordingRecord; room: ManagedRoom }>();
  private readonly queue = new ComposeQueue();
  private ffmpegProblem: string | null = null;
  private shuttingDown = false;

  constructor(private readonly o: RecordingManagerOptions) {}

  /** Checks ffmpeg (logging the fix when missing) and composes what the last run left pending. */
  async init(): Promise<void> {
    await mkdir(this.o.dir, { recursive: true });
    this.ffmpegProblem = await checkFfmpeg(this.o.ffmpegPath);
    if (this.ffmpegProblem) this.o.logger.error(`recording disabled: ${this.ffmpegProblem}`);
    // Only records whose files are in this RECORDINGS_DIR: the catalogue lives in the database
    // (DATA_DIR), which another RECORDINGS_DIR may share.
    const here = (r: RecordingRecord) => existsSync(this.dirOf(r.id));
    for (const r of (await this.o.catalogue.list({ status: 'recording' })).filter(here)) {
      await this.o.catalogue.update(r.id, { status: 'failed', reason: 'the server stopped while recording' });
    }
    for (const r of (await this.o.catalogue.list({ status: 'processing' })).filter(here)) void this.compose(r.id);
  }

  private dirOf(id: string): string {
    if (!isRecordingId(id)) throw new RecordingError('not-found', `bad recording id ${id}`);
    return path.join(this.o.dir, id);
  }

  /** The composed file of a ready recording. */
  fileOf(id: string): string {
    return path.join(this.dirOf(id), 'recording.webm');
  }

  state(roomId: string): RecordingState {
    const a = this.active.get(roomId);
    return a ? { active: true, startedAt: Date.parse(a.record.startedAt), by: a.record.by } : INACTIVE;
  }

  /** ffmpeg pids of a room's running recording (diagnostics). */
  pids(roomId: string): number[] {
    return this.active.get(roomId)?.recorder.pids ?? [];
  }

  list(filter: { roomId?: string; meetingId?: string } = {}): Promise<RecordingRecord[]> {
    return this.o.catalogue.list(filter);
  }

  get(id: string): Promise<RecordingRecord | undefined> {
    return this.o.catalogue.get(id);
  }

  /** Starts recording `roomId` (idempotent: a running recording is returned as is). */
  async start(roomId: string, by: string, meetingId?: string): Promise<RecordingRecord> {
    const running = this.active.get(roomId);
    if (running) return { ...running.record };
    const room = this.o.getRoom(roomId);
    if (!room || room.closed) throw new RecordingError('not-found', `room ${roomId} has nobody in it`);
    if (this.shuttingDown) throw new RecordingError('unavailable', 'the server is shutting down');
    meetingId ??= await this.o.meetingIdOf?.(roomId).catch(() => undefined);
    const again = this.active.get(roomId); // started meanwhile
    if (again) return { ...again.record };

    const id = `rec_${randomUUID().replaceAll('-', '')}`;
    const record: RecordingRecord = {
      id, roomId, ...(meetingId ? { meetingId } : {}), startedAt: new Date().toISOString(), endedAt: null,
      duration: 0, size: 0, participants: [], status: 'recording', by,
    };
    const problem = this.ffmpegProblem ?? (await this.diskProblem());
    if (problem) {
      await this.o.catalogue.add({ ...record, endedAt: record.startedAt, status: 'failed', reason: problem });
      this.o.logger.error({ recordingId: id, roomId }, `recording failed: ${problem}`);
      throw new RecordingError('unavailable', problem);
    }
    const dir = this.dirOf(id);
    await mkdir(dir, { recursive: true });
    const recorder = new Recorder(id, room, dir, this.o.ffmpegPath, this.o.logger.child({ recordingId: id, roomId }));
    this.active.set(roomId, { recorder, record, room });
    await this.o.catalogue.add(record);
    recorder.on('failed', (reason) => void this.finish(roomId, reason));
    room.once('close', () => void this.stop(roomId));
    this.announce(room);
    this.o.logger.info({ recordingId: id, roomId, by }, 'recording started');
    try {
      await recorder.start();
    } catch (error) {
      await this.finish(roomId, `could not start: ${(error as Error).message}`);
    }
    return { ...((await this.o.catalogue.get(id)) ?? record) };
  }

  /** Stops the room's recording and queues its composition. null when none is running. */
  stop(roomId: string): Promise<RecordingRecord | null> {
    return this.finish(roomId, null);
  }

  private async finish(roomId: string, failure: string | null): Promise<RecordingRecord | null> {
    const a = this.active.get(roomId);
    if (!a) return null;
    this.active.delete(roomId);
    this.announce(a.room);
    await a.recorder.stop();
    const manifest = a.recorder.timeline.manifest;
    const patch = {
      endedAt: new Date(manifest.startedAt + (manifest.duration ?? 0)).toISOString(),
      duration: Math.round(manifest.duration ?? 0) / 1000,
      participants: a.recorder.timeline.participants(),
    };
    if (failure) {
      this.o.logger.error({ recordingId: a.record.id, roomId, reason: failure }, 'recording failed');
      return this.o.catalogue.update(a.record.id, { ...patch, status: 'failed', reason: failure });
    }
    const record = await this.o.catalogue.update(a.record.id, { ...patch, status: 'processing' });
    this.o.logger.info({ recordingId: record.id, roomId }, 'recording stopped');
    if (!this.shuttingDown) void this.compose(record.id);
    return record;
  }

  private announce(room: ManagedRoom): void {
    room.recording = this.state(room.id);
    if (!room.closed) room.broadcast('recordingChanged', room.recording);
  }

  private async diskProblem(): Promise<string | null> {
    const min = this.o.minFreeBytes ?? 200 * 1024 * 1024;
    try {
      const s = await statfs(this.o.dir);
      const free = s.bavail * s.bsize;
      return free < min ? `disk full: ${Math.round(free / 1048576)} MB free in RECORDINGS_DIR, ${Math.round(min / 1048576)} MB needed` : null;
    } catch (error) {
      return `RECORDINGS_DIR is not usable: ${(error as Error).message}`;
    }
  }

  /** Queues the compose job (one at a time, nice 19) and settles the record's status. */
  compose(id: string): Promise<void> {
    return this.queue.push(async () => {
      if (this.shuttingDown) return;
      try {
        const dir = this.dirOf(id);
        const manifest = await readManifest(path.join(dir, 'manifest.json'));
        const probe = ffprobePathFor(this.o.ffmpegPath);
        const usable = [];
        for (const s of manifest.segments) {
          // A segment stopped before its first packet has a header and nothing else: skip it.
          const ok = await ffprobe(probe, path.join(dir, s.file), 'packets').then((p) => Number(p.streams[0]?.nb_read_packets ?? 0) > 0, () => false);
          if (ok) usable.push(s);
        }
        if (manifest.duration === null) {
          manifest.duration = Math.max(0, ...manifest.segments.map((s) => s.end ?? 0));
          await writeManifest(path.join(dir, 'manifest.json'), manifest);
        }
        const out = this.fileOf(id);
        await runFfmpeg(this.o.ffmpegPath, buildComposeArgs(manifest, dir, out, usable, this.o.compose ?? DEFAULT_COMPOSE));
        const [info, st] = await Promise.all([ffprobe(probe, out), stat(out)]);
        await this.o.catalogue.update(id, { status: 'ready', duration: Math.round(info.duration * 1000) / 1000, size: st.size });
        this.o.logger.info({ recordingId: id, size: st.size }, 'recording ready');
      } catch (error) {
        const message = (error as Error).message;
        const reason = /No space left/i.test(message) ? `disk full while composing: ${message}` : `compose failed: ${message}`;
        this.o.logger.error({ recordingId: id, reason }, 'recording compose failed');
        await this.o.catalogue.update(id, { status: 'failed', reason }).catch(() => undefined);
      }
    });
  }

  /** Waits for queued compose jobs (tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** SIGTERM: stop every recording cleanly; they stay `processing` and compose on the next start. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all([...this.active.keys()].map((roomId) => this.finish(roomId, null)));
  }
}
