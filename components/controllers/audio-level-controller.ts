import type { ReactiveController, ReactiveControllerHost } from 'lit';

let sharedContext: AudioContext | undefined;

/** One AudioContext for every local meter on the page (browsers cap how many may exist). */
function audioContext(): AudioContext {
  if (!sharedContext || sharedContext.state === 'closed') {
    sharedContext = new AudioContext();
    const resume = (): void => {
      void sharedContext?.resume();
    };
    // Autoplay policy may start the context suspended; the first user gesture resumes it.
    globalThis.addEventListener?.('pointerdown', resume, { once: true, capture: true });
    globalThis.addEventListener?.('keydown', resume, { once: true, capture: true });
  }
  if (sharedContext.state === 'suspended') void sharedContext.resume().catch(() => undefined);
  return sharedContext;
}

/** Maps an RMS amplitude to 0..1 over -80..0 dBFS, the same scale as the server's levels. */
export function rmsToLevel(rms: number): number {
  if (!(rms > 0)) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db + 80) / 80));
}

/**
 * Measures the level of a local audio track with a WebAudio AnalyserNode, about 10 times a second.
 * Used for the local participant only: the local track is right here, so measuring it costs one
 * analyser and gives instant feedback; remote levels come from the server's observer instead.
 */
export class AudioLevelController implements ReactiveController {
  /** The last measured level, 0..1. */
  level = 0;

  readonly #host: ReactiveControllerHost;
  readonly #getTrack: () => MediaStreamTrack | null | undefined;
  readonly #intervalMs: number;
  #track: MediaStreamTrack | null = null;
  #source: MediaStreamAudioSourceNode | undefined;
  #analyser: AnalyserNode | undefined;
  #buffer: Float32Array<ArrayBuffer> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #connected = false;

  constructor(
    host: ReactiveControllerHost,
    getTrack: () => MediaStreamTrack | null | undefined,
    options: { intervalMs?: number } = {},
  ) {
    this.#host = host;
    this.#getTrack = getTrack;
    this.#intervalMs = options.intervalMs ?? 100;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #sync(): void {
    const track = this.#connected ? (this.#getTrack() ?? null) : null;
    if (track === this.#track) return;
    this.#stop();
    this.#track = track;
    if (!track || typeof AudioContext === 'undefined') return;
    try {
      const context = audioContext();
      this.#source = context.createMediaStreamSource(new MediaStream([track]));
      this.#analyser = context.createAnalyser();
      this.#analyser.fftSize = 1024;
      this.#buffer = new Float32Array(this.#analyser.fftSize);
      this.#source.connect(this.#analyser);
      this.#timer = setInterval(() => this.#measure(), this.#intervalMs);
    } catch {
      this.#stop();
    }
  }

  #measure(): void {
    if (!this.#analyser || !this.#buffer) return;
    this.#analyser.getFloatTimeDomainData(this.#buffer);
    let sum = 0;
    for (const sample of this.#buffer) sum += sample * sample;
    const level = Math.round(rmsToLevel(Math.sqrt(sum / this.#buffer.length)) * 100) / 100;
    if (level !== this.level) {
      this.level = level;
      this.#host.requestUpdate();
    }
  }

  #stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#source?.disconnect();
    this.#source = undefined;
    this.#analyser = undefined;
    this.#buffer = undefined;
    this.#track = null;
    if (this.level !== 0) {
      this.level = 0;
      this.#host.requestUpdate();
    }
  }
}
