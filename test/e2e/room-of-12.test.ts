/**
 * A full room: 11 load bots (bots/, real ffmpeg RTP into plain transports) and one real
 * Chromium page on the demo, against the real built server (docs/bots.md). Also: a 13th
 * participant gets room-full, and layer switching works on a bot's simulcast camera.
 */
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import { SignalingTestClient } from '../../server/test-client.js';
import { startBots, LAYERS, type BotsHandle } from '../../bots/index.js';
import { closePages, eventually, launchBrowser, openPage, startServer, uniqueRoom, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Remote tiles of the demo's <conf-room>: user id, whether video plays, decoded frames. */
const remoteTiles = (page: Page) =>
  page.evaluate(() => {
    const tiles = [...(document.querySelector('conf-room')?.shadowRoot?.querySelectorAll('conf-tile:not([local])') ?? [])];
    return tiles.map((tile) => {
      const video = tile.shadowRoot?.querySelector<HTMLVideoElement>('[part~="video"]');
      return {
        userId: tile.getAttribute('user-id') ?? '',
        playing: Boolean(video && !video.paused && video.videoWidth > 0),
        frames: video ? video.getVideoPlaybackQuality().totalVideoFrames : 0,
      };
    });
  });

const cpuOf = (pids: number[]) => {
  if (pids.length === 0) return [];
  const out = execFileSync('ps', ['-o', '%cpu=', '-p', pids.join(',')], { encoding: 'utf8' });
  return out.trim().split(/\s+/).map(Number);
};

describe('a room of 12: one browser and 11 bots', () => {
  const room = uniqueRoom('twelve');
  let bots: BotsHandle;
  let page: Page;

  before(async () => {
    bots = await startBots({ url: server.url, room, count: 11 });
  });
  after(async () => {
    if (page) await closePages(page);
    await bots?.stop();
  });

  test('the page decodes 11 remote videos whose frames keep advancing', async () => {
    page = await openPage(browser, `${server.url}/?room=${room}&name=Viewer&user=viewer`);
    const expected = Array.from({ length: 11 }, (_, i) => `bot-${i + 1}`).sort();
    await eventually(async () => {
      const tiles = await remoteTiles(page);
      return tiles.length === 11 && tiles.every((t) => t.playing && t.frames > 0);
    }, '11 playing remote tiles', 120_000);
    assert.deepEqual((await remoteTiles(page)).map((t) => t.userId).sort(), expected);

    // Every tile keeps decoding new frames (the bots' pictures move; a frozen one would not count).
    const first = await remoteTiles(page);
    await eventually(async () => {
      const now = await remoteTiles(page);
      return now.length === 11 && now.every((t) => t.frames >= first.find((f) => f.userId === t.userId)!.frames + 10);
    }, 'every remote tile decodes 10 more frames', 90_000);

    // Bots cost almost nothing: ffmpeg only copies packets (reported, not asserted).
    const cpu = cpuOf(bots.ffmpegPids());
    console.log(`11 bot ffmpegs, %cpu each (lifetime average): ${cpu.join(' ')}; total ${cpu.reduce((a, b) => a + b, 0).toFixed(1)}`);
  });

  test('a 13th participant gets room-full', async () => {
    const client = await SignalingTestClient.connect(server.url);
    try {
      const response = await client.request('join', { protocolVersion: PROTOCOL_VERSION, roomId: room, userId: 'thirteenth', name: '13', callType: 'video' });
      assert.equal(response.ok, false);
      assert.equal(!response.ok && response.error.code, 'room-full');
    } finally {
      await client.close();
    }
  });
});

describe("layer switching on a bot's simulcast camera", () => {
  const room = uniqueRoom('botlayers');
  let bots: BotsHandle;
  let page: Page;

  before(async () => {
    bots = await startBots({ url: server.url, room, count: 2 });
  });
  after(async () => {
    if (page) await closePages(page);
    await bots?.stop();
  });

  const decoded = () =>
    page.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('video[data-user-id="bot-1"]');
      return video ? { width: video.videoWidth, height: video.videoHeight } : { width: 0, height: 0 };
    });

  test('asking for low gives the 320x180 layer, and high brings a larger one back', async () => {
    page = await openPage(browser, `${server.url}/session.html?room=${room}&user=viewer&name=Viewer&autoJoin=1`);
    await eventually(async () => (await decoded()).width > 0, 'the page decodes bot-1', 60_000);

    await page.evaluate(() => (window as any).session.requestPreferredStreamForOpponent('bot-1', 'low'));
    const low = LAYERS[0];
    await eventually(async () => {
      const d = await decoded();
      return d.width === low.width && d.height === low.height;
    }, `bot-1 decoded at ${low.width}x${low.height}`, 30_000);

    await page.evaluate(() => (window as any).session.requestPreferredStreamForOpponent('bot-1', 'high'));
    await eventually(async () => (await decoded()).width > low.width, 'bot-1 decoded above the low layer again', 60_000);
  });
});
