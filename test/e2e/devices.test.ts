/**
 * Devices end to end: the real server, real Chromium with fake devices (3 microphones, 3 audio
 * outputs, 1 camera), real media through mediasoup. Pages: demo/session.html (the bare session)
 * and demo/index.html (<conf-room>).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchBrowser, startServer, type RunningServer, uniqueRoom, closePages, audioSamplesOf } from './harness.js';

let server: RunningServer;
let browser: Browser;

const room = () => uniqueRoom('dev');

/** Rejects getUserMedia requests that ask for video, as a browser does when the camera is blocked. */
const DENY_CAMERA = `(() => {
  const md = navigator.mediaDevices;
  const original = md.getUserMedia.bind(md);
  md.getUserMedia = (constraints) =>
    constraints && constraints.video
      ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
      : original(constraints);
})();`;

const DENY_ALL = `(() => {
  navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
})();`;

async function open(url: string, initScript?: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1000, height: 700 } });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page ${url}] ${err.message}`));
  await page.goto(url);
  return page;
}

async function joinSession(roomId: string, user: string, initScript?: string): Promise<Page> {
  const page = await open(`${server.url}/session.html?room=${roomId}&user=${user}&name=${user.toUpperCase()}&autoJoin=1`, initScript);
  await eventually(() => page.evaluate(() => (window as any).session?.state.getSnapshot().connection === 'joined'), `${user} joined`);
  return page;
}

async function joinRoom(roomId: string, user: string): Promise<Page> {
  const page = await open(`${server.url}/?room=${roomId}&user=${user}&name=${user.toUpperCase()}`);
  await eventually(
    () => page.evaluate(() => (document.querySelector('conf-room') as any)?.session?.state.getSnapshot().connection === 'joined'),
    `${user} joined (conf-room)`,
  );
  return page;
}


/** The id of the track the mic producer sends (its media-source stats' trackIdentifier). */
const micProducerTrackId = (page: Page) =>
  page.evaluate(async () => {
    const report: RTCStatsReport | null = await (window as any).session.getProducerStats('mic');
    let id = '';
    report?.forEach((s: any) => {
      if (s.type === 'media-source' && s.kind === 'audio') id = s.trackIdentifier;
    });
    return id;
  });

const close = closePages;

before(async () => {
  browser = await launchBrowser();
  server = await startServer();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('devices end to end', () => {
  test('lists the fake devices, labelled once permission is granted', async () => {
    const a = await joinSession(room(), 'a');
    try {
      const lists = await a.evaluate(async () => {
        const s = (window as any).session;
        return {
          cameras: (await s.getCameras()).length,
          inputs: (await s.getAudioInputs()).length,
          outputs: (await s.getAudioOutputs()).length,
          labelled: s.state.getSnapshot().devices.labelled,
          current: s.state.getSnapshot().devices.current,
        };
      });
      assert.equal(lists.cameras, 1);
      assert.equal(lists.inputs, 3);
      assert.equal(lists.outputs, 3);
      assert.equal(lists.labelled, true);
      assert.ok(lists.current.audioinput, 'the microphone in use is known');
      assert.ok(lists.current.videoinput, 'the camera in use is known');
      assert.equal(lists.current.audiooutput, '');
    } finally {
      await close(a);
    }
  });

  test('switching among the fake microphones keeps audio flowing and changes the producer track', async () => {
    const r = room();
    const a = await joinSession(r, 'a');
    const b = await joinSession(r, 'b');
    try {
      await eventually(async () => (await audioSamplesOf(b, 'a')) > 0, 'b receives a');
      const inputs: string[] = await a.evaluate(async () =>
        (await (window as any).session.getAudioInputs()).map((d: any) => d.deviceId),
      );
      assert.equal(inputs.length, 3);
      const current: string = await a.evaluate(() => (window as any).session.state.getSnapshot().devices.current.audioinput);
      // Every other microphone, then back to the first one.
      const order = [...inputs.filter((id) => id !== current), current];
      for (const deviceId of order) {
        const before = await micProducerTrackId(a);
        assert.ok(before, 'the mic producer has a track');
        await a.evaluate((id) => (window as any).session.switchMicrophone(id), deviceId);
        const state = await a.evaluate(() => {
          const snap = (window as any).session.state.getSnapshot();
          const track = snap.self.stream?.getAudioTracks()[0];
          return { current: snap.devices.current.audioinput, trackDevice: track?.getSettings().deviceId, live: track?.readyState };
        });
        assert.equal(state.current, deviceId);
        assert.equal(state.trackDevice, deviceId);
        assert.equal(state.live, 'live');
        await eventually(async () => {
          const now = await micProducerTrackId(a);
          return now !== '' && now !== before;
        }, `the mic producer sends the new track (${deviceId})`);
        const samples = await audioSamplesOf(b, 'a');
        await eventually(async () => (await audioSamplesOf(b, 'a')) > samples + 4800, `b still receives a after switching to ${deviceId}`);
      }
      // The remote side never saw a mute or a new publisher: the switch is a replaceTrack.
      const seen = await b.evaluate(() => (window as any).session.state.getSnapshot().publishers.a);
      assert.equal(seen.audioMuted, false);
    } finally {
      await close(a, b);
    }
  });

  test('switching the camera by id keeps the call; flipping without a second camera says so', async () => {
    const r = room();
    const a = await joinSession(r, 'a');
    try {
      const outcome = await a.evaluate(async () => {
        const s = (window as any).session;
        const [camera] = await s.getCameras();
        const front = await s.switchCamera({ deviceId: camera.deviceId });
        let flip: string | null = null;
        try {
          await s.switchCamera();
        } catch (error: any) {
          flip = error.code;
        }
        let torch: string | null = null;
        try {
          await s.setTorchEnabled(true);
        } catch (error: any) {
          torch = `${error.name}:${error.code}`;
        }
        return { front, flip, torch, video: s.state.getSnapshot().self.videoEnabled };
      });
      assert.deepEqual(outcome, { front: true, flip: 'no-device', torch: 'UnsupportedError:unsupported', video: true });
    } finally {
      await close(a);
    }
  });

  test('the selected audio output applies to every remote media element, also for a later joiner', async () => {
    const r = room();
    const a = await joinSession(r, 'a');
    const b = await joinSession(r, 'b');
    let c: Page | undefined;
    try {
      const outputs: string[] = await a.evaluate(async () =>
        (await (window as any).session.getAudioOutputs()).map((d: any) => d.deviceId),
      );
      const sinkId = outputs.find((id) => id !== 'default' && id !== '')!;
      assert.ok(sinkId, 'a non-default fake output exists');
      await eventually(() => a.evaluate(() => document.querySelectorAll('#remotes audio[data-user-id="b"]').length === 1), 'b rendered');
      await a.evaluate((id) => (window as any).session.selectAudioOutput(id), sinkId);
      assert.equal(await a.evaluate(() => (window as any).session.state.getSnapshot().devices.current.audiooutput), sinkId);

      const sinks = () =>
        a.evaluate(() =>
          [...document.querySelectorAll<HTMLMediaElement & { sinkId: string }>('#remotes audio, #remotes video')].map((el) => ({
            user: el.dataset.userId ?? el.dataset.screenUserId,
            sinkId: el.sinkId,
          })),
        );
      await eventually(async () => (await sinks()).every((e) => e.sinkId === sinkId), 'b\'s elements use the output');

      c = await joinSession(r, 'c');
      await eventually(async () => (await sinks()).filter((e) => e.user === 'c').length === 2, 'c rendered');
      await eventually(async () => (await sinks()).every((e) => e.sinkId === sinkId), 'c\'s elements use the output too');

      // An unknown output is refused with a typed error; the selection stays.
      const code = await a.evaluate(async () => {
        try {
          await (window as any).session.selectAudioOutput('no-such-output');
          return 'resolved';
        } catch (error: any) {
          return error.code;
        }
      });
      assert.equal(code, 'no-device');
      assert.equal(await a.evaluate(() => (window as any).session.state.getSnapshot().devices.current.audiooutput), sinkId);
    } finally {
      await close(a, b, ...(c ? [c] : []));
    }
  });

  test('<conf-room>: tiles follow the selected output, including a participant who joins later', async () => {
    const r = room();
    const a = await joinRoom(r, 'a');
    const b = await joinRoom(r, 'b');
    let c: Page | undefined;
    try {
      const tileSinks = () =>
        a.evaluate(() => {
          const roomEl = document.querySelector('conf-room')!;
          return [...roomEl.shadowRoot!.querySelectorAll('conf-tile:not([local])')].map((tile) => ({
            user: tile.getAttribute('user-id'),
            sinkId: (tile.shadowRoot!.querySelector('video') as HTMLVideoElement & { sinkId: string }).sinkId,
          }));
        });
      await eventually(async () => (await tileSinks()).length === 1, 'a shows b');
      const sinkId: string = await a.evaluate(async () => {
        const session = (document.querySelector('conf-room') as any).session;
        const outputs = await session.getAudioOutputs();
        const id = outputs.find((d: any) => d.deviceId !== 'default').deviceId;
        await session.selectAudioOutput(id);
        return id;
      });
      await eventually(async () => (await tileSinks()).every((t) => t.sinkId === sinkId), 'b\'s tile plays on the output');
      c = await joinRoom(r, 'c');
      await eventually(async () => {
        const tiles = await tileSinks();
        return tiles.length === 2 && tiles.every((t) => t.sinkId === sinkId);
      }, 'c\'s tile plays on the output too');
    } finally {
      await close(a, b, ...(c ? [c] : []));
    }
  });

  test('<conf-room prejoin>: the pre-join screen\'s choices become the session\'s devices', async () => {
    const page = await open(`${server.url}/?room=${room()}&user=p&name=P&prejoin=1`);
    try {
      const prejoin = page.locator('conf-room conf-prejoin');
      await eventually(() => prejoin.isVisible(), 'the pre-join screen shows');
      await eventually(
        () => page.evaluate(() => !!(document.querySelector('conf-room')!.shadowRoot!.querySelector('conf-prejoin') as any).stream),
        'the preview runs',
      );
      const chosen: string = await page.evaluate(async () => {
        const el = document.querySelector('conf-room')!.shadowRoot!.querySelector('conf-prejoin') as any;
        const mics = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
        const mic = mics.find((d) => d.deviceId !== 'default')!.deviceId;
        await el.shadowRoot.querySelector('device-picker[kind="audioinput"]').select(mic);
        return mic;
      });
      await page.locator('conf-room conf-prejoin [part~="name-input"]').fill('Pat');
      await page.locator('conf-room conf-prejoin [part~="join-button"]').click();
      await eventually(
        () => page.evaluate(() => (document.querySelector('conf-room') as any).session?.state.getSnapshot().connection === 'joined'),
        'joined',
      );
      const self = await page.evaluate(() => {
        const snap = (document.querySelector('conf-room') as any).session.state.getSnapshot();
        return { name: snap.self.name, mic: snap.self.stream.getAudioTracks()[0].getSettings().deviceId, current: snap.devices.current.audioinput };
      });
      assert.deepEqual(self, { name: 'Pat', mic: chosen, current: chosen });
    } finally {
      await close(page);
    }
  });

  test('a page that denies the camera joins audio-only, and the others see it as such', async () => {
    const r = room();
    const b = await joinSession(r, 'b');
    const a = await joinSession(r, 'a', DENY_CAMERA);
    const watcher = await joinRoom(r, 'w');
    try {
      const self = await a.evaluate(() => {
        const snap = (window as any).session.state.getSnapshot();
        return {
          error: snap.error?.code,
          audio: snap.self.stream?.getAudioTracks().length,
          video: snap.self.stream?.getVideoTracks().length,
          videoEnabled: snap.self.videoEnabled,
          audioMuted: snap.self.audioMuted,
        };
      });
      assert.deepEqual(self, { error: 'permission-denied', audio: 1, video: 0, videoEnabled: false, audioMuted: false });
      // The notice is shown on the page.
      assert.match(await a.locator('#error').textContent() ?? '', /permission-denied/);

      await eventually(async () => (await audioSamplesOf(b, 'a')) > 0, 'b receives a\'s audio');
      const seen = await b.evaluate(() => {
        const p = (window as any).session.state.getSnapshot().publishers.a;
        return { audioMuted: p.audioMuted, videoEnabled: p.videoEnabled, video: p.tracks.video, audio: !!p.tracks.audio };
      });
      assert.deepEqual(seen, { audioMuted: false, videoEnabled: false, video: null, audio: true });
      // In <conf-room>, a's tile shows the camera-off state (avatar, badge) instead of video.
      await eventually(
        () =>
          watcher.evaluate(() => {
            const tile = document.querySelector('conf-room')!.shadowRoot!.querySelector('conf-tile[user-id="a"]');
            return !!tile?.hasAttribute('video-off') && !!tile.shadowRoot!.querySelector('[part~="avatar"]');
          }),
        'the watcher shows a as audio-only',
      );
    } finally {
      await close(a, b, watcher);
    }
  });

  test('a page without any permission joins receive-only with a notice', async () => {
    const r = room();
    const b = await joinSession(r, 'b');
    const a = await joinSession(r, 'a', DENY_ALL);
    try {
      const self = await a.evaluate(() => {
        const snap = (window as any).session.state.getSnapshot();
        return { error: snap.error?.code, stream: snap.self.stream, connection: snap.connection };
      });
      assert.deepEqual(self, { error: 'permission-denied', stream: null, connection: 'joined' });
      // a still receives b.
      await eventually(async () => (await audioSamplesOf(a, 'b')) > 0, 'a receives b');
      const seen = await b.evaluate(() => {
        const p = (window as any).session.state.getSnapshot().publishers.a;
        return { audioMuted: p.audioMuted, videoEnabled: p.videoEnabled };
      });
      assert.deepEqual(seen, { audioMuted: true, videoEnabled: false });
    } finally {
      await close(a, b);
    }
  });
});
