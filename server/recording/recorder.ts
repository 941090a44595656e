/**
 * The Recorder of one room: a SegmentProcess for every producer present at start and every
 * producer created while it runs, all on one Timeline (manifest.json next to the segments).
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { types as ms } from 'mediasoup';
import type { Logger } from '../logger.js';
import { Timeline, writeManifest, type SegmentSource } from './manifest.js';
import { SegmentProcess } from './segment.js';

/** What the Recorder needs of a Room (server/room.ts implements it). */
export interface RecordableRoom {
  readonly id: string;
  readonly router: ms.Router;
  recordableProducers(): { producer: ms.Producer; userId: string }[];
  on(event: 'producer', listener: (producer: ms.Producer, userId: string) => void): unknown;
  off(event: 'producer', listener: (producer: ms.Producer, userId: string) => void): unknown;
}

export type RecorderEvents = { failed: [reason: string] };

export class Recorder extends EventEmitter<RecorderEvents> {
  readonly timeline: Timeline;
  private readonly segments = new Set<SegmentProcess>();
  private readonly starting = new Set<Promise<unknown>>();
  private stopped = false;
  private readonly onProducer = (producer: ms.Producer, userId: string) => this.add(producer, userId);

  constructor(
    readonly id: string,
    private readonly room: RecordableRoom,
    readonly dir: string,
    private readonly ffmpegPath: string,
    private readonly logger: Logger,
  ) {
    super();
    this.timeline = new Timeline(id, room.id);
  }

  get manifestFile(): string {
    return path.join(this.dir, 'manifest.json');
  }

  /** ffmpeg pids of the live segments (for diagnostics and tests). */
  get pids(): number[] {
    return [...this.segments].map((s) => s.pid).filter((p): p is number => p !== undefined);
  }

  async start(): Promise<void> {
    this.room.on('producer', this.onProducer);
    for (const { producer, userId } of this.room.recordableProducers()) this.add(producer, userId);
    await Promise.all([...this.starting]);
    await this.save();
  }

  private add(producer: ms.Producer, userId: string): void {
    if (this.stopped || producer.closed) return;
    const source = (producer.appData as { source?: SegmentSource }).source ?? (producer.kind === 'audio' ? 'mic' : 'camera');
    const segment = this.timeline.openSegment({ userId, source, kind: producer.kind, producerId: producer.id, paused: producer.paused });
    const started = SegmentProcess.start({
      router: this.room.router,
      producer,
      segment,
      dir: this.dir,
      ffmpegPath: this.ffmpegPath,
      logger: this.logger,
      onDied: (reason) => this.fail(reason),
      onStarted: () => this.timeline.markStarted(segment),
      onPaused: (paused) => {
        this.timeline.setPaused(segment, paused);
        void this.save();
      },
      onEnded: () => {
        this.timeline.closeSegment(segment);
        void this.save();
      },
    }).then(
      (proc) => {
        if (this.stopped) return proc.stop();
        this.segments.add(proc);
        this.logger.debug({ segment: segment.id, userId, source, pid: proc.pid }, 'recording segment started');
      },
      (error: unknown) => {
        this.timeline.closeSegment(segment);
        if (producer.closed || this.stopped) return;
        this.fail(`could not record producer ${producer.id}: ${(error as Error).message}`);
      },
    );
    this.starting.add(started);
    void started.finally(() => this.starting.delete(started));
    void this.save();
  }

  private fail(reason: string): void {
    if (this.stopped) return;
    this.emit('failed', reason);
  }

  /** Stops every segment (SIGINT to ffmpeg), closes the timeline and writes the manifest. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.room.off('producer', this.onProducer);
    await Promise.all([...this.starting]);
    this.timeline.stop();
    await Promise.all([...this.segments].map((s) => s.stop()));
    this.segments.clear();
    await this.save();
  }

  private saving: Promise<void> = Promise.resolve();
  private save(): Promise<void> {
    const write = () => writeManifest(this.manifestFile, this.timeline.manifest).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not write the recording manifest');
    });
    this.saving = this.saving.then(write);
    return this.saving;
  }
}
