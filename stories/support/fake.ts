/**
 * Story helpers: FakeSession builders with fake camera streams, and cleanup between stories.
 * Nothing here talks to a server; every story but "Live" runs on these.
 */
import { FakeSession, createFakeMediaStream, stopFakeMediaStream, type FakeMediaOptions } from '../../src/testing/index.js';
import type { ConferenceErrorCode, ConnectionState, DeviceSummary } from '../../src/state/types.js';

const streams = new Set<MediaStream>();
const timers = new Set<ReturnType<typeof setInterval>>();

/** A fake camera stream (no audio unless asked: remote tiles would play the tone), stopped on story change. */
export function fakeStream(options: FakeMediaOptions = {}): MediaStream {
  const stream = createFakeMediaStream({ audio: false, width: 320, height: 180, ...options });
  streams.add(stream);
  return stream;
}

/** A setInterval cleared on story change. */
export function every(ms: number, fn: () => void): void {
  timers.add(setInterval(fn, ms));
}

/** Devices for FakeSession({ devices }): what a labelled `enumerateDevices()` could list. */
export const sampleDevices: DeviceSummary[] = [
  { deviceId: 'mic-1', groupId: 'g-builtin', kind: 'audioinput', label: 'Built-in Microphone' },
  { deviceId: 'mic-2', groupId: 'g-headset', kind: 'audioinput', label: 'USB Headset Microphone' },
  { deviceId: 'mic-3', groupId: 'g-xlr', kind: 'audioinput', label: 'Studio Condenser (XLR interface)' },
  { deviceId: 'cam-1', groupId: 'g-builtin', kind: 'videoinput', label: 'FaceTime HD Camera' },
  { deviceId: 'cam-2', groupId: 'g-brio', kind: 'videoinput', label: 'Logitech BRIO 4K' },
  { deviceId: 'out-1', groupId: 'g-builtin', kind: 'audiooutput', label: 'Built-in Speakers' },
  { deviceId: 'out-2', groupId: 'g-headset', kind: 'audiooutput', label: 'USB Headset' },
];

/** The same devices as listed before permission is granted: no labels. */
export const unlabelledDevices: DeviceSummary[] = sampleDevices.map((d) => ({ ...d, label: '' }));

/** Undoes what the previous story set up: fake streams and timers (preview.ts `beforeEach`). */
export function disposeStoryResources(): void {
  for (const stream of streams) stopFakeMediaStream(stream);
  streams.clear();
  for (const timer of timers) clearInterval(timer);
  timers.clear();
}

/** Names and video colours for up to 11 remote participants (12 tiles with yourself). */
export const people: { userId: string; name: string; color: string }[] = [
  { userId: 'ada', name: 'Ada Lovelace', color: '#8e44ad' },
  { userId: 'grace', name: 'Grace Hopper', color: '#16a085' },
  { userId: 'alan', name: 'Alan Turing', color: '#c0392b' },
  { userId: 'katherine', name: 'Katherine Johnson', color: '#2c3e50' },
  { userId: 'linus', name: 'Linus Torvalds', color: '#d35400' },
  { userId: 'margaret', name: 'Margaret Hamilton', color: '#27ae60' },
  { userId: 'dennis', name: 'Dennis Ritchie', color: '#2980b9' },
  { userId: 'barbara', name: 'Barbara Liskov', color: '#7f8c8d' },
  { userId: 'tim', name: 'Tim Berners-Lee', color: '#b9770e' },
  { userId: 'radia', name: 'Radia Perlman', color: '#6c3483' },
  { userId: 'edsger', name: 'Edsger Dijkstra', color: '#1e8449' },
];

export const errorCodes = ['permission-denied', 'room-full', 'server-unreachable', 'protocol-mismatch'] as const;

export interface RoomScenario {
  connection?: ConnectionState;
  /** Remote participants (0..11). */
  participants?: number;
  /** Show cameras (fake video) for the participants and yourself. */
  video?: boolean;
  /** Every other participant muted, every third with the camera off: a realistic mix. */
  mixed?: boolean;
  selfMuted?: boolean;
  selfVideo?: boolean;
  callType?: 'video' | 'audio';
  /** Who is speaking (a userId), shown by the speaking outline and meters. */
  speaker?: string;
  error?: ConferenceErrorCode | '';
  roomId?: string;
  /** Who shares a screen: 'me', or a participant's userId. */
  presenter?: string;
}

/** A received screen share: a wide, light fake capture (slides). */
export function fakeScreen(): { video: MediaStreamTrack | null; audio: null; stream: MediaStream } {
  const stream = fakeStream({ color: '#f4f5f7', width: 640, height: 360 });
  return { video: stream.getVideoTracks()[0] ?? null, audio: null, stream };
}

/** A FakeSession in the given state. Joined rooms get a local camera stream (with a tone, for the local meter). */
export function fakeRoom(s: RoomScenario = {}): FakeSession {
  const {
    connection = 'joined',
    participants = 0,
    video = true,
    mixed = false,
    selfMuted = false,
    selfVideo = true,
    callType = 'video',
    speaker,
    error = '',
    roomId = 'design-review',
    presenter = '',
  } = s;
  const session = new FakeSession({ userId: 'me', name: 'Sam Rivera', callType });
  session.setConnection(connection, connection === 'idle' ? null : roomId);
  const live = connection === 'joined' || connection === 'reconnecting';
  if (live) {
    const hasVideo = callType === 'video' && selfVideo;
    session.setSelf({
      audioMuted: selfMuted,
      videoEnabled: hasVideo,
      stream: video ? fakeStream({ color: '#3559e0', audio: true, gain: 0.05 }) : null,
    });
    people.slice(0, Math.max(0, Math.min(11, participants))).forEach((p, i) => {
      const videoEnabled = callType === 'video' && !(mixed && i % 3 === 2);
      session.addPublisher({
        userId: p.userId,
        name: p.name,
        callType,
        audioMuted: mixed && i % 2 === 1,
        videoEnabled,
        stream: video && videoEnabled ? fakeStream({ color: p.color }) : null,
        screen: presenter === p.userId ? fakeScreen() : null,
      });
    });
    if (presenter === 'me') session.setSelf({ screenSharing: true, screen: fakeScreen() });
  }
  if (speaker) session.setLevels({ [speaker]: 0.8 }, speaker);
  if (error) session.setError(error, `${error} (simulated)`);
  return session;
}
