/**
 * The benchmark floor: the least code that speaks conf-kit's protocol with bare mediasoup-client,
 * doing the same work as a ConferenceSession join (camera+mic published as 3-layer VP8 simulcast,
 * every publisher's camera and mic consumed, video first), ordered for the fastest first remote frame.
 * It measures join start -> first decoded remote video frame and exposes it as window.floorResult.
 */
import { Device } from 'mediasoup-client';
import type { types } from 'mediasoup-client';
import {
  PROTOCOL_VERSION,
  SIGNALING_PATH,
  type ConsumerInfo,
  type JoinResult,
  type ProducerInfo,
  type RequestMethod,
  type RequestParams,
  type RequestResult,
  type TransportInfo,
} from '../src/protocol/protocol.js';

declare global {
  interface Window {
    floorResult?: { firstFrameMs: number } | { error: string };
  }
}

const params = new URLSearchParams(location.search);

async function run(): Promise<number> {
  const t0 = performance.now();
  const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}${SIGNALING_PATH}`);
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.onmessage = (ev) => {
    const msg = JSON.parse(String(ev.data));
    if (typeof msg.id !== 'number') return;
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.ok) p?.resolve(msg.data);
    else p?.reject(new Error(`${msg.error.code}: ${msg.error.message}`));
  };
  const request = <M extends RequestMethod>(method: M, data: RequestParams<M>) =>
    new Promise<RequestResult<M>>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      ws.send(JSON.stringify({ id, method, data }));
    });

  const publish = params.get('publish') === '1';
  const media = publish ? navigator.mediaDevices.getUserMedia({ audio: true, video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } } /* the kit's DEFAULT_VIDEO_CONSTRAINTS: the same work */ }) : null;
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('socket error'));
  });
  const join: JoinResult = await request('join', {
    protocolVersion: PROTOCOL_VERSION,
    roomId: params.get('room') ?? 'bench',
    userId: params.get('user') ?? `floor-${Math.random().toString(36).slice(2)}`,
    name: 'floor',
    callType: 'video',
  });
  let device: Device;
  try {
    device = new Device();
  } catch {
    device = new Device({ handlerName: 'Chrome111' });
  }
  await device.load({ routerRtpCapabilities: join.routerRtpCapabilities as types.RtpCapabilities });

  const makeTransport = async (direction: 'send' | 'recv') => {
    const info: TransportInfo = await request('createTransport', { direction });
    const options = {
      id: info.id,
      iceParameters: info.iceParameters as types.IceParameters,
      iceCandidates: info.iceCandidates as types.IceCandidate[],
      dtlsParameters: info.dtlsParameters as types.DtlsParameters,
    };
    const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, ok, fail) => {
      request('connectTransport', { transportId: transport.id, dtlsParameters }).then(() => ok(), fail);
    });
    return transport;
  };

  const firstFrame = (async () => {
    const recv = await makeTransport('recv');
    const consume = async (userId: string, producer: ProducerInfo) => {
      const info: ConsumerInfo = await request('consume', { producerId: producer.id, rtpCapabilities: device.rtpCapabilities });
      // One stream id per user, as ConferenceSession does (audio and video in sync).
      return recv.consume({ id: info.id, producerId: info.producerId, kind: info.kind, rtpParameters: info.rtpParameters as types.RtpParameters, streamId: userId });
    };
    const remote = join.publishers.flatMap((p) => p.producers.map((producer) => ({ userId: p.userId, producer })));
    const videoProducers = remote.filter((r) => r.producer.kind === 'video');
    if (videoProducers.length === 0) throw new Error('no remote video producer in the room');
    // Video first, then audio, as ConferenceSession orders them; the audio is played, not timed.
    const frames = videoProducers.map(async ({ userId, producer }) => {
      const consumer = await consume(userId, producer);
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      video.playsInline = true;
      video.srcObject = new MediaStream([consumer.track]);
      document.getElementById('videos')!.append(video);
      await request('resumeConsumer', { consumerId: consumer.id });
      await new Promise<void>((resolve) => video.requestVideoFrameCallback(() => resolve()));
      return performance.now();
    });
    for (const { userId, producer } of remote.filter((r) => r.producer.kind === 'audio')) {
      void consume(userId, producer).then(async (consumer) => {
        const audio = document.createElement('audio');
        audio.autoplay = true;
        audio.srcObject = new MediaStream([consumer.track]);
        document.getElementById('videos')!.append(audio);
        await request('resumeConsumer', { consumerId: consumer.id });
      }, (error: unknown) => console.error('floor: consuming audio failed', error));
    }
    return Math.min(...(await Promise.all(frames)));
  })();

  if (media) {
    const [stream, send] = await Promise.all([media, makeTransport('send')]);
    send.on('produce', ({ kind, rtpParameters, appData }, ok, fail) => {
      request('produce', { transportId: send.id, kind, rtpParameters, source: appData.source as 'mic' | 'camera' }).then(
        ({ producerId }) => ok({ id: producerId }),
        fail,
      );
    });
    const vp8 = device.rtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === 'video/vp8');
    await Promise.all([
      send.produce({ track: stream.getAudioTracks()[0], appData: { source: 'mic' } }),
      send.produce({
        track: stream.getVideoTracks()[0],
        codec: vp8,
        encodings: [
          { scaleResolutionDownBy: 4, maxBitrate: 96_000, scalabilityMode: 'L1T3' },
          { scaleResolutionDownBy: 2, maxBitrate: 512_000, scalabilityMode: 'L1T3' },
          { scaleResolutionDownBy: 1, maxBitrate: 1_024_000, scalabilityMode: 'L1T3' },
        ],
        appData: { source: 'camera' },
      }),
    ]);
  }
  return (await firstFrame) - t0;
}

run().then(
  (firstFrameMs) => {
    window.floorResult = { firstFrameMs };
  },
  (error: unknown) => {
    window.floorResult = { error: String(error) };
  },
);
