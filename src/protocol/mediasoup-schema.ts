/**
 * mediasoup's own JSON shapes as zod schemas (./schema.ts uses them): bounded and loose, so the
 * server checks their structure and mediasoup checks the details. Server-only at run time.
 */
import { z } from 'zod';

const mediaKind = z.enum(['audio', 'video']);

/**
 * mediasoup's own JSON shapes (RTP parameters, capabilities, DTLS parameters). The server checks
 * them structurally and mediasoup checks the details; on the wire they are typed `unknown`, so each
 * side uses its own mediasoup library's types. The type generator prints these as `unknown`.
 */
export const mediasoupShapes = z.registry<{ mediasoup: string }>();

function mediasoupJson(name: string, schema: z.ZodType): z.ZodType<unknown> {
  mediasoupShapes.add(schema, { mediasoup: name });
  return schema;
}


// ---------------------------------------------------------------------------
// mediasoup JSON shapes: structural, bounded, and loose (unknown keys pass through to mediasoup,
// which validates the details itself).
// ---------------------------------------------------------------------------

const str = (max: number) => z.string().max(max);
const payloadType = z.int().min(0).max(127);
const codecParameters = z.record(z.string().max(128), z.unknown());

const rtcpFeedback = z.looseObject({
  type: str(64),
  parameter: str(64).optional(),
});

const rtpCodecCapability = z.looseObject({
  kind: mediaKind,
  mimeType: str(64),
  clockRate: z.int().positive(),
  preferredPayloadType: payloadType.optional(),
  channels: z.int().min(1).max(16).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});

const rtpHeaderExtensionCapability = z.looseObject({
  kind: str(16),
  uri: str(256),
  preferredId: z.int().min(0).max(255),
  preferredEncrypt: z.boolean().optional(),
  direction: str(16).optional(),
});

export const rtpCapabilities = mediasoupJson(
  'RtpCapabilities',
  z.looseObject({
    codecs: z.array(rtpCodecCapability).max(128).optional(),
    headerExtensions: z.array(rtpHeaderExtensionCapability).max(64).optional(),
  }),
);

const rtpCodecParameters = z.looseObject({
  mimeType: str(64),
  payloadType,
  clockRate: z.int().positive(),
  channels: z.int().min(1).max(16).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});

const rtpEncoding = z.looseObject({
  ssrc: z.int().min(0).max(0xffffffff).optional(),
  rid: str(32).optional(),
  codecPayloadType: payloadType.optional(),
  rtx: z.looseObject({ ssrc: z.int().min(0).max(0xffffffff) }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: str(16).optional(),
  scaleResolutionDownBy: z.number().positive().optional(),
  maxBitrate: z.number().nonnegative().optional(),
});

export const rtpParameters = mediasoupJson(
  'RtpParameters',
  z.looseObject({
    mid: str(32).optional(),
    codecs: z.array(rtpCodecParameters).min(1).max(32),
    headerExtensions: z
      .array(
        z.looseObject({
          uri: str(256),
          id: z.int().min(0).max(255),
          encrypt: z.boolean().optional(),
          parameters: codecParameters.optional(),
        }),
      )
      .max(32)
      .optional(),
    encodings: z.array(rtpEncoding).max(16).optional(),
    rtcp: z
      .looseObject({
        cname: str(256).optional(),
        reducedSize: z.boolean().optional(),
        mux: z.boolean().optional(),
      })
      .optional(),
  }),
);

export const dtlsParameters = mediasoupJson(
  'DtlsParameters',
  z.looseObject({
    role: z.enum(['auto', 'client', 'server']).optional(),
    fingerprints: z
      .array(z.looseObject({ algorithm: str(32), value: str(512) }))
      .min(1)
      .max(16),
  }),
);

/** What the server sends of mediasoup's own objects (not validated; the client hands them to mediasoup-client). */
export const fromMediasoup = (name: string) => mediasoupJson(name, z.unknown());
