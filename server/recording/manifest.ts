/**
 * The manifest of one recording (manifest.json next to its segments): every segment with its
 * start and end on the recording's common clock (ms since the recording started), and the gaps
 * (producer paused = muted / camera off) inside it. The compose job reads only this file.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';

export type SegmentSource = 'mic' | 'camera' | 'screen' | 'screen-audio';

export interface Gap {
  start: number;
  /** null while the gap is open. */
  end: number | null;
}

export interface Segment {
  /** `seg-<n>`; the file is `<id>.mkv` in the recording's directory. */
  id: string;
  file: string;
  userId: string;
  source: SegmentSource;
  kind: 'audio' | 'video';
  producerId: string;
  start: number;
  end: number | null;
  gaps: Gap[];
}

export interface Manifest {
  version: 1;
  recordingId: string;
  roomId: string;
  /** Wall clock (ms since epoch) of the common clock's zero. */
  startedAt: number;
  /** Common-clock ms when the recording stopped; null while it runs. */
  duration: number | null;
  segments: Segment[];
}

/** Keeps the manifest of a running recording. `now()` is the common clock. */
export class Timeline {
  readonly manifest: Manifest;
  private readonly t0: number;
  private next = 0;

  constructor(
    recordingId: string,
    roomId: string,
    private readonly clock: () => number = () => performance.now(),
    wallNow = Date.now(),
  ) {
    this.t0 = clock();
    this.manifest = { version: 1, recordingId, roomId, startedAt: wallNow, duration: null, segments: [] };
  }

  now(): number {
    return Math.max(0, Math.round(this.clock() - this.t0));
  }

  openSegment(info: { userId: string; source: SegmentSource; kind: 'audio' | 'video'; producerId: string; paused: boolean }): Segment {
    const id = `seg-${this.next++}`;
    const start = this.now();
    const segment: Segment = { id, file: `${id}.mkv`, ...info, start, end: null, gaps: [] };
    delete (segment as { paused?: boolean }).paused;
    if (info.paused) segment.gaps.push({ start, end: null });
    this.manifest.segments.push(segment);
    return segment;
  }

  /** Media starts flowing into the segment's file now: its file's t=0 is this instant. */
  markStarted(segment: Segment): void {
    if (segment.end !== null) return;
    segment.start = this.now();
    const first = segment.gaps[0];
    if (first && first.start < segment.start) first.start = segment.start;
  }

  /** The segment's producer paused (gap opens) or resumed (gap closes). Idempotent. */
  setPaused(segment: Segment, paused: boolean): void {
    if (segment.end !== null) return;
    const open = segment.gaps.at(-1);
    const isOpen = open !== undefined && open.end === null;
    if (paused && !isOpen) segment.gaps.push({ start: this.now(), end: null });
    if (!paused && isOpen) open.end = this.now();
  }

  closeSegment(segment: Segment): void {
    if (segment.end !== null) return;
    segment.end = this.now();
    const open = segment.gaps.at(-1);
    if (open && open.end === null) open.end = segment.end;
  }

  /** Stops the clock: closes every open segment. */
  stop(): void {
    for (const segment of this.manifest.segments) this.closeSegment(segment);
    this.manifest.duration = this.now();
  }

  /** userIds that had any segment, in order of first appearance. */
  participants(): string[] {
    return [...new Set(this.manifest.segments.map((s) => s.userId))];
  }
}

export async function writeManifest(file: string, manifest: Manifest): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(manifest, null, 2));
  await rename(tmp, file);
}

export async function readManifest(file: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  if (manifest?.version !== 1 || !Array.isArray(manifest.segments)) throw new Error(`${file} is not a recording manifest`);
  return manifest;
}
