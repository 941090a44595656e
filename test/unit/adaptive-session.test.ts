/**
 * The session side of adaptive stream and dynacast (docs/layouts.md), with fakes for the host,
 * consumers, producers and RTCRtpSender: QualityManager.setVideoVisible / setAdaptiveStream keep
 * apart from the user's preference; PublisherDynacast sets `active` on the camera encodings.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { Consumer, Producer } from 'mediasoup-client/types';
import { ConferenceError } from '../../src/errors.js';
import { applyActiveLayers, PublisherDynacast } from '../../src/session/dynacast.js';
import { QualityManager } from '../../src/session/quality.js';
import { updateSenderParameters, type ParameterSender } from '../../src/session/sender-parameters.js';
import { UplinkHealer } from '../../src/network/uplink-healer.js';
import { publisherQuality } from '../../src/state/quality.js';
import { Store } from '../../src/state/store.js';
import type { SessionSnapshot } from '../../src/state/types.js';

type Call = { method: string; params: Record<string, unknown> };

function setup() {
  const calls: Call[] = [];
  const snapshot = { connection: 'joined', roomId: 'r', publishers: { ada: { userId: 'ada', name: 'Ada' } } } as unknown as SessionSnapshot;
  const state = new Store<SessionSnapshot>(snapshot);
  const consumers: { consumer: Consumer; userId: string; kind: 'audio' | 'video'; source: 'mic' | 'camera' }[] = [];
  const addConsumer = (id: string, kind: 'audio' | 'video') => {
    const entry = { consumer: { id, closed: false } as unknown as Consumer, userId: 'ada', kind, source: kind === 'video' ? ('camera' as const) : ('mic' as const) };
    consumers.push(entry);
    return entry;
  };
  const quality = new QualityManager({
    userId: 'me',
    state,
    request: ((method: string, params: Record<string, unknown>) => {
      calls.push({ method, params });
      return Promise.resolve({});
    }) as never,
    consumers: () => consumers,
    producer: () => null,
    emit: () => undefined,
  });
  const q = () => publisherQuality(state.getSnapshot().publishers.ada);
  return { calls, quality, addConsumer, q };
}

describe('QualityManager: adaptive stream without touching the preference', () => {
  it('hiding pauses only the camera consumer; showing resumes it; audioOnly and the preference stay', async () => {
    const { calls, quality, addConsumer, q } = setup();
    addConsumer('cam-1', 'video');
    addConsumer('mic-1', 'audio');
    await quality.setVideoVisible('ada', false);
    assert.deepEqual(calls, [{ method: 'setConsumerPaused', params: { consumerId: 'cam-1', paused: true } }]);
    assert.equal(q().audioOnly, false);
    assert.equal(q().requestedStreamType, null);
    await quality.setVideoVisible('ada', false);
    assert.equal(calls.length, 1, 'no repeat');
    await quality.setVideoVisible('ada', true);
    assert.deepEqual(calls[1], { method: 'setConsumerPaused', params: { consumerId: 'cam-1', paused: false } });
    assert.ok(calls.every((c) => c.params.consumerId !== 'mic-1'), 'audio is never paused');
  });

  it('audio-only and hidden combine: the consumer resumes only when both allow it', async () => {
    const { calls, quality, addConsumer, q } = setup();
    addConsumer('cam-1', 'video');
    await quality.setQuality('ada', 'audio-only');
    await quality.setVideoVisible('ada', false);
    await quality.setVideoVisible('ada', true);
    assert.deepEqual(
      calls.map((c) => c.params.paused),
      [true],
      'still audio-only: no resume when shown',
    );
    assert.equal(q().audioOnly, true);
    await quality.setVideoVisible('ada', false);
    await quality.setQuality('ada', 'auto');
    assert.equal(calls.length, 1, 'still hidden: no resume on auto');
    assert.equal(q().audioOnly, false);
  });

  it('a consumer created later stays paused while hidden, and gets the adaptive layer', async () => {
    const { calls, quality, addConsumer } = setup();
    await quality.setVideoVisible('ada', false);
    await quality.setAdaptiveStream('ada', 'low');
    assert.equal(calls.length, 0, 'no consumer yet');
    const entry = addConsumer('cam-2', 'video');
    assert.equal(await quality.prepareConsumer(entry), true, 'left paused');
    assert.deepEqual(calls, [{ method: 'setPreferredLayers', params: { items: [{ consumerId: 'cam-2', spatialLayer: 0, temporalLayer: 2 }] } }]);
    await quality.setVideoVisible('ada', true);
    assert.equal(await quality.prepareConsumer(addConsumer('cam-3', 'video')), false);
  });

  it('the adaptive layer never overwrites a manual choice, nor shows as requestedStreamType', async () => {
    const { calls, quality, addConsumer, q } = setup();
    addConsumer('cam-1', 'video');
    await quality.setAdaptiveStream('ada', 'low');
    assert.deepEqual(calls.at(-1)?.params, { items: [{ consumerId: 'cam-1', spatialLayer: 0, temporalLayer: 2 }] });
    assert.equal(q().requestedStreamType, null);
    await quality.requestStreams({ ada: 'high' });
    assert.deepEqual(calls.at(-1)?.params, { items: [{ consumerId: 'cam-1', spatialLayer: 2, temporalLayer: 2 }] });
    const count = calls.length;
    await quality.setAdaptiveStream('ada', 'medium');
    assert.equal(calls.length, count, 'the manual high still wins');
    assert.equal(q().requestedStreamType, 'high');
    await quality.setQuality('ada', 'auto');
    assert.deepEqual(calls.at(-1)?.params, { items: [{ consumerId: 'cam-1', spatialLayer: 1, temporalLayer: 2 }] }, 'auto: adaptive again');
    await quality.setAdaptiveStream('ada', null);
    assert.deepEqual(calls.at(-1)?.params, { items: [{ consumerId: 'cam-1', spatialLayer: 2, temporalLayer: 2 }] }, 'none: the top');
  });

  it('bad input is a typed error', async () => {
    const { quality } = setup();
    await assert.rejects(quality.setAdaptiveStream('ada', 'huge' as never), (e: unknown) => e instanceof ConferenceError && e.code === 'invalid-params');
    await assert.rejects(quality.setVideoVisible('ada', 'yes' as never), (e: unknown) => e instanceof ConferenceError && e.code === 'invalid-params');
  });
});

/**
 * A camera's RTCRtpSender, and the part of its transport that matters here: the SDP answer's
 * paused layers. As in Chromium, every renegotiation sets each encoding's `active` from the
 * answer, and the answer changes only through mediasoup-client's `setRtpEncodingParameters`.
 */
