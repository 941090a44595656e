import type { NetworkStatus } from '../../src/network/assess.js';
import type { StatsSample } from '../../src/stats/derive.js';
import { FakeSession } from '../../src/testing/index.js';
import { fakeStream } from './fake.js';

export const STATES = {
  excellent: { quality: 'excellent', cause: null },
  good: { quality: 'good', cause: null },
  'their-uplink': { quality: 'poor', cause: 'their-uplink' },
  'their-uplink-lost': { quality: 'lost', cause: 'their-uplink' },
  'your-downlink': { quality: 'poor', cause: 'your-downlink' },
  'your-uplink': { quality: 'poor', cause: 'your-uplink' },
} satisfies Record<string, NetworkStatus>;
export type NetworkState = keyof typeof STATES;

export function sessionFor(state: NetworkState, local: boolean): FakeSession {
  const session = new FakeSession({ userId: 'me', name: 'Grace' });
  session.setConnection('joined', 'design-review');
  session.addPublisher({ userId: 'ada', name: 'Ada', stream: fakeStream(), subscribed: true });
  session.setNetwork(local ? null : 'ada', STATES[state]);
  return session;
}

/** A scripted stats round number `i` (a gentle wave). */
export function sample(at: number, i: number): StatsSample {
  const wave = (base: number, amp: number) => base + Math.round(amp * Math.sin(i / 4));
  const stats = (entries: Record<string, unknown>[]) => new Map(entries.map((e) => [e.id as string, e as never]));
  return {
    at,
    users: [
      {
        userId: 'me', local: true, micLevel: null, videoBitrate: wave(900, 200), audioBitrate: 32, frameWidth: 1280, frameHeight: 720, frameRate: 30,
        stats: stats([
          { id: 'o0', type: 'outbound-rtp', kind: 'video', rid: 'r0', frameWidth: 320, frameHeight: 180, qualityLimitationReason: 'none' },
          { id: 'o1', type: 'outbound-rtp', kind: 'video', rid: 'r1', frameWidth: 640, frameHeight: 360, qualityLimitationReason: 'none' },
          { id: 'o2', type: 'outbound-rtp', kind: 'video', rid: 'r2', frameWidth: 1280, frameHeight: 720, qualityLimitationReason: 'bandwidth' },
          { id: 'r', type: 'remote-inbound-rtp', kind: 'video', fractionLost: (i % 7) / 200, roundTripTime: 0.04 + (i % 5) / 100, jitter: 0.004 },
        ]),
      },
      {
        userId: 'ada', local: false, micLevel: null, videoBitrate: wave(600, 150), audioBitrate: 30, frameWidth: 640, frameHeight: 360, frameRate: 24 + (i % 6),
        stats: stats([{ id: 'i', type: 'inbound-rtp', kind: 'video', packetsReceived: 100 * i, packetsLost: Math.floor(i / 3), jitter: 0.01 + (i % 4) / 500 }]),
      },
    ],
  };
}

