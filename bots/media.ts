/**
 * Pre-encoded bot media (docs/bots.md): one small Matroska file per bot index, holding three VP8
 * simulcast layers of the same moving picture (320x180, 640x360, 1280x720) and one Opus track.
 * Made once with ffmpeg and cached; at run time ffmpeg only copies packets (`-c copy`).
 *
 * Each bot's picture differs (its own hue, its name drawn on it, its own tone) and moves (a
 * testsrc2 pattern plus a box flying across), so decoded frames really change.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The three simulcast layers, lowest first (mediasoup's spatial layer 0, 1, 2). */
export const LAYERS = [
  { width: 320, height: 180, kbps: 120 },
  { width: 640, height: 360, kbps: 300 },
  { width: 1280, height: 720, kbps: 800 },
] as const;

export const MEDIA = {
  fps: 15,
  /** A keyframe every 8 frames (about 0.5 s): ffmpeg cannot answer PLIs, so viewers wait at most this. */
  keyframeInterval: 8,
  seconds: 4,
  audioKbps: 24,
} as const;

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME?.trim();
  if (xdg) return path.join(xdg, 'conf-kit-bots');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const nodeModules = path.join(root, 'node_modules');
  return existsSync(nodeModules) ? path.join(nodeModules, '.cache', 'conf-kit-bots') : path.join(os.homedir(), '.cache', 'conf-kit-bots');
}

/** The ffmpeg arguments that encode bot `index`'s file to `out` (label drawn on the picture). */
export function encodeArgs(index: number, label: string, out: string): string[] {
  const { fps, seconds, keyframeInterval, audioKbps } = MEDIA;
  const top = LAYERS[2];
  const hue = ((index * 137) % 360).toFixed(0); // golden-angle steps: neighbours differ a lot
  const tone = (220 * 2 ** ((index % 24) / 12)).toFixed(1);
  const text = existsSync(FONT)
    ? `,drawtext=fontfile=${FONT}:text='${label.replace(/[^A-Za-z0-9 _-]/g, '')}':fontsize=140:fontcolor=white:borderw=8:x=40:y=40`
    : '';
  const filter =
    `[0:v]hue=h=${hue}:s=1.4[bg];` +
    `[bg][1:v]overlay=x='mod(t*${240 + (index % 5) * 40}\\,W-160)':y='(H-160)/2+220*sin(t*${(1.5 + (index % 3) * 0.5).toFixed(1)})'${text},` +
    `split=3[v2][v1s][v0s];[v1s]scale=${LAYERS[1].width}:${LAYERS[1].height}[v1];[v0s]scale=${LAYERS[0].width}:${LAYERS[0].height}[v0];` +
    `[2:a]volume=0.15[a]`;
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=${top.width}x${top.height}:rate=${fps}:duration=${seconds}`,
    '-f', 'lavfi', '-i', `color=c=white:size=160x160:rate=${fps}:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=${tone}:sample_rate=48000:duration=${seconds}`,
    '-filter_complex', filter,
    '-map', '[v0]', '-map', '[v1]', '-map', '[v2]', '-map', '[a]',
    '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-threads', '1',
    '-g', String(keyframeInterval), '-keyint_min', String(keyframeInterval),
    '-auto-alt-ref', '0', '-lag-in-frames', '0', '-error-resilient', '1',
    ...LAYERS.flatMap((l, i) => [`-b:v:${i}`, `${l.kbps}k`, `-maxrate:v:${i}`, `${l.kbps * 1.5}k`, `-bufsize:v:${i}`, `${l.kbps}k`]),
    '-c:a', 'libopus', '-b:a', `${audioKbps}k`, '-ac', '2',
    '-t', String(seconds),
    '-f', 'matroska', out,
  ];
}

export interface MediaOptions {
  cacheDir?: string;
  ffmpeg?: string;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.once('error', (e) => reject(new Error(`could not run ${cmd}: ${e.message}`)));
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} failed (${signal ?? code}): ${err.trim().slice(-800)}`)),
    );
  });
}

const pending = new Map<string, Promise<string>>();

/** The cached file of bot `index` (labelled `label`), encoding it first when missing. */
export function ensureBotMedia(index: number, label: string, options: MediaOptions = {}): Promise<string> {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const ffmpeg = options.ffmpeg ?? 'ffmpeg';
  // The file name carries a hash of the encoding recipe, so a changed recipe re-encodes.
  const hash = createHash('sha256').update(JSON.stringify(encodeArgs(index, label, ''))).digest('hex').slice(0, 12);
  const file = path.join(cacheDir, `${label.replace(/[^A-Za-z0-9_-]/g, '_')}-${hash}.mkv`);
  const existing = pending.get(file);
  if (existing) return existing;
  const job = (async () => {
    if (existsSync(file)) return file;
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await run(ffmpeg, encodeArgs(index, label, tmp));
      await rename(tmp, file);
    } finally {
      await rm(tmp, { force: true });
    }
    return file;
  })();
  pending.set(file, job);
  job.catch(() => pending.delete(file));
  return job;
}

/** Encodes the files of many bots, `concurrency` ffmpegs at a time; returns the paths in order. */
export async function ensureAllBotMedia(bots: { index: number; label: string }[], options: MediaOptions & { concurrency?: number } = {}): Promise<string[]> {
  const out: string[] = new Array(bots.length);
  let next = 0;
  const worker = async () => {
    while (next < bots.length) {
      const i = next++;
      out[i] = await ensureBotMedia(bots[i]!.index, bots[i]!.label, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return out;
}
