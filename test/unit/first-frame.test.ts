/**
 * Issue 15, "Faster first frame": a remote user's video is consumed before its audio, and the
 * build preloads mediasoup-client on pages that load it on join (conf-kit/bundler).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { confKitPreloadMediasoupClient } from '../../bundler/index.mjs';
import type { MediaSource } from '../../src/protocol/protocol.js';
import { Deferred } from '../../src/session/connection.js';
import { hasRemoteVideo, publishTurn } from '../../src/session/join-order.js';
import { firstFramesCheck } from '../../src/session/media.js';
import { inConsumeOrder } from '../../src/session/subscriber.js';

describe('consume order', () => {
  test('video first (camera before screen), then audio (mic before screen audio); the input is not changed', () => {
    const producers: { id: string; kind: 'audio' | 'video'; source: MediaSource }[] = [
      { id: 'mic', kind: 'audio', source: 'mic' },
      { id: 'screen-audio', kind: 'audio', source: 'screen-audio' },
      { id: 'screen', kind: 'video', source: 'screen' },
      { id: 'camera', kind: 'video', source: 'camera' },
    ];
    assert.deepEqual(inConsumeOrder(producers).map((p) => p.id), ['camera', 'screen', 'mic', 'screen-audio']);
    assert.equal(producers[0]!.id, 'mic');
    assert.deepEqual(inConsumeOrder([]), []);
  });
});

describe('the first-frames guard (subscriber.ts #watchFirstFrame)', () => {
  /** The verdicts of successive checks that saw these frame counts. */
  const run = (counts: number[], camera: boolean) => {
    let last = 0;
    const verdicts: string[] = [];
    for (const frames of counts) {
      const verdict = firstFramesCheck(frames, last, camera);
      verdicts.push(verdict);
      if (verdict === 'done') break;
      last = frames;
    }
    return verdicts;
  };

  test('a camera that decodes is done at the second look; one stuck on its first frame gets a keyframe request', () => {
    assert.deepEqual(run([9, 27], true), ['look-again', 'done']);
    // The picture that froze on its first keyframe (mediasoup 3.8.4, docs/protocol.md resumeConsumer).
    assert.deepEqual(run([1, 1, 30], true), ['look-again', 'ask', 'done']);
    assert.deepEqual(run([9, 9, 9], true), ['look-again', 'ask', 'ask'], 'stuck after a few frames');
  });

  test('nothing decoded: a keyframe request at each check; a screen share is done at its first frame', () => {
    assert.deepEqual(run([0, 0, 0], true), ['ask', 'ask', 'ask']);
    assert.deepEqual(run([0, 4, 12], true), ['ask', 'look-again', 'done']);
    assert.deepEqual(run([1], false), ['done'], 'a screen share may show one still frame for long');
    assert.deepEqual(run([0, 0, 1], false), ['ask', 'ask', 'done']);
  });
});

describe('subscribe before publish', () => {
  const video = { kind: 'video' as const };
  const audio = { kind: 'audio' as const };
  test('remote video counts only from publishers the join subscribes to', () => {
    const infos = new Map([
      ['ada', { producers: [audio] }],
      ['bob', { producers: [audio, video] }],
    ]) as unknown as Parameters<typeof hasRemoteVideo>[0];
    assert.equal(hasRemoteVideo(infos, () => true), true);
    assert.equal(hasRemoteVideo(infos, (u) => u === 'ada'), false);
    assert.equal(hasRemoteVideo(new Map(), () => true), false, 'an empty room');
  });

  test('with remote video the publish starts only after the first video consume', async () => {
    const order: string[] = [];
    const first = new Deferred<void>();
    const turn = publishTurn(true, first.promise, 60_000).then(() => order.push('produce'));
    await Promise.resolve();
    order.push('consumed');
    first.resolve();
    await turn;
    assert.deepEqual(order, ['consumed', 'produce']);
  });

  test('a failed first consume, or none in the cap, does not hold the publish', async () => {
    const failed = new Deferred<void>();
    failed.reject(new Error('consume failed'));
    await publishTurn(true, failed.promise, 60_000);
    await publishTurn(true, new Promise(() => undefined), 1);
  });

  test('an empty room publishes at once (before anything else queued)', async () => {
    const order: string[] = [];
    const turn = publishTurn(false, new Promise(() => undefined), 60_000).then(() => order.push('produce'));
    void Promise.resolve().then(() => Promise.resolve()).then(() => order.push('later'));
    await turn;
    assert.deepEqual(order, ['produce']);
  });
});

type Chunk = { type: 'chunk'; fileName: string; imports: string[]; dynamicImports: string[]; moduleIds: string[] };
const chunk = (fileName: string, imports: string[], dynamicImports: string[], moduleIds: string[] = []): Chunk => ({
  type: 'chunk',
  fileName,
  imports,
  dynamicImports,
  moduleIds,
});

function run(base: string, path: string, entry: string, chunks: Chunk[]) {
  const plugin = confKitPreloadMediasoupClient();
  plugin.configResolved({ base });
  const bundle = Object.fromEntries(chunks.map((c) => [c.fileName, c]));
  return plugin.transformIndexHtml.handler('<html></html>', { path, bundle, chunk: bundle[entry] });
}

describe('confKitPreloadMediasoupClient', () => {
  const msc = chunk('assets/msc.js', [], [], ['/app/node_modules/mediasoup-client/lib/index.js', '/app/node_modules/mediasoup-client/lib/Device.js']);
  const session = chunk('assets/session.js', ['assets/core.js'], []);
  const core = chunk('assets/core.js', [], ['assets/msc.js']);

  test('a page whose up-front code imports mediasoup-client on demand gets a modulepreload for it', () => {
    assert.deepEqual(run('./', '/session.html', 'assets/session.js', [session, core, msc]), [
      { tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: './assets/msc.js' }, injectTo: 'head' },
    ]);
    // A page in a folder, a relative base; an absolute base.
    const nested = run('./', '/rooms/join.html', 'assets/session.js', [session, core, msc]) as { attrs: Record<string, unknown> }[];
    assert.equal(nested[0]!.attrs.href, '../assets/msc.js');
    const absolute = run('/static/', '/session.html', 'assets/session.js', [session, core, msc]) as { attrs: Record<string, unknown> }[];
    assert.equal(absolute[0]!.attrs.href, '/static/assets/msc.js');
  });

  test('no hint when the page imports it statically (vite preloads it), loads it only from a lazy chunk, or never', () => {
    const floor = chunk('assets/floor.js', ['assets/msc.js'], []);
    assert.equal(run('./', '/floor.html', 'assets/floor.js', [floor, msc]), '<html></html>');
    // index: the session core itself is a lazy chunk, so mediasoup-client is two lazy hops away.
    const index = chunk('assets/index.js', [], ['assets/core.js']);
    assert.equal(run('./', '/index.html', 'assets/index.js', [index, core, msc]), '<html></html>');
    const plain = chunk('assets/plain.js', [], []);
    assert.equal(run('./', '/plain.html', 'assets/plain.js', [plain]), '<html></html>', 'no mediasoup-client in the bundle');
  });
});
