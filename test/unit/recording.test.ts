/** Recording engine units: SDP, layout maths, the timeline/manifest, signed URLs, compose args, catalogue, REST router. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildSdp, SdpError } from '../../server/recording/sdp.js';
import { computeLayout, gridRects } from '../../server/recording/layout.js';
import { Timeline, readManifest, writeManifest } from '../../server/recording/manifest.js';
import { signDownload, verifyDownload } from '../../server/recording/signed-url.js';
import { buildComposeArgs, ComposeQueue, enableExpr } from '../../server/recording/compose.js';
import { JsonFileCatalogue, type RecordingRecord } from '../../server/recording/catalogue.js';
import { createRecordingRouter, parseRange, type Authorize } from '../../server/recording/router.js';
import { recordCapabilities, highestLayers } from '../../server/recording/segment.js';
import { RecordingError } from '../../server/recording/manager.js';

const opus = { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: { minptime: 10, useinbandfec: 1 } };
const vp8 = { mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {} };
const rtx = { mimeType: 'video/rtx', payloadType: 102, clockRate: 90000, parameters: { apt: 101 } };

describe('buildSdp', () => {
  test('audio: port, rtcp port + 1, rtpmap with channels, fmtp', () => {
    const sdp = buildSdp({ codecs: [opus] }, 20000);
    assert.match(sdp, /^m=audio 20000 RTP\/AVP 100$/m);
    assert.match(sdp, /^a=rtcp:20001$/m);
    assert.match(sdp, /^a=rtpmap:100 opus\/48000\/2$/m);
    assert.match(sdp, /^a=fmtp:100 minptime=10;useinbandfec=1$/m);
    assert.match(sdp, /^c=IN IP4 127\.0\.0\.1$/m);
  });
  test('video: skips RTX, no fmtp line when there are no parameters', () => {
    const sdp = buildSdp({ codecs: [rtx, vp8] }, 20002);
    assert.match(sdp, /^m=video 20002 RTP\/AVP 101$/m);
    assert.match(sdp, /^a=rtpmap:101 VP8\/90000$/m);
    assert.doesNotMatch(sdp, /rtx|a=fmtp/);
  });
  test('bad input is a typed error', () => {
    assert.throws(() => buildSdp({ codecs: [rtx] }, 20000), SdpError);
    assert.throws(() => buildSdp({ codecs: [{ mimeType: 'video/AV1', payloadType: 96, clockRate: 90000 }] }, 20000), /cannot be recorded/);
    assert.throws(() => buildSdp({ codecs: [vp8] }, 65535), /bad RTP port/);
  });
});

describe('recording consumer parameters', () => {
  test('capabilities lose RTX, header extensions and BWE feedback', () => {
    const caps = recordCapabilities({
      codecs: [
        { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'transport-cc' }, { type: 'goog-remb' }, { type: 'ccm', parameter: 'fir' }] },
        { kind: 'video', mimeType: 'video/rtx', clockRate: 90000 },
      ],
      headerExtensions: [{ kind: 'video', uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01', preferredId: 5 }],
    });
    assert.equal(caps.codecs!.length, 1);
    assert.deepEqual(caps.codecs![0]!.rtcpFeedback!.map((f) => f.type), ['nack', 'ccm']);
    assert.deepEqual(caps.headerExtensions, []);
  });
  test('highest layers: last encoding, top temporal layer', () => {
    const three = { rtpParameters: { codecs: [], encodings: [{ scalabilityMode: 'L1T3' }, {}, {}] } };
    assert.deepEqual(highestLayers(three as never), { spatialLayer: 2, temporalLayer: 2 });
    assert.deepEqual(highestLayers({ rtpParameters: { codecs: [], encodings: [{}] } } as never), { spatialLayer: 0, temporalLayer: 0 });
  });
});

describe('layout', () => {
  test('grids are square-ish, even, and inside the canvas', () => {
    assert.deepEqual(gridRects(1, { x: 0, y: 0, w: 640, h: 360 }), [{ x: 0, y: 0, w: 640, h: 360 }]);
    const two = gridRects(2, { x: 0, y: 0, w: 640, h: 360 });
    assert.deepEqual(two, [{ x: 0, y: 0, w: 320, h: 360 }, { x: 320, y: 0, w: 320, h: 360 }]);
    const three = gridRects(3, { x: 0, y: 0, w: 640, h: 360 });
    assert.deepEqual(three.map((r) => [r.x, r.y, r.w, r.h]), [[0, 0, 320, 180], [320, 0, 320, 180], [0, 180, 320, 180]]);
    for (let n = 1; n <= 12; n++) {
      for (const r of gridRects(n, { x: 0, y: 0, w: 640, h: 360 })) {
        assert.ok(r.x % 2 === 0 && r.y % 2 === 0 && r.w % 2 === 0 && r.h % 2 === 0);
        assert.ok(r.x + r.w <= 640 && r.y + r.h <= 360, `n=${n}`);
      }
    }
  });
  test('a screen share takes the large area; cameras go to the side column', () => {
    const l = computeLayout([{ key: 'a:camera', screen: false }, { key: 'b:screen', screen: true }, { key: 'b:camera', screen: false }], 640, 360);
    const screen = l.get('b:screen')!;
    assert.deepEqual(screen, { x: 0, y: 0, w: 480, h: 360 });
    for (const key of ['a:camera', 'b:camera']) {
      const r = l.get(key)!;
      assert.ok(r.x >= 480 && r.w <= 160 && r.w * r.h < (screen.w * screen.h) / 4, key);
    }
    assert.notEqual(l.get('a:camera')!.y, l.get('b:camera')!.y);
  });
});

describe('Timeline', () => {
  test('segments and gaps on the common clock; participants; stop closes all', () => {
    let now = 1000;
    const t = new Timeline('rec_x', 'room', () => now, 5_000_000);
    now = 1100;
    const mic = t.openSegment({ userId: 'a', source: 'mic', kind: 'audio', producerId: 'p1', paused: false });
    assert.equal(mic.start, 100);
    now = 1300;
    t.markStarted(mic);
    assert.equal(mic.start, 300, 'start moves to when media flows');
    now = 2000;
    t.setPaused(mic, true);
    t.setPaused(mic, true);
    now = 3000;
    t.setPaused(mic, false);
    assert.deepEqual(mic.gaps, [{ start: 1000, end: 2000 }]);
    const cam = t.openSegment({ userId: 'b', source: 'camera', kind: 'video', producerId: 'p2', paused: true });
    assert.deepEqual(cam.gaps, [{ start: 2000, end: null }], 'paused at start = open gap');
    now = 4000;
    t.closeSegment(cam);
    assert.deepEqual(cam.gaps, [{ start: 2000, end: 3000 }]);
    assert.equal(cam.end, 3000);
    now = 6000;
    t.stop();
    assert.equal(mic.end, 5000);
    assert.equal(t.manifest.duration, 5000);
    assert.deepEqual(t.participants(), ['a', 'b']);
    assert.equal(mic.file, 'seg-0.mkv');
    assert.equal(cam.file, 'seg-1.mkv');
  });
  test('manifest round-trips through its file; a foreign file is refused', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rec-unit-'));
    try {
      const t = new Timeline('rec_y', 'r');
      t.openSegment({ userId: 'a', source: 'camera', kind: 'video', producerId: 'p', paused: false });
      t.stop();
      await writeManifest(path.join(dir, 'm.json'), t.manifest);
      assert.deepEqual(await readManifest(path.join(dir, 'm.json')), t.manifest);
      writeFileSync(path.join(dir, 'x.json'), '{"hello":1}');
      await assert.rejects(readManifest(path.join(dir, 'x.json')), /not a recording manifest/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('signed download URLs', () => {
  const id = 'rec_0123456789abcdef0123456789abcdef';
  const parse = (u: string) => new URL(u, 'http://x').searchParams;
  test('valid until expiry, then expired; tampering is refused', () => {
    const now = 1_700_000_000_000;
    const q = parse(signDownload('secret-secret-secret', id, 3600, now));
    assert.deepEqual(verifyDownload('secret-secret-secret', id, q.get('expires'), q.get('sig'), now + 3599_000), { ok: true });
    assert.deepEqual(verifyDownload('secret-secret-secret', id, q.get('expires'), q.get('sig'), now + 3600_000), { ok: false, reason: 'expired' });
    assert.equal(verifyDownload('other-secret-secret', id, q.get('expires'), q.get('sig'), now).ok, false);
    assert.equal(verifyDownload('secret-secret-secret', id.replace('0', '1'), q.get('expires'), q.get('sig'), now).ok, false);
    const later = String(Number(q.get('expires')) + 3600);
    assert.deepEqual(verifyDownload('secret-secret-secret', id, later, q.get('sig'), now), { ok: false, reason: 'bad-signature' });
    assert.deepEqual(verifyDownload('secret-secret-secret', id, null, q.get('sig'), now), { ok: false, reason: 'malformed' });
    assert.deepEqual(verifyDownload('secret-secret-secret', id, '1e9', q.get('sig'), now), { ok: false, reason: 'malformed' });
  });
});

describe('compose arguments', () => {
  const manifest = {
    version: 1 as const, recordingId: 'rec_a', roomId: 'r', startedAt: 0, duration: 10_000,
    segments: [
      { id: 'seg-0', file: 'seg-0.mkv', userId: 'a', source: 'camera' as const, kind: 'video' as const, producerId: 'p0', start: 200, end: 10_000, gaps: [{ start: 3000, end: 4000 }] },
      { id: 'seg-1', file: 'seg-1.mkv', userId: 'a', source: 'mic' as const, kind: 'audio' as const, producerId: 'p1', start: 150, end: 10_000, gaps: [] },
      { id: 'seg-2', file: 'seg-2.mkv', userId: 'c', source: 'camera' as const, kind: 'video' as const, producerId: 'p2', start: 5000, end: 9000, gaps: [] },
    ],
  };
  test('late joiners are offset on the common clock; gaps disable the overlay; audio delayed and mixed', () => {
    const args = buildComposeArgs(manifest, '/rec', '/rec/out.webm', manifest.segments);
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    assert.match(graph, /color=c=black:s=640x360:r=15:d=10\.000/);
    assert.match(graph, /\[2:v\]setpts=PTS-STARTPTS\+5\.000\/TB/);
    assert.match(graph, /overlay=x=320:y=0:eof_action=pass:enable='between\(t,5\.000,9\.000\)'/);
    assert.match(graph, /enable='between\(t,0\.200,10\.000\)\*not\(between\(t,3\.000,4\.000\)\)'/);
    assert.match(graph, /\[1:a\]aresample=async=1:first_pts=0,.*adelay=150:all=1/);
    assert.match(graph, /amix=inputs=2:duration=first/);
    assert.deepEqual(args.filter((a) => a.endsWith('.mkv')), ['/rec/seg-0.mkv', '/rec/seg-1.mkv', '/rec/seg-2.mkv']);
    for (const flag of ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-threads', '1', '-c:a', 'libopus']) assert.ok(args.includes(flag), flag);
    assert.equal(args[args.indexOf('-t') + 1], '10.000');
    assert.equal(args.at(-1), '/rec/out.webm');
  });
  test('enableExpr closes open gaps at the segment end', () => {
    assert.equal(enableExpr(0, 2000, [{ start: 1000, end: null }]), 'between(t,0.000,2.000)*not(between(t,1.000,2.000))');
  });
  test('ComposeQueue runs one job at a time, in order, past failures', async () => {
    const q = new ComposeQueue();
    const log: string[] = [];
    let running = 0;
    const job = (name: string, fail = false) => async () => {
      running++;
      assert.equal(running, 1);
      await new Promise((r) => setTimeout(r, 5));
      log.push(name);
      running--;
      if (fail) throw new Error(name);
    };
    const results = await Promise.allSettled([q.push(job('a')), q.push(job('b', true)), q.push(job('c'))]);
    assert.deepEqual(log, ['a', 'b', 'c']);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  });
});

const record = (over: Partial<RecordingRecord> = {}): RecordingRecord => ({
  id: 'rec_0123456789abcdef0123456789abcdef', roomId: 'r1', startedAt: '2026-01-01T00:00:00.000Z', endedAt: null,
  duration: 0, size: 0, participants: [], status: 'recording', by: 'a', ...over,
});

describe('JsonFileCatalogue', () => {
  test('persists, filters, clears reason when no longer failed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rec-cat-'));
    try {
      const file = path.join(dir, 'catalogue.json');
      const c = await JsonFileCatalogue.open(file);
      await c.add(record());
      await c.add(record({ id: 'rec_ffffffffffffffffffffffffffffffff', roomId: 'r2' }));
      await assert.rejects(c.add(record()), /already exists/);
      await c.update(record().id, { status: 'failed', reason: 'x' });
      assert.equal((await c.get(record().id))!.reason, 'x');
      await c.update(record().id, { status: 'ready', size: 5 });
      const again = await JsonFileCatalogue.open(file);
      assert.deepEqual((await again.list({ roomId: 'r1' })).map((r) => [r.status, r.size, r.reason]), [['ready', 5, undefined]]);
      assert.equal((await again.list()).length, 2);
      await assert.rejects(again.update('rec_nope', {}), /no recording/);
      assert.ok(JSON.parse(readFileSync(file, 'utf8')).recordings.length === 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parseRange', () => {
  test('the forms of a single byte range', () => {
    assert.equal(parseRange(undefined, 100), null);
    assert.deepEqual(parseRange('bytes=0-9', 100), [0, 9]);
    assert.deepEqual(parseRange('bytes=90-', 100), [90, 99]);
    assert.deepEqual(parseRange('bytes=-10', 100), [90, 99]);
    assert.deepEqual(parseRange('bytes=50-500', 100), [50, 99]);
    for (const bad of ['bytes=100-', 'bytes=5-1', 'bytes=-0', 'bytes=-', 'items=0-1', 'bytes=0-1,5-6']) assert.equal(parseRange(bad, 100), 'invalid', bad);
  });
});

describe('recording REST router (fake authorize, fake manager)', () => {
  async function withRouter(authorize: Authorize, fn: (base: string, calls: string[], advance: (ms: number) => void) => Promise<void>) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rec-router-'));
    const file = path.join(dir, 'out.webm');
    writeFileSync(file, Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256)));
    const calls: string[] = [];
    let now = 1_700_000_000_000;
    const ready = record({ status: 'ready', size: 1000 });
    const manager = {
      start: async (roomId: string, by: string) => {
        calls.push(`start ${roomId} ${by}`);
        if (roomId === 'empty') throw new RecordingError('not-found', 'room empty has nobody in it');
        return record({ roomId });
      },
      stop: async (roomId: string) => (calls.push(`stop ${roomId}`), roomId === 'r1' ? record({ status: 'processing' }) : null),
      list: async () => [ready, record({ id: 'rec_ffffffffffffffffffffffffffffffff' })],
      get: async (id: string) => (id === ready.id ? ready : undefined),
      fileOf: () => file,
      state: (roomId: string) => (roomId === 'r1' ? { active: true, startedAt: 5, by: 'host' } : { active: false, startedAt: null, by: null }),
    };
    const router = createRecordingRouter({
      manager,
      authorize,
      meetingExists: async (id) => id === 'm1',
      secret: 'unit-secret-0123456789',
      urlTtlSeconds: 60,
      now: () => now,
    });
    const server: Server = createServer((req, res) => {
      void router(req, res).then((done) => {
        if (!done) res.writeHead(404).end('static');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fn(base, calls, (ms) => (now += ms));
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('start/stop/list/download with an allowing authorize', async () => {
    await withRouter(() => ({ allowed: true, userId: 'host' }), async (base, calls, advance) => {
      const started = await fetch(`${base}/api/rooms/r1/recording`, { method: 'POST' });
      assert.equal(started.status, 200);
      assert.equal(((await started.json()) as any).recording.status, 'recording');
      assert.deepEqual(calls, ['start r1 host']);
      assert.equal((await fetch(`${base}/api/rooms/r1/recording`, { method: 'DELETE' })).status, 200);
      assert.equal((await fetch(`${base}/api/rooms/r9/recording`, { method: 'DELETE' })).status, 404);
      assert.equal((await fetch(`${base}/api/rooms/empty/recording`, { method: 'POST' })).status, 404);
      // The public status (the pre-join notice): active and startedAt, not who started it.
      const status = await fetch(`${base}/api/rooms/r1/recording`);
      assert.equal(status.status, 200);
      assert.deepEqual(await status.json(), { recording: { active: true, startedAt: 5 } });
      assert.deepEqual(await (await fetch(`${base}/api/rooms/r2/recording`)).json(), { recording: { active: false, startedAt: null } });
      assert.equal((await fetch(`${base}/api/rooms/r1/recording`, { method: 'PUT' })).status, 405);
      // A meeting's recordings (seed): the list of its room; unknown meetings 404.
      const meeting = await fetch(`${base}/api/meetings/m1/recordings`);
      assert.equal(meeting.status, 200);
      assert.equal(((await meeting.json()) as any).recordings.length, 2);
      assert.equal((await fetch(`${base}/api/meetings/nope/recordings`)).status, 404);
      assert.equal((await fetch(`${base}/api/meetings/m1/recordings`, { method: 'POST' })).status, 405);

      const list = ((await (await fetch(`${base}/api/recordings?roomId=r1`)).json()) as any).recordings;
      assert.equal(list[1].url, null, 'no url before ready');
      const url: string = list[0].url;
      const whole = await fetch(base + url);
      assert.equal(whole.status, 200);
      assert.equal(whole.headers.get('content-length'), '1000');
      assert.equal(whole.headers.get('content-type'), 'video/webm');
      const part = await fetch(base + url, { headers: { range: 'bytes=10-19' } });
      assert.equal(part.status, 206);
      assert.equal(part.headers.get('content-range'), 'bytes 10-19/1000');
      assert.deepEqual([...new Uint8Array(await part.arrayBuffer())], [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
      const bad = await fetch(base + url, { headers: { range: 'bytes=2000-' } });
      assert.equal(bad.status, 416);
      assert.equal(bad.headers.get('content-range'), 'bytes */1000');
      assert.equal((await fetch(base + url.replace(/sig=[^&]+/, 'sig=xyz'))).status, 403);
      assert.equal((await fetch(`${base}/api/recordings/..%2F..%2Fetc/download?expires=1&sig=x`)).status, 403);
      assert.equal((await fetch(`${base}/api/other`)).status, 404, 'other paths fall through');
      advance(61_000);
      const expired = await fetch(base + url);
      assert.equal(expired.status, 403);
      assert.match(((await expired.json()) as any).error.message, /expired/);
    });
  });

  test('a refusing authorize gets 403 forbidden (or its 401), and the manager is never called', async () => {
    const seen: string[] = [];
    const deny: Authorize = (_req, roomId, action) => {
      seen.push(`${action} ${roomId}`);
      return action === 'list' ? { allowed: false, status: 401, message: 'token required' } : { allowed: false };
    };
    await withRouter(deny, async (base, calls) => {
      const r = await fetch(`${base}/api/rooms/r1/recording`, { method: 'POST' });
      assert.equal(r.status, 403);
      assert.equal(((await r.json()) as any).error.code, 'forbidden');
      assert.equal((await fetch(`${base}/api/rooms/r1/recording`, { method: 'DELETE' })).status, 403);
      const l = await fetch(`${base}/api/recordings?roomId=r1`);
      assert.equal(l.status, 401);
      assert.equal(((await l.json()) as any).error.code, 'unauthorized');
      assert.equal((await fetch(`${base}/api/meetings/m1/recordings`)).status, 401);
      assert.deepEqual(calls, []);
      assert.deepEqual(seen.slice(0, 4), ['start r1', 'stop r1', 'list r1', 'list m1']);
    });
  });
});

describe('socket methods', () => {
  test('canRecord false -> forbidden, and the manager is not called; true -> state', async () => {
    const { recordingSocketApi } = await import('../../server/recording/socket.js');
    const { ProtocolError } = await import('../../server/protocol-schema.js');
    const calls: string[] = [];
    const manager = {
      start: async (roomId: string, by: string) => void calls.push(`start ${roomId} ${by}`),
      stop: async (roomId: string) => void calls.push(`stop ${roomId}`),
      state: () => ({ active: true, startedAt: 5, by: 'u' }),
    };
    const room = { id: 'r' } as never;
    const participant = { userId: 'u' } as never;
    const denied = recordingSocketApi(manager as never, () => false);
    await assert.rejects(denied.start(room, participant), (e: unknown) => e instanceof ProtocolError && e.code === 'forbidden');
    await assert.rejects(denied.stop(room, participant), (e: unknown) => e instanceof ProtocolError && e.code === 'forbidden');
    assert.deepEqual(calls, []);
    const open = recordingSocketApi(manager as never);
    assert.deepEqual(await open.start(room, participant), { active: true, startedAt: 5, by: 'u' });
    await open.stop(room, participant);
    assert.deepEqual(calls, ['start r u', 'stop r']);
  });
});