class FakeSender implements ParameterSender {
  encodings: RTCRtpEncodingParameters[];
  sets = 0;
  failNext = false;
  /** The answer's flags (the first offer had every layer on). */
  answer: boolean[];
  constructor(count: number) {
    this.encodings = Array.from({ length: count }, (_, i) => ({ rid: `r${i}`, active: true }));
    this.answer = this.active();
  }
  /** Another producer added or closed on the transport. */
  renegotiate(): void {
    this.encodings.forEach((e, i) => (e.active = this.answer[i]));
  }
  getParameters(): RTCRtpSendParameters {
    return { encodings: this.encodings.map((e) => ({ ...e })) } as RTCRtpSendParameters;
  }
  async setParameters(params: RTCRtpSendParameters): Promise<void> {
    await new Promise((r) => setTimeout(r, 5));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('InvalidModificationError');
    }
    this.sets++;
    this.encodings = params.encodings.map((e) => ({ ...e }));
  }
  active(): boolean[] {
    return this.encodings.map((e) => e.active !== false);
  }
}

function fakeProducer(id: string, sender: FakeSender, kind: 'video' | 'audio' = 'video', hooks: { beforeSync?: () => void } = {}) {
  const observer = new EventEmitter();
  const setRtpEncodingParameters = async () => {
    hooks.beforeSync?.();
    await new Promise((r) => setTimeout(r, 5));
    sender.answer = sender.active();
    sender.renegotiate();
  };
  const producer = { id, kind, closed: false, rtpSender: sender, observer, setRtpEncodingParameters } as unknown as Producer;
  return { producer, close: () => ((producer as { closed: boolean }).closed = true) && observer.emit('close') };
}

