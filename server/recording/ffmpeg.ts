/** ffmpeg/ffprobe helpers: availability check, probing, free UDP port pairs, listening check. */
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';

export const FFMPEG_FIX = 'install it with `apt-get install ffmpeg`, or set FFMPEG_PATH';

/** null when `ffmpeg -version` runs, else a reason naming the fix. */
export function checkFfmpeg(ffmpegPath: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(ffmpegPath, ['-hide_banner', '-version'], { timeout: 10_000 }, (error) => {
      if (!error) resolve(null);
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT') resolve(`ffmpeg not found (${ffmpegPath}); ${FFMPEG_FIX}`);
      else resolve(`ffmpeg does not run (${ffmpegPath}: ${error.message}); ${FFMPEG_FIX}`);
    });
  });
}

export interface ProbeResult {
  duration: number;
  streams: { codec_type: string; codec_name: string; nb_read_frames?: string; nb_read_packets?: string; width?: number; height?: number }[];
}

/** ffprobe's JSON for `file` (ffprobe sits next to ffmpeg). */
export function ffprobe(ffprobePath: string, file: string, count: 'frames' | 'packets' | null = null): Promise<ProbeResult> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', ...(count ? [`-count_${count}`] : []), file];
  return new Promise((resolve, reject) => {
    execFile(ffprobePath, args, { timeout: 120_000, maxBuffer: 4 << 20 }, (error, stdout) => {
      if (error) return reject(new Error(`ffprobe ${file}: ${error.message.split('\n').slice(-2).join(' ')}`));
      const json = JSON.parse(stdout) as { format?: { duration?: string }; streams?: ProbeResult['streams'] };
      resolve({ duration: Number(json.format?.duration ?? 0), streams: json.streams ?? [] });
    });
  });
}

export function ffprobePathFor(ffmpegPath: string): string {
  return ffmpegPath.replace(/ffmpeg([^/]*)$/, 'ffprobe$1');
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/** An even UDP port p with p and p+1 free on loopback (RTP + RTCP for ffmpeg). */
export async function freePortPair(min = 20000, max = 29998): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = min + 2 * Math.floor(Math.random() * ((max - min) / 2));
    if ((await canBind(port)) && (await canBind(port + 1))) return port;
  }
  throw new Error('no free UDP port pair for ffmpeg');
}

/** Whether some process has bound UDP `port` (Linux /proc/net/udp and udp6; ffmpeg may bind ::). */
export async function udpPortBound(port: number): Promise<boolean> {
  const suffix = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    try {
      const table = await readFile(file, 'utf8');
      if (table.split('\n').some((line) => line.trim().split(/\s+/)[1]?.endsWith(suffix))) return true;
    } catch {
      /* not Linux, or no IPv6 */
    }
  }
  return false;
}
