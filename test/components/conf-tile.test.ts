import { expect, fixture, html } from '@open-wc/testing';
import '../../components/conf-tile/conf-tile.js';
import type { ConfTile } from '../../components/conf-tile/conf-tile.js';
import { FakeSession } from '../../src/testing/fake-session.js';
import { createFakeMediaStream, stopFakeMediaStream } from '../../src/testing/fake-media.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<conf-tile>', () => {
  let session: FakeSession;
  const streams: MediaStream[] = [];
  const fakeStream = (opts: Parameters<typeof createFakeMediaStream>[0] = {}) => {
    const s = createFakeMediaStream(opts);
    streams.push(s);
    return s;
  };

  beforeEach(() => {
    session = new FakeSession({ userId: 'me', name: 'Grace Hopper' });
    session.setConnection('joined', 'room-1');
  });
  afterEach(() => streams.splice(0).forEach(stopFakeMediaStream));

  it('shows the remote video when the publisher has a video track', async () => {
    const stream = fakeStream({ audio: false });
    session.addPublisher({ userId: 'ada', name: 'Ada Lovelace', stream });

    const el = await fixture<ConfTile>(html`<conf-tile user-id="ada" .session=${session}></conf-tile>`);

    const video = part(el, 'video') as HTMLVideoElement;
    expect(video.hidden).to.equal(false);
    expect(video.srcObject).to.equal(stream);
    expect(video.muted).to.equal(false);
    expect(part(el, 'avatar')).to.equal(null);
    expect(part(el, 'placeholder')).to.equal(null);
    expect(part(el, 'name')!.textContent).to.equal('Ada Lovelace');
    expect(el.hasAttribute('video-off')).to.equal(false);
  });

  it('shows initials when the camera is off, and reflects video-off', async () => {
    session.addPublisher({ userId: 'ada', name: 'Ada Lovelace', videoEnabled: false });

    const el = await fixture<ConfTile>(html`<conf-tile user-id="ada" .session=${session}></conf-tile>`);

    expect(part(el, 'avatar')!.textContent!.trim()).to.equal('AL');
    expect((part(el, 'video') as HTMLVideoElement).hidden).to.equal(true);
    expect(el.hasAttribute('video-off')).to.equal(true);
    expect(part(el, 'badge-video-off')).to.not.equal(null);
  });

  it('shows a placeholder while there is no video track', async () => {
    session.addPublisher({ userId: 'ada', name: 'Ada', videoEnabled: true, stream: null });

    const el = await fixture<ConfTile>(html`<conf-tile user-id="ada" .session=${session}></conf-tile>`);

    expect(part(el, 'placeholder')).to.not.equal(null);
    expect(part(el, 'avatar')).to.equal(null);
    expect((part(el, 'video') as HTMLVideoElement).hidden).to.equal(true);
  });

  it('shows a placeholder for an unknown participant and updates when they arrive', async () => {
    const el = await fixture<ConfTile>(html`<conf-tile user-id="bob" .session=${session}></conf-tile>`);
    expect(part(el, 'placeholder')).to.not.equal(null);

    session.addPublisher({ userId: 'bob', name: 'Bob Marley', videoEnabled: false });
    await el.updateComplete;

    expect(part(el, 'avatar')!.textContent!.trim()).to.equal('BM');
  });

  it('renders the local participant mirrored with a muted media element', async () => {
    const stream = fakeStream({ audio: true, video: true });
    session.setSelf({ stream });

    const el = await fixture<ConfTile>(html`<conf-tile local .session=${session}></conf-tile>`);

    const video = part(el, 'video') as HTMLVideoElement;
    expect(el.hasAttribute('local')).to.equal(true);
    expect(video.muted).to.equal(true);
    expect(video.srcObject).to.equal(stream);
    expect(video.classList.contains('mirrored')).to.equal(true);
    expect(getComputedStyle(video).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    expect(part(el, 'name')!.textContent).to.contain('Grace Hopper').and.contain('(you)');
    expect(el.shadowRoot!.querySelector('mic-meter')!.hasAttribute('local')).to.equal(true);
  });

  it('does not rebind srcObject when unrelated state changes', async () => {
    const stream = fakeStream({ audio: false });
    session.addPublisher({ userId: 'ada', name: 'Ada', stream });
    const el = await fixture<ConfTile>(html`<conf-tile user-id="ada" .session=${session}></conf-tile>`);
    const video = part(el, 'video') as HTMLVideoElement;
    video.srcObject = null; // a marker: a rebind would put the stream back

    session.updatePublisher('ada', { name: 'Ada L.' });
    await el.updateComplete;

    expect(part(el, 'name')!.textContent).to.equal('Ada L.');
    expect(video.srcObject).to.equal(null);

    const next = fakeStream({ audio: false });
    session.updatePublisher('ada', { stream: next, tracks: { audio: null, video: next.getVideoTracks()[0]! } });
    await el.updateComplete;
    expect(video.srcObject).to.equal(next);
  });

  it('does not re-render for stats and network updates, but does for what it shows', async () => {
    session.addPublisher({ userId: 'ada', name: 'Ada', stream: fakeStream({ audio: false }) });
    const el = await fixture<ConfTile>(html`<conf-tile user-id="ada" .session=${session}></conf-tile>`);
    let renders = 0;
    const update = (el as unknown as { update(c: unknown): void }).update.bind(el);
    (el as unknown as { update(c: unknown): void }).update = (c: unknown) => {
      renders++;
      update(c);
    };

    session.setPublisherQuality('ada', { bitrate: 900, frameWidth: 640, frameHeight: 360, frameRate: 30, score: 9 });
    session.setNetwork('ada', { quality: 'good', cause: null });
    await el.updateComplete;
    expect(renders).to.equal(0);
    expect((el.participant as { quality?: { bitrate: number } }).quality?.bitrate).to.equal(900); // the getter reads fresh

    session.setPublisherQuality('ada', { audioOnly: true });
    await el.updateComplete;
    expect(renders).to.equal(1);
    expect(part(el, 'avatar')).to.not.equal(null);

    session.updatePublisher('ada', { audioMuted: true });
    await el.updateComplete;
    expect(renders).to.equal(2);
    expect(el.hasAttribute('muted')).to.equal(true);
  });

  it('reflects muted with a badge and hides the meter', async () => {
    session.addPublisher({ userId: 'ada', name: 'Ada', audioMuted: true });

    const el = await fixture<ConfTile>(html`<conf-tile user-id="ada" .session=${session}></conf-tile>`);

    expect(el.hasAttribute('muted')).to.equal(true);
    expect(part(el, 'badge-muted')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('mic-meter')).to.equal(null);

    session.updatePublisher('ada', { audioMuted: false });
    await el.updateComplete;
    expect(el.hasAttribute('muted')).to.equal(false);
    expect(part(el, 'badge-muted')).to.equal(null);
    expect(el.shadowRoot!.querySelector('mic-meter')!.getAttribute('user-id')).to.equal('ada');
  });

  it('reflects speaking from the active speaker and loud levels', async () => {
    session.addPublisher({ userId: 'ada', name: 'Ada' });
    const el = await fixture<ConfTile>(html`<conf-tile user-id="ada" .session=${session}></conf-tile>`);
    expect(el.hasAttribute('speaking')).to.equal(false);

    session.setLevels({ ada: 0.2 }, 'ada');
    await el.updateComplete;
    expect(el.hasAttribute('speaking')).to.equal(true);

    session.setLevels({ ada: 0.05 }, null);
    await el.updateComplete;
    expect(el.hasAttribute('speaking')).to.equal(false);

    session.setLevels({ ada: 0.8 }, 'someone-else');
    await el.updateComplete;
    expect(el.hasAttribute('speaking')).to.equal(true);
  });

  it('shows the speaking ring by opacity only (compositor-run), hidden when not speaking', async () => {
    session.addPublisher({ userId: 'ada', name: 'Ada' });
    const el = await fixture<ConfTile>(html`<conf-tile user-id="ada" .session=${session}></conf-tile>`);
    const ring = () => getComputedStyle(el, '::after');
    expect(ring().opacity).to.equal('0');
    expect(ring().transitionProperty).to.equal('opacity');
    expect(ring().boxShadow).to.match(/inset/);
    session.setLevels({ ada: 0.8 }, 'ada');
    await el.updateComplete;
    expect(ring().animationName).to.equal('conf-speaking-pulse');
    expect(Number(ring().opacity)).to.be.greaterThan(0.4);
  });

  it('exposes parts for styling', async () => {
    session.addPublisher({ userId: 'ada', name: 'Ada', audioMuted: true, videoEnabled: false });
    const el = await fixture<ConfTile>(html`<conf-tile user-id="ada" .session=${session}></conf-tile>`);

    for (const name of ['video', 'name', 'badges', 'badge', 'avatar', 'label', 'footer']) {
      expect(part(el, name), name).to.not.equal(null);
    }
  });
});
