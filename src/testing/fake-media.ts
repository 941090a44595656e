/**
 * Fake camera/mic streams for tests and stories (browser only): a canvas animation for video and
 * an oscillator for audio, so elements can be exercised without devices or permissions.
 */

const contexts = new WeakMap<MediaStream, { audio?: AudioContext; timer?: ReturnType<typeof setInterval> }>();

export interface FakeMediaOptions {
  video?: boolean;
  audio?: boolean;
  /** Background colour of the video. */
  color?: string;
  /** Text drawn on the video. */
  label?: string;
  width?: number;
  height?: number;
  /** Oscillator frequency in Hz (default 440). */
  frequency?: number;
  /** Oscillator gain 0..1 (default 0.5). */
  gain?: number;
}

export function createFakeMediaStream(options: FakeMediaOptions = {}): MediaStream {
  const { video = true, audio = true, color = '#3559e0', label = '', width = 320, height = 180 } = options;
  const stream = new MediaStream();
  const resources: { audio?: AudioContext; timer?: ReturnType<typeof setInterval> } = {};

  if (video) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d')!;
    let frame = 0;
    const draw = (): void => {
      frame++;
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, width, height);
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.beginPath();
      ctx.arc(((frame * 4) % (width + 40)) - 20, height / 2, 16, 0, Math.PI * 2);
      ctx.fill();
      if (label) {
        ctx.font = `${Math.round(height / 8)}px sans-serif`;
        ctx.fillText(label, 12, height - 14);
      }
    };
    draw();
    resources.timer = setInterval(draw, 1000 / 15);
    for (const track of canvas.captureStream(15).getVideoTracks()) stream.addTrack(track);
  }

  if (audio) {
    const context = new AudioContext();
    void context.resume().catch(() => undefined);
    const oscillator = context.createOscillator();
    oscillator.frequency.value = options.frequency ?? 440;
    const gain = context.createGain();
    gain.gain.value = options.gain ?? 0.5;
    const destination = context.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    resources.audio = context;
    for (const track of destination.stream.getAudioTracks()) stream.addTrack(track);
  }

  contexts.set(stream, resources);
  return stream;
}

/** Stops the tracks of a fake stream and releases its canvas timer and AudioContext. */
export function stopFakeMediaStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
  const resources = contexts.get(stream);
  if (resources?.timer !== undefined) clearInterval(resources.timer);
  void resources?.audio?.close().catch(() => undefined);
  contexts.delete(stream);
}
