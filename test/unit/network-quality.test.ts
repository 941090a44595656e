/** Network quality (src/network/): levels, blame, hysteresis, link stats and the monitor. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { assessRemote, assessSelf, directionLevel, downlinkLevel, linkLevel, QualityHysteresis, scoreLevel } from '../../src/network/assess.js';
import { senderScore } from '../../server/quality.js';
import { LinkStatsReader, localCandidateType } from '../../src/network/link-stats.js';
import { applyNetwork, NetworkQualityMonitor } from '../../src/network/monitor.js';
import { shouldDropTopLayer } from '../../src/network/uplink-healer.js';
import { Store } from '../../src/state/store.js';
import { createInitialSnapshot } from '../../src/state/publishers.js';
import type { SessionSnapshot } from '../../src/state/types.js';
import type { RtcStatsEntry, StatsSample, UserStatsSample } from '../../src/stats/derive.js';

const user = (userId: string, local: boolean, entries: RtcStatsEntry[]): UserStatsSample => ({
  userId,
  local,
  stats: new Map(entries.map((e) => [e.id, e])),
  micLevel: null,
  videoBitrate: null,
  audioBitrate: null,
  frameWidth: null,
  frameHeight: null,
  frameRate: null,
});
const inbound = (lost: number, received: number, jitter = 0.005): RtcStatsEntry => ({ id: 'in', type: 'inbound-rtp', kind: 'video', packetsLost: lost, packetsReceived: received, jitter });
const outbound = (opts: { fractionLost?: number; rtt?: number; available?: number; reason?: string } = {}): RtcStatsEntry[] => [
  { id: 'out', type: 'outbound-rtp', kind: 'video', qualityLimitationReason: opts.reason ?? 'none' },
  { id: 'rin', type: 'remote-inbound-rtp', kind: 'video', fractionLost: opts.fractionLost ?? 0, roundTripTime: opts.rtt ?? 0.02 },
  { id: 'T', type: 'transport', selectedCandidatePairId: 'CP' },
  { id: 'CP', type: 'candidate-pair', state: 'succeeded', availableOutgoingBitrate: opts.available ?? 2_000_000, currentRoundTripTime: opts.rtt ?? 0.02, localCandidateId: 'L' },
  { id: 'L', type: 'local-candidate', candidateType: 'host' },
];

describe('network quality levels', () => {
  it('maps mediasoup scores and link numbers to levels', () => {
    assert.deepEqual([10, 9, 7, 6, 3, 1, 0, null].map(scoreLevel), [3, 3, 2, 2, 1, 1, 0, 3]);
    assert.equal(linkLevel({ loss: 0, rtt: 40, jitter: 5 }), 3);
    assert.equal(linkLevel({ loss: 0.03 }), 2);
    assert.equal(linkLevel({ loss: 0.1 }), 1);
    assert.equal(linkLevel({ loss: 0.5 }), 0);
    assert.equal(linkLevel({ rtt: 700 }), 1);
    assert.equal(linkLevel({ jitter: 80 }), 1);
    assert.equal(linkLevel({ availableKbps: 120 }), 1);
    assert.equal(linkLevel({ availableKbps: 400 }), 2);
    assert.equal(linkLevel({ limitation: 'bandwidth' }), 2);
    assert.equal(linkLevel({ availableKbps: 120, limitation: 'bandwidth' }), 1);
    // A sender that is not bandwidth-limited sends less than it could: its estimate follows that.
    assert.equal(linkLevel({ availableKbps: 230, limitation: 'none' }), 3, 'dynacast: only the low layer sends');
    assert.equal(linkLevel({ availableKbps: 60, limitation: null }), 3, 'audio only: no video encoder');
    assert.equal(linkLevel({ availableKbps: 200, limitation: 'cpu' }), 3, 'a CPU-limited encoder');
    assert.equal(linkLevel({ availableKbps: 200, limitation: 'none', loss: 0.1 }), 1, 'loss still counts');
    assert.equal(linkLevel({ loss: null, rtt: null }), 3, 'unmeasured numbers never count against a link');
    assert.equal(downlinkLevel([{ loss: 0 }, { loss: 0.1 }]), 1);
    assert.equal(downlinkLevel([]), 3);
  });

  it('blames their uplink when the producer score or their own report is low', () => {
    assert.deepEqual(assessRemote({ producerScore: 10, score: 10 }), { quality: 'excellent', cause: null });
    assert.deepEqual(assessRemote({ producerScore: 3, score: 3 }), { quality: 'poor', cause: 'their-uplink' });
    assert.deepEqual(assessRemote({ producerScore: 10, score: 10, reportedUplink: 'poor' }), { quality: 'poor', cause: 'their-uplink' });
    assert.deepEqual(assessRemote({ producerScore: 0, score: 0 }), { quality: 'lost', cause: 'their-uplink' });
    assert.deepEqual(assessRemote({ producerScore: 10, score: 7 }), { quality: 'good', cause: null });
  });

  it('blames your downlink when the consumer score, your loss or your downlink is worse', () => {
    assert.deepEqual(assessRemote({ producerScore: 10, score: 3 }), { quality: 'poor', cause: 'your-downlink' });
    assert.deepEqual(assessRemote({ producerScore: 10, score: 10, inbound: { loss: 0.12 } }), { quality: 'poor', cause: 'your-downlink' });
    assert.deepEqual(assessRemote({ producerScore: 10, score: 10, downlink: 1 }), { quality: 'poor', cause: 'your-downlink' });
    assert.deepEqual(assessRemote({ producerScore: 2, score: 10, downlink: 1 }), { quality: 'poor', cause: 'their-uplink' }, 'a tie blames them');
  });

  it('says which of your own directions is poor', () => {
    assert.deepEqual(assessSelf({ uplink: { loss: 0, availableKbps: 3000 }, downlink: 3 }), { quality: 'excellent', cause: null });
    assert.deepEqual(assessSelf({ uplink: { availableKbps: 90 }, downlink: 3 }), { quality: 'poor', cause: 'your-uplink' });
    assert.deepEqual(assessSelf({ uplink: { loss: 0 }, downlink: 1 }), { quality: 'poor', cause: 'your-downlink' });
    assert.deepEqual(assessSelf({}), { quality: 'excellent', cause: null });
  });

  // Found with a real tbf on a namespaced browser's downlink (test/e2e/netns-quality.test.ts):
  // the full downlink queue raised the RTT of the uplink too, and an RTT tie blamed the uplink.
  it('a round-trip time does not blame your uplink when only your downlink is congested', () => {
    assert.equal(directionLevel({ loss: 0, rtt: 700 }), 3, 'RTT is not a direction input');
    assert.equal(downlinkLevel([{ loss: 0, rtt: 700 }]), 3);
    // the downlink queue: your downlink loses packets, the uplink only sees the RTT of the round trip
    assert.deepEqual(assessSelf({ uplink: { loss: 0, rtt: 420, availableKbps: 2000 }, downlink: 1, downlinkRtt: 420 }), { quality: 'poor', cause: 'your-downlink' });
    // only the RTT is bad: the uplink's own inputs are clean, so the downlink is blamed
    assert.deepEqual(assessSelf({ uplink: { loss: 0, rtt: 700, availableKbps: 2000 }, downlink: 3 }), { quality: 'poor', cause: 'your-downlink' });
    // ...unless the uplink's own inputs are the worse ones
    assert.deepEqual(assessSelf({ uplink: { rtt: 700, availableKbps: 400 }, downlink: 3 }), { quality: 'poor', cause: 'your-uplink' });
    // a really narrow uplink is still blamed, with or without RTT
    assert.deepEqual(assessSelf({ uplink: { loss: 0.1, rtt: 420 }, downlink: 3, downlinkRtt: 420 }), { quality: 'poor', cause: 'your-uplink' });
  });

  it("the SFU forwarding no layer to you (your downlink) does not make the sender's score 0", () => {
    const score = { score: 3, producerScore: 0, producerScores: [10, 9, 0] };
    assert.equal(senderScore({ currentLayers: undefined }, score), 10, 'nothing forwarded: the best stream of the sender');
    assert.equal(senderScore({ currentLayers: { spatialLayer: 0, temporalLayer: 0 } }, { ...score, producerScore: 4 }), 4, 'forwarding: the selected stream');
    assert.equal(senderScore({ currentLayers: undefined }, { score: 0, producerScore: 0, producerScores: [0, 0, 0] }), 0, 'a dead sender stays 0');
    assert.equal(senderScore({ currentLayers: undefined }, { score: 10, producerScore: 10, producerScores: [] }), 10);
  });
});

describe('QualityHysteresis', () => {
  it('worsens at once and improves only after consecutive better rounds', () => {
    const h = new QualityHysteresis({ improveAfter: 3 });
    const poor = { quality: 'poor', cause: 'their-uplink' } as const;
    const fine = { quality: 'excellent', cause: null } as const;
    assert.deepEqual(h.push(poor), poor);
    assert.deepEqual(h.push(fine), poor);
    assert.deepEqual(h.push(fine), poor);
    assert.deepEqual(h.push(poor), poor, 'a bad round restarts the count');
    h.push(fine);
    h.push(fine);
    assert.deepEqual(h.push(fine), fine);
  });

  it('switches the cause at once while the quality stays poor', () => {
    const h = new QualityHysteresis();
    h.push({ quality: 'poor', cause: 'their-uplink' });
    assert.deepEqual(h.push({ quality: 'poor', cause: 'your-downlink' }), { quality: 'poor', cause: 'your-downlink' });
  });
});

describe('LinkStatsReader', () => {
  it('reads loss as a delta of packet counters, jitter and RTT in ms', () => {
    const reader = new LinkStatsReader();
    assert.equal(reader.inbound(user('ada', false, [inbound(0, 100)])).loss, null, 'no delta in the first round');
    const link = reader.inbound(user('ada', false, [inbound(10, 190, 0.04)]));
    assert.equal(link.loss, 0.1);
    assert.equal(link.jitter, 40);
  });

  it('reads the uplink: fraction lost, RTT, outgoing estimate, limitation and candidate type', () => {
    const reader = new LinkStatsReader();
    const me = user('me', true, outbound({ fractionLost: 0.2, rtt: 0.25, available: 150_000, reason: 'bandwidth' }));
    assert.deepEqual(reader.outbound(me), { loss: 0.2, rtt: 250, jitter: null, availableKbps: 150, limitation: 'bandwidth' });
    assert.equal(localCandidateType(me.stats), 'host');
  });
});

describe('NetworkQualityMonitor', () => {
  function setup() {
    const base = createInitialSnapshot({ userId: 'me', name: 'Me', callType: 'video' });
    const ada = { userId: 'ada', name: 'Ada', callType: 'video' as const, audioMuted: false, videoEnabled: true, subscribed: true, tracks: { audio: null, video: null }, stream: null, screen: null };
    const state = new Store<SessionSnapshot>({ ...base, publishers: { ada } });
    const listeners: ((s: StatsSample) => void)[] = [];
    const reports: string[] = [];
    const monitor = new NetworkQualityMonitor({
      state,
      watchStats: (_ms, l) => (listeners.push(l), () => listeners.splice(listeners.indexOf(l), 1)),
      reportUplink: (q) => reports.push(q),
    });
    return { state, listeners, reports, monitor };
  }

  it('watches the stats only while joined and writes statuses into state', () => {
    const { state, listeners, reports, monitor } = setup();
    assert.equal(listeners.length, 0);
    state.update((s) => ({ ...s, connection: 'joined' }));
    assert.equal(listeners.length, 1);
    monitor.onUplinkQuality({ userId: 'ada', quality: 'poor' });
    // 100 kbps of estimate, not what the encoder is limited by (dynacast sends only the low layer): no blame
    monitor.onSample({ at: 0, users: [user('me', true, outbound({ available: 100_000, reason: 'none' })), user('ada', false, [inbound(0, 5)])] });
    assert.deepEqual(state.getSnapshot().self.network, { quality: 'excellent', cause: null });
    monitor.onSample({ at: 1, users: [user('me', true, outbound({ available: 100_000, reason: 'bandwidth' })), user('ada', false, [inbound(0, 10)])] });
    const s = state.getSnapshot();
    assert.deepEqual(s.publishers.ada?.network, { quality: 'poor', cause: 'their-uplink' });
    assert.deepEqual(s.self.network, { quality: 'poor', cause: 'your-uplink' });
    assert.deepEqual(reports, ['excellent', 'poor']);
    // a high round trip with a clean uplink: reported to others as good, not as a poor uplink
    monitor.onSample({ at: 2, users: [user('me', true, outbound({ rtt: 0.7 })), user('ada', false, [inbound(0, 20)])] });
    monitor.onSample({ at: 3, users: [user('me', true, outbound({ rtt: 0.7 })), user('ada', false, [inbound(0, 30)])] });
    monitor.onSample({ at: 4, users: [user('me', true, outbound({ rtt: 0.7 })), user('ada', false, [inbound(0, 40)])] });
    assert.deepEqual(reports, ['excellent', 'poor', 'excellent'], 'the uplink report ignores RTT');
    assert.equal(state.getSnapshot().self.network?.cause, 'your-downlink', 'RTT alone blames the direction with the poorer signals');
    state.update((x) => ({ ...x, connection: 'closed' }));
    assert.equal(listeners.length, 0);
  });

  it('applyNetwork keeps the snapshot when nothing changed', () => {
    const { state } = setup();
    const s = state.getSnapshot();
    const status = { quality: 'good', cause: null } as const;
    const once = applyNetwork(s, status, new Map([['ada', status]]));
    assert.notEqual(once, s);
    assert.equal(applyNetwork(once, status, new Map([['ada', status]])), once);
  });
});

describe('uplink self-healing', () => {
  // The encodings it switches: test/unit/adaptive-session.test.ts (PublisherDynacast.dropTopLayer).
  it('blames only your uplink', () => {
    const snapshot = createInitialSnapshot({ userId: 'me', name: 'Me', callType: 'video' });
    assert.equal(shouldDropTopLayer(snapshot), false);
    assert.equal(shouldDropTopLayer({ ...snapshot, self: { ...snapshot.self, network: { quality: 'poor', cause: 'your-uplink' } } }), true);
  });
});

describe('StatsHistory', () => {
  it('keeps 60 s of points per user, with encodings and limitation for yourself', async () => {
    const { StatsHistory, diagnostics } = await import('../../src/stats/history.js');
    const history = new StatsHistory(60_000);
    const me = (at: number) => ({ at, users: [{ ...user('me', true, [...outbound({ reason: 'bandwidth' }), { id: 'o2', type: 'outbound-rtp', kind: 'video', rid: 'r2', active: false, frameWidth: 640, frameHeight: 480 }]), videoBitrate: 300 }] });
    history.push(me(0));
    history.push(me(30_000));
    history.push(me(61_000));
    const points = history.of('me');
    assert.deepEqual(points.map((p) => p.at), [30_000, 61_000], 'the point older than 60 s is gone');
    assert.equal(points[1]?.bitrate, 300);
    assert.equal(points[1]?.limitation, 'bandwidth');
    assert.deepEqual(points[1]?.encodings?.find((e) => e.rid === 'r2'), { rid: 'r2', active: false, width: 640, height: 480, frameRate: null });
    const json = diagnostics(history, { kitVersion: '0.1.0', protocolVersion: 1, userAgent: null, roomId: 'r', userId: 'me', at: 0, participants: [] });
    assert.equal(json.iceCandidateType, 'host');
    assert.equal((json.samples as unknown[]).length, 1);
    assert.doesNotThrow(() => JSON.stringify(json));
  });
});

describe('KIT_VERSION', () => {
  it('is the version in package.json', async () => {
    const { readFile } = await import('node:fs/promises');
    const { KIT_VERSION } = await import('../../src/version.js');
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    assert.equal(KIT_VERSION, pkg.version);
  });
});

describe('downlink self-healing', () => {
  it('drops tiles off the stage to low and the stage one step, only while your downlink is blamed', async () => {
    const { healedStreamType, downlinkPoor } = await import('../../components/controllers/downlink-healing.js');
    assert.equal(healedStreamType('high', { downlinkPoor: false, onStage: false }), 'high');
    assert.equal(healedStreamType('high', { downlinkPoor: true, onStage: false }), 'low');
    assert.equal(healedStreamType('high', { downlinkPoor: true, onStage: true }), 'medium');
    assert.equal(healedStreamType('low', { downlinkPoor: true, onStage: true }), 'low');
    const s = createInitialSnapshot({ userId: 'me', name: 'Me', callType: 'video' });
    assert.equal(downlinkPoor(s), false);
    assert.equal(downlinkPoor({ ...s, self: { ...s.self, network: { quality: 'poor', cause: 'your-downlink' } } }), true);
  });
});
