/**
 * A speech-like fake microphone for e2e tests. Chromium's default fake mic beeps for a few ms
 * twice a second, which mediasoup's ActiveSpeakerObserver (dominant speaker identification, as
 * Jitsi's) rightly does not take for speech: a room of beeping pages keeps its first dominant
 * speaker, even once that one is muted. This writes a WAV of "syllables" (voiced bursts of
 * varying pitch and length, with short gaps and breath pauses) for
 * `--use-file-for-fake-audio-capture`, which Chromium loops.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RATE = 48_000;

/** Writes the WAV (mono, 16-bit PCM, `seconds` long) and returns its path. */
export function speechLikeWav(seconds = 6): string {
  const samples = new Int16Array(RATE * seconds);
  let at = 0;
  let syllable = 0;
  // Deterministic "random" lengths and pitches, so every run feeds the same signal.
  const pick = (i: number, lo: number, hi: number) => lo + ((i * 7919) % 97) / 96 * (hi - lo);
  while (at < samples.length) {
    const len = Math.round(pick(syllable, 0.12, 0.3) * RATE);
    const pitch = pick(syllable + 3, 110, 240);
    for (let i = 0; i < len && at + i < samples.length; i++) {
      const t = i / RATE;
      const envelope = Math.sin((Math.PI * i) / len); // rise and fall within the syllable
      // A voiced sound: a fundamental and two harmonics.
      const v = Math.sin(2 * Math.PI * pitch * t) + 0.5 * Math.sin(4 * Math.PI * pitch * t) + 0.25 * Math.sin(6 * Math.PI * pitch * t);
      samples[at + i] = Math.round(envelope * v * 0.4 * 32767 / 1.75);
    }
    at += len + Math.round((syllable % 5 === 4 ? 0.35 : pick(syllable + 5, 0.04, 0.1)) * RATE);
    syllable++;
  }
  const data = Buffer.from(samples.buffer);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  const path = join(mkdtempSync(join(tmpdir(), 'conf-kit-speech-')), 'speech.wav');
  writeFileSync(path, Buffer.concat([header, data]));
  return path;
}
