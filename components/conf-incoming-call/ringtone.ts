/**
 * A ringtone made with Web Audio (two short tones every 2 s), so no audio asset is needed.
 * Silently does nothing where Web Audio is missing or autoplay keeps the context suspended.
 */
export class Ringtone {
  #context: AudioContext | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;

  get playing(): boolean {
    return this.#timer !== null;
  }

  start(): void {
    if (this.#timer) return;
    const Ctx = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Ctx) return;
    try {
      this.#context ??= new Ctx();
      void this.#context.resume().catch(() => {});
    } catch {
      return;
    }
    this.#ring();
    this.#timer = setInterval(() => this.#ring(), 2000);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    const context = this.#context;
    this.#context = null;
    void context?.close().catch(() => {});
  }

  #ring(): void {
    const ctx = this.#context;
    if (!ctx || ctx.state === 'closed') return;
    for (const [offset, freq] of [[0, 880], [0.25, 660]] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      const t = ctx.currentTime + offset;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.22);
    }
  }
}
