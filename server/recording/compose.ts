/**
 * The compose job: reads a manifest and builds ONE playable WebM (VP8 + Opus): a grid of every
 * video track (screen shares large), all audio mixed, each placed on the common clock so a late
 * joiner appears from the moment they joined; gaps (mute, camera off) are black / silence.
 * `buildComposeArgs` is pure; `ComposeQueue` runs jobs one at a time under `nice -n 19`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { computeLayout, type LayoutTrack } from './layout.js';
import type { Gap, Manifest, Segment } from './manifest.js';

export interface ComposeOptions {
  width: number;
  height: number;
  fps: number;
}

export const DEFAULT_COMPOSE: ComposeOptions = { width: 640, height: 360, fps: 15 };

const sec = (ms: number) => (ms / 1000).toFixed(3);
export const trackKey = (s: Pick<Segment, 'userId' | 'source'>) => `${s.userId}:${s.source}`;

/** ffmpeg `enable` expression: inside [start, end] and outside every gap. */
export function enableExpr(start: number, end: number, gaps: Gap[]): string {
  const parts = [`between(t,${sec(start)},${sec(end)})`];
  for (const g of gaps) parts.push(`not(between(t,${sec(g.start)},${sec(g.end ?? end)}))`);
  return parts.join('*');
}

/** The video tracks of a manifest in order of first appearance (one tile each). */
export function layoutTracks(manifest: Manifest): LayoutTrack[] {
  const seen = new Map<string, LayoutTrack>();
  for (const s of manifest.segments) {
    if (s.kind !== 'video' || seen.has(trackKey(s))) continue;
    seen.set(trackKey(s), { key: trackKey(s), screen: s.source === 'screen' });
  }
  return [...seen.values()];
}

/**
 * ffmpeg arguments composing `segments` (those whose files are readable) into `output`.
 * Duration is the manifest's; the video is a black canvas with one overlay per video segment.
 */
export function buildComposeArgs(manifest: Manifest, dir: string, output: string, segments: Segment[], opts = DEFAULT_COMPOSE): string[] {
  const duration = manifest.duration ?? Math.max(0, ...segments.map((s) => s.end ?? 0));
  const D = sec(Math.max(duration, 100));
  const layout = computeLayout(layoutTracks(manifest), opts.width, opts.height);
  const inputs: string[] = [];
  const filters: string[] = [`color=c=black:s=${opts.width}x${opts.height}:r=${opts.fps}:d=${D}[v0]`, `anullsrc=r=48000:cl=stereo,atrim=duration=${D}[abase]`];
  let video = 'v0';
  const audio: string[] = ['abase'];
  segments.forEach((s, i) => {
    // -reinit_filter 0: a simulcast layer switch changes the picture size mid-file; without it
    // ffmpeg rebuilds the whole graph (restarting the canvas). scale copes with the change.
    inputs.push(...(s.kind === 'video' ? ['-reinit_filter', '0'] : []), '-i', path.join(dir, s.file));
    const end = s.end ?? duration;
    if (s.kind === 'video') {
      const r = layout.get(trackKey(s));
      if (!r) return;
      filters.push(
        `[${i}:v]setpts=PTS-STARTPTS+${sec(s.start)}/TB,fps=${opts.fps},scale=${r.w}:${r.h}:force_original_aspect_ratio=decrease,` +
          `pad=${r.w}:${r.h}:(ow-iw)/2:(oh-ih)/2:black,format=yuv420p[s${i}]`,
      );
      filters.push(`[${video}][s${i}]overlay=x=${r.x}:y=${r.y}:eof_action=pass:enable='${enableExpr(s.start, end, s.gaps)}'[v${i + 1}]`);
      video = `v${i + 1}`;
    } else {
      const delay = Math.round(s.start);
      filters.push(`[${i}:a]aresample=async=1:first_pts=0,aformat=sample_rates=48000:channel_layouts=stereo,adelay=${delay}:all=1[a${i}]`);
      audio.push(`a${i}`);
    }
  });
  filters.push(`[${video}]format=yuv420p[vout]`);
  filters.push(`${audio.map((a) => `[${a}]`).join('')}amix=inputs=${audio.length}:duration=first:dropout_transition=0:normalize=0,asetpts=N/SR/TB[aout]`);
  return [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-y',
    ...inputs,
    '-filter_complex', filters.join(';'),
    '-filter_complex_threads', '1',
    '-map', '[vout]', '-map', '[aout]',
    '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '600k', '-threads', '1',
    '-c:a', 'libopus', '-b:a', '64k',
    '-t', D,
    '-f', 'webm', output,
  ];
}

/** Runs `ffmpeg args` under `nice -n 19`; rejects with the tail of stderr. */
export function runFfmpeg(ffmpegPath: string, args: string[], niceLevel = 19): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('nice', ['-n', String(niceLevel), ffmpegPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err = (err + d).slice(-2000)));
    child.on('error', (e) => reject(new Error(`cannot run ffmpeg: ${e.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`ffmpeg exited with ${signal ?? code}: ${err.trim().split('\n').slice(-3).join(' | ') || 'no output'}`));
    });
  });
}

/** Runs jobs one at a time, in order. */
export class ComposeQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  get size(): number {
    return this.pending;
  }

  push<T>(job: () => Promise<T>): Promise<T> {
    this.pending++;
    const run = this.tail.then(job, job).finally(() => this.pending--);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every queued job has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
