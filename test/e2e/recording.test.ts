/**
 * Server-side recording end to end: the real server, real Chromium (demo/session.html), real
 * mediasoup PlainTransports and real ffmpeg. Two people record ~10 s, one mutes and unmutes, a
 * third joins half-way; the composed file is probed and its frames compared. Then a recording
 * whose ffmpeg is killed with SIGKILL fails while the call goes on.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { SignalingTestClient } from '../../server/test-client.js';
import { openDatabase } from '../../server/db/sqlite.js';
import { SqliteRecordingsCatalogue } from '../../server/meetings/recordings-repository.js';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import { computeLayout } from '../../server/recording/layout.js';
import { layoutTracks } from '../../server/recording/compose.js';
import type { Manifest } from '../../server/recording/manifest.js';
import { closePages, eventually, launchBrowser, openPage, sessionFramesOf, startServer, uniqueRoom, type RunningServer } from './harness.js';

const run = promisify(execFile);
const URL_TTL = 6;
const W = 640;
const H = 360;

let server: RunningServer;
let browser: Browser;
let dir: string;

async function joinPage(roomId: string, user: string): Promise<Page> {
  const page = await openPage(browser, `${server.url}/session.html?room=${roomId}&user=${user}&name=${user.toUpperCase()}&autoJoin=1`);
  await eventually(() => page.evaluate(() => (window as any).session?.state.getSnapshot().connection === 'joined'), `${user} joined`, 60_000);
  return page;
}

/** fetch with a dev token (open mode: `POST /api/dev-token`); recording REST needs a Bearer token. */
const tokens = new Map<string, Promise<string>>();
async function authed(url: string, init: RequestInit = {}): Promise<Response> {
  const base = new URL(url).origin;
  if (!tokens.has(base)) {
    tokens.set(base, fetch(`${base}/api/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'e2e', name: 'E2E' }) })
      .then((r) => r.json())
      .then((b) => (b as { token: string }).token));
  }
  return fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${await tokens.get(base)}` } });
}
const api = (p: string, init?: RequestInit) => authed(`${server.url}${p}`, init);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function recordingsOf(roomId: string): Promise<any[]> {
  const res = await api(`/api/recordings?roomId=${encodeURIComponent(roomId)}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { recordings: any[] }).recordings;
}

/** One frame of `file` at `t` seconds as planar yuv444p (Y, U, V planes of W x H bytes). */
async function rawFrame(file: string, t: number): Promise<Buffer> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-ss', t.toFixed(2), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'yuv444p', '-'], {
    encoding: 'buffer',
    maxBuffer: 8 << 20,
  });
  assert.equal(stdout.length, W * H * 3, 'one yuv444p frame');
  return stdout;
}

/**
 * How many layout tiles show a picture: more than 10% of their pixels far from black (Y 16,
 * U/V 128). Chromium's fake camera is green with Y near 0, so luma alone would not do.
 */
function litTiles(frame: Buffer, rects: { x: number; y: number; w: number; h: number }[]): number {
  const plane = W * H;
  return rects.filter((r) => {
    let lit = 0;
    for (let y = r.y + 4; y < r.y + r.h - 4; y++) {
      for (let x = r.x + 4; x < r.x + r.w - 4; x++) {
        const i = y * W + x;
        if (Math.abs(frame[i]! - 16) + Math.abs(frame[plane + i]! - 128) + Math.abs(frame[2 * plane + i]! - 128) > 40) lit++;
      }
    }
    return lit / ((r.w - 8) * (r.h - 8)) > 0.1;
  }).length;
}

/** pids of this server's recording ffmpegs for `recordingId` (their argv names its directory). */
function ffmpegPids(recordingId: string): number[] {
  return ffmpegPidsIn(dir, recordingId);
}

/** The ffmpeg logs (`seg-N.log`) of a recording's segments. */
function segmentLogs(root: string, recordingId: string): string[] {
  const dir = path.join(root, recordingId);
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
  } catch {
    return [];
  }
}

function ffmpegPidsIn(root: string, recordingId: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (path.basename(argv[0] ?? '') === 'ffmpeg' && argv.some((a) => a.includes(path.join(root, recordingId)))) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'conf-rec-'));
  browser = await launchBrowser();
  server = await startServer({ RECORDINGS_DIR: dir, DATA_DIR: path.join(dir, 'data'), RECORDING_URL_TTL: String(URL_TTL), RECORDING_SECRET: 'e2e-secret-0123456789' });
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (!process.env.KEEP_RECORDINGS) rmSync(dir, { recursive: true, force: true });
});

describe('server-side recording', () => {
  test('two record ~10 s, one mutes/unmutes, a third joins half-way: one playable, aligned file', { timeout: 600_000 }, async () => {
    const roomId = uniqueRoom('rec');
    const a = await joinPage(roomId, 'a');
    const b = await joinPage(roomId, 'b');
    const pages = [a, b];
    let observer: SignalingTestClient | undefined;
    try {
      await eventually(async () => (await sessionFramesOf(b, 'a')) > 0 && (await sessionFramesOf(a, 'b')) > 0, 'a and b decode each other', 60_000);

      const t0 = Date.now();
      const started = await api(`/api/rooms/${roomId}/recording`, { method: 'POST' });
      assert.equal(started.status, 200);
      const { recording } = (await started.json()) as { recording: any };
      assert.equal(recording.status, 'recording');
      // Starting twice is idempotent.
      const again = (await (await api(`/api/rooms/${roomId}/recording`, { method: 'POST' })).json()) as { recording: any };
      assert.equal(again.recording.id, recording.id);

      // Someone joining now learns about it in the join result; everyone hears when it stops.
      observer = await SignalingTestClient.connect(server.url);
      const joined = await observer.call('join', { protocolVersion: PROTOCOL_VERSION, roomId, userId: 'observer', name: 'O', callType: 'audio' });
      assert.equal(joined.recording?.active, true);
      assert.equal(joined.recording?.by, 'e2e', 'the REST caller (the dev token user)');

      const t0After = Date.now();
      // a's mic as the server last announced it (publisherUpdated, seen by the observer).
      const aMicPaused = () =>
        [...observer!.notifications]
          .reverse()
          .find((n) => n.method === 'publisherUpdated' && (n.data as any).publisher.userId === 'a')
          ?.data as any;
      const micPaused = () => aMicPaused()?.publisher.producers.find((p: any) => p.source === 'mic')?.paused as boolean | undefined;

      await sleep(2000);
      await a.evaluate(() => (window as any).session.setMicrophoneMute(true));
      // The mute lasts at least 1.5 s on the server's clock: counted from when the server announced it.
      await eventually(() => micPaused() === true, 'the server has paused a\'s mic', 60_000);
      await sleep(1500);
      await a.evaluate(() => (window as any).session.setMicrophoneMute(false));
      await eventually(() => micPaused() === false, 'the server has resumed a\'s mic', 60_000);
      await sleep(1000);
      const c = await joinPage(roomId, 'c');
      pages.push(c);
      await eventually(async () => (await sessionFramesOf(a, 'c')) > 0, 'a decodes c', 60_000);
      const elapsed = Date.now() - t0;
      await sleep(Math.max(5000, 10_500 - elapsed));

      const t1 = Date.now();
      const stopped = await observer.call('stopRecording', {});
      const t1After = Date.now();
      assert.equal(stopped.recording.active, false);
      await eventually(() => observer!.notifications.some((n) => n.method === 'recordingChanged' && (n.data as any).active === false), 'recordingChanged sent');
      // The server recorded from some moment between sending and answering the start to some
      // moment between sending and answering the stop: the file's duration lies in between.
      const shortest = (t1 - t0After) / 1000;
      const longest = (t1After - t0) / 1000;

      const ready = await eventually(
        async () => {
          const [r] = await recordingsOf(roomId);
          if (r?.status === 'failed') throw new Error(`recording failed: ${r.reason}`);
          return r?.status === 'ready' ? r : null;
        },
        'composed file ready',
        480_000,
      );
      assert.deepEqual([...ready.participants].sort(), ['a', 'b', 'c']);
      assert.ok(ready.size > 10_000, `size ${ready.size}`);
      assert.match(ready.url, /^\/api\/recordings\/rec_[0-9a-f]{32}\/download\?expires=\d+&sig=/);

      // The manifest: a's mic has a gap (the mute); c's camera starts half-way.
      const manifest = JSON.parse(readFileSync(path.join(dir, ready.id, 'manifest.json'), 'utf8')) as Manifest;
      const aMic = manifest.segments.find((s) => s.userId === 'a' && s.source === 'mic')!;
      assert.equal(aMic.gaps.length, 1);
      assert.ok(aMic.gaps[0]!.end! - aMic.gaps[0]!.start > 800, 'the mute is a gap of about 1.5 s');
      const cCam = manifest.segments.find((s) => s.userId === 'c' && s.source === 'camera')!;
      assert.ok(cCam.start > 3000, `c joined half-way (${cCam.start} ms)`);

      // ffprobe: one video + one audio stream, the recorded span, >= 10 fps.
      const file = path.join(dir, ready.id, 'recording.webm');
      const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-print_format', 'json', '-show_format', '-show_streams', file]);
      const probe = JSON.parse(stdout) as { format: { duration: string }; streams: { codec_type: string; nb_read_frames?: string }[] };
      const video = probe.streams.filter((s) => s.codec_type === 'video');
      assert.equal(video.length, 1);
      assert.equal(probe.streams.filter((s) => s.codec_type === 'audio').length, 1);
      const duration = Number(probe.format.duration);
      assert.ok(
        duration >= shortest - 0.5 && duration <= longest + 0.5,
        `duration ${duration} s, recorded between ${shortest} and ${longest} s (manifest ${manifest.duration} ms, ${dir})`,
      );
      assert.ok(Number(video[0]!.nb_read_frames) >= 10 * duration, `${video[0]!.nb_read_frames} frames in ${duration} s`);

      // Frames: fewer lit tiles before c joined than after.
      const rects = [...computeLayout(layoutTracks(manifest), W, H).values()];
      assert.equal(rects.length, 3);
      const before = litTiles(await rawFrame(file, cCam.start / 1000 - 1), rects);
      const afterJoin = litTiles(await rawFrame(file, Math.min(cCam.start / 1000 + 2.5, duration - 0.5)), rects);
      assert.equal(before, 2, 'a and b before c joined');
      assert.equal(afterJoin, 3, 'a, b and c after');

      // Download: whole file, a range, then the link expires. The link listed above was signed for
      // URL_TTL seconds, which the checks above may have used up on a loaded machine: list again.
      const [listed] = await recordingsOf(roomId);
      assert.equal(listed?.id, ready.id);
      const link = listed!.url;
      const whole = await api(link);
      assert.equal(whole.status, 200);
      assert.equal(whole.headers.get('accept-ranges'), 'bytes');
      assert.equal((await whole.arrayBuffer()).byteLength, ready.size);
      const part = await api(link, { headers: { range: 'bytes=100-199' } });
      assert.equal(part.status, 206);
      assert.equal(part.headers.get('content-range'), `bytes 100-199/${ready.size}`);
      assert.equal((await part.arrayBuffer()).byteLength, 100);
      const tampered = await api(link.replace(/sig=./, 'sig=A'));
      assert.equal(tampered.status, 403);
      // The link was signed for URL_TTL seconds when the recording was listed (some of them have
      // passed above): it stops working by itself once that time has passed.
      const expires = Number(/expires=(\d+)/.exec(link)![1]);
      assert.ok(expires * 1000 - Date.now() <= URL_TTL * 1000, `expires ${expires} is within the ${URL_TTL} s TTL`);
      const expired = (await eventually(async () => {
        const res = await api(link);
        return res.status === 403 ? res : null;
      }, 'the download link expires', (URL_TTL + 30) * 1000))!;
      assert.ok(Date.now() >= expires * 1000, 'not refused before its expiry');
      assert.match(((await expired.json()) as any).error.message, /expired/);
    } finally {
      await observer?.close();
      await closePages(...pages);
    }
  });

  test('kill -9 of a recording ffmpeg fails that recording; the call keeps decoding', { timeout: 180_000 }, async () => {
    const roomId = uniqueRoom('reckill');
    const a = await joinPage(roomId, 'a');
    const b = await joinPage(roomId, 'b');
    try {
      await eventually(async () => (await sessionFramesOf(b, 'a')) > 0, 'b decodes a', 60_000);
      const { recording } = (await (await api(`/api/rooms/${roomId}/recording`, { method: 'POST' })).json()) as { recording: any };
      await eventually(() => ffmpegPids(recording.id).length >= 4, 'four segment ffmpegs');
      const pids = ffmpegPids(recording.id);
      await sleep(1500);
      process.kill(pids[0]!, 'SIGKILL');

      const failed = await eventually(async () => {
        const r = (await recordingsOf(roomId)).find((x) => x.id === recording.id);
        return r?.status === 'failed' ? r : null;
      }, 'recording failed');
      assert.match(failed.reason, /ffmpeg .* exited \(SIGKILL\)/);
      assert.match(server.logs(), /recording ffmpeg died/);
      // The other ffmpegs were stopped too.
      await eventually(() => ffmpegPids(recording.id).length === 0, 'no ffmpeg left for it');
      // The call goes on.
      const before = await sessionFramesOf(b, 'a');
      await eventually(async () => (await sessionFramesOf(b, 'a')) > before + 20, 'b still decodes a');
      assert.equal(a.isClosed(), false);
    } finally {
      await closePages(a, b);
    }
  });

  test('SIGTERM stops recordings cleanly; the next start composes them', { timeout: 300_000 }, async () => {
    const shared = mkdtempSync(path.join(dir, 'restart-'));
    const env = { RECORDINGS_DIR: shared, DATA_DIR: path.join(shared, 'data'), RECORDING_SECRET: 'e2e-secret-0123456789' };
    const first = await startServer(env);
    const roomId = uniqueRoom('recterm');
    const page = await openPage(browser, `${first.url}/session.html?room=${roomId}&user=a&name=A&autoJoin=1`);
    try {
      await eventually(() => page.evaluate(() => (window as any).session?.state.getSnapshot().connection === 'joined'), 'a joined', 60_000);
      const res = await authed(`${first.url}/api/rooms/${roomId}/recording`, { method: 'POST' });
      const { recording } = (await res.json()) as { recording: any };
      await eventually(() => ffmpegPidsIn(shared, recording.id).length >= 2, 'a\'s two segments');
      // Stop only once both ffmpegs have probed their input and written a header: before the
      // camera's first keyframe a video segment holds nothing (compose skips such a segment).
      await eventually(() => segmentLogs(shared, recording.id).filter((log) => log.includes('Output #0')).length >= 2, 'both segments writing media', 60_000);
      await sleep(2000);
      await first.stop();
      // ffmpeg got SIGINT and finalised; the recording waits for the next start.
      assert.deepEqual(ffmpegPidsIn(shared, recording.id), []);
      // The catalogue is in the meetings database (DATA_DIR).
      const db = openDatabase(env.DATA_DIR);
      const saved = await new SqliteRecordingsCatalogue(db).get(recording.id);
      db.close();
      assert.equal(saved?.status, 'processing');
      const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path.join(shared, recording.id, 'seg-1.mkv')]);
      assert.ok(Number(stdout) > 0, `finalised segment has a duration (${stdout.trim()})`);

      const second = await startServer(env);
      try {
        const ready = await eventually(async () => {
          const list = ((await (await authed(`${second.url}/api/recordings?roomId=${roomId}`)).json()) as any).recordings;
          return list[0]?.status === 'ready' ? list[0] : null;
        }, 'composed after restart', 240_000);
        assert.ok(ready.duration > 2);
      } finally {
        await second.stop();
      }
    } finally {
      await closePages(page);
      await first.stop();
    }
  });

  test('a missing ffmpeg or a full disk: clear failed status and a log line naming the fix', { timeout: 60_000 }, async () => {
    for (const [env, reason] of [
      [{ FFMPEG_PATH: '/nonexistent/ffmpeg' }, /ffmpeg not found .*apt-get install ffmpeg/],
      [{ RECORDINGS_MIN_FREE_MB: '100000000' }, /disk full/],
    ] as const) {
      const broken = mkdtempSync(path.join(dir, 'broken-'));
      const s = await startServer({ ...env, RECORDINGS_DIR: broken, DATA_DIR: path.join(broken, 'data') });
      const client = await SignalingTestClient.connect(s.url);
      try {
        if ('FFMPEG_PATH' in env) assert.match(s.logs(), /recording disabled: ffmpeg not found .*apt-get install ffmpeg/);
        const roomId = uniqueRoom('recbroken');
        await client.call('join', { protocolVersion: PROTOCOL_VERSION, roomId, userId: 'u', name: 'U', callType: 'audio' });
        const res = await authed(`${s.url}/api/rooms/${roomId}/recording`, { method: 'POST' });
        assert.equal(res.status, 503);
        assert.match(((await res.json()) as any).error.message, reason);
        const list = ((await (await authed(`${s.url}/api/recordings?roomId=${roomId}`)).json()) as any).recordings;
        assert.equal(list.length, 1);
        assert.equal(list[0].status, 'failed');
        assert.match(list[0].reason, reason);
        // Over the socket, the same refusal is an error response, and the call is untouched.
        await assert.rejects(client.call('startRecording', {}), reason);
        assert.deepEqual(await client.call('ping', {}).then((r) => typeof r.now), 'number');
      } finally {
        await client.close();
        await s.stop();
      }
    }
  });
});
