/**
 * Builds the SDP that tells ffmpeg how to read one consumer's RTP from a PlainTransport
 * (rtcpMux false: RTP on `rtpPort`, RTCP on `rtpPort + 1`, both on loopback).
 */

/** The parts of a mediasoup consumer's rtpParameters the SDP needs. */
export interface SdpRtpParameters {
  codecs: { mimeType: string; payloadType: number; clockRate: number; channels?: number; parameters?: Record<string, unknown> }[];
}

export class SdpError extends Error {
  override name = 'SdpError';
}

const SUPPORTED = new Set(['audio/opus', 'video/vp8', 'video/vp9', 'video/h264']);

/** The media codec of rtpParameters (the first one that is not RTX/FEC). */
export function mediaCodec(rtp: SdpRtpParameters): SdpRtpParameters['codecs'][number] {
  const codec = rtp.codecs.find((c) => !/\/(rtx|red|ulpfec|flexfec)$/i.test(c.mimeType));
  if (!codec) throw new SdpError('rtpParameters have no media codec');
  if (!SUPPORTED.has(codec.mimeType.toLowerCase())) throw new SdpError(`codec ${codec.mimeType} cannot be recorded`);
  return codec;
}

export function buildSdp(rtp: SdpRtpParameters, rtpPort: number, ip = '127.0.0.1'): string {
  if (!Number.isInteger(rtpPort) || rtpPort < 1 || rtpPort > 65534) throw new SdpError(`bad RTP port ${rtpPort}`);
  const codec = mediaCodec(rtp);
  const [kind, name] = codec.mimeType.split('/') as [string, string];
  const pt = codec.payloadType;
  const rtpmap = kind === 'audio' ? `${name}/${codec.clockRate}/${codec.channels ?? 1}` : `${name}/${codec.clockRate}`;
  const fmtp = Object.entries(codec.parameters ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(';');
  return [
    'v=0',
    `o=- 0 0 IN IP4 ${ip}`,
    's=conf-kit recording',
    `c=IN IP4 ${ip}`,
    't=0 0',
    `m=${kind} ${rtpPort} RTP/AVP ${pt}`,
    `a=rtcp:${rtpPort + 1}`,
    `a=rtpmap:${pt} ${rtpmap}`,
    ...(fmtp ? [`a=fmtp:${pt} ${fmtp}`] : []),
    'a=recvonly',
    '',
  ].join('\n');
}
