import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../components/conf-room/conf-room.js';
import '../../components/lazy-room-elements.js'; // defined up front: lazy loading is tested in lazy-elements.test.ts
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import '../../components/conf-tile/conf-tile.js';
import type { ConfTile } from '../../components/conf-tile/conf-tile.js';
import { FakeSession } from '../../src/testing/fake-session.js';
import { createFakeMediaStream, stopFakeMediaStream } from '../../src/testing/fake-media.js';

const shadow = (el: Element) => el.shadowRoot!;

async function room(session: FakeSession): Promise<ConfRoom> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: 1000px; height: 700px"><conf-room .session=${session}></conf-room></div>`,
  );
  const el = wrapper.querySelector('conf-room')!;
  await el.updateComplete;
  return el;
}

describe('screen shares in <conf-room>', () => {
  it('shows a separate, prominent tile per sharing publisher and removes it when they stop', async () => {
    const session = new FakeSession({ userId: 'me' });
    session.setConnection('joined', 'r1');
    session.addPublisher({ userId: 'ada', name: 'Ada' });
    session.addPublisher({ userId: 'bob', name: 'Bob' });
    const el = await room(session);
    expect(shadow(el).querySelector('conf-screen-tile')).to.equal(null);
    expect(shadow(el).querySelector('[part~="layout"]')!.hasAttribute('presenting')).to.equal(false);

    const screen = createFakeMediaStream({ audio: false, width: 640, height: 360, label: 'screen' });
    try {
      // Announced first (placeholder), then received.
      session.updatePublisher('ada', { screen: { video: null, audio: null, stream: null } });
      await el.updateComplete;
      const tile = shadow(el).querySelector('conf-screen-tile[user-id="ada"]')!;
      expect(tile).to.exist;
      await (tile as any).updateComplete;
      expect(shadow(tile).querySelector('[part~="placeholder"]')).to.exist;

      session.updatePublisher('ada', { screen: { video: screen.getVideoTracks()[0]!, audio: null, stream: screen } });
      await (tile as any).updateComplete;
      const video = shadow(tile).querySelector('video')!;
      expect(video.srcObject).to.equal(screen);
      expect(shadow(tile).querySelector('[part~="label"]')!.textContent).to.contain('Ada’s screen');
      expect(shadow(el).querySelectorAll('conf-tile').length, 'camera tiles stay').to.equal(3);
      expect(shadow(el).querySelector('[part~="layout"]')!.hasAttribute('presenting')).to.equal(true);
      // Prominent: the screen is larger than any camera tile.
      const screenArea = tile.getBoundingClientRect();
      const cameraArea = shadow(el).querySelector('conf-tile')!.getBoundingClientRect();
      expect(screenArea.width * screenArea.height).to.be.greaterThan(cameraArea.width * cameraArea.height * 2);

      session.updatePublisher('ada', { screen: null });
      await el.updateComplete;
      expect(shadow(el).querySelector('conf-screen-tile')).to.equal(null);
    } finally {
      stopFakeMediaStream(screen);
    }
  });

  it('shows your own share as a local screen tile', async () => {
    const session = new FakeSession({ userId: 'me' });
    session.setConnection('joined', 'r1');
    const el = await room(session);
    await session.enableScreenSharing(true);
    await el.updateComplete;
    const tile = shadow(el).querySelector('conf-screen-tile[local]')!;
    expect(tile).to.exist;
    await (tile as any).updateComplete;
    expect(shadow(tile).querySelector('[part~="label"]')!.textContent).to.contain('You are sharing');
    session.endScreenShare();
    await el.updateComplete;
    expect(shadow(el).querySelector('conf-screen-tile')).to.equal(null);
  });
});

describe('audio output in tiles', () => {
  it('applies the selected output to remote tiles, now and for tiles made later', async () => {
    const outputs = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audiooutput' && d.deviceId !== 'default');
    if (outputs.length === 0) {
      // Chromium lists outputs only after a permission grant.
      (await navigator.mediaDevices.getUserMedia({ audio: true })).getTracks().forEach((t) => t.stop());
    }
    const sinkId = (await navigator.mediaDevices.enumerateDevices()).find((d) => d.kind === 'audiooutput' && d.deviceId !== 'default')!.deviceId;
    const session = new FakeSession({ userId: 'me' });
    session.setConnection('joined', 'r1');
    session.addPublisher({ userId: 'ada', name: 'Ada' });
    const el = await room(session);
    const sink = (id: string) => {
      const tile = shadow(el).querySelector<ConfTile>(`conf-tile[user-id="${id}"]`)!;
      return (shadow(tile).querySelector('video') as HTMLVideoElement & { sinkId: string }).sinkId;
    };

    await session.selectAudioOutput(sinkId);
    await waitUntil(() => sink('ada') === sinkId, 'the existing tile follows');
    session.addPublisher({ userId: 'bob', name: 'Bob' });
    await el.updateComplete;
    await waitUntil(() => sink('bob') === sinkId, 'a later tile gets it too');
    const local = shadow(el).querySelector<ConfTile>('conf-tile[local]')!;
    expect((shadow(local).querySelector('video') as HTMLVideoElement & { sinkId: string }).sinkId).to.equal('');
  });
});
