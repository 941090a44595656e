/**
 * One transport-level getStats() split per consumer (src/stats/split.ts): each consumer gets its
 * inbound-rtp and everything it references, as RTCRtpReceiver.getStats() would give it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RtcStatsEntry } from '../../src/stats/derive.js';
import { StatsDeriver } from '../../src/stats/derive.js';
import { inboundByTrack, indexStats, selectStats } from '../../src/stats/split.js';

const e = (entry: Record<string, unknown> & { id: string; type: string }) => entry as unknown as RtcStatsEntry;
const whole = new Map<string, RtcStatsEntry>(
  [
    e({ id: 'IT1', type: 'inbound-rtp', kind: 'video', trackIdentifier: 'track-a', transportId: 'T', codecId: 'C1', remoteId: 'RO1', bytesReceived: 1000 }),
    e({ id: 'IT2', type: 'inbound-rtp', kind: 'audio', trackIdentifier: 'track-b', transportId: 'T', codecId: 'C2', bytesReceived: 50 }),
    e({ id: 'IT3', type: 'inbound-rtp', kind: 'video', trackIdentifier: 'track-c', transportId: 'T', codecId: 'C1', bytesReceived: 7 }),
    e({ id: 'RO1', type: 'remote-outbound-rtp', kind: 'video', localId: 'IT1' }),
    e({ id: 'C1', type: 'codec', mimeType: 'video/VP8', transportId: 'T' }),
    e({ id: 'C2', type: 'codec', mimeType: 'audio/opus', transportId: 'T' }),
    e({ id: 'T', type: 'transport', selectedCandidatePairId: 'CP' }),
    e({ id: 'CP', type: 'candidate-pair', localCandidateId: 'L', remoteCandidateId: 'R', currentRoundTripTime: 0.05 }),
    e({ id: 'L', type: 'local-candidate' }),
    e({ id: 'R', type: 'remote-candidate' }),
    e({ id: 'CERT', type: 'certificate' }),
  ].map((x) => [x.id, x]),
);

describe('stats split', () => {
  it('indexes inbound-rtp entries by their track', () => {
    const index = inboundByTrack(whole);
    assert.deepEqual(index.get('track-a'), ['IT1']);
    assert.deepEqual(index.get('track-b'), ['IT2']);
    assert.equal(index.get('track-z'), undefined);
  });

  it("gives a consumer its inbound-rtp and what it references, not the others' rtp entries", () => {
    const mine = selectStats(whole, ['IT1']);
    assert.deepEqual([...mine.keys()].sort(), ['C1', 'CP', 'IT1', 'L', 'R', 'RO1', 'T']);
    assert.ok(!mine.has('IT3') && !mine.has('IT2') && !mine.has('C2') && !mine.has('CERT'));
  });

  it('ignores ids that are not in the report and stops on cycles', () => {
    const cyclic = new Map<string, RtcStatsEntry>([
      ['A', e({ id: 'A', type: 'inbound-rtp', remoteId: 'B', codecId: 'missing' })],
      ['B', e({ id: 'B', type: 'remote-outbound-rtp', localId: 'A' })],
    ]);
    assert.deepEqual([...selectStats(cyclic, ['A', 'nope']).keys()].sort(), ['A', 'B']);
  });

  it('derives the same numbers from a split as from the whole per-user report', () => {
    const split = new StatsDeriver().derive([{ userId: 'a', local: false, reports: [selectStats(whole, ['IT1'])] }], 1000);
    const direct = new StatsDeriver().derive([{ userId: 'a', local: false, reports: [new Map([['IT1', whole.get('IT1')!]])] }], 1000);
    assert.equal(split.users[0]!.videoBitrate, direct.users[0]!.videoBitrate);
    assert.equal(split.users[0]!.audioBitrate, null);
    assert.equal(split.users[0]!.stats.get('CP')?.type, 'candidate-pair');
  });

  it('an index splits the same way, reads the report once with forEach, and shares references between splits', () => {
    let reads = 0;
    // A native-like report: every get/has converts an entry, so the index must not call them.
    const native = {
      forEach: (fn: (entry: RtcStatsEntry, id: string) => void) => whole.forEach((entry, id) => fn(entry, id)),
      get: (id: string) => (reads++, whole.get(id)),
      has: (id: string) => (reads++, whole.has(id)),
      size: whole.size,
    } as unknown as ReadonlyMap<string, RtcStatsEntry>;
    const index = indexStats(native);
    for (const roots of [['IT1'], ['IT2'], ['IT3'], ['IT1', 'nope']]) {
      assert.deepEqual([...selectStats(index, roots).keys()].sort(), [...selectStats(whole, roots).keys()].sort());
    }
    assert.equal(reads, 0);
    assert.deepEqual([...index.refs.get('CP')!].sort(), ['L', 'R']);
    assert.deepEqual(index.refs.get('IT2'), ['T', 'C2']);
    assert.deepEqual(inboundByTrack(index.entries).get('track-c'), ['IT3']);
  });
});
