/**
 * Hostile input against the real server process, then real media: after a barrage of malformed
 * messages every one of which gets a typed error, a new participant still joins and sees video.
 * (test/unit/server-hostile.test.ts covers each error code in depth, in-process.)
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { Browser, Page } from 'playwright-core';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import { eventually, launchBrowser, openPage, sessionFramesOf, startServer, type RunningServer } from './harness.js';

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

/** [frame, expected error code]. Frames without an id get a response with id null. */
function hostileFrames(): [string | Buffer, string][] {
  const req = (method: string, data: unknown, id = 1) => JSON.stringify({ id, method, data });
  const frames: [string | Buffer, string][] = [
    ['', 'invalid-message'],
    ['not json', 'invalid-message'],
    ['{', 'invalid-message'],
    ['null', 'invalid-message'],
    ['42', 'invalid-message'],
    ['"hello"', 'invalid-message'],
    ['[]', 'invalid-message'],
    ['[1,2,3]', 'invalid-message'],
    ['true', 'invalid-message'],
    ['{}', 'invalid-message'],
    ['{"method":"join"}', 'invalid-message'],
    ['{"id":1}', 'invalid-message'],
    ['{"id":"1","method":"ping","data":{}}', 'invalid-message'],
    ['{"id":-1,"method":"ping","data":{}}', 'invalid-message'],
    ['{"id":1.5,"method":"ping","data":{}}', 'invalid-message'],
    ['{"id":1,"method":42,"data":{}}', 'invalid-message'],
    ['{"id":1,"method":"ping","data":"x"}', 'invalid-message'],
    ['{"id":1,"method":"ping","data":[1]}', 'invalid-message'],
    [Buffer.from([0xde, 0xad, 0xbe, 0xef]), 'invalid-message'],
    [JSON.stringify({ id: 1, method: 'ping', data: {}, pad: 'x'.repeat(70 * 1024) }), 'too-large'],
    [req('nope', {}), 'unknown-method'],
    [req('__proto__', {}), 'unknown-method'],
    [req('constructor', {}), 'unknown-method'],
    [req('toString', {}), 'unknown-method'],
    [req('hasOwnProperty', {}), 'unknown-method'],
    [req('JOIN', {}), 'unknown-method'],
    [req('join ', {}), 'unknown-method'],
    [req('', {}), 'invalid-message'],
    [req('x'.repeat(5000), {}), 'invalid-message'],
  ];
  const join = { protocolVersion: PROTOCOL_VERSION, roomId: 'r', userId: 'u', name: 'n', callType: 'video' };
  const badJoins: unknown[] = [
    {},
    { ...join, roomId: '' },
    { ...join, roomId: 'x'.repeat(1000) },
    { ...join, roomId: 42 },
    { ...join, userId: '' },
    { ...join, userId: null },
    { ...join, name: 'n'.repeat(10_000) },
    { ...join, callType: 'hologram' },
    { ...join, callType: 1 },
    { ...join, protocolVersion: 'one' },
    { ...join, roomId: undefined },
  ];
  for (const data of badJoins) frames.push([req('join', data), 'invalid-params']);
  frames.push([req('join', { ...join, protocolVersion: PROTOCOL_VERSION + 99 }), 'protocol-mismatch']);
  // Methods that need a joined participant.
  const needJoin: [string, unknown][] = [
    ['leave', {}],
    ['createTransport', { direction: 'send' }],
    ['createTransport', { direction: 'recv' }],
    ['connectTransport', { transportId: 't', dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AA:BB' }] } }],
    ['closeProducer', { producerId: 'p' }],
    ['setProducerPaused', { producerId: 'p', paused: true }],
    ['consume', { producerId: 'p', rtpCapabilities: { codecs: [] } }],
    ['resumeConsumer', { consumerId: 'c' }],
    ['closeConsumer', { consumerId: 'c' }],
    ['requestKeyFrame', { consumerId: 'c' }],
  ];
  for (const [method, data] of needJoin) frames.push([req(method, data), 'not-joined']);
  const badParams: [string, unknown][] = [
    ['createTransport', { direction: 'sideways' }],
    ['createTransport', {}],
    ['connectTransport', { transportId: 't', dtlsParameters: { role: 'client', fingerprints: [] } }],
    ['setProducerPaused', { producerId: 'p', paused: 'yes' }],
    ['consume', { producerId: 7 }],
    ['resumeConsumer', {}],
    ['requestKeyFrame', { consumerId: ['c'] }],
  ];
  for (const [method, data] of badParams) frames.push([req(method, data), 'invalid-params']);
  return frames;
}

async function expectErrors(frames: [string | Buffer, string][]): Promise<number> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const responses: any[] = [];
  ws.on('message', (data) => responses.push(JSON.parse(String(data))));
  let checked = 0;
  for (const [frame, code] of frames) {
    const before = responses.length;
    ws.send(frame);
    const response = await eventually(() => responses[before], `response to ${String(frame).slice(0, 60)}`, 30_000);
    assert.equal(response.ok, false, `frame ${String(frame).slice(0, 60)} must fail`);
    assert.equal(response.error.code, code, `frame ${String(frame).slice(0, 80)}: ${response.error.message}`);
    assert.equal(typeof response.error.message, 'string');
    assert.equal(ws.readyState, WebSocket.OPEN, 'the socket stays open');
    checked++;
  }
  ws.close();
  return checked;
}

const framesOf = sessionFramesOf;

test('50+ hostile messages each get a typed error; the server still carries media afterwards', async () => {
  const r = `hostile-${Date.now()}`;
  const a = await openPage(browser, `${server.url}/session.html?room=${r}&user=a&name=A&autoJoin=1`);
  await eventually(() => a.evaluate(() => (window as any).session?.state.getSnapshot().connection === 'joined'), 'a joined');

  const frames = hostileFrames();
  assert.ok(frames.length >= 50, `only ${frames.length} hostile frames`);
  assert.equal(await expectErrors(frames), frames.length);

  // A still in its call, and a newcomer joins and sees A's video.
  assert.equal(await a.evaluate(() => (window as any).session.state.getSnapshot().connection), 'joined');
  const b = await openPage(browser, `${server.url}/session.html?room=${r}&user=b&name=B&autoJoin=1`);
  try {
    await eventually(async () => (await framesOf(b, 'a')) > 0, 'b decodes a after the barrage');
    await eventually(async () => (await framesOf(a, 'b')) > 0, 'a decodes b after the barrage');
    const health = await (await fetch(`${server.url}/healthz`)).json();
    assert.equal(health.ok, true);
  } finally {
    await Promise.all([a, b].map((p) => p.context().close()));
  }
});
