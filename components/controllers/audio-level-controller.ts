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

/** Something that ticks: the session's `levels` store, whose notifications the local meter follows. */
export interface LevelClock {
  subscribe(listener: () => void): () => void;
}

export interface AudioLevelOptions {
  /** How often to measure, in ms (default 100: about 10 times a second). */
  intervalMs?: number;
  /**
   * Also measure on each tick of this clock; the interval then only measures when the clock has
   * been silent for `intervalMs`. <mic-meter>
   * passes the session's `levels` store (4 Hz while anyone speaks), so the local meter changes in
   * the same task, and so the same rendered frame, as the remote ones instead of in frames of its own.
   */
  clock?: () => LevelClock | undefined;
}

/**
 * Measures the level of a local audio track with a WebAudio AnalyserNode, about 10 times a second
 * (`intervalMs`), optionally in step with a clock (`clock`).
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
  readonly #getClock: (() => LevelClock | undefined) | undefined;
  #clock: LevelClock | undefined;
  #offClock: (() => void) | undefined;
  /** When the clock last ticked (performance.now()), or -Infinity. */
  #tickAt = Number.NEGATIVE_INFINITY;

  constructor(host: ReactiveControllerHost, getTrack: () => MediaStreamTrack | null | undefined, options: AudioLevelOptions = {}) {
    this.#host = host;
    this.#getTrack = getTrack;
    this.#intervalMs = options.intervalMs ?? 100;
    this.#getClock = options.clock;
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
    if (track === this.#track) {
      if (this.#analyser) this.#followClock();
      return;
    }
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
      this.#restartTimer();
      this.#followClock();
    } catch {
      this.#stop();
    }
  }

  #restartTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    // While the clock ticks, the interval only fills its gaps (no timer churn per tick).
    this.#timer = setInterval(() => {
      if (performance.now() - this.#tickAt >= this.#intervalMs) this.#measure();
    }, this.#intervalMs);
  }

  /** Subscribes to the current clock (it may arrive or change later, with the session). */
  #followClock(): void {
    const clock = this.#getClock?.();
    if (clock === this.#clock) return;
    this.#offClock?.();
    this.#clock = clock;
    this.#offClock = clock?.subscribe(() => {
      this.#tickAt = performance.now();
      this.#measure();
    });
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
    this.#offClock?.();
    this.#offClock = undefined;
    this.#clock = undefined;
    this.#tickAt = Number.NEGATIVE_INFINITY;
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
