/**
 * One load bot (docs/bots.md): joins over the normal WebSocket protocol, creates a plain
 * transport through the ingest path, produces a 3-layer VP8 simulcast camera and an Opus mic,
 * and loops its pre-encoded file into that transport with `ffmpeg -re -stream_loop -1 -c copy`.
 * Every RTP stream leaves from one local UDP port (SO_REUSEADDR), since a comedia transport only
 * accepts packets from the first sender address it sees.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { PROTOCOL_VERSION, type IngestStats, type JoinParams, type PlainTransportInfo } from '../src/protocol/protocol.js';
import { SignalingTestClient } from '../server/test-client.js';

export const VP8_PAYLOAD_TYPE = 101;
export const OPUS_PAYLOAD_TYPE = 100;

/** Fixed SSRCs of bot `index`: three video layers (low first) and audio. Below 2^31 (ffmpeg's -ssrc is an int). */
export function botSsrcs(index: number): { video: [number, number, number]; audio: number } {
  const base = 0x20000000 + index * 8;
  return { video: [base + 1, base + 2, base + 3], audio: base + 4 };
}

export function videoRtpParameters(index: number, cname: string) {
  return {
    codecs: [{ mimeType: 'video/VP8', payloadType: VP8_PAYLOAD_TYPE, clockRate: 90000, parameters: {}, rtcpFeedback: [] }],
    encodings: botSsrcs(index).video.map((ssrc) => ({ ssrc })), // lowest layer first
    rtcp: { cname, reducedSize: true },
  };
}

export function audioRtpParameters(index: number, cname: string) {
  return {
    codecs: [{ mimeType: 'audio/opus', payloadType: OPUS_PAYLOAD_TYPE, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
    encodings: [{ ssrc: botSsrcs(index).audio }],
    rtcp: { cname, reducedSize: true },
  };
}

/** A free local UDP port (bound and released; ffmpeg binds it next with reuse). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** ffmpeg arguments that loop `file` into `target` as four RTP streams from one local port. */
export function sendArgs(file: string, index: number, target: PlainTransportInfo, localPort: number): string[] {
  // connect=1: once the server closes the transport, writes fail (ICMP) and ffmpeg exits, so an
  // ffmpeg whose bot process died cannot keep sending forever.
  const url = `udp://${target.ip}:${target.port}?localport=${localPort}&reuse=1&pkt_size=1200&connect=1`;
  const ssrcs = botSsrcs(index);
  const out = (stream: number, ssrc: number, pt: number) => ['-map', `0:${stream}`, '-c', 'copy', '-f', 'rtp', '-ssrc', String(ssrc), '-payload_type', String(pt), url];
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error',
    '-re', '-stream_loop', '-1', '-i', file,
    ...ssrcs.video.flatMap((ssrc, layer) => out(layer, ssrc, VP8_PAYLOAD_TYPE)),
    ...out(3, ssrcs.audio, OPUS_PAYLOAD_TYPE),
  ];
}

export interface BotOptions {
  url: string;
  room: string;
  index: number;
  userId: string;
  name: string;
  file: string;
  token?: string;
  ffmpeg?: string;
  log?: (line: string) => void;
}

export class Bot {
  readonly userId: string;
  private client: SignalingTestClient | null = null;
  private ffmpeg: ChildProcess | null = null;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private trimTimer: NodeJS.Timeout | null = null;
  private target: PlainTransportInfo | null = null;
  producerIds: { camera: string; mic: string } | null = null;

  constructor(private readonly options: BotOptions) {
    this.userId = options.userId;
  }

  private log(line: string): void {
    this.options.log?.(`[${this.userId}] ${line}`);
  }

  async start(): Promise<void> {
    const { url, room, userId, name, token, index } = this.options;
    const client = await SignalingTestClient.connect(url);
    this.client = client;
    // Bots never read notifications; do not let the client's log of them grow forever.
    this.trimTimer = setInterval(() => client.notifications.splice(0), 5000);
    this.trimTimer.unref();
    void client.closed.then(({ code }) => {
      if (!this.stopping) this.log(`signalling closed (${code}); stopping`);
      void this.stop();
    });
    // ACCESS-CONTROL MERGE POINT: `token` becomes a field of `join` (tokens with the ingest grant).
    const join = { protocolVersion: PROTOCOL_VERSION, roomId: room, userId, name, callType: 'video' as const, ...(token ? { token } : {}) };
    await client.call('join', join as JoinParams);
    const target = await client.call('createPlainTransport', {});
    this.target = target;
    const cname = `${userId}-${index}`;
    const camera = await client.call('produce', { transportId: target.transportId, kind: 'video', source: 'camera', rtpParameters: videoRtpParameters(index, cname) });
    const mic = await client.call('produce', { transportId: target.transportId, kind: 'audio', source: 'mic', rtpParameters: audioRtpParameters(index, cname) });
    this.producerIds = { camera: camera.producerId, mic: mic.producerId };
    await this.spawnFfmpeg();
  }

  private async spawnFfmpeg(): Promise<void> {
    if (this.stopping || !this.target) return;
    const args = sendArgs(this.options.file, this.options.index, this.target, await freeUdpPort());
    // Own process group: a terminal's Ctrl+C reaches only the bots process, which then leaves
    // cleanly and ends ffmpeg itself.
    const child = spawn(this.options.ffmpeg ?? 'ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    this.ffmpeg = child;
    let err = '';
    child.stderr?.on('data', (d) => (err = (err + d).slice(-2000)));
    child.once('error', (e) => this.log(`ffmpeg could not start: ${e.message}`));
    child.once('exit', (code, signal) => {
      if (this.ffmpeg === child) this.ffmpeg = null;
      if (this.stopping) return;
      this.log(`ffmpeg exited (${signal ?? code}) ${err.trim()}; restarting in 1 s`);
      this.restartTimer = setTimeout(() => void this.spawnFfmpeg(), 1000);
    });
  }

  /** The ffmpeg process id (for CPU measurements), or null. */
  get ffmpegPid(): number | null {
    return this.ffmpeg?.pid ?? null;
  }

  /** What mediasoup receives from this bot (the ingest path's getIngestStats). */
  stats(): Promise<IngestStats> {
    if (!this.client) return Promise.reject(new Error(`${this.userId} is not connected`));
    return this.client.call('getIngestStats', {});
  }

  /** Leaves the room, closes the socket and ends ffmpeg. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopping && !this.ffmpeg && !this.client) return;
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.trimTimer) clearInterval(this.trimTimer);
    const client = this.client;
    this.client = null;
    const ffmpeg = this.ffmpeg;
    this.ffmpeg = null;
    const exited = ffmpeg && ffmpeg.exitCode === null && ffmpeg.signalCode === null
      ? new Promise<void>((resolve) => {
          ffmpeg.once('exit', () => resolve());
          ffmpeg.kill('SIGTERM');
          setTimeout(() => ffmpeg.kill('SIGKILL'), 2000).unref();
        })
      : Promise.resolve();
    if (client?.isOpen) {
      await Promise.race([client.request('leave', {}), new Promise((r) => setTimeout(r, 2000))]).catch(() => undefined);
      await client.close();
    }
    await exited;
  }
}
