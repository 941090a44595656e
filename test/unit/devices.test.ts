/**
 * Device state reducers, screen-share slots and the DeviceController's hot-plug behaviour, in Node
 * with a scripted `mediaDevices` (no browser): lists update on devicechange, and a device in use
 * that disappears falls back to the default, in state and in an event.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProducerInfo, PublisherInfo } from '../../src/protocol/protocol.js';
import {
  isDeviceGone,
  removePublisherSourceTrack,
  setDeviceLists,
  setPublisherSourceTrack,
  summarizeDevices,
} from '../../src/state/devices.js';
import { applyPublisherUpdated, createInitialSnapshot, setPublisherSubscribed, type StreamFactory } from '../../src/state/publishers.js';
import { Store } from '../../src/state/store.js';
import type { SessionSnapshot } from '../../src/state/types.js';
import { DeviceController, type MediaDevicesLike } from '../../src/session/devices.js';
import type { LocalSource, SessionInternals } from '../../src/session/internals.js';
import type { SessionEventMap } from '../../src/session/types.js';
import { ConferenceError } from '../../src/errors.js';

const makeStream: StreamFactory = (tracks) => ({ tracks }) as unknown as MediaStream;
const base = () => createInitialSnapshot({ userId: 'me', name: 'Me', callType: 'video' });
const dev = (kind: MediaDeviceKind, deviceId: string, label = deviceId) => ({ kind, deviceId, label, groupId: `g-${deviceId}` });

describe('device reducers', () => {
  test('summarizeDevices splits by kind and tells an unlabelled (pre-permission) list', () => {
    const lists = summarizeDevices([dev('audioinput', 'm1'), dev('videoinput', 'c1'), dev('audiooutput', 'o1')]);
    assert.deepEqual(lists.audioInputs.map((d) => d.deviceId), ['m1']);
    assert.deepEqual(lists.cameras.map((d) => d.deviceId), ['c1']);
    assert.deepEqual(lists.audioOutputs.map((d) => d.deviceId), ['o1']);
    assert.equal(lists.labelled, true);
    assert.equal(summarizeDevices([dev('audioinput', '', ''), dev('videoinput', '', '')]).labelled, false);
  });

  test('setDeviceLists keeps unchanged lists (and the snapshot) by identity', () => {
    const s1 = setDeviceLists(base(), summarizeDevices([dev('audioinput', 'm1'), dev('videoinput', 'c1')]));
    const s2 = setDeviceLists(s1, summarizeDevices([dev('audioinput', 'm1'), dev('videoinput', 'c1')]));
    assert.equal(s2, s1);
    const s3 = setDeviceLists(s1, summarizeDevices([dev('audioinput', 'm1'), dev('videoinput', 'c2')]));
    assert.equal(s3.devices.audioInputs, s1.devices.audioInputs);
    assert.notEqual(s3.devices.cameras, s1.devices.cameras);
  });

  test('isDeviceGone ignores unknown, default and unlabelled cases', () => {
    const list = summarizeDevices([dev('audioinput', 'm1')]).audioInputs;
    assert.equal(isDeviceGone('m2', list, true), true);
    assert.equal(isDeviceGone('m1', list, true), false);
    assert.equal(isDeviceGone('default', list, true), false);
    assert.equal(isDeviceGone(null, list, true), false);
    assert.equal(isDeviceGone('m2', list, false), false);
  });
});

describe('screen-share slots', () => {
  const producer = (source: ProducerInfo['source'], id = source): ProducerInfo => ({
    id,
    source,
    kind: source === 'mic' || source === 'screen-audio' ? 'audio' : 'video',
    paused: false,
  });
  const info = (producers: ProducerInfo[]): PublisherInfo => ({ userId: 'a', name: 'A', callType: 'video', producers });
  const track = (id: string) => ({ id }) as unknown as MediaStreamTrack;

  test('a screen producer gives the publisher a screen slot, its removal takes it away', () => {
    const s0 = applyPublisherUpdated(base(), info([producer('mic'), producer('camera')]));
    assert.equal(s0.publishers.a!.screen, null);
    const s1 = applyPublisherUpdated(s0, info([producer('mic'), producer('camera'), producer('screen')]));
    assert.deepEqual(s1.publishers.a!.screen, { video: null, audio: null, stream: null });
    assert.equal(s1.publishers.a!.videoEnabled, true, 'the camera is unaffected');

    const video = track('sv');
    const s2 = setPublisherSourceTrack(s1, 'a', 'screen', 'video', video, makeStream);
    const s3 = setPublisherSourceTrack(s2, 'a', 'screen-audio', 'audio', track('sa'), makeStream);
    assert.equal(s3.publishers.a!.screen!.video, video);
    assert.equal(s3.publishers.a!.tracks.video, null, 'screen tracks never land in the camera slot');
    assert.equal((s3.publishers.a!.screen!.stream as unknown as { tracks: unknown[] }).tracks.length, 2);

    const s4 = removePublisherSourceTrack(s3, 'a', 'screen', 'video', video, makeStream);
    assert.equal(s4.publishers.a!.screen!.video, null);
    const s5 = applyPublisherUpdated(s3, info([producer('mic'), producer('camera')]));
    assert.equal(s5.publishers.a!.screen, null);
  });

  test('unsubscribing keeps the slot but drops its tracks', () => {
    const s1 = applyPublisherUpdated(base(), info([producer('screen')]));
    const s2 = setPublisherSourceTrack(setPublisherSubscribed(s1, 'a', true), 'a', 'screen', 'video', track('v'), makeStream);
    const s3 = setPublisherSubscribed(s2, 'a', false);
    assert.deepEqual(s3.publishers.a!.screen, { video: null, audio: null, stream: null });
  });
});

// ---------------------------------------------------------------------------
// DeviceController with a scripted mediaDevices
// ---------------------------------------------------------------------------

class FakeTrack extends EventTarget {
  readyState: MediaStreamTrackState = 'live';
  enabled = true;
  constructor(
    readonly kind: 'audio' | 'video',
    readonly deviceId: string,
  ) {
    super();
  }
  getSettings() {
    return { deviceId: this.deviceId };
  }
  getCapabilities() {
    return {};
  }
  stop() {
    this.readyState = 'ended';
  }
}

class FakeMediaDevices extends EventTarget {
  list: ReturnType<typeof dev>[] = [];
  requests: MediaStreamConstraints[] = [];
  async enumerateDevices() {
    return this.list as unknown as MediaDeviceInfo[];
  }
  async getUserMedia(constraints: MediaStreamConstraints) {
    this.requests.push(constraints);
    const kind = constraints.audio ? 'audio' : 'video';
    const c = (constraints.audio || constraints.video) as MediaTrackConstraints;
    const wanted = (c.deviceId as { exact?: string; ideal?: string } | undefined)?.exact;
    const available = this.list.filter((d) => d.kind === (kind === 'audio' ? 'audioinput' : 'videoinput'));
    const device = wanted ? available.find((d) => d.deviceId === wanted) : available[0];
    if (!device) throw Object.assign(new Error('not found'), { name: 'NotFoundError' });
    const track = new FakeTrack(kind, device.deviceId);
    return { getAudioTracks: () => (kind === 'audio' ? [track] : []), getVideoTracks: () => (kind === 'video' ? [track] : []) } as unknown as MediaStream;
  }
}

function setup() {
  const md = new FakeMediaDevices();
  md.list = [dev('audioinput', 'm1'), dev('audioinput', 'm2'), dev('videoinput', 'c1'), dev('audiooutput', 'o1')];
  const state = new Store<SessionSnapshot>(base());
  const tracks: Record<LocalSource, MediaStreamTrack | null> = { mic: null, camera: null };
  const events: { event: string; payload: unknown }[] = [];
  const errors: ConferenceError[] = [];
  const internals: SessionInternals = {
    callType: 'video',
    state,
    emit: (event, payload) => void events.push({ event, payload }),
    report: (error) => (errors.push(error), error),
    exclusive: (task) => task(),
    localTrack: (source) => tracks[source],
    setLocalTrack: async (source, track) => {
      tracks[source]?.stop();
      tracks[source] = track;
    },
    baseConstraints: () => ({}),
    produceExtra: async () => {
      throw new Error('unused');
    },
    closeExtra: () => undefined,
  };
  const controller = new DeviceController(internals, { mediaDevices: md as unknown as MediaDevicesLike });
  const fallbacks = () => events.filter((e) => e.event === 'devicefallback').map((e) => e.payload as SessionEventMap['devicefallback']);
  return { md, state, tracks, events, errors, controller, fallbacks };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('DeviceController', () => {
  test('lists devices and updates them on devicechange', async () => {
    const { md, state, controller, events } = setup();
    assert.deepEqual((await controller.getAudioInputs()).map((d) => d.deviceId), ['m1', 'm2']);
    md.list = [...md.list, dev('videoinput', 'c2')];
    md.dispatchEvent(new Event('devicechange'));
    await tick();
    assert.deepEqual(state.getSnapshot().devices.cameras.map((d) => d.deviceId), ['c1', 'c2']);
    assert.ok(events.some((e) => e.event === 'devicechange'));
    controller.stop();
  });

  test('before joining, a switch is a preference used for the next getUserMedia', async () => {
    const { state, controller } = setup();
    await controller.switchMicrophone('m2');
    assert.equal(state.getSnapshot().devices.current.audioinput, 'm2');
    assert.deepEqual(controller.constrain('audio', { echoCancellation: true }), { echoCancellation: true, deviceId: { exact: 'm2' } });
  });

  test('the microphone in use disappears: falls back to the default, says so in state and in an event', async () => {
    const { md, state, tracks, controller, fallbacks } = setup();
    await controller.start();
    tracks.mic = new FakeTrack('audio', 'm2') as unknown as MediaStreamTrack;
    controller.syncCurrent();
    assert.equal(state.getSnapshot().devices.current.audioinput, 'm2');

    md.list = md.list.filter((d) => d.deviceId !== 'm2');
    (tracks.mic as unknown as FakeTrack).stop(); // Unplugging ends the track, then devicechange fires.
    md.dispatchEvent(new Event('devicechange'));
    await tick();

    assert.equal((tracks.mic as unknown as FakeTrack).deviceId, 'm1');
    const [fallback] = fallbacks();
    assert.deepEqual({ ...fallback, at: 0 }, { kind: 'audioinput', previousDeviceId: 'm2', deviceId: 'm1', at: 0 });
    assert.equal(state.getSnapshot().devices.lastFallback?.previousDeviceId, 'm2');
    assert.equal(state.getSnapshot().devices.current.audioinput, 'm1');
    assert.equal(md.requests.at(-1)!.audio && (md.requests.at(-1)!.audio as MediaTrackConstraints).deviceId, undefined, 'asked for the default');
    controller.stop();
  });

  test('the last camera disappears: reports no-device and says so', async () => {
    const { md, state, tracks, controller, fallbacks, errors } = setup();
    await controller.start();
    tracks.camera = new FakeTrack('video', 'c1') as unknown as MediaStreamTrack;
    controller.syncCurrent();
    md.list = md.list.filter((d) => d.kind !== 'videoinput');
    md.dispatchEvent(new Event('devicechange'));
    await tick();
    assert.equal(fallbacks()[0]?.deviceId, null);
    assert.equal(errors[0]?.code, 'no-device');
    assert.equal(state.getSnapshot().devices.lastFallback?.kind, 'videoinput');
    controller.stop();
  });

  test('the selected audio output disappears: back to the default output', async () => {
    const { md, state, controller, fallbacks } = setup();
    await controller.start();
    state.update((s) => ({ ...s, devices: { ...s.devices, current: { ...s.devices.current, audiooutput: 'o1' } } }));
    md.list = md.list.filter((d) => d.kind !== 'audiooutput');
    md.dispatchEvent(new Event('devicechange'));
    await tick();
    assert.equal(state.getSnapshot().devices.current.audiooutput, '');
    assert.deepEqual(fallbacks().map((f) => [f.kind, f.previousDeviceId, f.deviceId]), [['audiooutput', 'o1', '']]);
    controller.stop();
  });

  test('selectAudioOutput and setTorchEnabled are feature-detected with typed errors', async () => {
    const { tracks, controller } = setup();
    await assert.rejects(controller.selectAudioOutput('o1'), { name: 'UnsupportedError', code: 'unsupported' });
    tracks.camera = new FakeTrack('video', 'c1') as unknown as MediaStreamTrack;
    await assert.rejects(controller.setTorchEnabled(true), { name: 'UnsupportedError', code: 'unsupported' });
  });
});
