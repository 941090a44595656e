/**
 * Simulcast, temporal layers, consumer pause and bitrate caps on the server side (docs/quality.md).
 * Small functions over mediasoup objects; Participant owns the objects and calls these.
 */
import type { types as ms } from 'mediasoup';
import type { PreferredLayersItem } from '../src/protocol/protocol.js';
import type { PeerChannel } from './participant.js';
import { ProtocolError } from './protocol-schema.js';

/**
 * Forwards a consumer's `layerschange` and `score` to its owner as `consumerLayersChanged` and
 * `consumerScore`. `isOpen` says whether the owner still listens.
 */
export function forwardConsumerEvents(consumer: ms.Consumer, channel: PeerChannel, isOpen: () => boolean): void {
  consumer.on('layerschange', (layers?: ms.ConsumerLayers | null) => {
    if (!isOpen() || consumer.closed) return;
    channel.notify('consumerLayersChanged', {
      consumerId: consumer.id,
      spatialLayer: layers ? layers.spatialLayer : null,
      temporalLayer: layers ? (layers.temporalLayer ?? null) : null,
    });
  });
  consumer.on('score', (score: ms.ConsumerScore) => {
    if (!isOpen() || consumer.closed) return;
    channel.notify('consumerScore', { consumerId: consumer.id, score: score.score, producerScore: senderScore(consumer, score) });
  });
}

/**
 * The producer's score as seen for this consumer: mediasoup's `producerScore` is the score of the
 * *selected* RTP stream, 0 when the consumer forwards no layer, which happens when the viewer's
 * downlink is too narrow for even the lowest one (docs/network-quality.md). Then the sender's
 * uplink is not the problem: use the best score among its streams instead.
 */
export function senderScore(consumer: Pick<ms.Consumer, 'currentLayers'>, score: ms.ConsumerScore): number {
  if (consumer.currentLayers || score.producerScores.length === 0) return score.producerScore;
  return Math.max(score.producerScore, ...score.producerScores);
}

/**
 * Applies a batch of preferred layers. All consumer ids are checked first (`not-found`, or
 * `invalid-params` for an audio consumer or a repeated id), so a bad batch changes nothing.
 */
export async function applyPreferredLayers(
  items: readonly PreferredLayersItem[],
  lookup: (consumerId: string) => ms.Consumer,
): Promise<void> {
  const seen = new Set<string>();
  const resolved = items.map((item) => {
    if (seen.has(item.consumerId)) {
      throw new ProtocolError('invalid-params', `consumer ${item.consumerId} is listed twice`);
    }
    seen.add(item.consumerId);
    const consumer = lookup(item.consumerId);
    if (consumer.kind !== 'video') {
      throw new ProtocolError('invalid-params', `consumer ${item.consumerId} is not a video consumer`);
    }
    return { consumer, item };
  });
  await Promise.all(
    resolved.map(({ consumer, item }) =>
      consumer.closed
        ? undefined
        : consumer.setPreferredLayers(
            item.temporalLayer === undefined
              ? { spatialLayer: item.spatialLayer }
              : { spatialLayer: item.spatialLayer, temporalLayer: item.temporalLayer },
          ),
    ),
  );
}

/** Pauses or resumes a consumer; resuming video asks for a keyframe so the picture comes back at once. */
export async function setConsumerPaused(consumer: ms.Consumer, paused: boolean): Promise<void> {
  if (paused) {
    if (!consumer.paused) await consumer.pause();
    return;
  }
  if (consumer.paused) await consumer.resume();
  if (consumer.kind === 'video' && !consumer.closed) await consumer.requestKeyFrame();
}

/** bps for `transport.setMaxIncomingBitrate`: 0 is unlimited in mediasoup 3.8.4. */
export function capToBps(kbps: number | null): number {
  return kbps && kbps > 0 ? Math.round(kbps * 1000) : 0;
}
