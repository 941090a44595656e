/** Shared helpers of the reliability tests (metrics, resume, fuzz, leaks). Not a test file. */
import assert from 'node:assert/strict';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import type { ConfServer } from '../../server/app.js';
import { SignalingTestClient } from '../../server/test-client.js';

export const joinParams = (roomId: string, userId: string) => ({
  protocolVersion: PROTOCOL_VERSION,
  roomId,
  userId,
  name: userId,
  callType: 'video' as const,
});

export const opusRtpParameters = (ssrc: number) => ({
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
  encodings: [{ ssrc }],
  rtcp: { cname: `c${ssrc}` },
});

/** DTLS parameters a test client connects a transport with: a sha-256 fingerprint of one repeated byte. */
export const fakeDtls = (byte = 'AA') => ({
  role: 'client' as const,
  fingerprints: [{ algorithm: 'sha-256' as const, value: Array.from({ length: 32 }, () => byte).join(':') }],
});

export const vp8RtpParameters = (ssrc: number) => ({
  codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: [{ type: 'nack', parameter: '' }] }],
  encodings: [{ ssrc }],
  rtcp: { cname: `v${ssrc}` },
});

/** Scrapes /metrics into `name{labels}` -> value (and `name` -> sum over labels). */
export async function scrape(server: ConfServer): Promise<Map<string, number>> {
  const res = await fetch(`${server.url}/metrics`);
  assert.equal(res.status, 200);
  const text = await res.text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m) continue;
    const value = Number(m[3]);
    out.set(m[1]! + (m[2] ?? ''), value);
    if (m[2]) out.set(m[1]!, (out.get(m[1]!) ?? 0) + value);
  }
  return out;
}

export const GAUGES = [
  'conf_kit_rooms',
  'conf_kit_participants',
  'conf_kit_transports',
  'conf_kit_producers',
  'conf_kit_consumers',
  'conf_kit_consumers_paused',
] as const;

/** Polls until `check` passes, for up to `timeoutMs` (generous: CI is a loaded machine); no timing assertions. */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    if (await check()) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`never happened: ${what}`);
}

/** A joined client with send+recv transports and a mic producer (no packets flow: no browser). */
export async function joinedPublisher(server: ConfServer, roomId: string, userId: string, ssrc: number) {
  const client = await SignalingTestClient.connect(server.url);
  const joined = await client.call('join', joinParams(roomId, userId));
  const send = await client.call('createTransport', { direction: 'send' });
  const recv = await client.call('createTransport', { direction: 'recv' });
  const { producerId } = await client.call('produce', {
    transportId: send.id,
    kind: 'audio',
    rtpParameters: opusRtpParameters(ssrc),
    source: 'mic',
  });
  return { client, joined, send, recv, producerId };
}