const settle = () => new Promise((r) => setTimeout(r, 50));
const same = (a: boolean[], b: boolean[]) => a.length === b.length && a.every((x, i) => x === b[i]);
/**
 * Waits (up to 10 s: a loaded CI machine delays timers) until `sender`'s encodings are `expected`,
 * then checks they stay so a moment later (no stray set still on its way).
 */
async function settlesTo(sender: FakeSender, expected: boolean[], message: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!same(sender.active(), expected) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await settle();
  assert.deepEqual(sender.active(), expected, message);
}

describe('PublisherDynacast: layersWanted -> active encodings', () => {
  it('applyActiveLayers turns unwanted encodings off, and leaves single encodings alone', async () => {
    const sender = new FakeSender(3);
    const { producer } = fakeProducer('cam', sender);
    assert.equal(await applyActiveLayers(producer, [0]), true);
    assert.deepEqual(sender.active(), [true, false, false]);
    assert.equal(await applyActiveLayers(producer, [0]), false, 'no change, no setParameters');
    assert.equal(sender.sets, 1);
    await applyActiveLayers(producer, 'all');
    assert.deepEqual(sender.active(), [true, true, true]);
    const single = new FakeSender(1);
    assert.equal(await applyActiveLayers(fakeProducer('one', single).producer, []), false);
    assert.deepEqual(single.active(), [true]);
  });

  it('the flags survive a later renegotiation (a screen share added or closed on the transport)', async () => {
    const sender = new FakeSender(3);
    await applyActiveLayers(fakeProducer('cam', sender).producer, [0]);
    sender.renegotiate();
    assert.deepEqual(sender.active(), [true, false, false], 'still only the lowest layer');
    assert.deepEqual(sender.answer, [true, false, false], 'the answer says r1 and r2 are paused');
  });

  it('a renegotiation that lands between the write and its answer is undone by writing again', async () => {
    const sender = new FakeSender(3);
    let raced = 0;
    // The first sync finds the flags reset by a renegotiation that was already queued.
    const { producer } = fakeProducer('cam', sender, 'video', { beforeSync: () => raced++ === 0 && sender.renegotiate() });
    assert.equal(await applyActiveLayers(producer, [0]), true);
    assert.deepEqual(sender.active(), [true, false, false]);
    assert.deepEqual(sender.answer, [true, false, false]);
    assert.equal(sender.sets, 2, 'written twice');
    // One that never lets the flags hold fails, loudly, after a few writes.
    const stubborn = new FakeSender(3);
    const always = fakeProducer('cam2', stubborn, 'video', { beforeSync: () => stubborn.encodings.forEach((e) => (e.active = true)) });
    await assert.rejects(applyActiveLayers(always.producer, [0]), /did not hold/);
  });

  it('a set that arrives before the producer is attached is applied on attach; later sets in order', async () => {
    const dynacast = new PublisherDynacast();
    const sender = new FakeSender(3);
    dynacast.onLayersWanted({ producerId: 'cam', spatialLayers: [0] });
    const { producer, close } = fakeProducer('cam', sender);
    dynacast.attach(producer);
    await settlesTo(sender, [true, false, false], 'nobody watches: only the lowest');
    dynacast.onLayersWanted({ producerId: 'cam', spatialLayers: [0, 1, 2] });
    dynacast.onLayersWanted({ producerId: 'cam', spatialLayers: [0, 1] });
    await settlesTo(sender, [true, true, false], 'the last set wins');
    // A failed setParameters is logged; the next set still applies.
    sender.failNext = true;
    dynacast.onLayersWanted({ producerId: 'cam', spatialLayers: [0] });
    dynacast.onLayersWanted({ producerId: 'cam', spatialLayers: [0, 1, 2] });
    await settlesTo(sender, [true, true, true], 'the set after a failed one applies');
    // Off: everything on, and sets are ignored.
    dynacast.onLayersWanted({ producerId: 'cam', spatialLayers: [0] });
    await settlesTo(sender, [true, false, false], 'on: the set applies');
    dynacast.setEnabled(false);
    await settlesTo(sender, [true, true, true], 'off: every encoding on');
    close();
    assert.equal(dynacast.wanted('cam'), undefined, 'forgotten when closed');
  });

  it('the uplink healer drops the top encoding within what dynacast wants, and never turns on one nobody watches', async () => {
    const dynacast = new PublisherDynacast();
    const sender = new FakeSender(3);
    const { producer } = fakeProducer('cam', sender);
    dynacast.attach(producer);
    const snapshot = { self: { network: null } } as unknown as SessionSnapshot;
    const state = new Store<SessionSnapshot>(snapshot);
    const healer = new UplinkHealer({ state, producer: () => producer, dropTopLayer: (p, d) => dynacast.dropTopLayer(p, d) });
    const uplink = (cause: 'your-uplink' | null) => state.set({ self: { network: { quality: cause ? 'poor' : 'good', cause } } } as unknown as SessionSnapshot);
    dynacast.onLayersWanted({ producerId: 'cam', spatialLayers: [0, 1, 2] });
    await settlesTo(sender, [true, true, true], 'watched at the top: all on');
    uplink('your-uplink');
    await settlesTo(sender, [true, true, false], 'a poor uplink: the top off');
    assert.equal(healer.dropped, true);
    dynacast.onLayersWanted({ producerId: 'cam', spatialLayers: [0, 1, 2] });
    await settlesTo(sender, [true, true, false], 'a raise while dropped stays below the top');
    dynacast.onLayersWanted({ producerId: 'cam', spatialLayers: [0] });
    await settlesTo(sender, [true, false, false], 'everyone on low');
    uplink(null);
    await settlesTo(sender, [true, false, false], 'the uplink recovers: the top stays off, nobody watches it');
    dynacast.onLayersWanted({ producerId: 'cam', spatialLayers: [0, 1, 2] });
    await settlesTo(sender, [true, true, true], 'watched at the top again: all on');
    healer.dispose();
  });

  it('writes to one sender never interleave (no stale parameters written back)', async () => {
    const sender = new FakeSender(3);
    const writes = [
      updateSenderParameters(sender, (p) => ((p.encodings[2]!.active = false), true)),
      updateSenderParameters(sender, (p) => ((p.encodings[0]!.maxBitrate = 100_000), true)),
      updateSenderParameters(sender, () => false),
    ];
    assert.deepEqual(await Promise.all(writes), [true, true, false]);
    assert.deepEqual(sender.active(), [true, true, false], 'the second write read the first one\'s result');
    assert.equal(sender.encodings[0]!.maxBitrate, 100_000);
    sender.failNext = true;
    await assert.rejects(updateSenderParameters(sender, (p) => ((p.encodings[1]!.active = false), true)));
    assert.equal(await updateSenderParameters(sender, (p) => ((p.encodings[1]!.active = false), true)), true, 'the queue goes on after a failure');
    assert.deepEqual(sender.active(), [true, false, false]);
  });

  it('other producers and audio are untouched', async () => {
    const dynacast = new PublisherDynacast();
    const a = new FakeSender(3);
    const mic = new FakeSender(2);
    dynacast.attach(fakeProducer('a', a).producer);
    dynacast.attach(fakeProducer('mic', mic, 'audio').producer);
    dynacast.onLayersWanted({ producerId: 'b', spatialLayers: [0] });
    dynacast.onLayersWanted({ producerId: 'mic', spatialLayers: [0] });
    await settle();
    assert.deepEqual(a.active(), [true, true, true]);
    assert.deepEqual(mic.active(), [true, true]);
  });
});
