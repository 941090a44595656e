/**
 * One segment: one producer's RTP -> a PlainTransport consumer -> an ffmpeg that copies it
 * (`-c copy`, no transcoding) into a Matroska file. Ends when the producer closes or the
 * recording stops (SIGINT, so ffmpeg finalises the file).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { types as ms } from 'mediasoup';
import type { Logger } from '../logger.js';
import { freePortPair, udpPortBound } from './ffmpeg.js';
import type { Segment } from './manifest.js';
import { buildSdp } from './sdp.js';

export interface SegmentProcessOptions {
  router: ms.Router;
  producer: ms.Producer;
  segment: Segment;
  dir: string;
  ffmpegPath: string;
  logger: Logger;
  /** ffmpeg exited without being asked to. */
  onDied: (reason: string) => void;
  onPaused: (paused: boolean) => void;
  /** The consumer was resumed: RTP flows into ffmpeg from now on. */
  onStarted: () => void;
  onEnded: () => void;
}

/**
 * Router capabilities for ffmpeg: no RTX (one payload type per stream), no header extensions and
 * no transport-cc/REMB feedback, so that mediasoup runs no bandwidth estimation on the plain
 * transport and sends no probation packets into ffmpeg's port (they break its RTP reordering).
 */
export function recordCapabilities(caps: ms.RtpCapabilities): ms.RtpCapabilities {
  return {
    codecs: (caps.codecs ?? [])
      .filter((c) => !/\/rtx$/i.test(c.mimeType))
      .map((c) => ({ ...c, rtcpFeedback: (c.rtcpFeedback ?? []).filter((f) => f.type === 'nack' || f.type === 'ccm') })),
    headerExtensions: [],
  };
}

/** The highest spatial and temporal layer the producer sends. */
export function highestLayers(producer: Pick<ms.Producer, 'rtpParameters'>): { spatialLayer: number; temporalLayer: number } {
  const encodings = producer.rtpParameters.encodings ?? [];
  const mode = encodings[0]?.scalabilityMode ?? '';
  const t = /T(\d+)/.exec(mode);
  return { spatialLayer: Math.max(0, encodings.length - 1), temporalLayer: t ? Number(t[1]) - 1 : 0 };
}

export class SegmentProcess {
  private stopping = false;
  private exited: Promise<void>;
  private timers: NodeJS.Timeout[] = [];

  private constructor(
    readonly segment: Segment,
    private readonly transport: ms.PlainTransport,
    private readonly consumer: ms.Consumer,
    private readonly child: ChildProcess,
    private readonly logger: Logger,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(o: SegmentProcessOptions): Promise<SegmentProcess> {
    const port = await freePortPair();
    const transport = await o.router.createPlainTransport({
      listenIp: { ip: '127.0.0.1' },
      rtcpMux: false,
      comedia: false,
      appData: { recording: true },
    });
    let child: ChildProcess | undefined;
    try {
      await transport.connect({ ip: '127.0.0.1', port, rtcpPort: port + 1 });
      const consumer = await transport.consume({ producerId: o.producer.id, rtpCapabilities: recordCapabilities(o.router.rtpCapabilities), paused: true });
      if (consumer.kind === 'video' && consumer.type === 'simulcast') {
        await consumer.setPreferredLayers(highestLayers(o.producer)).catch(() => undefined);
      }
      const sdpFile = path.join(o.dir, `${o.segment.id}.sdp`);
      await writeFile(sdpFile, buildSdp(consumer.rtpParameters, port));
      const args = [
        // info (without the progress lines): the log says when the input was probed and the
        // output header written ("Output #0"), which is when media starts reaching the file.
        '-nostdin', '-hide_banner', '-nostats', '-loglevel', 'info',
        '-protocol_whitelist', 'file,udp,rtp',
        '-fflags', '+genpts',
        // Give the first keyframe time to arrive (a busy sender, a layer switch) before giving up.
        '-analyzeduration', '15000000', '-probesize', '20000000',
        '-i', sdpFile,
        '-map', '0', '-c', 'copy',
        '-f', 'matroska', '-y', path.join(o.dir, o.segment.file),
      ];
      child = spawn(o.ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      const seg = new SegmentProcess(o.segment, transport, consumer, child, o.logger.child({ segment: o.segment.id, producerId: o.producer.id }));
      seg.watch(o);
      // Resume once ffmpeg is listening, so its first packets include a keyframe.
      for (let i = 0; i < 50 && child.exitCode === null && !(await udpPortBound(port)); i++) await new Promise((r) => setTimeout(r, 100));
      await consumer.resume();
      o.onStarted();
      if (consumer.kind === 'video') {
        await consumer.requestKeyFrame();
        for (const ms of [500, 1500, 3000, 5000, 8000, 12000]) seg.timers.push(setTimeout(() => void consumer.requestKeyFrame().catch(() => undefined), ms));
      }
      return seg;
    } catch (error) {
      child?.kill('SIGKILL');
      transport.close();
      throw error;
    }
  }

  private watch(o: SegmentProcessOptions): void {
    let stderr = '';
    const log = createWriteStream(path.join(o.dir, `${o.segment.id}.log`));
    log.on('error', () => undefined);
    this.child.stderr?.on('data', (d) => {
      stderr = (stderr + d).slice(-2000);
      log.write(d);
    });
    this.child.once('exit', () => log.end());
    this.child.once('error', (error) => {
      if (!this.stopping) o.onDied(`ffmpeg could not run: ${error.message}`);
    });
    this.child.once('exit', (code, signal) => {
      this.clearTimers();
      if (this.stopping) return;
      const tail = stderr.trim().split('\n').slice(-2).join(' | ');
      const reason = `ffmpeg for ${o.segment.id} exited (${signal ?? `code ${code}`})${tail ? `: ${tail}` : ''}`;
      this.logger.error({ code, signal, stderr: tail }, 'recording ffmpeg died');
      this.transport.close();
      o.onDied(reason);
    });
    this.consumer.on('producerpause', () => o.onPaused(true));
    this.consumer.on('producerresume', () => {
      o.onPaused(false);
      if (this.consumer.kind === 'video') void this.consumer.requestKeyFrame().catch(() => undefined);
    });
    this.consumer.on('producerclose', () => {
      o.onEnded();
      void this.stop();
    });
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  /**
   * SIGINT to ffmpeg so it finalises the file, then closes the transport. ffmpeg only leaves a
   * blocking UDP read on a second signal (a muted producer sends nothing), so a second SIGINT
   * follows after 500 ms; SIGKILL after `graceMs` is the last resort.
   */
  async stop(graceMs = 4000): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.clearTimers();
      const running = () => this.child.exitCode === null && this.child.signalCode === null;
      if (running()) this.child.kill('SIGINT');
      const again = setTimeout(() => running() && this.child.kill('SIGINT'), 500);
      const force = setTimeout(() => {
        if (!running()) return;
        this.logger.warn('recording ffmpeg ignored SIGINT; killing it');
        this.child.kill('SIGKILL');
      }, graceMs);
      await this.exited;
      clearTimeout(again);
      clearTimeout(force);
      if (!this.transport.closed) this.transport.close();
    }
    await this.exited;
  }
}
